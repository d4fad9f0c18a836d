/* dates.h - calendar arithmetic on ns_date (dates.c). */
#ifndef NOTICESCAN_DATES_H
#define NOTICESCAN_DATES_H

#include "base.h"

int date_is_valid(ns_date date);
/* Days since 1970-01-01 (proleptic Gregorian). */
long date_to_days(ns_date date);
ns_date date_from_days(long days);
ns_date date_add_days(ns_date date, long days);
/* Day of the week: 0 for Sunday .. 6 for Saturday. */
int date_weekday(ns_date date);
/* "Sunday" for 0 .. "Saturday" for 6. */
const char *date_weekday_name(int weekday);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format_iso(ns_date date, char *out);
/* "January" for 1 .. "December" for 12. */
const char *date_month_name(int month);
/* "February 20, 2018" into out (at least 24 bytes). */
void date_format_long(ns_date date, char *out, size_t len);

#endif
