/* test_output.c - the JSON contract, the text a person reads, and identifier masking. */
#include "testutil.h"

#include <jansson.h>

#include "base.h"
#include "normalize.h"

static const char cp14_text[] = "Notice CP14\nTax year 2023\nNotice date March 4, 2024\n"
                                "Social security number 123-45-6789\nAmount due: $1,075.21\n"
                                "Amount due by March 25, 2024 $1,075.21\n";

static json_t *render(const char *text, ns_date today, int explain_fields)
{
    ns_document *document = ns_read_text(test_knowledge(), "letters/cp14.png", text, today);
    ns_render_options options = {explain_fields};
    char *json = ns_document_to_json(document, &options);
    assert_non_null(json);
    assert_null(strchr(json, '\n')); /* one line: JSON Lines safe */
    json_error_t error;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &error);
    if (!root)
        fail_msg("not valid JSON (%s): %s", error.text, json);
    free(json);
    ns_document_free(document);
    return root;
}

static void json_has_the_contract_names_and_forms(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    json_t *root = render(cp14_text, today, 0);
    assert_string_equal(json_string_value(json_object_get(root, "source")), "letters/cp14.png");
    assert_string_equal(json_string_value(json_object_get(root, "status")), "ok");
    assert_true(json_is_null(json_object_get(root, "error")));
    assert_true(json_is_integer(json_object_get(root, "pages")));
    json_t *fields = json_object_get(root, "fields");
    json_t *year = json_object_get(json_object_get(fields, "tax_year"), "value");
    assert_true(json_is_integer(year));
    assert_int_equal(json_integer_value(year), 2023);
    json_t *amount = json_object_get(fields, "amount_due");
    assert_string_equal(json_string_value(json_object_get(amount, "value")), "1075.21");
    double confidence = json_real_value(json_object_get(amount, "confidence"));
    assert_true(confidence > 0.5 && confidence <= 1.0);
    assert_int_equal(json_integer_value(json_object_get(amount, "page")), 1);
    assert_non_null(json_object_get(amount, "bbox")); /* null for text input, a box for images */
    assert_non_null(json_object_get(amount, "text"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(fields, "response_date"), "value")),
                        "2024-03-25");
    assert_string_equal(json_string_value(json_object_get(json_object_get(fields, "notice_date"), "value")),
                        "2024-03-04");
    json_t *plan = json_object_get(root, "plan");
    static const char *const plan_keys[] = {"title", "summary",    "urgency", "deadline", "days_left",
                                            "steps", "if_ignored", "forms",   "sources"};
    for (size_t i = 0; i < sizeof plan_keys / sizeof plan_keys[0]; i++)
        if (!json_object_get(plan, plan_keys[i]))
            fail_msg("plan has no '%s'", plan_keys[i]);
    assert_true(json_is_array(json_object_get(plan, "steps")));
    assert_true(json_is_array(json_object_get(plan, "sources")));
    assert_string_equal(json_string_value(json_object_get(plan, "deadline")), "2024-03-25");
    assert_int_equal(json_integer_value(json_object_get(plan, "days_left")), 15);
    json_decref(root);
}

static void missing_fields_are_null_with_their_keys(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    json_t *root = render("Notice CP59\nNotice date March 4, 2024\n", today, 0);
    json_t *fields = json_object_get(root, "fields");
    assert_int_equal(json_object_size(fields), NS_FIELD_COUNT);
    assert_true(json_is_null(json_object_get(fields, "amount_due")));
    assert_true(json_is_null(json_object_get(fields, "tax_year")));
    assert_true(json_is_null(json_object_get(fields, "response_date")));
    json_decref(root);
}

static void explain_fields_shows_evidence_and_runner_up(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    json_t *root = render("Notice CP14\nNotice date March 4, 2024\nAmount due: $1,075.21\n"
                          "Amount due by March 25, 2024 $1,075.21\nYou owe $99.00\n",
                          today, 1);
    json_t *amount = json_object_get(json_object_get(root, "fields"), "amount_due");
    json_t *evidence = json_object_get(amount, "evidence");
    assert_non_null(json_string_value(json_object_get(evidence, "rule")));
    assert_int_equal(json_integer_value(json_object_get(evidence, "repeats")), 2);
    json_t *runner_up = json_object_get(amount, "runner_up");
    assert_string_equal(json_string_value(json_object_get(runner_up, "value")), "99.00");
    json_decref(root);
}

static void identifiers_are_masked_to_the_last_four(void **state)
{
    (void)state;
    char text[] = "SSN 123-45-6789, EIN 12-3456789, ITIN 912345678, phone 800-829-1040, year 2024";
    mask_identifiers(text);
    assert_string_equal(text,
                        "SSN XXX-XX-6789, EIN XX-XXX6789, ITIN XXXXX5678, phone 800-829-1040, year 2024");
}

