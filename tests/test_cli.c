/* test_cli.c - the noticescan command as a user and a batch job meet it. */
#include "testutil.h"

#include <jansson.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct run_result {
    int status;
    char *out;
    char *err;
} run_result;

/* Runs the CLI (NOTICESCAN_BIN, default build/noticescan) with arguments (a shell fragment), capturing stdout
 * and stderr. */
static run_result run(const char *arguments)
{
    run_result result = {0, NULL, NULL};
    char err_path[] = "/tmp/noticescan-cli-err-XXXXXX";
    int fd = mkstemp(err_path);
    assert_true(fd >= 0);
    close(fd);
    char *command = NULL;
    const char *binary = getenv("NOTICESCAN_BIN");
    assert_true(asprintf(&command, "cd '%s' && %s %s 2>'%s'", test_root(),
                         binary ? binary : "build/noticescan", arguments, err_path) > 0);
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    size_t length = 0;
    FILE *memory = open_memstream(&result.out, &length);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, pipe)) > 0)
        fwrite(chunk, 1, n, memory);
    fclose(memory);
    int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.err = test_read_file(err_path);
    unlink(err_path);
    free(command);
    return result;
}

static void run_free(run_result *result)
{
    free(result->out);
    free(result->err);
}

static void help_goes_to_stdout_and_exits_zero(void **state)
{
    (void)state;
    run_result result = run("--help");
    assert_int_equal(result.status, 0);
    assert_non_null(strstr(result.out, "Usage: noticescan"));
    assert_non_null(strstr(result.out, "Exit status"));
    run_free(&result);
}

static void version_is_printed(void **state)
{
    (void)state;
    run_result result = run("--version");
    assert_int_equal(result.status, 0);
    assert_non_null(strstr(result.out, NS_VERSION_STRING));
    run_free(&result);
}

static void usage_errors_exit_two_on_stderr(void **state)
{
    (void)state;
    run_result no_input = run("");
    assert_int_equal(no_input.status, 2);
    assert_non_null(strstr(no_input.err, "no input files"));
    run_free(&no_input);
    run_result bad_date = run("--today 2026-02-30 x.png");
    assert_int_equal(bad_date.status, 2);
    assert_non_null(strstr(bad_date.err, "2026-02-30"));
    run_free(&bad_date);
    run_result bad_option = run("--frobnicate");
    assert_int_equal(bad_option.status, 2);
    run_free(&bad_option);
}

