/*
 * output_json.c - a document, its plan and its authenticity check as one JSON
 * object, written through jansson so it is always valid. The shape is the
 * "JSON contract" of the README; the golden tests hold it still.
 */
#include "dates.h"
#include "document.h"
#include "explain.h"
#include "normalize.h"

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

/* first_page: the source's number for the first page read, so locations match the file under --pages */
static json_t *field_json(ns_field_id id, const extracted_field *field, int first_page, int explain)
{
    if (!field->found)
        return json_null();
    const field_candidate *chosen = &field->chosen;
    json_t *bbox = chosen->box.w
                       ? json_pack("[i,i,i,i]", chosen->box.x, chosen->box.y, chosen->box.w, chosen->box.h)
                       : json_null();
    json_t *out = json_pack("{s:o, s:f, s:i, s:o, s:s}", "value", candidate_value(id, chosen), "confidence",
                            field->confidence, "page", first_page + chosen->page - 1, "bbox", bbox, "text",
                            chosen->text);
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

/* What set the page upright: the text's shape, Tesseract's OSD, or reading it turned (after OCR). */
static const char *orientation_source(const preprocess_report *report)
{
    if (report->orientation_by_reading)
        return "reading";
    return report->orientation_known ? "text shape" : "tesseract osd";
}

static json_t *preprocess_json(const ns_document *document)
{
    json_t *pages = json_array();
    for (int i = 0; i < document->pages; i++) {
        const preprocess_report *report = &document->preprocess[i];
        if (document->text_layer[i]) { /* read from the PDF's own text: nothing was preprocessed */
            json_array_append_new(
                pages, json_pack("{s:i, s:s}", "page", document->first_page + i, "text_source", "pdf_text"));
            continue;
        }
        json_array_append_new(
            pages, json_pack("{s:i, s:b, s:i, s:s, s:f, s:b, s:o, s:f, s:i, s:[i,i]}", "page",
                             document->first_page + i, "page_found", report->page_found, "rotation",
                             report->rotation, "orientation_from", orientation_source(report), "skew_degrees",
                             ((int)(report->skew_degrees * 100)) / 100.0, "dewarped", report->dewarped,
                             "line_curvature",
                             report->curvature >= 0 ? json_integer(report->curvature) : json_null(), "scale",
                             ((int)(report->scale * 1000)) / 1000.0, "text_height", report->text_height,
                             "size", report->width, report->height));
        json_object_set_new(json_array_get(pages, (size_t)i), "text_source", json_string("ocr"));
        /* How soft the ink edges were at the final scale, and whether the page was sharpened for it. */
        json_object_set_new(json_array_get(pages, (size_t)i), "edge_width", json_integer(report->edge_width));
        json_object_set_new(json_array_get(pages, (size_t)i), "sharpened", json_boolean(report->sharpened));
        /* Whether a wide blur was undone by deconvolution first (then it is not sharpened again). */
        json_object_set_new(json_array_get(pages, (size_t)i), "deblurred", json_boolean(report->deblurred));
        /* How grainy a photo's paper was (dim-light sensor noise; null: a scan), and if it was filtered. */
        json_object_set_new(json_array_get(pages, (size_t)i), "paper_noise",
                            report->paper_noise >= 0 ? json_real(((int)(report->paper_noise * 10)) / 10.0)
                                                     : json_null());
        json_object_set_new(json_array_get(pages, (size_t)i), "denoised", json_boolean(report->denoised));
        /* What was read: the page inside its outline, the page estimated from its text, or the whole frame. */
        json_object_set_new(json_array_get(pages, (size_t)i), "page_from",
                            json_string(report->page_from ? report->page_from : "frame"));
        if (report->page_note) /* why no page outline was found, in a photo's terms */
            json_object_set_new(json_array_get(pages, (size_t)i), "page_note",
                                json_string(report->page_note));
        /* The turn the camera's EXIF tag asked for, applied before any turn found from the text. */
        json_object_set_new(json_array_get(pages, (size_t)i), "exif_orientation",
                            json_integer(document->exif_orientation ? document->exif_orientation : 1));
    }
    return pages;
}

static json_t *string_or_null(const char *text)
{
    return text ? json_string(text) : json_null();
}

static json_t *date_or_null(ns_date date)
{
    if (!date_is_valid(date))
        return json_null();
    char iso[11];
    date_format_iso(date, iso);
    return json_string(iso);
}

static json_t *money_json(int64_t cents)
{
    char text[32];
    format_money(cents, text, sizeof text);
    return json_string(text);
}

static json_t *strings_json(const char *const *items, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, json_string(items[i]));
    return list;
}

