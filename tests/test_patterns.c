/* test_patterns.c - pattern files are data: loaded, validated, and their errors name file and line. */
#include "testutil.h"

#include <locale.h>
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

/* "paired" before the regex is an option (the value must sit by its label on a page), not regex text. */
static void paired_is_an_option_not_part_of_the_regex(void **state)
{
    (void)state;
    const char *names[] = {"mine.pat", "paired.pat"};
    const char *contents[] = {minimal_rules, "field notice_code\nrule b 0.9 paired ticket\\s+(?<v>CP\\d+)\n"};
    char error[512] = "";
    ns_knowledge *knowledge = NULL;
    assert_int_equal(load_patterns(names, contents, 2, error, sizeof error, &knowledge), NS_OK);
    ns_document *document = ns_read_text(knowledge, "t", "ticket CP14 tax year 2020 due $12.00", any_day);
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP14");
    ns_document_free(document);
    ns_knowledge_free(knowledge);
}

/* "misread" marks a rule whose capture is a garbled value: a place to read again, never a value. */
static void a_misread_rule_gives_no_value(void **state)
{
    (void)state;
    const char *names[] = {"mine.pat", "misread.pat"};
    const char *contents[] = {minimal_rules, "field notice_date\nrule g 0.9 misread stamped\\s+(?<v>{D})\n"};
    char error[512] = "";
    ns_knowledge *knowledge = NULL;
    assert_int_equal(load_patterns(names, contents, 2, error, sizeof error, &knowledge), NS_OK);
    ns_document *document = ns_read_text(knowledge, "t", "notice CP14 stamped April 2, 2021", any_day);
    assert_null(ns_document_field(document, NS_FIELD_NOTICE_DATE, NULL));
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
    expect_error("field notice_date\nrule x -0.5 misread dated\\s+(?<v>\\S+)\n",
                 "a misread rule gives a place");
}

/* strtok_r skipped empty lines, so a define's message named a line above the real one. */
static void errors_after_blank_lines_name_the_right_line(void **state)
{
    (void)state;
    expect_error("# header\n\n\ndefine lower x\n", "bad.pat:4");
    expect_error("define A x\n\ndefine A y\n", "bad.pat:3: {A} is already defined at");
    expect_error("define A x\n\ndefine A y\n", "/bad.pat:1");
    expect_error("\nfield amount_due\n\nrule x 0.9 (?<v>{NOPE})\n", "bad.pat:4");
}

/* A user's rule whose prefix= and value were copied into a 160-byte buffer: a long prefix overran it. */
static ns_status load_rule_with_prefix(size_t prefix_length, char *error, size_t errlen)
{
    char prefix[256];
    memset(prefix, 'X', prefix_length);
    prefix[prefix_length] = '\0';
    char content[2048];
    snprintf(content, sizeof content, "%s\nfield caller_id\nrule long 0.9 prefix=%s caller\\s+(?<v>\\d+)\n",
             minimal_rules, prefix);
    const char *names[] = {"long.pat"};
    const char *contents[] = {content};
    ns_knowledge *knowledge = NULL;
    ns_status status = load_patterns(names, contents, 1, error, errlen, &knowledge);
    if (knowledge) { /* before the fix: a stack overflow here (AddressSanitizer under make sanitize) */
        ns_document_free(ns_read_text(knowledge, "t", "caller 4821", any_day));
        ns_knowledge_free(knowledge);
    }
    return status;
}

static void an_over_long_prefix_is_refused_at_load(void **state)
{
    (void)state;
    char error[512] = "";
    assert_int_equal(load_rule_with_prefix(200, error, sizeof error), NS_ERR_PATTERNS);
    if (!strstr(error, "long.pat:14: rule long: prefix= is 200 characters, over the 32 allowed"))
        fail_msg("unexpected message: %s", error);
    assert_int_equal(load_rule_with_prefix(33, error, sizeof error), NS_ERR_PATTERNS);
    assert_int_equal(load_rule_with_prefix(32, error, sizeof error), NS_OK);
}

/*
 * Makes LC_NUMERIC a locale whose decimal mark is a comma: de_DE.UTF-8 if the
 * system has it, else one compiled with localedef (Debian package locales)
 * into a temporary LOCPATH. Returns 0 when neither works.
 */
static int use_comma_decimal_locale(void)
{
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        return 1;
    char dir[] = "/tmp/noticescan-locale-XXXXXX";
    if (!mkdtemp(dir))
        return 0;
    char command[256];
    snprintf(command, sizeof command, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", dir);
    int made = system(command) == 0;
    setenv("LOCPATH", dir, 1);
    int set = made && setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL;
    snprintf(command, sizeof command, "rm -rf %s", dir); /* the loaded locale stays mapped */
    if (system(command) != 0)
        print_message("could not remove %s\n", dir);
    unsetenv("LOCPATH");
    return set;
}

/* Weights were read with strtod, which under de_DE stops at the '.' of "0.9". */
static void weights_load_the_same_under_a_comma_locale(void **state)
{
    (void)state;
    if (!use_comma_decimal_locale()) {
        print_message("skipped: no de_DE.UTF-8 locale and localedef could not make one (install locales)\n");
        skip();
    }
    char decimal[16];
    snprintf(decimal, sizeof decimal, "%.1f", 0.5);
    assert_string_equal(decimal, "0,5"); /* the locale is really in effect */
    ns_knowledge *knowledge = NULL;
    char error[512] = "";
    ns_status status = ns_knowledge_load(NULL, NULL, &knowledge, error, sizeof error);
    ns_document *document = knowledge ? ns_read_text(knowledge, "t", "Amount due: $1,075.21", any_day) : NULL;
    setlocale(LC_NUMERIC, "C");
    if (status != NS_OK)
        fail_msg("built-in patterns under de_DE: %s", error);
    assert_field(document, NS_FIELD_AMOUNT_DUE, "1075.21");
    ns_document_free(document);
    ns_knowledge_free(knowledge);
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
        cmocka_unit_test(paired_is_an_option_not_part_of_the_regex),
        cmocka_unit_test(a_misread_rule_gives_no_value),
        cmocka_unit_test(errors_name_the_file_and_line),
        cmocka_unit_test(errors_after_blank_lines_name_the_right_line),
        cmocka_unit_test(an_over_long_prefix_is_refused_at_load),
        cmocka_unit_test(weights_load_the_same_under_a_comma_locale),
        cmocka_unit_test(every_field_needs_at_least_one_rule),
        cmocka_unit_test(a_missing_directory_is_a_clear_error),
        cmocka_unit_test(notice_scoped_rules_apply_only_to_their_notice),
        cmocka_unit_test(the_shipped_pattern_directory_loads),
    };
    return cmocka_run_group_tests_name("patterns", tests, NULL, NULL);
}
