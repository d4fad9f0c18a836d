/*
 * test_calendar.c - IRC 7503 deadlines: every legal holiday 2015-2035 against an
 * independent computation, the filing deadlines the IRS announced, the issue's
 * cases, and every catalog window rolled forward from every notice date.
 */
#include "testutil.h"

#include <jansson.h>

#include "calendar.h"
#include "dates.h"

#define FIRST_YEAR 2015
#define LAST_YEAR 2035
/* The oracle covers a year before and, for the 730-day windows, three years after. */
#define ORACLE_FIRST_YEAR (FIRST_YEAR - 1)
#define ORACLE_LAST_YEAR (LAST_YEAR + 4)
#define ORACLE_YEARS (ORACLE_LAST_YEAR - ORACLE_FIRST_YEAR + 1)
#define ORACLE_DAYS (ORACLE_YEARS * 366)

/* ---- the oracle: its own weekday formula and day-by-day counting, no calendar.c ---- */

typedef struct oracle_day {
    int year, month, day;
    int weekday; /* 0 Sunday .. 6 Saturday */
    int holiday;
} oracle_day;

static oracle_day oracle[ORACLE_DAYS];
static int oracle_count;
static unsigned char holiday_marks[ORACLE_YEARS][13][32];

static int oracle_is_leap(int year)
{
    return year % 400 == 0 || (year % 4 == 0 && year % 100 != 0);
}

