/* dates.c - calendar arithmetic on ns_date (no struct tm juggling elsewhere). */
#include "dates.h"

#include <stdio.h>
#include <time.h>

static const char *const weekday_names[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                             "Thursday", "Friday", "Saturday"};

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

static int is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

int date_is_valid(ns_date date)
{
    return date.year >= 1900 && date.year <= 2199 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= days_in_month(date.year, date.month);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
long date_to_days(ns_date date)
{
    long y = date.year - (date.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long year_of_era = y - era * 400;
    long month_index = date.month > 2 ? date.month - 3 : date.month + 9;
    long day_of_year = (153 * month_index + 2) / 5 + date.day - 1;
    long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

ns_date date_from_days(long days)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long day_of_era = days - era * 146097;
    long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    long month_index = (5 * day_of_year + 2) / 153;
    ns_date date;
    date.day = (int)(day_of_year - (153 * month_index + 2) / 5 + 1);
    date.month = (int)(month_index < 10 ? month_index + 3 : month_index - 9);
    date.year = (int)(year_of_era + era * 400 + (date.month <= 2));
    return date;
}

ns_date date_add_days(ns_date date, long days)
{
    return date_from_days(date_to_days(date) + days);
}

/* Day 0 (1970-01-01) was a Thursday; the double modulo keeps dates before 1970 in range. */
int date_weekday(ns_date date)
{
    return (int)(((date_to_days(date) + 4) % 7 + 7) % 7);
}

const char *date_weekday_name(int weekday)
{
    return weekday >= 0 && weekday <= 6 ? weekday_names[weekday] : "";
}

void date_format_iso(ns_date date, char *out)
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)date.year % 10000u, (unsigned)date.month % 100u,
             (unsigned)date.day % 100u);
}

void date_format_long(ns_date date, char *out, size_t len)
{
    if (!date_is_valid(date)) {
        snprintf(out, len, "(no date)");
        return;
    }
    snprintf(out, len, "%s %d, %d", month_names[date.month - 1], date.day, date.year);
}

int ns_date_parse_iso(const char *text, ns_date *out)
{
    ns_date date = {0, 0, 0};
    int consumed = 0;
    /* NOLINTNEXTLINE(cert-err34-c): at most 4 and 2 digits each, which cannot overflow an int */
    if (!text || sscanf(text, "%4d-%2d-%2d%n", &date.year, &date.month, &date.day, &consumed) != 3 ||
        text[consumed] != '\0' || consumed != 10 || !date_is_valid(date))
        return 0;
    *out = date;
    return 1;
}

ns_date ns_date_today(void)
{
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    ns_date today = {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
    return today;
}

const char *date_month_name(int month)
{
    return month >= 1 && month <= 12 ? month_names[month - 1] : "";
}
