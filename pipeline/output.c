/*
 * output.c - render a document and its plan as JSON (through jansson, so it
 * is always valid) or as text for a person.
 */
#include "internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *region_name(page_region region)
{
    switch (region) {
    case REGION_HEADER: return "header";
    case REGION_BODY: return "body";
    case REGION_STUB: return "payment_stub";
    default: return "unknown";
    }
}

static json_t *candidate_value(ns_field_id id, const field_candidate *candidate)
{
    if (id == NS_FIELD_TAX_YEAR)
        return json_integer(candidate->number);
    return json_string(candidate->value);
}

static json_t *evidence_json(ns_field_id id, const field_candidate *candidate)
{
    return json_pack("{s:o, s:s, s:s, s:i, s:f, s:s}", "value", candidate_value(id, candidate), "rule",
                     candidate->rule ? candidate->rule : "", "region", region_name(candidate->region),
                     "repeats", candidate->repeats, "score", ((int)(candidate->score * 1000)) / 1000.0,
                     "text", candidate->text);
}

static json_t *field_json(ns_field_id id, const extracted_field *field, int explain)
{
    if (!field->found)
        return json_null();
    const field_candidate *chosen = &field->chosen;
    json_t *bbox = chosen->box.w
                       ? json_pack("[i,i,i,i]", chosen->box.x, chosen->box.y, chosen->box.w, chosen->box.h)
                       : json_null();
    json_t *out = json_pack("{s:o, s:f, s:i, s:o, s:s}", "value", candidate_value(id, chosen), "confidence",
                            field->confidence, "page", chosen->page, "bbox", bbox, "text", chosen->text);
    if (field->review[0])
        json_object_set_new(out, "review", json_string(field->review));
    if (explain) {
        json_object_set_new(out, "evidence", evidence_json(id, chosen));
        json_object_set_new(out, "runner_up",
                            field->has_runner_up ? evidence_json(id, &field->runner_up) : json_null());
    }
    return out;
}

/* The billing summary's lines, their total, and whether it equals the amount due. */
static json_t *billing_json(const extraction *fields)
{
    if (fields->billing_count == 0)
        return json_null();
    json_t *lines = json_array();
    int64_t total = 0;
    for (int i = 0; i < fields->billing_count; i++) {
        const billing_line *line = &fields->billing[i];
        char cents[32];
        format_money(line->cents, cents, sizeof cents);
        total += line->cents;
        json_array_append_new(
            lines, json_pack("{s:s, s:s, s:s}", "kind", line->kind, "amount", cents, "text", line->text));
    }
    char total_text[32];
    format_money(total, total_text, sizeof total_text);
    return json_pack("{s:o, s:s, s:o}", "lines", lines, "total", total_text, "agrees_with_amount_due",
                     fields->billing_agrees ? json_boolean(fields->billing_agrees > 0) : json_null());
}

static json_t *preprocess_json(const ns_document *document)
{
    json_t *pages = json_array();
    for (int i = 0; i < document->pages; i++) {
        const preprocess_report *report = &document->preprocess[i];
        json_array_append_new(
            pages, json_pack("{s:i, s:b, s:i, s:s, s:f, s:b, s:o, s:f, s:i, s:[i,i]}", "page", i + 1,
                             "page_found", report->page_found, "rotation", report->rotation,
                             "orientation_from", report->orientation_known ? "text shape" : "tesseract osd",
                             "skew_degrees", ((int)(report->skew_degrees * 100)) / 100.0, "dewarped",
                             report->dewarped, "line_curvature",
                             report->curvature >= 0 ? json_integer(report->curvature) : json_null(), "scale",
                             ((int)(report->scale * 1000)) / 1000.0, "text_height", report->text_height,
                             "size", report->width, report->height));
    }
    return pages;
}

