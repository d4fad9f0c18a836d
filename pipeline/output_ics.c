/*
 * output_ics.c - a notice's deadline as a calendar entry (RFC 5545), with
 * reminders a week and a day before, so a person's own calendar keeps the
 * date for them.
 *
 * The entry is an all-day event (DTSTART;VALUE=DATE): a deadline is a day,
 * not an instant, and an all-day event does not shift with time zones.
 */
#include "output_ics.h"

#include "dates.h"
#include "document.h"
#include "normalize.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ics_buffer {
    char *text;
    size_t length, capacity;
    int failed;
} ics_buffer;

static void buffer_add(ics_buffer *buffer, const char *bytes, size_t length)
{
    if (buffer->failed)
        return;
    if (buffer->length + length + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 1024;
        while (buffer->length + length + 1 > capacity)
            capacity *= 2;
        char *grown = realloc(buffer->text, capacity);
        if (!grown) {
            buffer->failed = 1;
            return;
        }
        buffer->text = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->text + buffer->length, bytes, length);
    buffer->length += length;
    buffer->text[buffer->length] = '\0';
}

/*
 * Writes one content line: name, then value escaped as RFC 5545 TEXT when
 * escape is set (backslash, semicolon, comma, newline), folded so no line
 * is over 75 octets (CRLF then a space), never inside a UTF-8 character.
 */
static void add_line(ics_buffer *buffer, const char *name, const char *value, int escape)
{
    char *line = malloc(strlen(name) + 2 * strlen(value) + 1);
    if (!line) {
        buffer->failed = 1;
        return;
    }
    char *out = line + sprintf(line, "%s", name);
    for (const char *p = value; *p; p++) {
        if (escape && (*p == '\\' || *p == ';' || *p == ',')) {
            *out++ = '\\';
            *out++ = *p;
        } else if (escape && *p == '\n') {
            *out++ = '\\';
            *out++ = 'n';
        } else if (*p != '\r') {
            *out++ = *p;
        }
    }
    *out = '\0';
    size_t length = (size_t)(out - line), start = 0, limit = 75;
    while (length - start > limit) {
        size_t end = start + limit;
        while (end > start && ((unsigned char)line[end] & 0xC0) == 0x80)
            end--; /* back off to the first byte of a UTF-8 character */
        buffer_add(buffer, line + start, end - start);
        buffer_add(buffer, "\r\n ", 3);
        start = end;
        limit = 74; /* a continuation line starts with its space */
    }
    buffer_add(buffer, line + start, length - start);
    buffer_add(buffer, "\r\n", 2);
    free(line);
}

static void format_date(ns_date date, char *out, size_t len)
{
    snprintf(out, len, "%04d%02d%02d", date.year % 10000, date.month % 100, date.day % 100);
}

/* A UID that is the same for the same notice and deadline, so re-importing updates the entry. */
static void make_uid(const ics_event *event, char *out, size_t len)
{
    uint64_t hash = 14695981039346656037ULL; /* FNV-1a */
    char date[16];
    format_date(event->date, date, sizeof date);
    const char *parts[] = {event->uid_seed ? event->uid_seed : "", date, event->summary};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++) {
            hash ^= *p;
            hash *= 1099511628211ULL;
        }
    snprintf(out, len, "%016llx-%s@noticescan", (unsigned long long)hash, date);
}

static void add_alarm(ics_buffer *buffer, const char *trigger, const char *when, const char *summary)
{
    char *description = NULL;
    if (asprintf(&description, "%s: %s", when, summary) < 0) {
        buffer->failed = 1;
        return;
    }
    add_line(buffer, "BEGIN:", "VALARM", 0);
    add_line(buffer, "ACTION:", "DISPLAY", 0);
    add_line(buffer, "TRIGGER;RELATED=START:", trigger, 0);
    add_line(buffer, "DESCRIPTION:", description, 1);
    add_line(buffer, "END:", "VALARM", 0);
    free(description);
}