static json_t *steps_json(const action_plan *plan)
{
    json_t *groups = json_array();
    for (size_t i = 0; i < plan->step_count; i++) {
        const plan_steps *group = &plan->steps[i];
        json_array_append_new(
            groups, json_pack("{s:s, s:s, s:o}", "situation", group->situation, "heading", group->heading,
                              "steps", strings_json((const char *const *)group->steps, group->count)));
    }
    return groups;
}

static json_t *appeal_json(const plan_appeal *appeal)
{
    const catalog_window *rule = appeal->rule;
    if (!rule)
        return json_null();
    int known = date_is_valid(appeal->deadline);
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:s}", "name", rule->name, "deadline",
                     date_or_null(appeal->deadline), "deadline_basis",
                     appeal->basis[0] ? json_string(appeal->basis) : json_null(), "days_left",
                     known ? json_integer(appeal->days_left) : json_null(), "days",
                     appeal->days ? json_integer(appeal->days) : json_null(), "form",
                     string_or_null(rule->form), "rule", rule->rule, "statute", string_or_null(rule->statute),
                     "source", rule->source);
}

static json_t *growth_json(const plan_growth *growth)
{
    if (!growth->present)
        return json_null();
    json_t *rows = json_array();
    /* a proposal runs no penalty and no payment plan yet: those figures are null */
    for (size_t i = 0; i < PLAN_GROWTH_ROWS; i++)
        json_array_append_new(
            rows, json_pack("{s:i, s:o, s:o}", "months", growth->rows[i].months, "balance",
                            money_json(growth->rows[i].balance), "with_payment_plan",
                            growth->proposal ? json_null() : money_json(growth->rows[i].with_payment_plan)));
    return json_pack(
        "{s:b, s:s, s:f, s:o, s:o, s:o, s:b, s:[s,s]}", "estimate", 1, "note", growth->note,
        "interest_percent_per_year", growth->interest_percent_per_year, "penalty_percent_per_month",
        growth->proposal ? json_null() : json_real(growth->penalty_percent_per_month), "rows", rows,
        "rates_known_through", date_or_null(growth->rates_known_through), "rates_out_of_date",
        growth->rates_out_of_date, "sources", growth->sources[0], growth->sources[1]);
}

/* Forms or statutes the notice refers to: each key (under key_name), title and source. */
static json_t *references_json(const catalog_reference *const *references, size_t count, const char *key_name)
{
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s}", key_name, references[i]->key, "title",
                                              references[i]->title, "source", references[i]->source));
    return list;
}

static json_t *plan_json(const action_plan *plan)
{
    json_t *out = json_object();
    json_object_set_new(out, "code", plan->code[0] ? json_string(plan->code) : json_null());
    json_object_set_new(out, "generic", json_boolean(plan->generic));
    json_object_set_new(out, "title", json_string(plan->title));
    json_object_set_new(out, "summary", json_string(plan->summary));
    json_object_set_new(out, "category", json_string(plan->category));
    json_object_set_new(out, "urgency", json_string(plan->urgency));
    json_object_set_new(out, "urgency_reason",
                        plan->urgency_reason[0] ? json_string(plan->urgency_reason) : json_null());
    json_object_set_new(out, "deadline", date_or_null(plan->deadline));
    json_object_set_new(out, "deadline_basis",
                        plan->deadline_basis[0] ? json_string(plan->deadline_basis) : json_null());
    json_object_set_new(out, "deadline_action", string_or_null(plan->deadline_action));
    json_object_set_new(out, "deadline_rule", string_or_null(plan->deadline_rule));
    json_object_set_new(out, "days_left", plan->has_days_left ? json_integer(plan->days_left) : json_null());
    json_object_set_new(out, "steps", steps_json(plan));
    json_object_set_new(out, "appeal", appeal_json(&plan->appeal));
    json_t *letters = json_array(); /* the letter kinds this notice allows, for a page's buttons */
    for (size_t i = 0; i < PLAN_LETTER_KINDS; i++)
        if (!explain_letter_refusal(plan, plan_letter_kinds[i]))
            json_array_append_new(letters, json_string(plan_letter_kinds[i]));
    json_object_set_new(out, "letters", letters);
    json_object_set_new(out, "balance_growth", growth_json(&plan->growth));
    json_object_set_new(out, "if_ignored",
                        strings_json((const char *const *)plan->if_ignored, plan->if_ignored_count));
    json_object_set_new(out, "forms", references_json(plan->forms, plan->form_count, "form"));
    json_object_set_new(out, "statutes", references_json(plan->statutes, plan->statute_count, "cite"));
    json_object_set_new(out, "next_notices",
                        strings_json(plan->next_notices.items, plan->next_notices.count));
    json_object_set_new(out, "sources", strings_json(plan->sources, plan->source_count));
    return out;
}