static json_t *document_json(const ns_document *document, const ns_knowledge *knowledge,
                             const ns_render_options *options)
{
    json_t *root = json_object();
    json_object_set_new(root, "source", json_string(document->source ? document->source : ""));
    const char *status = document->status != NS_OK            ? "error"
                         : ns_document_needs_review(document) ? "review"
                                                              : "ok";
    json_object_set_new(root, "status", json_string(status));
    json_object_set_new(root, "error",
                        document->status == NS_OK
                            ? json_null()
                            : json_pack("{s:s, s:s}", "code", ns_status_code(document->status), "message",
                                        document->error ? document->error : ""));
    json_object_set_new(root, "pages", json_integer(document->pages));
    json_t *fields = json_object();
    json_t *review = json_array();
    for (int id = 0; id < NS_FIELD_COUNT; id++) {
        const extracted_field *field = &document->extraction.fields[id];
        json_object_set_new(fields, ns_field_name((ns_field_id)id),
                            field_json((ns_field_id)id, field, options->explain_fields));
        if (document->status == NS_OK && field->review[0])
            json_array_append_new(review, json_pack("{s:s, s:s}", "field", ns_field_name((ns_field_id)id),
                                                    "reason", field->review));
    }
    json_t *details = json_object();
    for (int id = NS_FIELD_COUNT; id < NS_FIELD_ALL_COUNT; id++) {
        const extracted_field *field = &document->extraction.fields[id];
        json_object_set_new(details, ns_field_name((ns_field_id)id),
                            field_json((ns_field_id)id, field, options->explain_fields));
    }
    if (document->status == NS_OK && !document->extraction.fields[NS_FIELD_NOTICE_CODE].found)
        json_array_append_new(
            review, json_pack("{s:s, s:s}", "field", "notice_code", "reason", "no notice code was found"));
    json_object_set_new(root, "fields", fields);
    json_object_set_new(root, "billing_summary", billing_json(&document->extraction));
    json_object_set_new(root, "details", details);
    json_object_set_new(root, "review", review);
    if (document->preprocessed)
        json_object_set_new(root, "preprocess", preprocess_json(document));
    int image_or_text = document->status == NS_OK && !document->from_code;
    json_object_set_new(root, "authenticity",
                        image_or_text ? explain_authenticity(&knowledge->catalog, &document->extraction)
                                      : json_null());
    json_object_set_new(root, "plan",
                        document->status == NS_OK
                            ? explain_plan(&knowledge->catalog, &document->extraction, options->today)
                            : json_null());
    return root;
}

char *ns_document_to_json(const ns_document *document, const ns_knowledge *knowledge,
                          const ns_render_options *options)
{
    if (!document || !knowledge || !options)
        return NULL;
    json_t *root = document_json(document, knowledge, options);
    char *text = root ? json_dumps(root, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER |
                                             JSON_REAL_PRECISION(4))
                      : NULL;
    json_decref(root);
    return text;
}

/* ---- text for a person ------------------------------------------------- */

/* Writes text wrapped at width columns, every line starting with indent. */
static void write_wrapped(FILE *out, const char *text, const char *indent, const char *first_indent,
                          int width)
{
    const char *lead = first_indent;
    const char *p = text;
    while (*p) {
        int room = width - (int)strlen(lead);
        const char *line_end = p;
        const char *last_space = NULL;
        while (*line_end && line_end - p < room) {
            if (*line_end == ' ')
                last_space = line_end;
            line_end++;
        }
        if (*line_end && last_space)
            line_end = last_space;
        fprintf(out, "%s%.*s\n", lead, (int)(line_end - p), p);
        p = line_end;
        while (*p == ' ')
            p++;
        lead = indent;
    }
}

static const char *string_of(json_t *object, const char *key, const char *fallback)
{
    const char *value = json_string_value(json_object_get(object, key));
    return value ? value : fallback;
}

static void write_days(FILE *out, json_t *days_left)
{
    if (!json_is_integer(days_left))
        return;
    long long days = json_integer_value(days_left);
    if (days > 0)
        fprintf(out, " - %lld day%s left", days, days == 1 ? "" : "s");
    else if (days == 0)
        fprintf(out, " - that is TODAY");
    else
        fprintf(out, " - PASSED %lld day%s ago", -days, days == -1 ? "" : "s");
}

static void write_long_date(FILE *out, json_t *iso)
{
    ns_date date;
    if (json_is_string(iso) && ns_date_parse_iso(json_string_value(iso), &date)) {
        char text[40];
        date_format_long(date, text, sizeof text);
        fputs(text, out);
    } else {
        fputs("not printed on the notice", out);
    }
}

