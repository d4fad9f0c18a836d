/*
 * test_api_errors.c - every public function of include/noticescan.h on its error path: NULL
 * arguments, missing files and folders, bad pattern and catalog files, a Tesseract data folder
 * without the language, values out of range. Each failure must come back as its documented status
 * with a message that names the input, and nothing may crash or leak.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

static const ns_date today = {2024, 3, 20};

/* A new empty folder; the caller removes it with remove_folder(). */
static char *make_folder(void)
{
    return test_temp_folder("api-errors");
}

/* Writes text to folder/name and returns the new path (caller frees). */
static char *write_file(const char *folder, const char *name, const char *text)
{
    char *path = NULL;
    assert_true(asprintf(&path, "%s/%s", folder, name) > 0);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    assert_int_equal(fclose(file), 0);
    return path;
}

static void remove_folder(char *folder, char *file)
{
    if (file) {
        unlink(file);
        free(file);
    }
    rmdir(folder);
    free(folder);
}

/* Fails unless message holds fragment, saying which. */
static void assert_mentions(const char *message, const char *fragment)
{
    if (!message || !strstr(message, fragment))
        fail_msg("message \"%s\" does not name \"%s\"", message ? message : "(null)", fragment);
}

/* Loads knowledge that must fail with status, and returns the message (static buffer). */
static const char *knowledge_error(const char *patterns_dir, const char *catalog_path, ns_status status)
{
    static char error[1024];
    error[0] = '\0';
    ns_knowledge *knowledge = (ns_knowledge *)&error; /* must be reset to NULL on failure */
    assert_int_equal(ns_knowledge_load(patterns_dir, catalog_path, &knowledge, error, sizeof error), status);
    assert_null(knowledge);
    return error;
}

static void status_and_field_names_answer_for_unknown_values(void **state)
{
    (void)state;
#define NS_STATUS_NAMED(name, value, code, message)                                                          \
    assert_string_equal(ns_status_code(name), code);                                                         \
    assert_string_equal(ns_strerror(name), message);
    NS_STATUS_TABLE(NS_STATUS_NAMED)
#undef NS_STATUS_NAMED
    assert_string_equal(ns_status_code((ns_status)999), "unknown");
    assert_string_equal(ns_strerror((ns_status)999), "unknown error");
    assert_string_equal(ns_field_name(NS_FIELD_ALL_COUNT), "unknown");
    assert_string_equal(ns_field_name((ns_field_id)-1), "unknown");
    assert_string_equal(ns_version(), NS_VERSION_STRING);
}

static void text_that_is_not_an_iso_date_is_refused_and_the_output_kept(void **state)
{
    (void)state;
    const char *not_dates[] = {NULL, "", "2024-02-30", "2024-2-3", "2024-02-03x", "20240203", "2024-13-01"};
    for (size_t i = 0; i < sizeof not_dates / sizeof *not_dates; i++) {
        ns_date date = {1999, 9, 9};
        if (ns_date_parse_iso(not_dates[i], &date) != 0)
            fail_msg("\"%s\" was taken as a date", not_dates[i] ? not_dates[i] : "(null)");
        assert_int_equal(date.year, 1999);
    }
}

static void knowledge_needs_somewhere_to_put_it(void **state)
{
    (void)state;
    char error[256] = "";
    assert_int_equal(ns_knowledge_load(NULL, NULL, NULL, error, sizeof error), NS_ERR_ARGUMENT);
    ns_knowledge_free(NULL);
    assert_null(ns_knowledge_catalog_json(NULL));
}

static void a_missing_patterns_folder_is_named(void **state)
{
    (void)state;
    assert_mentions(knowledge_error("/nonexistent/my-patterns", NULL, NS_ERR_PATTERNS),
                    "/nonexistent/my-patterns");
    /* Without an error buffer the status still says what went wrong. */
    ns_knowledge *knowledge = NULL;
    assert_int_equal(ns_knowledge_load("/nonexistent/my-patterns", NULL, &knowledge, NULL, 0),
                     NS_ERR_PATTERNS);
    assert_null(knowledge);
}

static void a_patterns_folder_without_pattern_files_is_named(void **state)
{
    (void)state;
    char *folder = make_folder();
    char *other = write_file(folder, "notes.txt", "not a pattern file\n");
    const char *error = knowledge_error(folder, NULL, NS_ERR_PATTERNS);
    assert_mentions(error, folder);
    assert_mentions(error, "no *.pat files");
    remove_folder(folder, other);
}

static void a_bad_rule_is_named_by_file_and_line(void **state)
{
    (void)state;
    char *folder = make_folder();
    char *file = write_file(folder, "mine.pat", "field amount_due\n\nrule broken 0.5 (?<v>unclosed\n");
    assert_mentions(knowledge_error(folder, NULL, NS_ERR_PATTERNS), "mine.pat:3");
    remove_folder(folder, file);
}

static void a_missing_catalog_file_is_named(void **state)
{
    (void)state;
    assert_mentions(knowledge_error(NULL, "/nonexistent/notices.json", NS_ERR_CATALOG),
                    "/nonexistent/notices.json");
}

