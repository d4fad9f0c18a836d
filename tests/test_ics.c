/*
 * test_ics.c - the deadline as a calendar entry (pipeline/output_ics.c):
 * RFC 5545 structure, TEXT escaping, line folding and the two reminders.
 */
#include "testutil.h"

#include "output_ics.h"

static ics_event sample_event(void)
{
    ics_event event = {{2024, 4, 1}, "CP14: pay $2,417.86 to the IRS", NULL, "CP14 2024-03-11", 1733200000};
    return event;
}

/* Every line ends in CRLF and is at most 75 octets before it. */
static void assert_lines_are_folded(const char *calendar)
{
    const char *line = calendar;
    while (*line) {
        const char *end = strstr(line, "\r\n");
        assert_non_null(end);
        assert_true(end - line <= 75);
        line = end + 2;
    }
}

static void entry_is_an_all_day_event_with_two_reminders(void **state)
{
    (void)state;
    ics_event event = sample_event();
    char *calendar = ics_calendar_entry(&event);
    assert_non_null(calendar);
    assert_true(strncmp(calendar, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
    assert_non_null(strstr(calendar, "\r\nDTSTART;VALUE=DATE:20240401\r\n"));
    assert_non_null(strstr(calendar, "\r\nDTEND;VALUE=DATE:20240402\r\n")); /* exclusive end: the next day */
    assert_non_null(strstr(calendar, "\r\nDTSTAMP:20241203T042640Z\r\n"));
    assert_non_null(strstr(calendar, "TRIGGER;RELATED=START:-P7D\r\n"));
    assert_non_null(strstr(calendar, "TRIGGER;RELATED=START:-P1D\r\n"));
    assert_non_null(strstr(calendar, "\r\nSUMMARY:CP14: pay $2\\,417.86 to the IRS\r\n")); /* comma escaped */
    assert_true(strlen(calendar) > 20 && strcmp(calendar + strlen(calendar) - 15, "END:VCALENDAR\r\n") == 0);
    assert_lines_are_folded(calendar);
    free(calendar);
}

static void month_and_year_ends_roll_the_end_date(void **state)
{
    (void)state;
    ics_event event = sample_event();
    event.date = (ns_date){2024, 2, 29};
    char *calendar = ics_calendar_entry(&event);
    assert_non_null(strstr(calendar, "DTEND;VALUE=DATE:20240301\r\n"));
    free(calendar);
    event.date = (ns_date){2025, 12, 31};
    calendar = ics_calendar_entry(&event);
    assert_non_null(strstr(calendar, "DTEND;VALUE=DATE:20260101\r\n"));
    free(calendar);
}

static void text_is_escaped_and_long_lines_fold_between_characters(void **state)
{
    (void)state;
    ics_event event = sample_event();
    /* 40 two-byte characters: a fold in the middle of one would break the UTF-8. */
    char description[512] = "Pay; or call\\write,\nthen wait. ";
    for (int i = 0; i < 40; i++)
        strcat(description, "\xc3\xa9");
    event.description = description;
    char *calendar = ics_calendar_entry(&event);
    assert_non_null(strstr(calendar, "DESCRIPTION:Pay\\; or call\\\\write\\,\\nthen wait."));
    assert_lines_are_folded(calendar);
    /* Unfolding (remove CRLF + space) gives back whole characters. */
    char *unfolded = strdup(calendar);
    char *out = unfolded;
    for (const char *p = calendar; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        *out++ = *p;
    }
    *out = '\0';
    char expected[512] = "then wait. ";
    for (int i = 0; i < 40; i++)
        strcat(expected, "\xc3\xa9");
    assert_non_null(strstr(unfolded, expected));
    free(unfolded);
    free(calendar);
}

static void same_notice_gives_the_same_uid(void **state)
{
    (void)state;
    ics_event event = sample_event();
    char *first = ics_calendar_entry(&event);
    event.stamp += 3600;
    char *second = ics_calendar_entry(&event);
    event.date.day = 2;
    char *moved = ics_calendar_entry(&event);
    const char *uid_first = strstr(first, "UID:"), *uid_second = strstr(second, "UID:"),
               *uid_moved = strstr(moved, "UID:");
    size_t length = strcspn(uid_first, "\r");
    assert_true(strncmp(uid_first, uid_second, length) == 0);
    assert_false(strncmp(uid_first, uid_moved, length) == 0);
    free(first);
    free(second);
    free(moved);
}

static void no_date_or_summary_gives_no_entry(void **state)
{
    (void)state;
    ics_event event = sample_event();
    event.date.year = 0;
    assert_null(ics_calendar_entry(&event));
    event = sample_event();
    event.summary = NULL;
    assert_null(ics_calendar_entry(&event));
    assert_null(ics_calendar_entry(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entry_is_an_all_day_event_with_two_reminders),
        cmocka_unit_test(month_and_year_ends_roll_the_end_date),
        cmocka_unit_test(text_is_escaped_and_long_lines_fold_between_characters),
        cmocka_unit_test(same_notice_gives_the_same_uid),
        cmocka_unit_test(no_date_or_summary_gives_no_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