char *ics_calendar_entry(const ics_event *event)
{
    if (!event || !event->summary || event->date.year == 0)
        return NULL;
    ics_buffer buffer = {NULL, 0, 0, 0};
    char start[16], end[16], stamp[32], uid[80];
    format_date(event->date, start, sizeof start);
    format_date(date_add_days(event->date, 1), end, sizeof end); /* DTEND is exclusive */
    struct tm utc;
    gmtime_r(&event->stamp, &utc);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    make_uid(event, uid, sizeof uid);
    add_line(&buffer, "BEGIN:", "VCALENDAR", 0);
    add_line(&buffer, "VERSION:", "2.0", 0);
    add_line(&buffer, "PRODID:", "-//noticescan//noticescan//EN", 0);
    add_line(&buffer, "CALSCALE:", "GREGORIAN", 0);
    add_line(&buffer, "METHOD:", "PUBLISH", 0);
    add_line(&buffer, "BEGIN:", "VEVENT", 0);
    add_line(&buffer, "UID:", uid, 0);
    add_line(&buffer, "DTSTAMP:", stamp, 0);
    add_line(&buffer, "DTSTART;VALUE=DATE:", start, 0);
    add_line(&buffer, "DTEND;VALUE=DATE:", end, 0);
    add_line(&buffer, "SUMMARY:", event->summary, 1);
    if (event->description)
        add_line(&buffer, "DESCRIPTION:", event->description, 1);
    add_line(&buffer, "TRANSP:", "TRANSPARENT", 0); /* a reminder, not a busy block */
    add_alarm(&buffer, "-P7D", "One week left", event->summary);
    add_alarm(&buffer, "-P1D", "Tomorrow", event->summary);
    add_line(&buffer, "END:", "VEVENT", 0);
    add_line(&buffer, "END:", "VCALENDAR", 0);
    if (buffer.failed) {
        free(buffer.text);
        return NULL;
    }
    return buffer.text;
}

/* "pay $2,417.86", "respond", ...: what the deadline asks, in a calendar's few words. */
static void deadline_words(const ns_document *document, char *out, size_t len)
{
    const action_plan *plan = &document->plan;
    const extracted_field *amount = &document->extraction.fields[NS_FIELD_AMOUNT_DUE];
    const char *action = plan->deadline_action ? plan->deadline_action : "respond";
    if (strcmp(action, "pay") == 0 && amount->found) {
        char money[48];
        format_money_for_people(amount->chosen.number, money, sizeof money);
        snprintf(out, len, "pay %s", money);
    } else {
        snprintf(out, len, "%s", action);
        for (char *p = out; *p; p++)
            if (*p == '_')
                *p = ' '; /* "request_hearing" -> "request hearing" */
    }
}

char *ns_document_to_ics(const ns_document *document)
{
    if (!document || document->status != NS_OK || !date_is_valid(document->plan.deadline))
        return NULL;
    const action_plan *plan = &document->plan;
    char words[80], summary[256], uid_seed[160], notice_date[16] = "";
    deadline_words(document, words, sizeof words);
    const char *code = plan->code[0] ? plan->code : "IRS notice";
    snprintf(summary, sizeof summary, "%s deadline: %s", code, words);
    const extracted_field *dated = &document->extraction.fields[NS_FIELD_NOTICE_DATE];
    if (dated->found)
        snprintf(notice_date, sizeof notice_date, "%.10s", dated->chosen.value); /* YYYY-MM-DD */
    snprintf(uid_seed, sizeof uid_seed, "%s %s", code, notice_date);
    char *description = NULL;
    const char *first_step = plan->step_count && plan->steps[0].count ? plan->steps[0].steps[0] : "";
    if (asprintf(&description, "%s\n%s\n\n%s\n\nHow the date was found: %s. Check it against the notice itself.",
                 plan->title ? plan->title : code, plan->summary ? plan->summary : "", first_step,
                 plan->deadline_basis) < 0)
        return NULL;
    ics_event event = {plan->deadline, summary, description, uid_seed, time(NULL)};
    char *calendar = ics_calendar_entry(&event);
    free(description);
    return calendar;
}