static void a_catalog_that_is_not_json_is_named_with_its_line(void **state)
{
    (void)state;
    char *folder = make_folder();
    char *file = write_file(folder, "notices.json", "{\n  \"notices\": [\n    oops\n");
    const char *error = knowledge_error(NULL, file, NS_ERR_CATALOG);
    assert_mentions(error, file);
    assert_mentions(error, ":3:");
    remove_folder(folder, file);
}

static void a_catalog_without_notices_is_refused(void **state)
{
    (void)state;
    char *folder = make_folder();
    char *file = write_file(folder, "notices.json", "{\"forms\": {}}\n");
    assert_mentions(knowledge_error(NULL, file, NS_ERR_CATALOG), file);
    remove_folder(folder, file);
}

static void an_engine_needs_knowledge_and_somewhere_to_put_it(void **state)
{
    (void)state;
    ns_engine *engine = NULL;
    char error[256] = "";
    assert_int_equal(ns_engine_create(NULL, NULL, &engine, error, sizeof error), NS_ERR_ARGUMENT);
    assert_null(engine);
    assert_int_equal(ns_engine_create(test_knowledge(), NULL, NULL, error, sizeof error), NS_ERR_ARGUMENT);
    ns_engine_free(NULL);
}

static void a_tessdata_folder_without_the_language_is_named(void **state)
{
    (void)state;
    char *folder = make_folder();
    ns_engine_options options = {.tessdata_dir = folder};
    ns_engine *engine = NULL;
    char error[1024] = "";
    assert_int_equal(ns_engine_create(test_knowledge(), &options, &engine, error, sizeof error),
                     NS_ERR_TESSDATA);
    assert_null(engine);
    assert_mentions(error, folder);
    assert_mentions(error, "eng");
    remove_folder(folder, NULL);
}

static void engine_options_out_of_range_are_named(void **state)
{
    (void)state;
    const ns_engine_options bad[] = {{.max_megapixels = -1}, {.max_pages = 100000}, {.today = {2024, 2, 30}}};
    const char *named[] = {"max_megapixels -1", "max_pages 100000", "today"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ns_engine *engine = NULL;
        char error[1024] = "";
        assert_int_equal(ns_engine_create(test_knowledge(), &bad[i], &engine, error, sizeof error),
                         NS_ERR_ARGUMENT);
        assert_null(engine);
        assert_mentions(error, named[i]);
    }
}

static void an_unknown_language_is_named(void **state)
{
    (void)state;
    ns_engine_options options = {.language = "klingon"};
    ns_engine *engine = NULL;
    char error[1024] = "";
    assert_int_equal(ns_engine_create(test_knowledge(), &options, &engine, error, sizeof error),
                     NS_ERR_TESSDATA);
    assert_null(engine);
    assert_mentions(error, "klingon");
}

/* Asserts a document failed with status and a message naming what it was given. */
static void assert_failed(ns_document *document, ns_status status, const char *named)
{
    assert_non_null(document);
    assert_int_equal(ns_document_status(document), status);
    assert_mentions(ns_document_error(document), named);
    assert_int_equal(ns_document_needs_review(document), 0);
    assert_null(ns_document_field(document, NS_FIELD_NOTICE_CODE, NULL));
    ns_document_free(document);
}

static void reading_an_image_names_what_was_missing(void **state)
{
    (void)state;
    ns_engine *engine = NULL;
    char error[1024] = "";
    assert_int_equal(ns_engine_create(test_knowledge(), NULL, &engine, error, sizeof error), NS_OK);
    assert_failed(ns_engine_read_file(engine, "/nonexistent/scan.png"), NS_ERR_IO, "/nonexistent/scan.png");
    assert_failed(ns_engine_read_file(engine, "/tmp"), NS_ERR_IO, "/tmp");
    assert_failed(ns_engine_read_file(engine, NULL), NS_ERR_ARGUMENT, "no engine or no path");
    assert_failed(ns_engine_read_file(NULL, "scan.png"), NS_ERR_ARGUMENT, "scan.png");
    assert_failed(ns_engine_read_text(engine, "notice.txt", NULL), NS_ERR_ARGUMENT, "notice.txt");
    assert_failed(ns_engine_read_text(NULL, "notice.txt", "CP14"), NS_ERR_ARGUMENT, "notice.txt");
    ns_engine_free(engine);
}

static void reading_text_names_the_source_it_could_not_read(void **state)
{
    (void)state;
    assert_failed(ns_read_text(NULL, "notice.txt", "Notice CP14", today), NS_ERR_ARGUMENT, "notice.txt");
    assert_failed(ns_read_text(test_knowledge(), "notice.txt", NULL, today), NS_ERR_ARGUMENT, "notice.txt");
    assert_failed(ns_read_text_file(test_knowledge(), "/nonexistent/notice.txt", today, 0), NS_ERR_IO,
                  "/nonexistent/notice.txt");
    /* An impossible "today" fails the document (its fields, read before, stay readable). */
    ns_date impossible = {2024, 2, 30};
    ns_document *document = ns_read_text(test_knowledge(), "notice.txt", "Notice CP14", impossible);
    assert_int_equal(ns_document_status(document), NS_ERR_ARGUMENT);
    assert_mentions(ns_document_error(document), "notice.txt");
    ns_document_free(document);
}

