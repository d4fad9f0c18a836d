/*
 * calendar.c - legal holidays computed from their rules, and the IRC 7503
 * roll-forward of a deadline to the next business day.
 *
 * Which holidays count. IRC 7503 takes "legal holiday" to mean a legal holiday
 * in the District of Columbia; 26 CFR 301.7503-1(b) points to D.C. Code 28-2701
 * for the list (T.D. 8681, https://www.irs.gov/pub/irs-regs/td8681.txt).
 *  - D.C. Code 28-2701 (https://code.dccouncil.gov/us/dc/council/code/sections/28-2701):
 *    the federal holidays, DC Emancipation Day (April 16) and the day of the
 *    President's inauguration are holidays in the District. A holiday on a
 *    Saturday makes the day before a holiday (not for Inauguration Day); one
 *    on a Sunday makes the day after a holiday.
 *  - D.C. Code 1-612.02 (https://code.dccouncil.gov/us/dc/council/code/sections/1-612.02):
 *    (a) the same list with Juneteenth (June 19) and Emancipation Day
 *    "beginning in the year 2007"; (b)(1) the Saturday-to-Friday and
 *    Sunday-to-Monday rule; (c) Inauguration Day, January 20 of every fourth
 *    year from 1981, moved to the next day when it falls on a Sunday.
 *  - 5 U.S.C. 6103(a) lists the eleven federal holidays (Juneteenth added by
 *    Pub. L. 117-17 on June 17, 2021; DC observed it on Friday, June 18, 2021:
 *    https://edpm.dc.gov/issuances/legal-public-holidays-2021); OPM applies
 *    the same weekend rule (Executive Order 11582, section 3(a);
 *    https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/).
 *  - Rev. Rul. 2015-13 (https://www.irs.gov/irb/2015-22_IRB) confirms that an
 *    Emancipation Day observed on Friday April 15 or Monday April 17 moves the
 *    April 15 filing deadline.
 * Not modeled: days the President closes federal offices by executive order
 * (announced case by case), and the statewide holidays IRC 7503 adds for acts
 * done at an IRS office outside DC (Patriots' Day in Maine and Massachusetts).
 */
#include "calendar.h"
#include "dates.h"

#include <stdio.h>
#include <string.h>

enum { SUNDAY = 0, MONDAY = 1, THURSDAY = 4, FRIDAY = 5, SATURDAY = 6 };

typedef enum {
    ON_FIXED_DAY,    /* month/day every year */
    ON_NTH_WEEKDAY,  /* the nth given weekday of the month */
    ON_LAST_WEEKDAY, /* the last given weekday of the month */
    ON_INAUGURATION, /* January 20 of each year after a year divisible by 4 */
} holiday_kind;

typedef struct holiday_rule {
    const char *name;
    holiday_kind kind;
    int month;
    int day_or_weekday; /* day of month (fixed days) or weekday 0..6 */
    int nth;            /* for ON_NTH_WEEKDAY */
    int first_year;     /* the first year the holiday applies */
} holiday_rule;

/* First years: MLK Day from 1986 (Pub. L. 98-144), Emancipation Day from 2007
   (D.C. Code 1-612.02(a)(11)), Juneteenth from 2021 (Pub. L. 117-17), the
   inauguration rule from 1981 (D.C. Code 1-612.02(c)); 1900 = always here. */
static const holiday_rule holiday_rules[] = {
    {"New Year's Day", ON_FIXED_DAY, 1, 1, 0, 1900},
    {"Birthday of Martin Luther King, Jr.", ON_NTH_WEEKDAY, 1, MONDAY, 3, 1986},
    {"Inauguration Day", ON_INAUGURATION, 1, 20, 0, 1981},
    {"Washington's Birthday", ON_NTH_WEEKDAY, 2, MONDAY, 3, 1900},
    {"DC Emancipation Day", ON_FIXED_DAY, 4, 16, 0, 2007},
    {"Memorial Day", ON_LAST_WEEKDAY, 5, MONDAY, 0, 1900},
    {"Juneteenth National Independence Day", ON_FIXED_DAY, 6, 19, 0, 2021},
    {"Independence Day", ON_FIXED_DAY, 7, 4, 0, 1900},
    {"Labor Day", ON_NTH_WEEKDAY, 9, MONDAY, 1, 1900},
    {"Columbus Day", ON_NTH_WEEKDAY, 10, MONDAY, 2, 1900},
    {"Veterans Day", ON_FIXED_DAY, 11, 11, 0, 1900},
    {"Thanksgiving Day", ON_NTH_WEEKDAY, 11, THURSDAY, 4, 1900},
    {"Christmas Day", ON_FIXED_DAY, 12, 25, 0, 1900},
};

