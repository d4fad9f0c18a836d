/*
 * output_letter.c - response letters (catalog/letters/KIND.txt) filled in
 * from the document and its plan; what the notice cannot know is left as a
 * [bracketed prompt] for the reader.
 */
#include "dates.h"
#include "document.h"
#include "explain.h"
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const embedded_file *letter_template(const char *kind)
{
    char name[64];
    snprintf(name, sizeof name, "catalog/letters/%s.txt", kind);
    return embedded_file_find(name);
}

/* A field's value, or a [bracketed prompt] for the reader to fill in. */
static const char *value_or_prompt(const ns_document *document, ns_field_id id, const char *prompt)
{
    const extracted_field *field = &document->extraction.fields[id];
    return field->found ? field->chosen.value : prompt;
}

static void long_date_or_prompt(ns_date date, const char *prompt, char *out, size_t len)
{
    if (date_is_valid(date))
        date_format_long(date, out, len);
    else
        snprintf(out, len, "%s", prompt);
}

/* The address block read from the notice: its first line is the name, the rest the address. */
static void split_address_block(const extracted_field *block, char *name, size_t name_len, char *address,
                                size_t address_len)
{
    snprintf(name, name_len, "[Your name]");
    snprintf(address, address_len, "[Your street address]\n[City, State ZIP]");
    const char *newline = block->found ? strchr(block->chosen.value, '\n') : NULL;
    if (newline) {
        snprintf(name, name_len, "%.*s", (int)(newline - block->chosen.value), block->chosen.value);
        snprintf(address, address_len, "%s", newline + 1);
    }
}

char *ns_document_letter(const ns_document *document, const char *kind)
{
    const embedded_file *template = kind ? letter_template(kind) : NULL;
    if (!document || !template || document->status != NS_OK)
        return NULL;
    const action_plan *plan = &document->plan;
    char today[40], notice_date[40], deadline[40], appeal_deadline[40], amount[48], name[96], address[160];
    date_format_long(document->today, today, sizeof today);
    const extracted_field *dated = &document->extraction.fields[NS_FIELD_NOTICE_DATE];
    ns_date none = {0, 0, 0};
    long_date_or_prompt(dated->found ? date_from_days((long)dated->chosen.number) : none, "[the notice date]",
                        notice_date, sizeof notice_date);
    long_date_or_prompt(plan->deadline, "[the date on the notice]", deadline, sizeof deadline);
    long_date_or_prompt(plan->appeal.deadline, "[the date on the notice]", appeal_deadline,
                        sizeof appeal_deadline);
    const extracted_field *due = &document->extraction.fields[NS_FIELD_AMOUNT_DUE];
    if (due->found)
        format_money_for_people(due->chosen.number, amount, sizeof amount);
    else
        snprintf(amount, sizeof amount, "[the amount on the notice]");
    split_address_block(&document->extraction.fields[NS_FIELD_MAILING_ADDRESS], name, sizeof name, address,
                        sizeof address);
    const placeholder fills[] = {
        {"{today}", today},
        {"{name}", name},
        {"{address}", address},
        {"{irs_address}", "[the IRS address printed on your notice]"},
        {"{notice_code}", value_or_prompt(document, NS_FIELD_NOTICE_CODE, "[notice code]")},
        {"{notice_date}", notice_date},
        {"{tax_year}", value_or_prompt(document, NS_FIELD_TAX_YEAR, "[tax year]")},
        {"{taxpayer_id}",
         value_or_prompt(document, NS_FIELD_TAXPAYER_ID, "[last four digits of your SSN or EIN]")},
        {"{form}", value_or_prompt(document, NS_FIELD_FORM, "[form number]")},
        {"{amount}", amount},
        {"{response_date}", deadline},
        {"{appeal_deadline}", appeal_deadline},
    };
    return text_fill_placeholders((const char *)template->data, template->size, fills,
                                  sizeof fills / sizeof fills[0]);
}