static void write_plan_text(FILE *out, const ns_document *document, const ns_knowledge *knowledge,
                            json_t *plan)
{
    const extraction *fields = &document->extraction;
    char upper[16];
    const char *urgency = string_of(plan, "urgency", "medium");
    size_t n = 0;
    for (; urgency[n] && n + 1 < sizeof upper; n++)
        upper[n] = (char)(urgency[n] >= 'a' && urgency[n] <= 'z' ? urgency[n] - 32 : urgency[n]);
    upper[n] = '\0';

    fprintf(out, "%s\n", document->source);
    fprintf(out, "%s: %s\n", string_of(plan, "code", "Notice"), string_of(plan, "title", ""));
    fprintf(out, "Urgency: %s", upper);
    if (json_is_string(json_object_get(plan, "urgency_reason")))
        fprintf(out, " (%s)", string_of(plan, "urgency_reason", ""));
    fprintf(out, "\n\n");
    write_wrapped(out, string_of(plan, "summary", ""), "", "", 78);
    fprintf(out, "\n");

    const extracted_field *amount = &fields->fields[NS_FIELD_AMOUNT_DUE];
    if (amount->found) {
        char money[48];
        format_money_for_people(amount->chosen.number, money, sizeof money);
        fprintf(out, "  Amount due:   %s\n", money);
    }
    if (json_is_string(json_object_get(plan, "deadline"))) {
        fprintf(out, "  Deadline:     ");
        write_long_date(out, json_object_get(plan, "deadline"));
        write_days(out, json_object_get(plan, "days_left"));
        fprintf(out, "\n                (%s)\n", string_of(plan, "deadline_basis", ""));
    } else if (json_is_string(json_object_get(plan, "deadline_rule"))) {
        write_wrapped(out, string_of(plan, "deadline_rule", ""), "                ", "  Deadline:     ", 78);
    } else {
        fprintf(out, "  Deadline:     none printed on the notice\n");
    }
    const extracted_field *year = &fields->fields[NS_FIELD_TAX_YEAR];
    const extracted_field *date = &fields->fields[NS_FIELD_NOTICE_DATE];
    fprintf(out, "  Tax year:     %s\n", year->found ? year->chosen.value : "not found");
    if (date->found) {
        char text[40];
        date_format_long(date_from_days((long)date->chosen.number), text, sizeof text);
        fprintf(out, "  Notice date:  %s\n", text);
    } else {
        fprintf(out, "  Notice date:  not found\n");
    }

    json_t *appeal = json_object_get(plan, "appeal");
    if (json_is_object(appeal)) {
        fprintf(out, "\nYour right to appeal\n");
        fprintf(out, "  %s", string_of(appeal, "name", "Appeal"));
        if (json_is_string(json_object_get(appeal, "deadline"))) {
            fprintf(out, ": by ");
            write_long_date(out, json_object_get(appeal, "deadline"));
            write_days(out, json_object_get(appeal, "days_left"));
        }
        if (json_is_string(json_object_get(appeal, "form")))
            fprintf(out, " (Form %s)", string_of(appeal, "form", ""));
        fprintf(out, "\n");
        write_wrapped(out, string_of(appeal, "rule", ""), "  ", "  ", 78);
    }

    size_t i;
    json_t *authenticity =
        document->from_code ? NULL : explain_authenticity(&knowledge->catalog, &document->extraction);
    if (authenticity && strcmp(string_of(authenticity, "verdict", ""), "no_scam_signs") != 0) {
        fprintf(out, "\nIs it really from the IRS?\n");
        write_wrapped(out, string_of(authenticity, "summary", ""), "  ", "  ", 78);
        json_t *sign;
        json_array_foreach(json_object_get(authenticity, "signs"), i, sign)
            write_wrapped(out, string_of(sign, "says", ""), "    ", "  - ", 78);
    }
    json_decref(authenticity);

    fprintf(out, "\nWhat to do\n");
    json_t *group;
    json_array_foreach(json_object_get(plan, "steps"), i, group)
    {
        fprintf(out, "  %s:\n", string_of(group, "heading", ""));
        size_t j;
        json_t *step;
        json_array_foreach(json_object_get(group, "steps"), j, step)
        {
            char number[32];
            snprintf(number, sizeof number, "    %zu. ", j + 1);
            write_wrapped(out, json_string_value(step), "       ", number, 78);
        }
    }
    json_t *growth = json_object_get(plan, "balance_growth");
    if (json_is_object(growth)) {
        fprintf(out, "\nIf it stays unpaid (estimate)\n");
        json_t *row;
        json_array_foreach(json_object_get(growth, "rows"), i, row)
        {
            int64_t cents = 0, plan_cents = 0;
            char balance[48], with_plan[48];
            normalize_money(string_of(row, "balance", "0.00"), &cents);
            normalize_money(string_of(row, "with_payment_plan", "0.00"), &plan_cents);
            format_money_for_people(cents, balance, sizeof balance);
            format_money_for_people(plan_cents, with_plan, sizeof with_plan);
            fprintf(out, "  in %2lld month%s: about %s (%s on a payment plan)\n",
                    (long long)json_integer_value(json_object_get(row, "months")),
                    json_integer_value(json_object_get(row, "months")) == 1 ? " " : "s", balance, with_plan);
        }
        write_wrapped(out, string_of(growth, "note", ""), "  ", "  ", 78);
    }
    fprintf(out, "\nIf you do nothing\n");
    json_t *item;
    json_array_foreach(json_object_get(plan, "if_ignored"), i, item)
        write_wrapped(out, json_string_value(item), "    ", "  - ", 78);

    if (json_array_size(json_object_get(plan, "forms"))) {
        fprintf(out, "\nForms\n");
        json_array_foreach(json_object_get(plan, "forms"), i, item)
            fprintf(out, "  Form %-7s %s\n           %s\n", string_of(item, "form", ""),
                    string_of(item, "title", ""), string_of(item, "source", ""));
    }
    fprintf(out, "\nSources\n");
    json_array_foreach(json_object_get(plan, "sources"), i, item)
        fprintf(out, "  %s\n", json_string_value(item));

    int any_review = 0;
    for (int id = 0; id < NS_FIELD_COUNT; id++) {
        const extracted_field *field = &fields->fields[id];
        if (!field->review[0])
            continue;
        if (!any_review++)
            fprintf(out, "\nPlease check against the paper notice\n");
        fprintf(out, "  %s: %s (read %s)\n", ns_field_name((ns_field_id)id), field->review,
                field->chosen.value);
    }
    fprintf(out, "\nThis explains IRS procedure in general; it is not tax advice. The notice itself\n"
                 "and irs.gov are the authority.\n");
}