static void no_full_identifier_reaches_the_output(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    ns_document *document = ns_read_text(test_knowledge(), "t", cp14_text, today);
    ns_render_options options = {1};
    char *json = ns_document_to_json(document, &options);
    char *text = ns_document_to_text(document);
    assert_null(strstr(json, "123-45-6789"));
    assert_null(strstr(text, "123-45-6789"));
    free(json);
    free(text);
    ns_document_free(document);
}

static void text_output_leads_with_what_a_person_needs(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    ns_document *document = ns_read_text(test_knowledge(), "cp14.png", cp14_text, today);
    char *text = ns_document_to_text(document);
    assert_non_null(strstr(text, "CP14"));
    assert_non_null(strstr(text, "$1,075.21"));
    assert_non_null(strstr(text, "March 25, 2024 - 15 days left"));
    assert_non_null(strstr(text, "What to do"));
    assert_non_null(strstr(text, "If you do nothing"));
    /* The main points fit one 24-line screen: the deadline is in the first 16 lines. */
    int line = 0;
    for (const char *p = text; p < strstr(text, "days left"); p++)
        line += *p == '\n';
    assert_true(line < 16);
    free(text);
    ns_document_free(document);
}

static void error_documents_render_as_valid_error_records(void **state)
{
    (void)state;
    ns_date today = {2024, 1, 1};
    ns_document *document = ns_document_for_code(test_knowledge(), "not a code", today, 0);
    char *json = ns_document_to_json(document, NULL);
    json_t *root = json_loads(json, 0, NULL);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(root, "status")), "error");
    assert_string_equal(json_string_value(json_object_get(json_object_get(root, "error"), "code")),
                        "argument");
    json_decref(root);
    free(json);
    ns_document_free(document);
}

/*
 * Before, a file name that is not UTF-8 (Latin-1 "caf\xe9") made jansson refuse the string, and the
 * record came out without its "source" and "error" keys. Such bytes become U+FFFD; valid UTF-8,
 * "re\xc3\xa7u" (reçu), stays as it is.
 */
static void a_file_name_that_is_not_utf8_keeps_its_record_whole(void **state)
{
    (void)state;
    ns_date today = {2024, 1, 1};
    ns_document *document =
        ns_read_text_file(test_knowledge(), "/nonexistent/caf\xe9 re\xc3\xa7u \xff.txt", today, 0);
    assert_int_equal(ns_document_status(document), NS_ERR_IO);
    assert_string_equal(ns_document_source(document),
                        "/nonexistent/caf\xef\xbf\xbd re\xc3\xa7u \xef\xbf\xbd.txt");
    char *json = ns_document_to_json(document, NULL);
    json_error_t error;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &error);
    if (!root)
        fail_msg("not valid JSON (%s): %s", error.text, json);
    const char *shown = "/nonexistent/caf\xef\xbf\xbd re\xc3\xa7u \xef\xbf\xbd.txt";
    assert_string_equal(json_string_value(json_object_get(root, "source")), shown);
    json_t *failure = json_object_get(root, "error");
    assert_string_equal(json_string_value(json_object_get(failure, "code")), "io");
    assert_non_null(strstr(json_string_value(json_object_get(failure, "message")), shown));
    json_decref(root);
    free(json);
    ns_document_free(document);
}

/* RFC 3629: an overlong form, a surrogate and a code point past U+10FFFF are no characters. */
static void only_valid_utf8_survives_repair(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"plain \xf0\x9f\x98\x80 \xe2\x82\xac",
         "plain \xf0\x9f\x98\x80 \xe2\x82\xac"},                                  /* 4 and 3 bytes, kept */
        {"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},                                 /* overlong "/" */
        {"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},                 /* a surrogate */
        {"\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* past U+10FFFF */
        {"cut \xe2\x82", "cut \xef\xbf\xbd\xef\xbf\xbd"},                         /* a character cut short */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *repaired = text_repair_utf8(cases[i][0]);
        assert_string_equal(repaired, cases[i][1]);
        free(repaired);
    }
}

/* A text file that is not UTF-8 is Windows-1252: each byte one letter; valid UTF-8 stays as it is. */
static void text_that_is_not_utf8_is_read_as_windows_1252(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"JOS\xc9 MU\xd1OZ", "JOS\xc3\x89 MU\xc3\x91OZ"}, /* Latin-1 letters: two bytes each */
        {"\x93quoted\x94 \x80 5", "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac 5"}, /* 0x80-0x9f */
        {"undefined \x81", "undefined \xef\xbf\xbd"},
        {"JOS\xc3\x89 already UTF-8", "JOS\xc3\x89 already UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *decoded = text_decode_file_text(cases[i][0]);
        assert_string_equal(decoded, cases[i][1]);
        free(decoded);
    }
    /* read as a notice, the name keeps its letters and the address block is found */
    json_t *root = render("Notice CP14\nNotice date March 11, 2024\n\nJOS\xc9 MU\xd1OZ\n12 MAIN ST\n"
                          "SPRINGFIELD IL 62701\n",
                          (ns_date){2024, 3, 20}, 0);
    json_t *address = json_object_get(json_object_get(root, "details"), "mailing_address");
    assert_string_equal(json_string_value(json_object_get(address, "value")),
                        "JOS\xc3\x89 MU\xc3\x91OZ\n12 MAIN ST\nSPRINGFIELD IL 62701");
    json_decref(root);
}

