/*
 * test_golden.c - the text a person reads and the letters, compared with
 * golden files in tests/golden/. After an intended change, regenerate them
 * with NOTICESCAN_UPDATE_GOLDEN=1 and review the diff like code.
 */
#include "testutil.h"

/* The golden files were made as of this date (days left, the letter's date). */
static const ns_date golden_today = {2024, 3, 20};

static ns_document *golden_notice(void)
{
    char *path = test_path("tests/golden/cp90-notice.txt");
    char *text = test_read_file(path);
    assert_non_null(text);
    ns_document *document = ns_read_text(test_knowledge(), "cp90-notice.txt", text, golden_today);
    assert_int_equal(ns_document_status(document), NS_OK);
    free(text);
    free(path);
    return document;
}

static void compare_with_golden(const char *actual, const char *name)
{
    char relative[256];
    snprintf(relative, sizeof relative, "tests/golden/%s", name);
    char *path = test_path(relative);
    if (getenv("NOTICESCAN_UPDATE_GOLDEN")) {
        FILE *file = fopen(path, "w");
        assert_non_null(file);
        fputs(actual, file);
        fclose(file);
    }
    char *expected = test_read_file(path);
    if (!expected)
        fail_msg("%s is missing: run with NOTICESCAN_UPDATE_GOLDEN=1 to create it", path);
    if (strcmp(expected, actual) != 0) {
        /* Point at the first line that differs. */
        int line = 1;
        const char *a = actual, *e = expected;
        while (*a && *a == *e) {
            line += *a == '\n';
            a++, e++;
        }
        fail_msg("%s differs from the output at line %d", path, line);
    }
    free(expected);
    free(path);
}

static void plan_text_matches_golden(void **state)
{
    (void)state;
    ns_document *document = golden_notice();
    char *text = ns_document_to_text(document);
    compare_with_golden(text, "cp90-plan.txt");
    free(text);
    ns_document_free(document);
}

static void letters_match_golden(void **state)
{
    (void)state;
    ns_document *document = golden_notice();
    static const char *const kinds[] = {"dispute", "abatement", "cdp"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        char *letter = ns_document_letter(document, kinds[i]);
        assert_non_null(letter);
        assert_null(strchr(letter, '{')); /* every placeholder filled */
        assert_null(strstr(letter, "4410") == NULL ? NULL : strstr(letter, "nnn-nn-4410")); /* masked */
        char name[64];
        snprintf(name, sizeof name, "cp90-letter-%s.txt", kinds[i]);
        compare_with_golden(letter, name);
        free(letter);
    }
    assert_null(ns_document_letter(document, "complaint"));
    ns_document_free(document);
}

static void letters_carry_what_the_notice_says(void **state)
{
    (void)state;
    ns_document *document = golden_notice();
    char *letter = ns_document_letter(document, "cdp");
    assert_non_null(strstr(letter, "RIVER T. SAMPLE\n88 WILLOW BEND LN\nASHLAND, OR 97520"));
    assert_non_null(strstr(letter, "Notice CP90 dated March 6, 2024"));
    assert_non_null(strstr(letter, "Tax year: 2022"));
    assert_non_null(strstr(letter, "Taxpayer ID: XXX-XX-4410"));
    assert_non_null(strstr(letter, "$3,918.44"));
    assert_non_null(strstr(letter, "April 5, 2024")); /* the printed hearing deadline */
    free(letter);
    ns_document_free(document);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_text_matches_golden),
        cmocka_unit_test(letters_match_golden),
        cmocka_unit_test(letters_carry_what_the_notice_says),
    };
    int failed = cmocka_run_group_tests_name("golden", tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
