/*
 * output_ics.h - a deadline as an RFC 5545 calendar entry.
 */
#ifndef NOTICESCAN_OUTPUT_ICS_H
#define NOTICESCAN_OUTPUT_ICS_H

#include <time.h>

#include "noticescan.h"

typedef struct ics_event {
    ns_date date;            /* the deadline: an all-day event on that day */
    const char *summary;     /* "CP14: pay $2,417.86" */
    const char *description; /* NULL, or what to do, several lines */
    const char *uid_seed;    /* NULL, or text that names the notice (code and notice date) */
    time_t stamp;            /* when the entry was made (DTSTAMP) */
} ics_event;

/*
 * A VCALENDAR with one VEVENT on event->date and two reminders, a week and
 * a day before. Lines end in CRLF and are folded at 75 octets. NULL when
 * the event has no date or no summary, or memory runs out. Caller frees.
 */
char *ics_calendar_entry(const ics_event *event);

#endif