/* The letter kinds the plan lists for this text, joined by spaces ("" when none). */
static void letters_listed(const char *text, char *out, size_t len)
{
    ns_date today = {2024, 3, 10};
    json_t *root = render(text, today, 0);
    out[0] = '\0';
    size_t i;
    json_t *kind;
    json_array_foreach(json_object_get(json_object_get(root, "plan"), "letters"), i, kind)
        snprintf(out + strlen(out), len - strlen(out), "%s%s", i ? " " : "", json_string_value(kind));
    json_decref(root);
}

static void a_letter_only_where_the_notice_allows_it(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 10};
    ns_document *cp14 = ns_read_text(test_knowledge(), "cp14", cp14_text, today);
    assert_null(ns_document_letter(cp14, "cdp"));
    assert_non_null(
        strstr(ns_document_letter_refusal(cp14, "cdp"), "no Collection Due Process hearing right"));
    assert_null(ns_document_letter_refusal(cp14, "dispute"));
    assert_null(ns_document_letter_refusal(cp14, "abatement"));
    assert_non_null(ns_document_letter_refusal(cp14, "appeal")); /* no such kind */
    ns_document_free(cp14);
    ns_document *cp2000 =
        ns_read_text(test_knowledge(), "cp2000", "Notice CP2000\nNotice date March 4, 2024\n", today);
    assert_null(ns_document_letter(cp2000, "abatement")); /* penalties only proposed */
    assert_non_null(strstr(ns_document_letter_refusal(cp2000, "abatement"), "proposed"));
    ns_document_free(cp2000);
    char kinds[64];
    letters_listed(cp14_text, kinds, sizeof kinds);
    assert_string_equal(kinds, "dispute abatement");
    letters_listed("Notice CP90\nNotice date March 4, 2024\nAmount due: $900.00\n", kinds, sizeof kinds);
    assert_string_equal(kinds, "dispute abatement cdp");
    letters_listed("IRS Tax Department\nPay today with gift cards or face arrest.\n", kinds, sizeof kinds);
    assert_string_equal(kinds, "");
}

static void a_late_dispute_letter_says_so_and_keeps_its_lines(void **state)
{
    (void)state;
    ns_date late = {2026, 12, 1};
    ns_document *document =
        ns_read_text(test_knowledge(), "cp2000",
                     "Notice CP2000\nNotice date March 1, 2024\nRespond by April 1, 2024\n"
                     "Proposed amount due: $500.00\n",
                     late);
    char *letter = ns_document_letter(document, "dispute");
    assert_non_null(letter);
    for (const char *line = letter; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "")
        assert_true(strcspn(line, "\n") <= 74);
    for (char *c = letter; *c; c++) /* one line, to find phrases the wrapping split */
        if (*c == '\n')
            *c = ' ';
    assert_non_null(strstr(letter, "April 1, 2024, passed 974 days ago"));
    assert_non_null(strstr(letter, "What you can still do:"));
    assert_null(strstr(letter, "before April 1, 2024"));
    free(letter);
    ns_document_free(document);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_has_the_contract_names_and_forms),
        cmocka_unit_test(missing_fields_are_null_with_their_keys),
        cmocka_unit_test(explain_fields_shows_evidence_and_runner_up),
        cmocka_unit_test(identifiers_are_masked_to_the_last_four),
        cmocka_unit_test(no_full_identifier_reaches_the_output),
        cmocka_unit_test(text_output_leads_with_what_a_person_needs),
        cmocka_unit_test(error_documents_render_as_valid_error_records),
        cmocka_unit_test(a_file_name_that_is_not_utf8_keeps_its_record_whole),
        cmocka_unit_test(only_valid_utf8_survives_repair),
        cmocka_unit_test(text_that_is_not_utf8_is_read_as_windows_1252),
        cmocka_unit_test(a_letter_only_where_the_notice_allows_it),
        cmocka_unit_test(a_late_dispute_letter_says_so_and_keeps_its_lines),
    };
    int failed = cmocka_run_group_tests_name("output", tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
