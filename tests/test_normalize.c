/* test_normalize.c - OCR token repair, money, dates, years and notice codes. */
#include "testutil.h"

#include "dates.h"
#include "normalize.h"

/* The plans of the documents read here are not checked; any date will do. */
static const ns_date any_day = {2024, 6, 1};

static void repaired(const char *token, const char *expected)
{
    char out[64];
    normalize_token(token, out, sizeof out);
    if (strcmp(out, expected) != 0)
        fail_msg("normalize_token(\"%s\") = \"%s\", expected \"%s\"", token, out, expected);
}

static void numbers_with_letter_confusions_are_repaired(void **state)
{
    (void)state;
    repaired("2O18", "2018");
    repaired("$1,O75.2l", "$1,075.21");
    repaired("S1,075.21", "$1,075.21");
    repaired("l0", "10");
    repaired("2Ol7,", "2017,");
    repaired("(2O16)", "(2016)");
}

static void words_are_left_alone(void **state)
{
    (void)state;
    repaired("Social", "Social");
    repaired("SSN", "SSN");
    repaired("1040A", "1040A"); /* a form number with a letter suffix */
    repaired("OH", "OH");
    repaired("LTD.", "LTD.");
    repaired("CPA", "CPA");
}

static void notice_codes_with_confusions_are_repaired(void **state)
{
    (void)state;
    repaired("CPI4", "CP14");
    repaired("LTII", "LT11");
    repaired("CP2OOO", "CP2000");
    repaired("CP504B", "CP504B"); /* B is a variant suffix here, not an 8 */
    repaired("CP515I", "CP515I");
    repaired("CP5O4", "CP504");
    repaired("CP7IC", "CP71C"); /* I before a suffix letter is still a digit */
    repaired("CP2I", "CP21");
}

static void month_names_with_a_digit_for_a_letter_are_repaired(void **state)
{
    (void)state;
    repaired("Ju1y", "July");
    repaired("Apri1", "April");
    repaired("0ct.", "Oct.");
    repaired("Augu5t", "August");
    repaired("Ju1y,", "July,");
    repaired("Ap1", "Ap1"); /* not a month: left alone */
    repaired("10th", "10th");
    repaired("B1ue", "B1ue");
}

static void typographic_punctuation_becomes_ascii(void **state)
{
    (void)state;
    repaired("you\xE2\x80\x99re", "you're");
    repaired("\xE2\x80\x93"
             "300,331.00",
             "-300,331.00");
    repaired("\xEF\xAC\x81le", "file");
}

static int64_t cents_of(const char *text)
{
    int64_t cents = -1;
    if (!normalize_money(text, &cents))
        return -999999;
    return cents;
}

static void money_is_exact_cents_in_every_printed_form(void **state)
{
    (void)state;
    assert_int_equal(cents_of("$1,075.21"), 107521);
    assert_int_equal(cents_of("1075.21"), 107521);
    assert_int_equal(cents_of("$ 1,075.21"), 107521);
    assert_int_equal(cents_of("1.075,21"), 107521); /* comma and period swapped */
    assert_int_equal(cents_of("$9 533.53"), 953353);
    assert_int_equal(cents_of("$97,647.55"), 9764755);
    assert_int_equal(cents_of("$90,000"), 9000000);
    assert_int_equal(cents_of("-3,328.00"), -332800);
    assert_int_equal(cents_of("0.10"), 10);
    assert_int_equal(cents_of("$"), -999999);
    /* 0.1 + 0.2 style float noise cannot happen: cents are integers. */
    char text[32];
    format_money(348217, text, sizeof text);
    assert_string_equal(text, "3482.17");
    format_money(-5, text, sizeof text);
    assert_string_equal(text, "-0.05");
}

/* Before, the digits were multiplied up before they were counted: signed overflow (UBSan under make
 * sanitize). */
