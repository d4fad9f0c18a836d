/* test_cli.c - the noticescan command as a user and a batch job meet it. */
#include "testutil.h"

#include <jansson.h>
#include <signal.h>
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

/* Each JSON line of out, parsed; fails the test on a line that is not JSON. Returns the count. */
static size_t parse_lines(char *out, json_t **records, size_t capacity)
{
    size_t count = 0;
    char *save = NULL;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_error_t error;
        json_t *record = json_loads(line, 0, &error);
        if (!record)
            fail_msg("line %zu is not JSON: %s", count + 1, error.text);
        assert_true(count < capacity);
        records[count++] = record;
    }
    return count;
}

static void free_records(json_t **records, size_t count)
{
    for (size_t i = 0; i < count; i++)
        json_decref(records[i]);
}

static const char *record_string(json_t *record, const char *key)
{
    return json_string_value(json_object_get(record, key));
}

static const char *field_value(json_t *record, const char *field)
{
    return json_string_value(
        json_object_get(json_object_get(json_object_get(record, "fields"), field), "value"));
}

static const char *page_source(json_t *record, size_t page)
{
    return json_string_value(
        json_object_get(json_array_get(json_object_get(record, "preprocess"), page), "text_source"));
}

static const char *error_code(json_t *record)
{
    return json_string_value(json_object_get(json_object_get(record, "error"), "code"));
}

/*
 * A text layer's fields carry boxes as OCR'd ones do: each inside the page
 * (letter size at 300 DPI, 2550 x 3300) and where the notice prints it,
 * the header's notice code above the body's amount.
 */
static void text_layer_fields_are_placed_on_the_page(json_t *record)
{
    const char *names[] = {"notice_code", "tax_year", "amount_due", "response_date", "notice_date"};
    json_int_t top[5];
    for (size_t i = 0; i < 5; i++) {
        json_t *box = json_object_get(json_object_get(json_object_get(record, "fields"), names[i]), "bbox");
        assert_int_equal(json_array_size(box), 4);
        json_int_t x = json_integer_value(json_array_get(box, 0)), y = json_integer_value(json_array_get(box, 1));
        json_int_t w = json_integer_value(json_array_get(box, 2)), h = json_integer_value(json_array_get(box, 3));
        assert_true(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 2550 && y + h <= 3300);
        top[i] = y;
    }
    assert_true(top[0] < top[2]);
}

static void pdfs_are_read_from_their_text_layer_or_by_ocr_in_input_order(void **state)
{
    (void)state;
    /* The scanned PDF (OCR, seconds) comes first: under -j 2 every later record is done before it, and
     * must still wait for it. */
    run_result result = run("--json -j 2 -q --today 2024-03-20 tests/fixtures/cp14-scanned.pdf "
                            "tests/fixtures/cp14-text.pdf tests/fixtures/damaged.pdf "
                            "tests/fixtures/cp503-2page-text.pdf tests/fixtures/encrypted.pdf "
                            "tests/fixtures/huge-page.pdf tests/fixtures/cp14-text.pdf");
    assert_int_equal(result.status, 1); /* three PDFs cannot be read */
    json_t *records[8];
    size_t count = parse_lines(result.out, records, 8);
    assert_int_equal(count, 7);
    const char *order[] = {"cp14-scanned.pdf", "cp14-text.pdf", "damaged.pdf",  "cp503-2page-text.pdf",
                           "encrypted.pdf",    "huge-page.pdf", "cp14-text.pdf"};
    for (size_t i = 0; i < count; i++) {
        char source[128];
        snprintf(source, sizeof source, "tests/fixtures/%s", order[i]);
        assert_string_equal(record_string(records[i], "source"), source);
    }
    assert_string_equal(page_source(records[0], 0), "ocr");
    assert_string_equal(field_value(records[0], "notice_code"), "CP14");
    assert_string_equal(page_source(records[1], 0), "pdf_text");
    assert_string_equal(field_value(records[1], "amount_due"), "2417.86");
    assert_string_equal(field_value(records[1], "response_date"), "2024-04-01");
    text_layer_fields_are_placed_on_the_page(records[1]);
    assert_string_equal(error_code(records[2]), "bad_pdf");
    assert_int_equal(json_integer_value(json_object_get(records[3], "pages")), 2);
    assert_string_equal(page_source(records[3], 1), "pdf_text");
    assert_string_equal(field_value(records[3], "notice_code"), "CP503");
    assert_string_equal(error_code(records[4]), "pdf_encrypted");
    assert_non_null(strstr(record_string(json_object_get(records[4], "error"), "message"),
                           "tests/fixtures/encrypted.pdf: PDF is encrypted"));
    assert_string_equal(error_code(records[5]), "bad_pdf");
    assert_non_null(strstr(result.err, "huge-page.pdf: PDF page 1 is 20000 x 20000 points"));
    free_records(records, count);
    run_free(&result);
}

