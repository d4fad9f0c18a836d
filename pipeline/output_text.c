/*
 * output_text.c - the action plan as text for a person: what the notice is,
 * the deadline and days left, the steps, what happens if nothing is done.
 * It formats the plan the explain stage made; it decides nothing itself.
 */
#include "dates.h"
#include "document.h"
#include "explain.h"
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_WIDTH 78 /* fits an 80-column terminal with a margin */

static void write_days(FILE *out, long days)
{
    if (days > 0)
        fprintf(out, " - %ld day%s left", days, days == 1 ? "" : "s");
    else if (days == 0)
        fprintf(out, " - that is TODAY");
    else
        fprintf(out, " - PASSED %ld day%s ago", -days, days == -1 ? "" : "s");
}

static void write_long_date(FILE *out, ns_date date)
{
    char text[40];
    date_format_long(date, text, sizeof text);
    fputs(text, out);
}

/* The heading: source, code and title, urgency (in capitals) and the summary. */
static void write_heading(FILE *out, const ns_document *document, const action_plan *plan)
{
    char upper[16];
    size_t n = 0;
    for (; plan->urgency[n] && n + 1 < sizeof upper; n++)
        upper[n] = (char)(plan->urgency[n] >= 'a' && plan->urgency[n] <= 'z' ? plan->urgency[n] - 32
                                                                             : plan->urgency[n]);
    upper[n] = '\0';
    fprintf(out, "%s\n", document->source);
    fprintf(out, "%s: %s\n", plan->code[0] ? plan->code : "Notice", plan->title);
    fprintf(out, "Urgency: %s", upper);
    if (plan->urgency_reason[0])
        fprintf(out, " (%s)", plan->urgency_reason);
    fprintf(out, "\n\n");
    text_write_wrapped(out, plan->summary, "", "", TEXT_WIDTH);
    fprintf(out, "\n");
}

/* Amount, deadline, tax year and notice date, aligned. */
static void write_key_facts(FILE *out, const extraction *fields, const action_plan *plan, int from_code)
{
    const extracted_field *amount = &fields->fields[NS_FIELD_AMOUNT_DUE];
    if (amount->found) {
        char money[48];
        format_money_for_people(amount->chosen.number, money, sizeof money);
        fprintf(out, "  Amount due:   %s\n", money);
    }
    if (date_is_valid(plan->deadline)) {
        fprintf(out, "  Deadline:     ");
        write_long_date(out, plan->deadline);
        write_days(out, plan->days_left);
        fprintf(out, "\n");
        char basis[PLAN_BASIS_LEN + 2];
        snprintf(basis, sizeof basis, "(%s)", plan->deadline_basis);
        text_write_wrapped(out, basis, "                ", "                ", TEXT_WIDTH);
    } else if (date_is_valid(plan->appeal.deadline)) {
        fprintf(out, "  Deadline:     to appeal, by ");
        write_long_date(out, plan->appeal.deadline);
        write_days(out, plan->appeal.days_left);
        fprintf(out, " (see below)\n");
    } else if (plan->deadline_rule) {
        text_write_wrapped(out, plan->deadline_rule, "                ", "  Deadline:     ", TEXT_WIDTH);
    } else {
        fprintf(out, "  Deadline:     none printed on the notice\n");
    }
    if (from_code)
        return; /* a plan for a code alone has read nothing */
    const extracted_field *year = &fields->fields[NS_FIELD_TAX_YEAR];
    const extracted_field *date = &fields->fields[NS_FIELD_NOTICE_DATE];
    fprintf(out, "  Tax year:     %s\n", year->found ? year->chosen.value : "not found");
    if (date->found) {
        fprintf(out, "  Notice date:  ");
        write_long_date(out, date_from_days((long)date->chosen.number));
        fprintf(out, "\n");
    } else {
        fprintf(out, "  Notice date:  not found\n");
    }
}

static void write_appeal(FILE *out, const plan_appeal *appeal)
{
    if (!appeal->rule)
        return;
    fprintf(out, "\nYour right to appeal\n");
    fprintf(out, "  %s", appeal->rule->name);
    if (date_is_valid(appeal->deadline)) {
        fprintf(out, ": by ");
        write_long_date(out, appeal->deadline);
        write_days(out, appeal->days_left);
    }
    if (appeal->rule->form)
        fprintf(out, " (Form %s)", appeal->rule->form);
    fprintf(out, "\n");
    if (appeal->basis[0]) {
        char basis[PLAN_BASIS_LEN + 2];
        snprintf(basis, sizeof basis, "(%s)", appeal->basis);
        text_write_wrapped(out, basis, "  ", "  ", TEXT_WIDTH);
    }
    text_write_wrapped(out, appeal->rule->rule, "  ", "  ", TEXT_WIDTH);
}

/* Only a notice with scam signs (or none of a real one) gets this section. */
static void write_authenticity(FILE *out, const authenticity *check)
{
    if (strcmp(check->verdict, "no_scam_signs") == 0)
        return;
    fprintf(out, "\nIs it really from the IRS?\n");
    text_write_wrapped(out, check->summary, "  ", "  ", TEXT_WIDTH);
    for (int i = 0; i < check->sign_count; i++)
        text_write_wrapped(out, check->signs[i].signal->says, "    ", "  - ", TEXT_WIDTH);
}