static void money_too_long_to_be_an_amount_is_rejected_without_overflow(void **state)
{
    (void)state;
    assert_int_equal(cents_of("$1,000,000,000,000,000,000,000.00"), -999999);
    assert_int_equal(cents_of("99999999999999999999999999"), -999999);
    assert_int_equal(cents_of("$1,000,000,000,000.00"), -999999);      /* 13 digits of dollars */
    assert_int_equal(cents_of("$999,999,999,999.99"), 99999999999999); /* 12: the largest taken */
    ns_document *document =
        ns_read_text(test_knowledge(), "t", "Internal Revenue Service\nAmount due: $1,000,000,000,000,000,000,000.00",
                     any_day);
    assert_int_equal(ns_document_status(document), NS_OK);
    assert_null(ns_document_field(document, NS_FIELD_AMOUNT_DUE, NULL));
    ns_document_free(document);
}

static char *iso(const char *text)
{
    static char out[16];
    ns_date date;
    if (!normalize_date(text, &date))
        return "invalid";
    date_format_iso(date, out);
    return out;
}

static void dates_in_notice_formats_become_iso(void **state)
{
    (void)state;
    assert_string_equal(iso("February 20, 2018"), "2018-02-20");
    assert_string_equal(iso("Feb. 20, 2018"), "2018-02-20");
    assert_string_equal(iso("Feb 20 2018"), "2018-02-20");
    assert_string_equal(iso("02/20/2018"), "2018-02-20");
    assert_string_equal(iso("2/20/18"), "2018-02-20");
    assert_string_equal(iso("7/16/16"), "2016-07-16");
    assert_string_equal(iso("Sept. 9, 2024"), "2024-09-09");
    assert_string_equal(iso("2018-02-20"), "2018-02-20");
    assert_string_equal(iso("January 30,\n2018"), "2018-01-30");
    /* the comma as OCR reads it on dim and faxed photos */
    assert_string_equal(iso("September 12) 2019"), "2019-09-12");
    assert_string_equal(iso("September 12; 2019"), "2019-09-12");
}

static void damaged_month_names_are_recognized(void **state)
{
    (void)state;
    assert_string_equal(iso("Februarv 20, 2018"), "2018-02-20");
    assert_string_equal(iso("Decernber 31, 2017"), "2017-12-31");
    assert_string_equal(iso("Jarmary 30, 2018"), "2018-01-30");
    assert_string_equal(iso("Novernbet 7, 2025"), "2025-11-07"); /* "rn" for "m", and one edit more */
    assert_string_equal(iso("Jurne 9, 2017"), "2017-06-09");
    assert_string_equal(iso("June 9,.2017"), "2017-06-09");
    /* a four-letter name with one letter misread (small photos of seed 202612041500), when only one fits */
    assert_string_equal(iso("Jone 18, 2024"), "2024-06-18");
    assert_string_equal(iso("dune 18, 2024"), "2024-06-18");
    assert_string_equal(iso("Juty 3, 2017"), "2017-07-03");
    assert_string_equal(iso("Juny 3, 2017"), "invalid"); /* June or July */
    assert_string_equal(iso("Apnl 5, 2019"), "2019-04-05"); /* "ri" read as "n" */
    assert_string_equal(iso("Page 3, 2017"), "invalid");
}

static void impossible_dates_are_rejected(void **state)
{
    (void)state;
    assert_string_equal(iso("February 30, 2018"), "invalid");
    assert_string_equal(iso("February 29, 2023"), "invalid");
    assert_string_equal(iso("February 29, 2024"), "2024-02-29");
    assert_string_equal(iso("13/01/2020"), "invalid"); /* US order only: month first */
    assert_string_equal(iso("Blorp 12, 2020"), "invalid");
    assert_string_equal(iso("May 5, 18"), "invalid");
}

static void years_come_from_years_and_periods(void **state)
{
    (void)state;
    int year = 0;
    assert_true(normalize_year("2017", &year));
    assert_int_equal(year, 2017);
    assert_true(normalize_year("December 31, 2023", &year));
    assert_int_equal(year, 2023);
    assert_false(normalize_year("20175", &year));
    assert_false(normalize_year("1776", &year));
}

