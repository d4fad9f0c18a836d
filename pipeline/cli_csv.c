/*
 * cli_csv.c - one spreadsheet row per document (RFC 4180).
 *
 * Every value goes through csv_add_field, which quotes what must be quoted
 * and defuses formulas: a notice read from a stranger's scan must not run
 * "=HYPERLINK(...)" in the spreadsheet that opens the result (OWASP's CSV
 * injection advice: prefix such cells with an apostrophe).
 */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int csv_append(csv_line *line, const char *bytes, size_t n)
{
    if (line->length + n + 1 > line->capacity) {
        size_t capacity = line->capacity ? line->capacity * 2 : 256;
        while (capacity < line->length + n + 1)
            capacity *= 2;
        char *grown = realloc(line->text, capacity);
        if (!grown)
            return 0;
        line->text = grown;
        line->capacity = capacity;
    }
    memcpy(line->text + line->length, bytes, n);
    line->length += n;
    line->text[line->length] = '\0';
    return 1;
}

/* "-12.50", "+3": a signed number is data, not a formula, and keeps its sign. */
static int is_plain_number(const char *value)
{
    const char *p = value + (*value == '-' || *value == '+');
    int digits = 0, dots = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '.' && dots++ == 0)
            continue;
        else
            return 0;
    }
    return digits > 0;
}

static int starts_like_formula(const char *value)
{
    return value[0] && strchr("=+-@\t\r", value[0]) && !is_plain_number(value);
}

int csv_add_field(csv_line *line, const char *value)
{
    if (!value)
        value = "";
    if (line->fields++ > 0 && !csv_append(line, ",", 1))
        return 0;
    int guard = starts_like_formula(value);
    int quoted = guard || strpbrk(value, ",\"\r\n") != NULL;
    if (quoted && !csv_append(line, "\"", 1))
        return 0;
    if (guard && !csv_append(line, "'", 1))
        return 0;
    for (const char *p = value; *p; p++) {
        if (*p == '"' && !csv_append(line, "\"", 1)) /* a quote inside is written twice */
            return 0;
        if (!csv_append(line, p, 1))
            return 0;
    }
    return !quoted || csv_append(line, "\"", 1);
}

int csv_end_line(csv_line *line)
{
    line->fields = 0;
    return csv_append(line, "\r\n", 2);
}

void csv_line_free(csv_line *line)
{
    free(line->text);
    memset(line, 0, sizeof *line);
}

static const char *const core_fields[] = {"notice_code", "tax_year", "amount_due", "response_date",
                                          "notice_date"};
#define CORE_FIELD_COUNT (sizeof core_fields / sizeof core_fields[0])

char *csv_header(void)
{
    csv_line line = {0};
    int ok = csv_add_field(&line, "source") && csv_add_field(&line, "status") &&
             csv_add_field(&line, "error") && csv_add_field(&line, "pages");
    for (size_t i = 0; ok && i < CORE_FIELD_COUNT; i++) {
        char confidence[64];
        snprintf(confidence, sizeof confidence, "%s_confidence", core_fields[i]);
        ok = csv_add_field(&line, core_fields[i]) && csv_add_field(&line, confidence);
    }
    ok = ok && csv_add_field(&line, "deadline") && csv_add_field(&line, "days_left") &&
         csv_add_field(&line, "urgency") && csv_add_field(&line, "review") && csv_end_line(&line);
    if (!ok)
        csv_line_free(&line);
    return line.text;
}

/* A JSON scalar as cell text: strings as they are, numbers printed, null empty. */
static void scalar_text(json_t *value, char *out, size_t len)
{
    if (json_is_string(value))
        snprintf(out, len, "%s", json_string_value(value));
    else if (json_is_integer(value))
        snprintf(out, len, "%lld", (long long)json_integer_value(value));
    else if (json_is_real(value))
        snprintf(out, len, "%.2f", json_real_value(value));
    else
        out[0] = '\0';
}

static int add_scalar(csv_line *line, json_t *value)
{
    char text[512];
    scalar_text(value, text, sizeof text);
    return csv_add_field(line, text);
}

static const char *string_or_empty(json_t *value)
{
    const char *text = json_string_value(value);
    return text ? text : "";
}

/* "field: reason; field: reason" from the record's review list. */
static int add_review(csv_line *line, json_t *review)
{
    csv_line reasons = {0};
    int ok = 1;
    size_t i;
    json_t *entry;
    json_array_foreach(review, i, entry)
    {
        char one[512];
        snprintf(one, sizeof one, "%s%s: %s", i > 0 ? "; " : "",
                 string_or_empty(json_object_get(entry, "field")),
                 string_or_empty(json_object_get(entry, "reason")));
        ok = ok && csv_append(&reasons, one, strlen(one));
    }
    ok = ok && csv_add_field(line, reasons.text ? reasons.text : "");
    csv_line_free(&reasons);
    return ok;
}

char *csv_row_from_json(const char *json_record)
{
    json_t *record = json_loads(json_record, 0, NULL);
    if (!record)
        return NULL;
    csv_line line = {0};
    json_t *fields = json_object_get(record, "fields"), *plan = json_object_get(record, "plan");
    int ok = add_scalar(&line, json_object_get(record, "source")) &&
             add_scalar(&line, json_object_get(record, "status")) &&
             add_scalar(&line, json_object_get(json_object_get(record, "error"), "message")) &&
             add_scalar(&line, json_object_get(record, "pages"));
    for (size_t i = 0; ok && i < CORE_FIELD_COUNT; i++) {
        json_t *field = json_object_get(fields, core_fields[i]);
        ok = add_scalar(&line, json_object_get(field, "value")) &&
             add_scalar(&line, json_object_get(field, "confidence"));
    }
    ok = ok && add_scalar(&line, json_object_get(plan, "deadline")) &&
         add_scalar(&line, json_object_get(plan, "days_left")) &&
         add_scalar(&line, json_object_get(plan, "urgency")) &&
         add_review(&line, json_object_get(record, "review")) && csv_end_line(&line);
    json_decref(record);
    if (!ok)
        csv_line_free(&line);
    return line.text;
}