static int same_date(ns_date a, ns_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* The date a rule gives in year; day 0 when the rule does not apply that year. */
static ns_date holiday_date(const holiday_rule *rule, int year)
{
    ns_date none = {year, rule->month, 0};
    if (year < rule->first_year || (rule->kind == ON_INAUGURATION && (year - 1) % 4 != 0))
        return none;
    ns_date date = {year, rule->month, 1};
    switch (rule->kind) {
    case ON_FIXED_DAY:
    case ON_INAUGURATION: date.day = rule->day_or_weekday; break;
    case ON_NTH_WEEKDAY:
        date.day = 1 + (rule->day_or_weekday - date_weekday(date) + 7) % 7 + 7 * (rule->nth - 1);
        break;
    case ON_LAST_WEEKDAY:
        date = date_add_days((ns_date){rule->month == 12 ? year + 1 : year, rule->month % 12 + 1, 1}, -1);
        date.day -= (date_weekday(date) - rule->day_or_weekday + 7) % 7;
        break;
    }
    return date;
}

/* The weekday that stands in for a fixed-day holiday on a weekend (D.C. Code 28-2701). */
static ns_date observed_date(const holiday_rule *rule, ns_date actual)
{
    int weekday = date_weekday(actual);
    if (weekday == SUNDAY)
        return date_add_days(actual, 1);
    if (weekday == SATURDAY && rule->kind != ON_INAUGURATION)
        return date_add_days(actual, -1);
    return actual;
}

static void append_name(char *name, size_t len, const char *holiday, int observed)
{
    size_t used = strlen(name);
    snprintf(name + used, len - used, "%s%s%s", used ? " and " : "", holiday, observed ? " (observed)" : "");
}

int calendar_is_legal_holiday(ns_date date, char *name, size_t len)
{
    char scratch[CALENDAR_NAME_LEN] = "";
    if (!name || len == 0) {
        name = scratch;
        len = sizeof scratch;
    }
    name[0] = '\0';
    if (!date_is_valid(date))
        return 0;
    int found = 0;
    /* Next year's rules too: New Year's Day on a Saturday is observed on December 31. */
    for (int year = date.year; year <= date.year + 1; year++) {
        for (size_t i = 0; i < sizeof holiday_rules / sizeof holiday_rules[0]; i++) {
            const holiday_rule *rule = &holiday_rules[i];
            ns_date actual = holiday_date(rule, year);
            if (actual.day == 0)
                continue;
            int on_actual = same_date(actual, date);
            int on_observed = !on_actual && same_date(observed_date(rule, actual), date);
            if (on_actual || on_observed) {
                append_name(name, len, rule->name, on_observed);
                found = 1;
            }
        }
    }
    return found;
}

static int is_weekend(ns_date date)
{
    int weekday = date_weekday(date);
    return weekday == SATURDAY || weekday == SUNDAY;
}

int calendar_is_business_day(ns_date date)
{
    return date_is_valid(date) && !is_weekend(date) && !calendar_is_legal_holiday(date, NULL, 0);
}

static void add_reason(calendar_roll *why, const char *reason)
{
    for (int i = 0; i < why->reason_count; i++)
        if (strcmp(why->reasons[i], reason) == 0)
            return;
    if (why->reason_count < CALENDAR_MAX_REASONS)
        snprintf(why->reasons[why->reason_count++], CALENDAR_NAME_LEN, "%s", reason);
}

ns_date calendar_roll_forward(ns_date last_day, calendar_roll *why)
{
    calendar_roll local;
    if (!why)
        why = &local;
    memset(why, 0, sizeof *why);
    why->last_day = why->timely_day = last_day;
    if (!date_is_valid(last_day))
        return last_day;
    ns_date day = last_day;
    char holiday[CALENDAR_NAME_LEN];
    /* A weekend plus holidays spans a few days at most; the loop ends at the first business day.
       A holiday on a Saturday or Sunday is named by its observed weekday, so weekends say "the weekend". */
    while (!calendar_is_business_day(day) && date_is_valid(day)) {
        if (!is_weekend(day) && calendar_is_legal_holiday(day, holiday, sizeof holiday))
            add_reason(why, holiday);
        else
            add_reason(why, "the weekend");
        day = date_add_days(day, 1);
    }
    why->timely_day = day;
    why->days_moved = (int)(date_to_days(day) - date_to_days(last_day));
    return day;
}

ns_date calendar_deadline(ns_date start, long days, calendar_roll *why)
{
    return calendar_roll_forward(date_add_days(start, days), why);
}

/* "Saturday, April 6, 2024" */
static void format_day(ns_date date, char *out, size_t len)
{
    char long_date[32];
    date_format_long(date, long_date, sizeof long_date);
    snprintf(out, len, "%s, %s", date_weekday_name(date_weekday(date)), long_date);
}

void calendar_describe_roll(const calendar_roll *why, char *out, size_t len)
{
    if (len == 0)
        return;
    out[0] = '\0';
    if (!why || why->days_moved <= 0)
        return;
    char from[48], to[48];
    format_day(why->last_day, from, sizeof from);
    format_day(why->timely_day, to, sizeof to);
    int used = snprintf(out, len, "moved from %s to %s because of ", from, to);
    for (int i = 0; i < why->reason_count && used >= 0 && (size_t)used < len; i++) {
        const char *joiner = i == 0 ? "" : i == why->reason_count - 1 ? " and " : ", ";
        used += snprintf(out + used, len - (size_t)used, "%s%s", joiner, why->reasons[i]);
    }
    if (used >= 0 && (size_t)used < len)
        snprintf(out + used, len - (size_t)used, " (IRC 7503)");
}