static void codes_are_canonical(void **state)
{
    (void)state;
    char code[24];
    assert_true(normalize_notice_code("CP 14", code, sizeof code));
    assert_string_equal(code, "CP14");
    assert_true(normalize_notice_code("cp504b", code, sizeof code));
    assert_string_equal(code, "CP504B");
    assert_true(normalize_notice_code("Letter 1058", code, sizeof code));
    assert_string_equal(code, "LTR1058");
    assert_true(normalize_notice_code("LTR 5071C", code, sizeof code));
    assert_string_equal(code, "LTR5071C");
    assert_true(normalize_notice_code("LTII", code, sizeof code));
    assert_string_equal(code, "LT11");
    assert_false(normalize_notice_code("Form 9465", code, sizeof code));
    assert_false(normalize_notice_code("CP", code, sizeof code));
}

static void detail_values_are_normalized_and_identifiers_masked(void **state)
{
    (void)state;
    char out[32];
    assert_true(normalize_form("Form 1040-SR", out, sizeof out));
    assert_string_equal(out, "1040-SR");
    assert_true(normalize_form("941", out, sizeof out));
    assert_string_equal(out, "941");
    assert_false(normalize_form("Form W", out, sizeof out));
    assert_true(normalize_taxpayer_id("123-45-6789", out, sizeof out));
    assert_string_equal(out, "XXX-XX-6789");
    assert_true(normalize_taxpayer_id("nnn-nn-8773", out, sizeof out));
    assert_string_equal(out, "XXX-XX-8773");
    assert_true(normalize_taxpayer_id("12-3456789", out, sizeof out));
    assert_string_equal(out, "XX-XXX6789");
    assert_false(normalize_taxpayer_id("NNN-NN-NNNN", out, sizeof out)); /* a placeholder: no digits */
    assert_false(normalize_taxpayer_id("123-45-678", out, sizeof out));
    assert_true(normalize_phone("1-800-829-1040", out, sizeof out));
    assert_string_equal(out, "800-829-1040");
    assert_true(normalize_phone("(800) 829 0922", out, sizeof out));
    assert_string_equal(out, "800-829-0922");
    assert_false(normalize_phone("829-1040", out, sizeof out));
}

static void date_arithmetic_crosses_months_years_and_leap_days(void **state)
{
    (void)state;
    char out[16];
    ns_date date = {2024, 1, 31};
    date_format_iso(date_add_days(date, 30), out);
    assert_string_equal(out, "2024-03-01"); /* through a leap February */
    ns_date date2 = {2023, 1, 31};
    date_format_iso(date_add_days(date2, 30), out);
    assert_string_equal(out, "2023-03-02");
    ns_date date3 = {2023, 12, 15};
    date_format_iso(date_add_days(date3, 21), out);
    assert_string_equal(out, "2024-01-05");
    ns_date date4 = {2019, 1, 30};
    date_format_iso(date_add_days(date4, 30), out);
    assert_string_equal(out, "2019-03-01");
    ns_date epoch = {1970, 1, 1};
    assert_int_equal(date_to_days(epoch), 0);
    ns_date parsed;
    assert_true(ns_date_parse_iso("2026-11-23", &parsed));
    assert_false(ns_date_parse_iso("2026-11-31", &parsed));
    assert_false(ns_date_parse_iso("2026-1-3", &parsed));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_with_letter_confusions_are_repaired),
        cmocka_unit_test(words_are_left_alone),
        cmocka_unit_test(notice_codes_with_confusions_are_repaired),
        cmocka_unit_test(month_names_with_a_digit_for_a_letter_are_repaired),
        cmocka_unit_test(typographic_punctuation_becomes_ascii),
        cmocka_unit_test(money_is_exact_cents_in_every_printed_form),
        cmocka_unit_test(money_too_long_to_be_an_amount_is_rejected_without_overflow),
        cmocka_unit_test(dates_in_notice_formats_become_iso),
        cmocka_unit_test(damaged_month_names_are_recognized),
        cmocka_unit_test(impossible_dates_are_rejected),
        cmocka_unit_test(years_come_from_years_and_periods),
        cmocka_unit_test(codes_are_canonical),
        cmocka_unit_test(detail_values_are_normalized_and_identifiers_masked),
        cmocka_unit_test(date_arithmetic_crosses_months_years_and_leap_days),
    };
    return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