/* A field printed only on the second page is read from there, and says so. */
static void a_field_only_on_page_two_is_found_there(void **state)
{
    (void)state;
    run_result result = run("--json -q --today 2023-06-01 tests/fixtures/cp2000-2page-text.pdf");
    json_t *records[2];
    size_t count = parse_lines(result.out, records, 2);
    assert_int_equal(count, 1);
    assert_int_equal(json_integer_value(json_object_get(records[0], "pages")), 2);
    assert_string_equal(field_value(records[0], "response_date"), "2023-06-19");
    json_t *field = json_object_get(json_object_get(records[0], "fields"), "response_date");
    assert_int_equal(json_integer_value(json_object_get(field, "page")), 2);
    assert_string_equal(field_value(records[0], "amount_due"), "3105.40"); /* and page 1's fields stay */
    free_records(records, count);
    run_free(&result);
}

static void pages_option_limits_the_pages_read(void **state)
{
    (void)state;
    run_result result = run("--json -q --pages 2 tests/fixtures/cp503-2page-text.pdf "
                            "tests/fixtures/cp503-2page-text.pdf samples/cp503-2page-office.tif");
    json_t *records[4];
    size_t count = parse_lines(result.out, records, 4);
    assert_int_equal(count, 3);
    assert_int_equal(json_integer_value(json_object_get(records[0], "pages")), 1);
    assert_string_equal(field_value(records[0], "notice_code"), "CP503"); /* page 2 names the notice too */
    assert_null(field_value(records[0], "amount_due"));                   /* only page 1 has it */
    for (size_t i = 0; i < count;
         i++) { /* locations keep the file's page numbers, text layer and OCR alike */
        json_t *code = json_object_get(json_object_get(records[i], "fields"), "notice_code");
        json_t *page = json_array_get(json_object_get(records[i], "preprocess"), 0);
        assert_int_equal(json_integer_value(json_object_get(code, "page")), 2);
        assert_int_equal(json_integer_value(json_object_get(page, "page")), 2);
    }
    free_records(records, count);
    run_free(&result);

    result = run("--json -q --pages 3-4 tests/fixtures/cp503-2page-text.pdf samples/cp503-2page-office.tif");
    count = parse_lines(result.out, records, 4);
    assert_int_equal(count, 2);
    for (size_t i = 0; i < count; i++) {
        assert_string_equal(error_code(records[i]), "argument");
        assert_non_null(strstr(record_string(json_object_get(records[i], "error"), "message"),
                               "page 3 was asked for, the document has 2 pages"));
    }
    free_records(records, count);
    run_free(&result);

    run_result bad = run("--pages 2-1 x.pdf");
    assert_int_equal(bad.status, 2);
    assert_non_null(strstr(bad.err, "--pages"));
    run_free(&bad);
}