static json_t *signs_json(const authenticity_sign *signs, int count)
{
    json_t *list = json_array();
    for (int i = 0; i < count; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s?}", "id", signs[i].signal->id, "says",
                                              signs[i].signal->says, "source", signs[i].signal->source,
                                              "text", signs[i].has_text ? signs[i].text : NULL));
    return list;
}

static json_t *authenticity_json(const authenticity *check)
{
    return json_pack("{s:s, s:s, s:o, s:o}", "verdict", check->verdict, "summary", check->summary, "signs",
                     signs_json(check->signs, check->sign_count), "marks",
                     signs_json(check->marks, check->mark_count));
}

/* The five core fields, the review list they raise, and the details. */
static void add_fields_json(json_t *root, const ns_document *document, int explain)
{
    json_t *fields = json_object();
    json_t *review = json_array();
    for (int id = 0; id < NS_FIELD_COUNT; id++) {
        const extracted_field *field = &document->extraction.fields[id];
        json_object_set_new(fields, ns_field_name((ns_field_id)id),
                            field_json((ns_field_id)id, field, document->first_page, explain));
        if (document->status == NS_OK && field->review[0])
            json_array_append_new(review, json_pack("{s:s, s:s}", "field", ns_field_name((ns_field_id)id),
                                                    "reason", field->review));
    }
    json_t *details = json_object();
    for (int id = NS_FIELD_COUNT; id < NS_FIELD_ALL_COUNT; id++) {
        const extracted_field *field = &document->extraction.fields[id];
        json_object_set_new(details, ns_field_name((ns_field_id)id),
                            field_json((ns_field_id)id, field, document->first_page, explain));
    }
    /* the plan's dates cross-checked against the catalog's rules (made for status NS_OK only) */
    const action_plan *plan = &document->plan;
    if (document->status == NS_OK && plan->deadline_review[0])
        json_array_append_new(review,
                              json_pack("{s:s, s:s}", "field", "deadline", "reason", plan->deadline_review));
    if (document->status == NS_OK && plan->appeal.review[0])
        json_array_append_new(
            review, json_pack("{s:s, s:s}", "field", "appeal_deadline", "reason", plan->appeal.review));
    json_object_set_new(root, "fields", fields);
    json_object_set_new(root, "billing_summary", billing_json(&document->extraction));
    json_object_set_new(root, "details", details);
    json_object_set_new(root, "review", review);
}

static json_t *document_json(const ns_document *document, int explain_fields)
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
    add_fields_json(root, document, explain_fields);
    if (document->preprocessed)
        json_object_set_new(root, "preprocess", preprocess_json(document));
    int explained = document->status == NS_OK;
    /* a page that is no notice keeps the check that said so */
    int checked = explained || document->status == NS_ERR_NOT_A_NOTICE;
    json_object_set_new(root, "authenticity",
                        checked && document->has_authenticity ? authenticity_json(&document->authenticity)
                                                              : json_null());
    json_object_set_new(root, "plan", explained ? plan_json(&document->plan) : json_null());
    return root;
}

char *ns_document_to_json(const ns_document *document, const ns_render_options *options)
{
    if (!document)
        return NULL;
    json_t *root = document_json(document, options ? options->explain_fields : 0);
    char *text = root ? json_dumps(root, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER |
                                             JSON_REAL_PRECISION(4))
                      : NULL;
    json_decref(root);
    return text;
}
