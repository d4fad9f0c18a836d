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

#define LETTER_WIDTH 74 /* the longest line of the templates in catalog/letters */

/* 1 when one of the length bytes at text holds a line longer than the letter's width. */
static int has_long_line(const char *text, size_t length)
{
    for (size_t i = 0, start = 0; i <= length; i++)
        if (i == length || text[i] == '\n') {
            if (i - start > LETTER_WIDTH)
                return 1;
            start = i + 1;
        }
    return 0;
}

/* Writes a paragraph (length bytes) as one run of words wrapped at the letter's width. */
static void write_rewrapped(FILE *out, const char *paragraph, size_t length)
{
    char *joined = strndup(paragraph, length);
    if (!joined)
        return;
    for (char *c = joined; *c; c++)
        if (*c == '\n')
            *c = ' ';
    for (size_t end = strlen(joined); end > 0 && joined[end - 1] == ' ';)
        joined[--end] = '\0';
    text_write_wrapped(out, joined, "", "", LETTER_WIDTH);
    free(joined);
}

/*
 * The letter with every paragraph that a filled-in value pushed past the
 * width wrapped again; the others (the address block, the date) keep their
 * lines. A new string; NULL when memory runs out.
 */
static char *reflow(const char *text)
{
    char *out = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&out, &size);
    if (!stream)
        return NULL;
    for (const char *p = text; *p;) {
        const char *end = strstr(p, "\n\n");
        size_t length = end ? (size_t)(end - p) + 1 : strlen(p); /* with its last newline */
        if (has_long_line(p, length))
            write_rewrapped(stream, p, length);
        else
            fwrite(p, 1, length, stream);
        p += length;
        while (*p == '\n')
            fputc(*p++, stream);
    }
    return fclose(stream) == 0 ? out : (free(out), NULL);
}

/* When to send a dispute: before the date, or (once it passed) at once, with what can still be done. */
static void describe_send_by(const action_plan *plan, const char *deadline, char *out, size_t len)
{
    if (!plan->has_days_left || plan->days_left >= 0) {
        snprintf(out, len, "before %s.", deadline);
        return;
    }
    int written = snprintf(out, len, "as soon as you can: the date on the notice, %s, passed %ld day%s ago.",
                           deadline, -plan->days_left, plan->days_left == -1 ? "" : "s");
    const plan_steps *late = plan->step_count ? &plan->steps[0] : NULL;
    if (!late || strcmp(late->situation, "deadline_passed") != 0)
        return;
    for (size_t i = 0; i < late->count && written > 0 && (size_t)written < len; i++)
        written += snprintf(out + written, len - (size_t)written, "%s%s",
                            i ? " " : " What you can still do: ", late->steps[i]);
}

const char *ns_document_letter_refusal(const ns_document *document, const char *kind)
{
    if (!document || document->status != NS_OK)
        return "the document was not read, so there is no notice to answer";
    return explain_letter_refusal(&document->plan, kind);
}

char *ns_document_letter(const ns_document *document, const char *kind)
{
    const embedded_file *template = kind ? letter_template(kind) : NULL;
    if (!template || ns_document_letter_refusal(document, kind))
        return NULL;
    const action_plan *plan = &document->plan;
    char today[40], notice_date[40], deadline[40], appeal_deadline[40], amount[48], name[96], address[160];
    char send_by[1024];
    date_format_long(document->today, today, sizeof today);
    const extracted_field *dated = &document->extraction.fields[NS_FIELD_NOTICE_DATE];
    ns_date none = {0, 0, 0};
    long_date_or_prompt(dated->found ? date_from_days((long)dated->chosen.number) : none, "[the notice date]",
                        notice_date, sizeof notice_date);
    long_date_or_prompt(plan->deadline, "[the date on the notice]", deadline, sizeof deadline);
    long_date_or_prompt(plan->appeal.deadline, "[the date on the notice]", appeal_deadline,
                        sizeof appeal_deadline);
    describe_send_by(plan, deadline, send_by, sizeof send_by);
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
        {"{send_by}", send_by},
    };
    char *filled = text_fill_placeholders((const char *)template->data, template->size, fills,
                                          sizeof fills / sizeof fills[0]);
    char *letter = filled ? reflow(filled) : NULL;
    free(filled);
    return letter;
}
