/* test_patterns.c - pattern files are data: loaded, validated, and their errors name file and line. */
#include "testutil.h"

#include <unistd.h>

/* These checks read fields only; any date will do for the plan. */
static const ns_date any_day = {2024, 6, 1};

/* Writes files into a fresh temporary directory and tries to load it. */
static ns_status load_patterns(const char *const *names, const char *const *contents, int count, char *error,
                               size_t errlen, ns_knowledge **out)
{
    char dir[] = "/tmp/noticescan-patterns-XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (int i = 0; i < count; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *file = fopen(path, "w");
        assert_non_null(file);
        fputs(contents[i], file);
        fclose(file);
    }
    ns_knowledge *knowledge = NULL;
    ns_status status = ns_knowledge_load(dir, NULL, &knowledge, error, errlen);
    for (int i = 0; i < count; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    if (out)
        *out = knowledge;
    else
        ns_knowledge_free(knowledge);
    return status;
}

static const char minimal_rules[] = "define D (?:[A-Za-z]+ \\d{1,2}, \\d{4})\n"
                                    "field notice_code\nrule a 0.9 notice\\s+(?<v>CP\\d+)\n"
                                    "field tax_year\nrule a 0.9 tax\\s+year\\s+(?<v>\\d{4})\n"
                                    "field amount_due\nrule a 0.9 due\\s+(?<v>\\$[\\d,]+\\.\\d\\d)\n"
                                    "field response_date\nrule a 0.9 by\\s+(?<v>{D})\n"
                                    "field notice_date\nrule a 0.9 dated\\s+(?<v>{D})\n";

static void a_user_pattern_directory_replaces_the_built_in_set(void **state)
{
    (void)state;
    const char *names[] = {"mine.pat"};
    const char *contents[] = {minimal_rules};
    char error[512] = "";
    ns_knowledge *knowledge = NULL;
    assert_int_equal(load_patterns(names, contents, 1, error, sizeof error, &knowledge), NS_OK);
    ns_document *document = ns_read_text(knowledge, "t",
                                         "notice CP14 tax year 2020 due $12.00 by May 1, 2021 "
                                         "dated April 2, 2021 Notice date March 3, 2021",
                                         any_day);
    assert_field(document, NS_FIELD_AMOUNT_DUE, "12.00");
    assert_field(document, NS_FIELD_NOTICE_DATE, "2021-04-02"); /* only the user's rule: "dated" */
    ns_document_free(document);
    ns_knowledge_free(knowledge);
}

static void expect_error(const char *content, const char *fragment)
{
    const char *names[] = {"bad.pat"};
    const char *contents[] = {content};
    char error[512] = "";
    assert_int_equal(load_patterns(names, contents, 1, error, sizeof error, NULL), NS_ERR_PATTERNS);
    if (!strstr(error, fragment))
        fail_msg("error \"%s\" does not mention \"%s\"", error, fragment);
}

static void errors_name_the_file_and_line(void **state)
{
    (void)state;
    expect_error("field amount_due\n\nrule x 0.9 (?<v>[unclosed\n", "bad.pat:3");
    expect_error("field amount_due\nrule x 0.9 (?<v>[unclosed\n", "missing terminating ]");
    expect_error("field amount_due\nrule x 0.9 amount (\\d+)\n", "must capture its value as (?<v>");
    expect_error("field amount_due\nrule x 1.5 (?<v>\\d+)\n", "WEIGHT in [-1, 1]");
    expect_error("field amount_due\nrule x 0.5 (?<v>{NOPE})\n", "unknown define {NOPE}");
    expect_error("field price\n", "unknown field 'price'");
    expect_error("rule x 0.5 (?<v>\\d+)\n", "rule before any 'field' line");
    expect_error("frobnicate\n", "unknown keyword 'frobnicate'");
    expect_error("define A x\ndefine A y\n", "{A} is already defined at");
}

static void every_field_needs_at_least_one_rule(void **state)
{
    (void)state;
    expect_error("field amount_due\nrule x 0.5 (?<v>\\d+)\n", "no rules for field notice_code");
}

static void a_missing_directory_is_a_clear_error(void **state)
{
    (void)state;
    ns_knowledge *knowledge = NULL;
    char error[512] = "";
    assert_int_equal(ns_knowledge_load("/nonexistent/patterns", NULL, &knowledge, error, sizeof error),
                     NS_ERR_PATTERNS);
    assert_null(knowledge);
    assert_non_null(strstr(error, "/nonexistent/patterns"));
}

static void notice_scoped_rules_apply_only_to_their_notice(void **state)
{
    (void)state;
    char scoped[2048];
    snprintf(scoped, sizeof scoped,
             "%sfield amount_due\nrule special 0.95 @CP99 owed\\s+(?<v>\\$[\\d,]+\\.\\d\\d)\n",
             minimal_rules);
    const char *names[] = {"mine.pat"};
    const char *contents[] = {scoped};
    char error[512] = "";
    ns_knowledge *knowledge = NULL;
    assert_int_equal(load_patterns(names, contents, 1, error, sizeof error, &knowledge), NS_OK);
    ns_document *cp99 = ns_read_text(knowledge, "t", "notice CP99 owed $5.00", any_day);
    ns_document *cp14 = ns_read_text(knowledge, "t", "notice CP14 owed $5.00", any_day);
    assert_field(cp99, NS_FIELD_AMOUNT_DUE, "5.00");
    assert_field(cp14, NS_FIELD_AMOUNT_DUE, NULL);
    ns_document_free(cp99);
    ns_document_free(cp14);
    ns_knowledge_free(knowledge);
}

static void the_shipped_pattern_directory_loads(void **state)
{
    (void)state;
    char *dir = test_path("patterns");
    ns_knowledge *knowledge = NULL;
    char error[512] = "";
    assert_int_equal(ns_knowledge_load(dir, NULL, &knowledge, error, sizeof error), NS_OK);
    ns_knowledge_free(knowledge);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_user_pattern_directory_replaces_the_built_in_set),
        cmocka_unit_test(errors_name_the_file_and_line),
        cmocka_unit_test(every_field_needs_at_least_one_rule),
        cmocka_unit_test(a_missing_directory_is_a_clear_error),
        cmocka_unit_test(notice_scoped_rules_apply_only_to_their_notice),
        cmocka_unit_test(the_shipped_pattern_directory_loads),
    };
    return cmocka_run_group_tests_name("patterns", tests, NULL, NULL);
}