static void something_that_is_not_a_notice_code_is_named(void **state)
{
    (void)state;
    assert_failed(ns_document_for_code(test_knowledge(), "hello", today, 0), NS_ERR_ARGUMENT, "hello");
    assert_failed(ns_document_for_code(NULL, "CP14", today, 0), NS_ERR_ARGUMENT, "CP14");
}

static void document_accessors_answer_for_null_and_out_of_range_fields(void **state)
{
    (void)state;
    assert_int_equal(ns_document_status(NULL), NS_ERR_ARGUMENT);
    assert_null(ns_document_error(NULL));
    assert_int_equal(ns_document_needs_review(NULL), 0);
    assert_null(ns_document_field(NULL, NS_FIELD_NOTICE_CODE, NULL));
    ns_document_free(NULL);
    ns_document *document = ns_document_for_code(test_knowledge(), "CP14", today, 0);
    assert_int_equal(ns_document_status(document), NS_OK);
    assert_null(ns_document_error(document));
    assert_null(ns_document_field(document, NS_FIELD_ALL_COUNT, NULL));
    assert_null(ns_document_field(document, (ns_field_id)-1, NULL));
    ns_document_free(document);
}

/* Rendering last: these signatures change when the plan becomes a stage result. */
static void a_code_missing_from_the_catalog_gets_a_plan_that_says_it_is_generic(void **state)
{
    (void)state;
    ns_document *document = ns_document_for_code(test_knowledge(), "CP9999", today, 0);
    assert_int_equal(ns_document_status(document), NS_OK);
    char *json = ns_document_to_json(document, NULL);
    assert_mentions(json, "\"code\":\"CP9999\",\"generic\":true");
    free(json);
    ns_document_free(document);
}

static void a_failed_document_renders_its_error_and_no_plan(void **state)
{
    (void)state;
    ns_document *document = ns_read_text_file(test_knowledge(), "/nonexistent/notice.txt", today, 0);
    char *json = ns_document_to_json(document, NULL);
    assert_mentions(json,
                    "\"status\":\"error\",\"error\":{\"code\":\"io\",\"message\":\"/nonexistent/notice.txt");
    assert_mentions(json, "\"plan\":null");
    free(json);
    char *text = ns_document_to_text(document);
    assert_mentions(text, "/nonexistent/notice.txt");
    free(text);
    assert_null(ns_document_letter(document, "dispute"));
    ns_document_free(document);
}

static void renderers_refuse_null_arguments_and_unknown_letters(void **state)
{
    (void)state;
    ns_document *document = ns_document_for_code(test_knowledge(), "CP14", today, 0);
    assert_null(ns_document_to_json(NULL, NULL));
    assert_null(ns_document_to_text(NULL));
    assert_null(ns_document_letter(document, "complaint"));
    assert_null(ns_document_letter(document, NULL));
    assert_null(ns_document_letter(NULL, "dispute"));
    ns_document_free(document);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_and_field_names_answer_for_unknown_values),
        cmocka_unit_test(text_that_is_not_an_iso_date_is_refused_and_the_output_kept),
        cmocka_unit_test(knowledge_needs_somewhere_to_put_it),
        cmocka_unit_test(a_missing_patterns_folder_is_named),
        cmocka_unit_test(a_patterns_folder_without_pattern_files_is_named),
        cmocka_unit_test(a_bad_rule_is_named_by_file_and_line),
        cmocka_unit_test(a_missing_catalog_file_is_named),
        cmocka_unit_test(a_catalog_that_is_not_json_is_named_with_its_line),
        cmocka_unit_test(a_catalog_without_notices_is_refused),
        cmocka_unit_test(an_engine_needs_knowledge_and_somewhere_to_put_it),
        cmocka_unit_test(a_tessdata_folder_without_the_language_is_named),
        cmocka_unit_test(engine_options_out_of_range_are_named),
        cmocka_unit_test(an_unknown_language_is_named),
        cmocka_unit_test(reading_an_image_names_what_was_missing),
        cmocka_unit_test(reading_text_names_the_source_it_could_not_read),
        cmocka_unit_test(something_that_is_not_a_notice_code_is_named),
        cmocka_unit_test(document_accessors_answer_for_null_and_out_of_range_fields),
        cmocka_unit_test(a_code_missing_from_the_catalog_gets_a_plan_that_says_it_is_generic),
        cmocka_unit_test(a_failed_document_renders_its_error_and_no_plan),
        cmocka_unit_test(renderers_refuse_null_arguments_and_unknown_letters),
    };
    int failed = cmocka_run_group_tests_name("api errors", tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
