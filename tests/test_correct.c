/*
 * test_correct.c - a person corrects what was read: ns_document_correct
 * makes the plan again with the same explainer, and ns_document_to_ics puts
 * the deadline in a calendar entry.
 */
#include "testutil.h"

static const char cp14_text[] = "Notice CP14\nTax year 2023\nNotice date March 11, 2024\n"
                                "Amount due: $2,417.86\nPay by April 1, 2024\n";

static ns_document *read_cp14(void)
{
    ns_date today = {2024, 3, 20};
    ns_document *document = ns_read_text(test_knowledge(), "cp14.txt", cp14_text, today);
    assert_int_equal(ns_document_status(document), NS_OK);
    return document;
}

static void a_corrected_amount_and_date_remake_the_plan(void **state)
{
    (void)state;
    ns_document *document = read_cp14();
    char err[256] = "";
    assert_int_equal(ns_document_correct(document, NS_FIELD_AMOUNT_DUE, "$5,123.45", err, sizeof err), NS_OK);
    assert_int_equal(ns_document_correct(document, NS_FIELD_RESPONSE_DATE, "April 29, 2024", err, sizeof err), NS_OK);
    double confidence = 0;
    assert_string_equal(ns_document_field(document, NS_FIELD_AMOUNT_DUE, &confidence), "5123.45");
    assert_true(confidence == 1.0);
    char *text = ns_document_to_text(document);
    assert_non_null(strstr(text, "$5,123.45"));
    assert_non_null(strstr(text, "April 29, 2024"));
    assert_non_null(strstr(text, "40 days left")); /* from March 20, as the document was read */
    free(text);
    char *json = ns_document_to_json(document, NULL);
    assert_non_null(strstr(json, "\"deadline\":\"2024-04-29\""));
    free(json);
    ns_document_free(document);
}

static void a_value_of_the_wrong_kind_is_refused_and_changes_nothing(void **state)
{
    (void)state;
    ns_document *document = read_cp14();
    char err[256] = "";
    assert_int_equal(ns_document_correct(document, NS_FIELD_NOTICE_DATE, "next Tuesday", err, sizeof err),
                     NS_ERR_ARGUMENT);
    assert_non_null(strstr(err, "notice_date"));
    assert_string_equal(ns_document_field(document, NS_FIELD_NOTICE_DATE, NULL), "2024-03-11");
    assert_int_equal(ns_document_correct(document, NS_FIELD_ALL_COUNT, "1", err, sizeof err), NS_ERR_ARGUMENT);
    assert_int_equal(ns_document_correct(NULL, NS_FIELD_TAX_YEAR, "2023", err, sizeof err), NS_ERR_ARGUMENT);
    ns_document_free(document);
}

static void a_typed_taxpayer_number_is_kept_masked_only(void **state)
{
    (void)state;
    ns_document *document = read_cp14();
    char err[256] = "";
    assert_int_equal(ns_document_correct(document, NS_FIELD_TAXPAYER_ID, "123-45-6789", err, sizeof err), NS_OK);
    char *json = ns_document_to_json(document, NULL);
    assert_null(strstr(json, "123-45"));
    assert_non_null(strstr(json, "6789"));
    free(json);
    /* Not a number: refused without echoing what was typed. */
    assert_int_equal(ns_document_correct(document, NS_FIELD_TAXPAYER_ID, "987-65-43x1", err, sizeof err),
                     NS_ERR_ARGUMENT);
    assert_null(strstr(err, "987"));
    ns_document_free(document);
}

static void clearing_a_field_says_the_notice_prints_none(void **state)
{
    (void)state;
    ns_document *document = read_cp14();
    char err[256] = "";
    assert_int_equal(ns_document_correct(document, NS_FIELD_AMOUNT_DUE, "", err, sizeof err), NS_OK);
    assert_null(ns_document_field(document, NS_FIELD_AMOUNT_DUE, NULL));
    ns_document_free(document);
}

static void the_deadline_goes_into_a_calendar_entry(void **state)
{
    (void)state;
    ns_document *document = read_cp14();
    char *calendar = ns_document_to_ics(document);
    assert_non_null(calendar);
    assert_non_null(strstr(calendar, "DTSTART;VALUE=DATE:20240401\r\n"));
    assert_non_null(strstr(calendar, "SUMMARY:CP14 deadline: pay $2\\,417.86\r\n"));
    free(calendar);
    ns_document_free(document);
    /* A notice with no deadline gives no entry. */
    ns_date today = {2024, 3, 20};
    document = ns_read_text(test_knowledge(), "letter.txt", "Dear taxpayer, thank you.\n", today);
    assert_null(ns_document_to_ics(document));
    ns_document_free(document);
    assert_null(ns_document_to_ics(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_corrected_amount_and_date_remake_the_plan),
        cmocka_unit_test(a_value_of_the_wrong_kind_is_refused_and_changes_nothing),
        cmocka_unit_test(a_typed_taxpayer_number_is_kept_masked_only),
        cmocka_unit_test(clearing_a_field_says_the_notice_prints_none),
        cmocka_unit_test(the_deadline_goes_into_a_calendar_entry),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