static void a_missing_file_is_named_and_the_batch_goes_on(void **state)
{
    (void)state;
    run_result result =
        run("--json --today 2026-01-01 /nonexistent/a.png tests/test_cli.c /nonexistent/b.png");
    assert_int_equal(result.status, 1);
    assert_non_null(strstr(result.err, "/nonexistent/a.png: cannot open"));
    assert_non_null(strstr(result.err, "/nonexistent/b.png: cannot open"));
    assert_non_null(strstr(result.err, "tests/test_cli.c: not a supported image"));
    /* Three JSON Lines, each a valid error record. */
    int lines = 0;
    char *save = NULL;
    for (char *line = strtok_r(result.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_error_t error;
        json_t *record = json_loads(line, 0, &error);
        if (!record)
            fail_msg("line %d is not JSON: %s", lines + 1, error.text);
        assert_string_equal(json_string_value(json_object_get(record, "status")), "error");
        assert_true(json_is_object(json_object_get(record, "error")));
        assert_true(json_is_null(json_object_get(record, "plan")));
        json_t *fields = json_object_get(record, "fields");
        for (int field = 0; field < NS_FIELD_COUNT; field++) {
            json_t *value = json_object_get(fields, ns_field_name(field));
            assert_non_null(value);           /* the key is there ... */
            assert_true(json_is_null(value)); /* ... and null */
        }
        json_decref(record);
        lines++;
    }
    assert_int_equal(lines, 3);
    run_free(&result);
}

static void explain_prints_a_plan_without_an_image(void **state)
{
    (void)state;
    run_result result = run("--explain 'cp 14' --today 2026-01-01");
    assert_int_equal(result.status, 0);
    assert_non_null(strstr(result.out, "CP14"));
    assert_non_null(strstr(result.out, "What to do"));
    run_free(&result);
    run_result bad = run("--explain 'Form 9465'");
    assert_int_equal(bad.status, 2);
    assert_non_null(strstr(bad.err, "not a notice code"));
    run_free(&bad);
}

static void catalog_prints_valid_json(void **state)
{
    (void)state;
    run_result result = run("--catalog");
    assert_int_equal(result.status, 0);
    json_error_t error;
    json_t *catalog = json_loads(result.out, 0, &error);
    if (!catalog)
        fail_msg("--catalog is not JSON: %s", error.text);
    assert_true(json_is_array(catalog));
    assert_true(json_array_size(catalog) >= 15);
    json_decref(catalog);
    run_free(&result);
}

static void output_file_option_writes_there(void **state)
{
    (void)state;
    char path[] = "/tmp/noticescan-out-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char arguments[256];
    snprintf(arguments, sizeof arguments, "--json --explain CP504 -o %s", path);
    run_result result = run(arguments);
    assert_int_equal(result.status, 0);
    assert_string_equal(result.out, "");
    char *written = test_read_file(path);
    json_t *record = json_loads(written, 0, NULL);
    assert_non_null(record);
    assert_string_equal(json_string_value(json_object_get(json_object_get(record, "plan"), "code")), "CP504");
    json_decref(record);
    free(written);
    unlink(path);
    run_free(&result);
}

static void bad_pattern_directory_is_a_setup_error(void **state)
{
    (void)state;
    run_result result = run("--patterns /nonexistent x.png");
    assert_int_equal(result.status, 3);
    assert_non_null(strstr(result.err, "/nonexistent"));
    run_free(&result);
}

static void limit_options_reach_the_library_and_are_checked(void **state)
{
    (void)state;
    run_result result = run("--json --max-megapixels 1 samples/cp14-scan.png");
    assert_int_equal(result.status, 1);
    json_t *record = json_loads(result.out, 0, NULL);
    json_t *error = json_object_get(record, "error");
    assert_string_equal(json_string_value(json_object_get(error, "code")), "too_large");
    assert_string_equal(json_string_value(json_object_get(error, "message")),
                        "samples/cp14-scan.png: image is 2550x3300 (9 MP), over the 1 MP limit");
    json_decref(record);
    run_free(&result);
    const char *const wrong[] = {"--max-pages 0", "--max-pages 257", "--max-megapixels 12x",
                                 "--max-file-mb -1"};
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        char arguments[64];
        snprintf(arguments, sizeof arguments, "%s samples/cp14-scan.png", wrong[i]);
        run_result refused = run(arguments);
        if (refused.status != 2 || !strstr(refused.err, "is not a whole number from 1 to"))
            fail_msg("%s: exit %d, stderr: %s", wrong[i], refused.status, refused.err);
        run_free(&refused);
    }
}

static void a_letter_with_json_is_a_json_object_and_a_refusal_says_why(void **state)
{
    (void)state;
    char path[] = "/tmp/noticescan-cli-cp14-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "Notice CP14\nNotice date March 4, 2024\nAmount due: $50.00\n";
    assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    char arguments[256];
    snprintf(arguments, sizeof arguments, "--text --json --today 2024-03-10 --letter dispute %s", path);
    run_result result = run(arguments);
    assert_int_equal(result.status, 0);
    json_t *record = json_loads(result.out, 0, NULL);
    assert_non_null(record);
    assert_string_equal(json_string_value(json_object_get(record, "kind")), "dispute");
    assert_non_null(strstr(json_string_value(json_object_get(record, "letter")), "Re: Notice CP14"));
    json_decref(record);
    run_free(&result);
    snprintf(arguments, sizeof arguments, "--text --today 2024-03-10 --letter cdp %s", path);
    result = run(arguments);
    assert_int_equal(result.status, 1);
    assert_string_equal(result.out, "");
    assert_non_null(strstr(result.err, "no cdp letter: this notice carries no Collection Due Process"));
    run_free(&result);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(help_goes_to_stdout_and_exits_zero),
        cmocka_unit_test(version_is_printed),
        cmocka_unit_test(usage_errors_exit_two_on_stderr),
        cmocka_unit_test(a_missing_file_is_named_and_the_batch_goes_on),
        cmocka_unit_test(explain_prints_a_plan_without_an_image),
        cmocka_unit_test(catalog_prints_valid_json),
        cmocka_unit_test(output_file_option_writes_there),
        cmocka_unit_test(bad_pattern_directory_is_a_setup_error),
        cmocka_unit_test(limit_options_reach_the_library_and_are_checked),
        cmocka_unit_test(a_letter_with_json_is_a_json_object_and_a_refusal_says_why),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
