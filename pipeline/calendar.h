/*
 * calendar.h - business days for IRS deadlines: weekends, legal holidays and
 * the IRC 7503 roll-forward.
 *
 * IRC 7503: when the last day for an act under the internal revenue laws falls
 * on a Saturday, Sunday or legal holiday, the act is timely on the next day
 * that is none of these. "Legal holiday" there means a legal holiday in the
 * District of Columbia.
 * https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title26-section7503&num=0&edition=prelim
 *
 * Every function here is pure (no I/O, no globals) and safe from any thread.
 */
#ifndef NOTICESCAN_CALENDAR_H
#define NOTICESCAN_CALENDAR_H

#include <stddef.h>

#include "noticescan.h"

/* Enough for the longest pair of names that can share a day plus " (observed)". */
#define CALENDAR_NAME_LEN 96
/* A roll-forward skips at most a weekend and two holidays in a row; 4 leaves room. */
#define CALENDAR_MAX_REASONS 4

/* What calendar_roll_forward did, for a plan that explains the date it shows. */
typedef struct calendar_roll {
    ns_date last_day;   /* the day the rule gave, before rolling */
    ns_date timely_day; /* the first business day on or after last_day */
    int days_moved;     /* 0 when last_day was already a business day */
    int reason_count;
    /* Why each skipped day was skipped, in the order met, without repeats:
       "the weekend", "Memorial Day", "DC Emancipation Day (observed)". */
    char reasons[CALENDAR_MAX_REASONS][CALENDAR_NAME_LEN];
} calendar_roll;

/*
 * 1 when date is a legal holiday in the District of Columbia (the federal
 * holidays of 5 U.S.C. 6103(a), DC Emancipation Day, Inauguration Day) or the
 * weekday on which one is observed; 0 otherwise. When name is not NULL it
 * receives the holiday's name ("" on 0), with " (observed)" on a shifted day
 * and " and " between two holidays on one day. Invalid dates give 0.
 */
int calendar_is_legal_holiday(ns_date date, char *name, size_t len);

/* 1 for a valid date that is neither a Saturday, a Sunday nor a legal holiday. */
int calendar_is_business_day(ns_date date);

/*
 * The first business day on or after last_day (IRC 7503). When why is not NULL
 * it receives what was skipped. An invalid last_day is returned unchanged.
 */
ns_date calendar_roll_forward(ns_date last_day, calendar_roll *why);

/* start + days calendar days, then rolled forward: a deadline counted from a notice date. */
ns_date calendar_deadline(ns_date start, long days, calendar_roll *why);

/*
 * One sentence for a person, into out (len bytes):
 * "moved from Saturday, April 6, 2024 to Monday, April 8, 2024 because of the
 * weekend (IRC 7503)". Empty when nothing moved.
 */
void calendar_describe_roll(const calendar_roll *why, char *out, size_t len);

#endif