static int oracle_days_in_month(int year, int month)
{
    if (month == 2)
        return oracle_is_leap(year) ? 29 : 28;
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

/* Sakamoto's day-of-week formula, independent of dates.c. */
static int oracle_weekday(int year, int month, int day)
{
    static const int offsets[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (month < 3)
        year -= 1;
    return (year + year / 4 - year / 100 + year / 400 + offsets[month - 1] + day) % 7;
}

static void mark(int year, int month, int day)
{
    if (year >= ORACLE_FIRST_YEAR && year <= ORACLE_LAST_YEAR)
        holiday_marks[year - ORACLE_FIRST_YEAR][month][day] = 1;
}

/* A fixed-date holiday plus the weekday that stands in for it on a weekend. */
static void mark_fixed(int year, int month, int day, int saturday_moves_to_friday)
{
    mark(year, month, day);
    int weekday = oracle_weekday(year, month, day);
    if (weekday == 0) /* Sunday: the Monday after (no fixed holiday is a month's last day) */
        mark(year, month, day + 1);
    if (weekday == 6 && saturday_moves_to_friday) {
        if (day > 1)
            mark(year, month, day - 1);
        else /* January 1 on a Saturday: December 31 of the year before */
            mark(year - 1, 12, 31);
    }
}

/* The nth (1..4) given weekday of a month, found by counting, or the last when nth is 0. */
static void mark_counted_weekday(int year, int month, int weekday, int nth)
{
    int seen = 0, last = 0;
    for (int day = 1; day <= oracle_days_in_month(year, month); day++) {
        if (oracle_weekday(year, month, day) != weekday)
            continue;
        last = day;
        if (++seen == nth)
            mark(year, month, day);
    }
    if (nth == 0)
        mark(year, month, last);
}

static void mark_year(int year)
{
    mark_fixed(year, 1, 1, 1);           /* New Year's Day */
    mark_counted_weekday(year, 1, 1, 3); /* Martin Luther King, Jr.: third Monday of January */
    if (year % 4 == 1)                   /* Inauguration Day: no Friday for a Saturday */
        mark_fixed(year, 1, 20, 0);
    mark_counted_weekday(year, 2, 1, 3); /* Washington's Birthday */
    if (year >= 2007)
        mark_fixed(year, 4, 16, 1);      /* DC Emancipation Day */
    mark_counted_weekday(year, 5, 1, 0); /* Memorial Day: last Monday of May */
    if (year >= 2021)
        mark_fixed(year, 6, 19, 1); /* Juneteenth */
    mark_fixed(year, 7, 4, 1);
    mark_counted_weekday(year, 9, 1, 1);  /* Labor Day */
    mark_counted_weekday(year, 10, 1, 2); /* Columbus Day */
    mark_fixed(year, 11, 11, 1);
    mark_counted_weekday(year, 11, 4, 4); /* Thanksgiving: fourth Thursday */
    mark_fixed(year, 12, 25, 1);
}

static void build_oracle(void)
{
    if (oracle_count)
        return;
    for (int year = ORACLE_FIRST_YEAR; year <= ORACLE_LAST_YEAR; year++)
        mark_year(year);
    for (int year = ORACLE_FIRST_YEAR; year <= ORACLE_LAST_YEAR; year++)
        for (int month = 1; month <= 12; month++)
            for (int day = 1; day <= oracle_days_in_month(year, month); day++)
                oracle[oracle_count++] = (oracle_day){year, month, day, oracle_weekday(year, month, day),
                                                      holiday_marks[year - ORACLE_FIRST_YEAR][month][day]};
}

static int oracle_is_business_day(int index)
{
    return oracle[index].weekday != 0 && oracle[index].weekday != 6 && !oracle[index].holiday;
}

static ns_date date_of(int index)
{
    return (ns_date){oracle[index].year, oracle[index].month, oracle[index].day};
}

static int index_of_year_start(int year)
{
    int index = 0;
    while (oracle[index].year < year)
        index++;
    return index;
}

static void assert_same_date(ns_date actual, ns_date expected)
{
    if (actual.year != expected.year || actual.month != expected.month || actual.day != expected.day)
        fail_msg("got %04d-%02d-%02d, expected %04d-%02d-%02d", actual.year, actual.month, actual.day,
                 expected.year, expected.month, expected.day);
}

/* ---- every day, every rule ---- */

static void every_day_2015_to_2035_matches_the_holiday_rules(void **state)
{
    (void)state;
    build_oracle();
    int checked = 0, holidays = 0;
    for (int i = index_of_year_start(FIRST_YEAR); oracle[i].year <= LAST_YEAR; i++) {
        ns_date date = date_of(i);
        char name[CALENDAR_NAME_LEN];
        int holiday = calendar_is_legal_holiday(date, name, sizeof name);
        if (holiday != oracle[i].holiday || date_weekday(date) != oracle[i].weekday ||
            calendar_is_business_day(date) != oracle_is_business_day(i))
            fail_msg("%04d-%02d-%02d: holiday %d (\"%s\") expected %d, weekday %d expected %d", date.year,
                     date.month, date.day, holiday, name, oracle[i].holiday, date_weekday(date),
                     oracle[i].weekday);
        assert_true(holiday == (name[0] != '\0'));
        checked++;
        holidays += holiday;
    }
    print_message("  %d days checked, %d legal holidays or observed days\n", checked, holidays);
    assert_int_equal(checked, 7670); /* 21 years, 5 of them leap years */
}

/* Each floating holiday falls once a year on its weekday, inside its seven-day band. */
static void each_floating_holiday_lands_in_its_week(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int month, first_day, weekday;
    } bands[] = {
        {"Birthday of Martin Luther King, Jr.", 1, 15, 1},
        {"Washington's Birthday", 2, 15, 1},
        {"Memorial Day", 5, 25, 1},
        {"Labor Day", 9, 1, 1},
        {"Columbus Day", 10, 8, 1},
        {"Thanksgiving Day", 11, 22, 4},
    };
    for (int year = FIRST_YEAR; year <= LAST_YEAR; year++)
        for (size_t b = 0; b < sizeof bands / sizeof bands[0]; b++) {
            int found = 0;
            for (int day = 1; day <= 31; day++) {
                char name[CALENDAR_NAME_LEN];
                ns_date date = {year, bands[b].month, day};
                if (calendar_is_legal_holiday(date, name, sizeof name) && strstr(name, bands[b].name)) {
                    assert_int_equal(date_weekday(date), bands[b].weekday);
                    assert_in_range(day, bands[b].first_day, bands[b].first_day + 6);
                    found++;
                }
            }
            if (found != 1)
                fail_msg("%s %d found %d times", bands[b].name, year, found);
        }
}

/* ---- dates published by the IRS and DC ---- */

/*
 * The individual filing deadline (April 15, IRC 6072(a)) as the IRS announced it:
 * 2016: Monday April 18 - Emancipation Day observed Friday April 15 (Rev. Rul. 2015-13,
 *       I.R.B. 2015-22, https://www.irs.gov/irb/2015-22_IRB; IR-2015-139).
 * 2017: Tuesday April 18 - Saturday, then Emancipation Day observed Monday April 17 (the
 *       IRS filing-season page "April 18 Filing Deadline", quoted at
 *       https://manchesterlibrary.org/read/20294).
 * 2018: Tuesday April 17 - Sunday, then Emancipation Day on Monday April 16 (the IRS
 *       "April 17 Filing Deadline" statement, quoted at appraisersblogs.com).
 * 2022: Monday April 18 - Emancipation Day observed Friday April 15 (IRS announcement of
 *       January 2022, reported at https://www.tscpa.com/news/682-irs-sets-april-18-as-tax-deadline).
 * 2023: Tuesday April 18 - https://www.irs.gov/newsroom/whats-hot as captured on January 25, 2023.
 * 2024: Monday April 15 - IRS release of January 8, 2024 opening the season (republished in
 *       full by bctv.org on January 10, 2024).
 * 2025: Tuesday April 15; 2026: Wednesday April 15 - the IRS releases opening those seasons.
 * 2015, 2019, 2020 and 2021: April 15 was a weekday and no DC holiday. For 2020 and 2021
 * the IRS later postponed the date under IRC 7508A (to July 15, 2020 and May 17, 2021);
 * a disaster postponement is no calendar rule, so the IRC 7503 date is what is checked.
 */
static void filing_deadline_each_season_matches_the_irs(void **state)
{
    (void)state;
    static const int april_day[] = {15, 18, 18, 17, 15, 15, 15, 18, 18, 15, 15, 15}; /* 2015..2026 */
    for (int year = 2015; year <= 2026; year++)
        assert_same_date(calendar_roll_forward((ns_date){year, 4, 15}, NULL),
                         (ns_date){year, 4, april_day[year - 2015]});
}

/* DC's published 2021 schedule (https://edpm.dc.gov/issuances/legal-public-holidays-2021). */
static void dc_holiday_schedule_2021(void **state)
{
    (void)state;
    static const struct {
        int month, day;
        const char *name;
    } schedule[] = {
        {1, 1, "New Year's Day"},
        {1, 18, "Birthday of Martin Luther King, Jr."},
        {1, 20, "Inauguration Day"},
        {2, 15, "Washington's Birthday"},
        {4, 16, "DC Emancipation Day"},
        {5, 31, "Memorial Day"},
        {6, 18, "Juneteenth National Independence Day (observed)"},
        {7, 5, "Independence Day (observed)"},
        {9, 6, "Labor Day"},
        {10, 11, "Columbus Day"},
        {11, 11, "Veterans Day"},
        {11, 25, "Thanksgiving Day"},
        {12, 24, "Christmas Day (observed)"},
        {12, 31, "New Year's Day (observed)"}, /* January 1, 2022 is a Saturday */
    };
    for (size_t i = 0; i < sizeof schedule / sizeof schedule[0]; i++) {
        char name[CALENDAR_NAME_LEN];
        assert_true(calendar_is_legal_holiday((ns_date){2021, schedule[i].month, schedule[i].day}, name,
                                              sizeof name));
        assert_string_equal(name, schedule[i].name);
        assert_false(calendar_is_business_day((ns_date){2021, schedule[i].month, schedule[i].day}));
    }
}

static void juneteenth_is_no_holiday_before_2021(void **state)
{
    (void)state;
    assert_true(calendar_is_business_day((ns_date){2020, 6, 19})); /* a Friday */
    assert_true(calendar_is_business_day((ns_date){2019, 6, 19})); /* a Wednesday */
    assert_true(calendar_is_legal_holiday((ns_date){2024, 6, 19}, NULL, 0));
}

static void emancipation_day_counts_from_2007(void **state)
{
    (void)state;
    /* April 16, 2006 was a Sunday; the IRS deadline that year stayed Monday April 17. */
    assert_true(calendar_is_business_day((ns_date){2006, 4, 17}));
    assert_false(calendar_is_business_day((ns_date){2007, 4, 16}));
}

static void inauguration_day_shares_a_monday_and_has_no_friday(void **state)
{
    (void)state;
    char name[CALENDAR_NAME_LEN];
    assert_true(calendar_is_legal_holiday((ns_date){2025, 1, 20}, name, sizeof name));
    assert_string_equal(name, "Birthday of Martin Luther King, Jr. and Inauguration Day");
    /* January 20, 2029 is a Saturday: D.C. Code 28-2701 gives no Friday for it. */
    assert_true(calendar_is_business_day((ns_date){2029, 1, 19}));
    assert_true(calendar_is_business_day((ns_date){2026, 1, 20})); /* not an inauguration year */
    /* On a Sunday it moves to Monday (D.C. Code 1-612.02(c)): January 21, 1985 and 2013. */
    assert_true(calendar_is_legal_holiday((ns_date){1985, 1, 21}, name, sizeof name));
    assert_string_equal(name, "Inauguration Day (observed)");
    assert_true(calendar_is_legal_holiday((ns_date){2013, 1, 21}, name, sizeof name));
    assert_string_equal(name, "Birthday of Martin Luther King, Jr. and Inauguration Day (observed)");
}

/* ---- the cases issue 9 names ---- */

static void cp3219a_saturday_deadline_rolls_to_monday(void **state)
{
    (void)state;
    calendar_roll why;
    ns_date deadline = calendar_deadline((ns_date){2024, 1, 7}, 90, &why);
    assert_same_date(why.last_day, (ns_date){2024, 4, 6});
    assert_same_date(deadline, (ns_date){2024, 4, 8});
    assert_int_equal(why.days_moved, 2);
    char sentence[256];
    calendar_describe_roll(&why, sentence, sizeof sentence);
    assert_string_equal(sentence,
                        "moved from Saturday, April 6, 2024 to Monday, April 8, 2024 because of the "
                        "weekend (IRC 7503)");
}

static void ninety_days_landing_on_memorial_day_moves_to_tuesday(void **state)
{
    (void)state;
    calendar_roll why;
    assert_same_date(calendar_deadline((ns_date){2024, 2, 27}, 90, &why), (ns_date){2024, 5, 28});
    assert_int_equal(why.reason_count, 1);
    assert_string_equal(why.reasons[0], "Memorial Day");
}

static void saturday_sunday_holiday_monday_chain_ends_on_tuesday(void **state)
{
    (void)state;
    calendar_roll why;
    assert_same_date(calendar_deadline((ns_date){2024, 2, 25}, 90, &why), (ns_date){2024, 5, 28});
    assert_int_equal(why.days_moved, 3);
    char sentence[256];
    calendar_describe_roll(&why, sentence, sizeof sentence);
    assert_string_equal(sentence, "moved from Saturday, May 25, 2024 to Tuesday, May 28, 2024 because of the "
                                  "weekend and Memorial Day (IRC 7503)");
}

static void ninety_days_landing_on_emancipation_day_moves_a_day(void **state)
{
    (void)state;
    calendar_roll why;
    assert_same_date(calendar_deadline((ns_date){2024, 1, 17}, 90, &why), (ns_date){2024, 4, 17});
    assert_string_equal(why.reasons[0], "DC Emancipation Day");
}

static void cp90_thirty_days_on_a_saturday_rolls_to_monday(void **state)
{
    (void)state;
    assert_same_date(calendar_deadline((ns_date){2025, 5, 1}, 30, NULL), (ns_date){2025, 6, 2});
}

static void leap_day_counts_as_a_day(void **state)
{
    (void)state;
    /* February 29, 2024 + 90 = Wednesday May 29; December 1, 2023 + 90 = Thursday February 29. */
    calendar_roll why;
    assert_same_date(calendar_deadline((ns_date){2024, 2, 29}, 90, &why), (ns_date){2024, 5, 29});
    assert_int_equal(why.days_moved, 0);
    assert_same_date(calendar_deadline((ns_date){2023, 12, 1}, 90, NULL), (ns_date){2024, 2, 29});
    /* 2100 is no leap year: February 28, 2100 + 1 is March 1. */
    assert_same_date(date_add_days((ns_date){2100, 2, 28}, 1), (ns_date){2100, 3, 1});
}

static void business_day_stays_and_says_nothing(void **state)
{
    (void)state;
    calendar_roll why;
    assert_same_date(calendar_roll_forward((ns_date){2024, 4, 15}, &why), (ns_date){2024, 4, 15});
    assert_int_equal(why.days_moved, 0);
    assert_int_equal(why.reason_count, 0);
    char sentence[64] = "x";
    calendar_describe_roll(&why, sentence, sizeof sentence);
    assert_string_equal(sentence, "");
}

static void description_lists_reasons_and_fits_any_buffer(void **state)
{
    (void)state;
    calendar_roll why = {{2030, 1, 1}, {2030, 1, 4}, 3, 3, {"New Year's Day", "the weekend", "Memorial Day"}};
    char sentence[256];
    calendar_describe_roll(&why, sentence, sizeof sentence);
    assert_string_equal(sentence, "moved from Tuesday, January 1, 2030 to Friday, January 4, 2030 because of "
                                  "New Year's Day, the weekend and Memorial Day (IRC 7503)");
    char small[20];
    calendar_describe_roll(&why, small, sizeof small);
    assert_string_equal(small, "moved from Tuesday,"); /* cut at the buffer, still terminated */
}

static void invalid_date_is_no_business_day_and_does_not_roll(void **state)
{
    (void)state;
    ns_date invalid = {2023, 2, 29};
    char name[CALENDAR_NAME_LEN];
    assert_false(calendar_is_business_day(invalid));
    assert_false(calendar_is_legal_holiday(invalid, name, sizeof name));
    assert_string_equal(name, "");
    assert_same_date(calendar_roll_forward(invalid, NULL), invalid);
}

/* ---- every window in the catalog, from every notice date 2015-2035 ---- */

/* Checks one window of `days` from every notice date; returns how many dates it checked. */
static int check_window_from_every_notice_date(const char *code, int days)
{
    int checked = 0;
    for (int i = index_of_year_start(FIRST_YEAR); oracle[i].year <= LAST_YEAR; i++) {
        int expected = i + days;
        while (!oracle_is_business_day(expected))
            expected++;
        calendar_roll why;
        ns_date deadline = calendar_deadline(date_of(i), days, &why);
        ns_date want = date_of(expected);
        if (deadline.year != want.year || deadline.month != want.month || deadline.day != want.day ||
            why.days_moved != expected - (i + days) || (why.days_moved > 0) != (why.reason_count > 0))
            fail_msg("%s: %d days from %04d-%02d-%02d gave %04d-%02d-%02d, expected %04d-%02d-%02d", code,
                     days, oracle[i].year, oracle[i].month, oracle[i].day, deadline.year, deadline.month,
                     deadline.day, want.year, want.month, want.day);
        checked++;
    }
    return checked;
}

static int window_days(json_t *window, const char *key)
{
    json_t *days = json_object_get(window, key);
    return json_is_integer(days) && json_integer_value(days) > 0 ? (int)json_integer_value(days) : 0;
}

static void every_catalog_window_lands_on_the_first_business_day(void **state)
{
    (void)state;
    build_oracle();
    char *path = test_path("catalog/notices.json");
    json_error_t error;
    json_t *catalog = json_load_file(path, 0, &error);
    if (!catalog)
        fail_msg("%s: line %d: %s", path, error.line, error.text);
    static const char *const windows[] = {"deadline", "appeal"};
    static const char *const lengths[] = {"days", "days_abroad"};
    int window_count = 0, checked = 0;
    size_t i;
    json_t *notice;
    json_array_foreach(json_object_get(catalog, "notices"), i, notice)
    {
        const char *code = json_string_value(json_object_get(notice, "code"));
        for (size_t w = 0; w < 2; w++)
            for (size_t l = 0; l < 2; l++) {
                int days = window_days(json_object_get(notice, windows[w]), lengths[l]);
                if (days == 0)
                    continue;
                window_count++;
                checked += check_window_from_every_notice_date(code ? code : "?", days);
            }
    }
    print_message("  %d catalog windows, %d deadlines checked\n", window_count, checked);
    assert_true(window_count >= 40); /* the catalog had 54 windows when this test was written */
    json_decref(catalog);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_day_2015_to_2035_matches_the_holiday_rules),
        cmocka_unit_test(each_floating_holiday_lands_in_its_week),
        cmocka_unit_test(filing_deadline_each_season_matches_the_irs),
        cmocka_unit_test(dc_holiday_schedule_2021),
        cmocka_unit_test(juneteenth_is_no_holiday_before_2021),
        cmocka_unit_test(emancipation_day_counts_from_2007),
        cmocka_unit_test(inauguration_day_shares_a_monday_and_has_no_friday),
        cmocka_unit_test(cp3219a_saturday_deadline_rolls_to_monday),
        cmocka_unit_test(ninety_days_landing_on_memorial_day_moves_to_tuesday),
        cmocka_unit_test(saturday_sunday_holiday_monday_chain_ends_on_tuesday),
        cmocka_unit_test(ninety_days_landing_on_emancipation_day_moves_a_day),
        cmocka_unit_test(cp90_thirty_days_on_a_saturday_rolls_to_monday),
        cmocka_unit_test(leap_day_counts_as_a_day),
        cmocka_unit_test(business_day_stays_and_says_nothing),
        cmocka_unit_test(description_lists_reasons_and_fits_any_buffer),
        cmocka_unit_test(invalid_date_is_no_business_day_and_does_not_roll),
        cmocka_unit_test(every_catalog_window_lands_on_the_first_business_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