static void a_folder_skips_what_is_not_a_document_and_says_so(void **state)
{
    (void)state;
    run_result result = run("--json -j 2 --today 2024-03-20 tests/fixtures/folder");
    assert_int_equal(result.status, 0);
    json_t *records[4];
    size_t count = parse_lines(result.out, records, 4);
    assert_int_equal(count, 2);
    assert_string_equal(record_string(records[0], "source"), "tests/fixtures/folder/a-notice.pdf");
    assert_string_equal(record_string(records[1], "source"), "tests/fixtures/folder/sub/cp503.pdf");
    assert_non_null(strstr(result.err, "skipped tests/fixtures/folder/notes.txt"));
    assert_non_null(strstr(result.err, "tests/fixtures/folder/sub/back: folder already read"));
    assert_non_null(strstr(result.err, "2 documents, 3 pages: 2 ok, 0 review, 0 errors, 2 skipped"));
    free_records(records, count);
    run_free(&result);
}

static void csv_gives_a_header_and_one_row_per_document(void **state)
{
    (void)state;
    run_result result =
        run("--csv -q --today 2024-03-20 tests/fixtures/cp14-text.pdf tests/fixtures/damaged.pdf");
    assert_int_equal(result.status, 1);
    char *second = strstr(result.out, "\r\n");
    assert_non_null(second);
    assert_true(strncmp(result.out, "source,status,error,pages,notice_code,", 38) == 0);
    assert_true(strncmp(second + 2, "tests/fixtures/cp14-text.pdf,ok,,1,CP14,", 40) == 0);
    assert_non_null(strstr(second, ",2024-04-01,12,"));
    char *third = strstr(second + 2, "\r\n");
    assert_non_null(third);
    assert_true(strncmp(third + 2, "tests/fixtures/damaged.pdf,error,tests/fixtures/damaged.pdf: PDF", 63) ==
                0);
    run_free(&result);
}

static void timings_add_each_stage_to_records_and_summary(void **state)
{
    (void)state;
    run_result result = run("--json --timings tests/fixtures/cp14-text.pdf tests/fixtures/damaged.pdf");
    json_t *records[2];
    size_t count = parse_lines(result.out, records, 2);
    assert_int_equal(count, 2);
    json_t *timings = json_object_get(records[0], "timings_ms");
    const char *stages[] = {"load", "preprocess", "ocr", "extract", "explain"};
    for (size_t i = 0; i < 5; i++)
        assert_true(json_is_integer(json_object_get(timings, stages[i])));
    assert_int_equal(json_integer_value(json_object_get(timings, "ocr")), 0); /* a text layer needs no OCR */
    assert_non_null(strstr(result.err, "time in stages (ms, all workers): load "));
    free_records(records, count);
    run_free(&result);
}