char *ns_document_to_text(const ns_document *document, const ns_knowledge *knowledge,
                          const ns_render_options *options)
{
    if (!document || !knowledge || !options)
        return NULL;
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    if (!out)
        return NULL;
    if (document->status != NS_OK) {
        fprintf(out, "%s\n", document->error ? document->error : document->source);
    } else {
        json_t *plan = explain_plan(&knowledge->catalog, &document->extraction, options->today);
        write_plan_text(out, document, knowledge, plan);
        json_decref(plan);
    }
    fclose(out);
    return text;
}

/* ---- response letters ---------------------------------------------------- */

static const embedded_file *letter_template(const char *kind)
{
    char name[64];
    snprintf(name, sizeof name, "catalog/letters/%s.txt", kind);
    for (size_t i = 0; i < embedded_file_count; i++)
        if (strcmp(embedded_files[i].name, name) == 0)
            return &embedded_files[i];
    return NULL;
}

/* A field's value, or a [bracketed prompt] for the reader to fill in. */
static const char *value_or_prompt(const ns_document *document, ns_field_id id, const char *prompt)
{
    const extracted_field *field = &document->extraction.fields[id];
    return field->found ? field->chosen.value : prompt;
}

static void long_date_or_prompt(const char *iso, const char *prompt, char *out, size_t len)
{
    ns_date date;
    if (iso && ns_date_parse_iso(iso, &date))
        date_format_long(date, out, len);
    else
        snprintf(out, len, "%s", prompt);
}

char *ns_document_letter(const ns_document *document, const ns_knowledge *knowledge, const char *kind,
                         const ns_render_options *options)
{
    const embedded_file *template = kind ? letter_template(kind) : NULL;
    if (!document || !knowledge || !options || !template || document->status != NS_OK)
        return NULL;
    json_t *plan = explain_plan(&knowledge->catalog, &document->extraction, options->today);
    char today[40], notice_date[40], deadline[40], appeal_deadline[40], amount[48], name[96], address[160];
    date_format_long(options->today, today, sizeof today);
    long_date_or_prompt(value_or_prompt(document, NS_FIELD_NOTICE_DATE, NULL), "[the notice date]",
                        notice_date, sizeof notice_date);
    long_date_or_prompt(json_string_value(json_object_get(plan, "deadline")), "[the date on the notice]",
                        deadline, sizeof deadline);
    long_date_or_prompt(json_string_value(json_object_get(json_object_get(plan, "appeal"), "deadline")),
                        "[the date on the notice]", appeal_deadline, sizeof appeal_deadline);
    const extracted_field *due = &document->extraction.fields[NS_FIELD_AMOUNT_DUE];
    if (due->found)
        format_money_for_people(due->chosen.number, amount, sizeof amount);
    else
        snprintf(amount, sizeof amount, "[the amount on the notice]");
    /* The address block: its first line is the name, the rest the address. */
    const extracted_field *block = &document->extraction.fields[NS_FIELD_MAILING_ADDRESS];
    snprintf(name, sizeof name, "[Your name]");
    snprintf(address, sizeof address, "[Your street address]\n[City, State ZIP]");
    if (block->found) {
        const char *newline = strchr(block->chosen.value, '\n');
        if (newline) {
            snprintf(name, sizeof name, "%.*s", (int)(newline - block->chosen.value), block->chosen.value);
            snprintf(address, sizeof address, "%s", newline + 1);
        }
    }
    const struct {
        const char *placeholder, *value;
    } fills[] = {
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
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    if (!out) {
        json_decref(plan);
        return NULL;
    }
    const char *p = (const char *)template->data, *end = p + template->size;
    while (p < end) {
        size_t i, n = 0;
        for (i = 0; i < sizeof fills / sizeof fills[0]; i++) {
            n = strlen(fills[i].placeholder);
            if ((size_t)(end - p) >= n && strncmp(p, fills[i].placeholder, n) == 0)
                break;
        }
        if (i < sizeof fills / sizeof fills[0]) {
            fputs(fills[i].value, out);
            p += n;
        } else {
            fputc(*p++, out);
        }
    }
    fclose(out);
    json_decref(plan);
    return text;
}