static void write_steps(FILE *out, const action_plan *plan)
{
    fprintf(out, "\nWhat to do\n");
    for (size_t i = 0; i < plan->step_count; i++) {
        const plan_steps *group = &plan->steps[i];
        fprintf(out, "  %s:\n", group->heading);
        for (size_t j = 0; j < group->count; j++) {
            char number[32];
            snprintf(number, sizeof number, "    %zu. ", j + 1);
            text_write_wrapped(out, group->steps[j], "       ", number, TEXT_WIDTH);
        }
    }
}

static void write_growth(FILE *out, const plan_growth *growth)
{
    if (!growth->present)
        return;
    fprintf(out, "\nIf it stays unpaid (estimate%s)\n", growth->proposal ? ", interest only" : "");
    if (growth->rates_out_of_date) {
        fprintf(out, "  OUT OF DATE: the interest rates noticescan knows end on ");
        write_long_date(out, growth->rates_known_through);
        fprintf(out, ".\n");
    }
    for (size_t i = 0; i < PLAN_GROWTH_ROWS; i++) {
        char balance[48], with_plan[48];
        format_money_for_people(growth->rows[i].balance, balance, sizeof balance);
        format_money_for_people(growth->rows[i].with_payment_plan, with_plan, sizeof with_plan);
        fprintf(out, "  in %2d month%s: about %s", growth->rows[i].months, growth->rows[i].months == 1 ? " " : "s",
                balance);
        if (!growth->proposal)
            fprintf(out, " (%s on a payment plan)", with_plan);
        fprintf(out, "\n");
    }
    text_write_wrapped(out, growth->note, "  ", "  ", TEXT_WIDTH);
}

/* If nothing is done, the forms to use, the sources, and the fields to check by hand. */
static void write_closing(FILE *out, const extraction *fields, const action_plan *plan)
{
    if (plan->if_ignored_count)
        fprintf(out, "\nIf you do nothing\n");
    for (size_t i = 0; i < plan->if_ignored_count; i++)
        text_write_wrapped(out, plan->if_ignored[i], "    ", "  - ", TEXT_WIDTH);
    if (plan->form_count) {
        fprintf(out, "\nForms\n");
        for (size_t i = 0; i < plan->form_count; i++)
            fprintf(out, "  Form %-7s %s\n           %s\n", plan->forms[i]->key, plan->forms[i]->title,
                    plan->forms[i]->source);
    }
    fprintf(out, "\nSources\n");
    for (size_t i = 0; i < plan->source_count; i++)
        fprintf(out, "  %s\n", plan->sources[i]);
    int any_review = 0;
    for (int id = 0; id < NS_FIELD_COUNT; id++) {
        const extracted_field *field = &fields->fields[id];
        if (!field->review[0])
            continue;
        if (!any_review++)
            fprintf(out, "\nPlease check against the paper notice\n");
        if (field->found)
            fprintf(out, "  %s: %s (read %s)\n", ns_field_name((ns_field_id)id), field->review,
                    field->chosen.value);
        else
            fprintf(out, "  %s: %s\n", ns_field_name((ns_field_id)id), field->review);
    }
    const char *plan_reviews[][2] = {{"deadline", plan->deadline_review}, {"appeal", plan->appeal.review}};
    for (size_t i = 0; i < sizeof plan_reviews / sizeof plan_reviews[0]; i++) {
        if (!plan_reviews[i][1][0])
            continue;
        if (!any_review++)
            fprintf(out, "\nPlease check against the paper notice\n");
        char line[PLAN_REVIEW_LEN + 16];
        snprintf(line, sizeof line, "%s: %s", plan_reviews[i][0], plan_reviews[i][1]);
        text_write_wrapped(out, line, "    ", "  ", TEXT_WIDTH);
    }
    fprintf(out, "\nThis explains IRS procedure in general; it is not tax advice. The notice itself\n"
                 "and irs.gov are the authority.\n");
}

static void write_plan_text(FILE *out, const ns_document *document, const action_plan *plan,
                            const authenticity *check)
{
    int scam = strcmp(plan->category, "scam") == 0;
    if (scam)
        fprintf(out, "WARNING: THIS LOOKS LIKE A SCAM. Do not pay it and do not call any number on it.\n\n");
    write_heading(out, document, plan);
    if (!scam) {
        write_key_facts(out, &document->extraction, plan, document->from_code);
        write_appeal(out, &plan->appeal);
    }
    if (check)
        write_authenticity(out, check);
    write_steps(out, plan);
    write_growth(out, &plan->growth);
    write_closing(out, &document->extraction, plan);
}

char *ns_document_to_text(const ns_document *document)
{
    if (!document)
        return NULL;
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    if (!out)
        return NULL;
    if (document->status != NS_OK)
        fprintf(out, "%s\n", document->error ? document->error : document->source);
    else
        write_plan_text(out, document, &document->plan,
                        document->has_authenticity ? &document->authenticity : NULL);
    fclose(out);
    return text;
}