/* Runs the CLI in the background with stdout to /dev/null; returns its pid. */
static pid_t start_cli(const char *arguments)
{
    char *command = NULL;
    const char *binary = getenv("NOTICESCAN_BIN");
    assert_true(asprintf(&command, "cd '%s' && exec %s %s >/dev/null 2>&1", test_root(),
                         binary ? binary : "build/noticescan", arguments) > 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    free(command);
    return pid;
}

static size_t count_char(const char *text, char wanted)
{
    size_t count = 0;
    for (; text && *text; text++)
        count += *text == wanted;
    return count;
}

/* A batch killed with SIGKILL mid-run and resumed with --skip-done gives every input exactly once. */
static void kill_9_then_skip_done_gives_every_input_once(void **state)
{
    (void)state;
    char dir[] = "/tmp/noticescan-resume-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *setup = NULL;
    /* The FIFO stalls the batch at its third input (opening it waits for a writer): a kill always lands
     * mid-run, after two records, whatever the machine's speed. */
    assert_true(asprintf(&setup,
                         "cd '%s' && for i in 1 2 4 5; do cp tests/fixtures/cp14-text.pdf %s/$i.pdf; done && "
                         "mkfifo %s/3.pdf",
                         test_root(), dir, dir) > 0);
    assert_int_equal(system(setup), 0);
    char arguments[512];
    snprintf(
        arguments, sizeof arguments,
        "--json -j 2 -o %s/out.jsonl --skip-done %s/out.jsonl %s/1.pdf %s/2.pdf %s/3.pdf %s/4.pdf %s/5.pdf",
        dir, dir, dir, dir, dir, dir, dir);
    pid_t pid = start_cli(arguments);
    char out_path[128];
    snprintf(out_path, sizeof out_path, "%s/out.jsonl", dir);
    char *written = NULL;
    for (int tries = 0; tries < 600 && count_char(written, '\n') < 2; tries++) { /* up to 60 s */
        free(written);
        usleep(100000);
        written = test_read_file(out_path);
    }
    assert_int_equal(count_char(written, '\n'), 2);
    free(written);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);

    FILE *cut = fopen(out_path, "a"); /* as if the kill had landed in the middle of a write */
    fputs("{\"source\":\"half", cut);
    fclose(cut);
    char *replace = NULL;
    assert_true(asprintf(&replace, "rm %s/3.pdf && cp '%s/tests/fixtures/cp14-text.pdf' %s/3.pdf", dir,
                         test_root(), dir) > 0);
    assert_int_equal(system(replace), 0);
    run_result resumed = run(arguments);
    assert_int_equal(resumed.status, 0);
    assert_non_null(
        strstr(resumed.err, "3 documents, 3 pages: 3 ok, 0 review, 0 errors, 0 skipped, 2 already done"));

    char *all = test_read_file(out_path);
    json_t *records[8];
    size_t count = parse_lines(all, records, 8); /* every line whole JSON: the half line was cut */
    assert_int_equal(count, 5);
    for (size_t i = 0; i < count; i++) {
        char source[128];
        snprintf(source, sizeof source, "%s/%zu.pdf", dir, i + 1);
        assert_string_equal(record_string(records[i], "source"), source);
    }
    free_records(records, count);
    free(all);
    run_free(&resumed);
    snprintf(arguments, sizeof arguments, "rm -rf '%s'", dir);
    assert_int_equal(system(arguments), 0);
    free(setup);
    free(replace);
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

/* The deadline the plan gives for one CP3219A text file, read with the extra options. */
static char *cp3219a_deadline(const char *path, const char *options)
{
    char arguments[256];
    snprintf(arguments, sizeof arguments, "--text --json --today 2024-02-01 %s %s", options, path);
    run_result result = run(arguments);
    assert_int_equal(result.status, 0);
    json_t *record = json_loads(result.out, 0, NULL);
    assert_non_null(record);
    char *deadline = strdup(json_string_value(json_object_get(json_object_get(record, "plan"), "deadline")));
    json_decref(record);
    run_free(&result);
    return deadline;
}

static void abroad_reaches_a_text_file_and_gives_the_150_day_petition_date(void **state)
{
    (void)state;
    char path[] = "/tmp/noticescan-cli-cp3219a-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "Notice CP3219A\nTax year 2022\nNotice date January 30, 2024\n";
    assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    /* IRC 6213(a): January 30, 2024 + 150 days is Friday June 28; + 90 is Monday April 29 */
    char *abroad = cp3219a_deadline(path, "--abroad");
    char *home = cp3219a_deadline(path, "");
    assert_string_equal(abroad, "2024-06-28");
    assert_string_equal(home, "2024-04-29");
    free(abroad);
    free(home);
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
        cmocka_unit_test(pdfs_are_read_from_their_text_layer_or_by_ocr_in_input_order),
        cmocka_unit_test(a_field_only_on_page_two_is_found_there),
        cmocka_unit_test(pages_option_limits_the_pages_read),
        cmocka_unit_test(a_folder_skips_what_is_not_a_document_and_says_so),
        cmocka_unit_test(csv_gives_a_header_and_one_row_per_document),
        cmocka_unit_test(timings_add_each_stage_to_records_and_summary),
        cmocka_unit_test(kill_9_then_skip_done_gives_every_input_once),
        cmocka_unit_test(a_letter_with_json_is_a_json_object_and_a_refusal_says_why),
        cmocka_unit_test(abroad_reaches_a_text_file_and_gives_the_150_day_petition_date),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
