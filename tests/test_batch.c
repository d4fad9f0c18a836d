/*
 * test_batch.c - the command line's batch pieces on their own: the folder
 * walk, the CSV writer and --skip-done. They are part of the command, not
 * the library: the tests link the command's parts (build/libnoticescan-cli.a).
 */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- CSV ---------------------------------------------------------------- */

static char *one_line(const char *const *values, size_t count)
{
    csv_line line = {0};
    for (size_t i = 0; i < count; i++)
        assert_true(csv_add_field(&line, values[i]));
    assert_true(csv_end_line(&line));
    return line.text;
}

static void csv_quotes_commas_quotes_and_line_breaks(void **state)
{
    (void)state;
    const char *values[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", ""};
    char *line = one_line(values, 6);
    assert_string_equal(line, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\r\n");
    free(line);
}

static void csv_defuses_formulas_but_keeps_signed_numbers(void **state)
{
    (void)state;
    const char *values[] = {"=HYPERLINK(\"http://x\")", "+1+2", "@SUM(A1)", "-2+3", "-12.50", "+7", "\tx"};
    char *line = one_line(values, 7);
    assert_string_equal(line, "\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1+2\",\"'@SUM(A1)\",\"'-2+3\",-12.50,+7,"
                              "\"'\tx\"\r\n");
    free(line);
}

static size_t count_fields(const char *line)
{
    size_t fields = 1;
    int quoted = 0;
    for (const char *p = line; *p && !(*p == '\r' && !quoted); p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == ',' && !quoted)
            fields++;
    }
    return fields;
}

static void csv_row_has_the_header_columns_in_order(void **state)
{
    (void)state;
    const char *record =
        "{\"source\":\"in, box/a.pdf\",\"status\":\"review\",\"error\":null,\"pages\":2,"
        "\"fields\":{\"notice_code\":{\"value\":\"CP14\",\"confidence\":0.9},\"tax_year\":{\"value\":2023,"
        "\"confidence\":0.96},\"amount_due\":{\"value\":\"2417.86\",\"confidence\":0.8},\"response_date\":"
        "null,"
        "\"notice_date\":{\"value\":\"2024-03-11\",\"confidence\":0.5}},"
        "\"review\":[{\"field\":\"notice_date\",\"reason\":\"near "
        "tie\"},{\"field\":\"tax_year\",\"reason\":\"x\"}],"
        "\"plan\":{\"deadline\":\"2024-04-01\",\"days_left\":-3,\"urgency\":\"high\"}}";
    char *row = csv_row_from_json(record);
    assert_non_null(row);
    assert_string_equal(row, "\"in, box/a.pdf\",review,,2,CP14,0.90,2023,0.96,2417.86,0.80,,,2024-03-11,0.50,"
                             "2024-04-01,-3,high,notice_date: near tie; tax_year: x\r\n");
    char *header = csv_header();
    assert_int_equal(count_fields(header), count_fields(row));
    assert_true(strncmp(header, "source,status,error,pages,notice_code,notice_code_confidence,", 61) == 0);
    free(header);
    free(row);
}

/* ---- walk ---------------------------------------------------------------- */

static char walk_root[64];

static void make_file(const char *relative, const void *bytes, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", walk_root, relative);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(bytes, 1, size, file), size);
    fclose(file);
}

static int make_walk_tree(void **state)
{
    (void)state;
    snprintf(walk_root, sizeof walk_root, "/tmp/noticescan-walk-XXXXXX");
    if (!mkdtemp(walk_root))
        return -1;
    static const unsigned char png_head[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
                                             '\n', 0,   0,   0,   13,   'I',  'H'};
    char path[512];
    snprintf(path, sizeof path, "%s/sub", walk_root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/.git", walk_root);
    mkdir(path, 0755);
    make_file("README.md", "# notes\n", 8);
    make_file("a.expected.json", "{}\n", 3);
    make_file("run.sh", "#!/bin/sh\n", 10);
    make_file("upload.pdf", "not really", 10); /* the name says PDF: a failed upload, kept */
    make_file("B.png", png_head, sizeof png_head);
    make_file("_photo", png_head, sizeof png_head); /* no extension, but the bytes say PNG */
    make_file("a.png", png_head, sizeof png_head);
    make_file(".hidden.png", png_head, sizeof png_head);
    make_file(".git/c.png", png_head, sizeof png_head);
    make_file("sub/c.tif", "II*\0", 4);
    snprintf(path, sizeof path, "%s/stuck.png", walk_root);
    if (mkfifo(path, 0600) != 0) /* a pipe named like a scan: opening it would wait for a writer */
        return -1;
    snprintf(path, sizeof path, "%s/sub/loop", walk_root);
    if (symlink("..", path) != 0) /* a loop back to the root */
        return -1;
    snprintf(path, sizeof path, "%s/z-alias", walk_root);
    return symlink("sub", path); /* a second path to sub */
}

static int remove_walk_tree(void **state)
{
    (void)state;
    char command[600];
    snprintf(command, sizeof command, "rm -rf '%s'", walk_root);
    return system(command);
}

static void walk_reads_each_folder_once_in_byte_order_and_skips_non_documents(void **state)
{
    (void)state;
    input_list inputs = {0};
    char *roots[] = {walk_root};
    FILE *diagnostics = tmpfile();
    assert_true(walk_inputs(roots, 1, 0, &inputs, diagnostics));
    const char *expected[] = {"B.png", "_photo", "a.png", "sub/c.tif", "upload.pdf"};
    assert_int_equal(inputs.count, 5);
    for (size_t i = 0; i < inputs.count; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", walk_root, expected[i]);
        assert_string_equal(inputs.paths[i], path);
    }
    assert_int_equal(inputs.skipped, 4); /* README.md, a.expected.json, run.sh, the pipe stuck.png */
    rewind(diagnostics);
    char said[4096] = "";
    said[fread(said, 1, sizeof said - 1, diagnostics)] = '\0';
    assert_non_null(strstr(said, "README.md: not an image or PDF"));
    assert_non_null(strstr(said, "stuck.png: not a regular file"));
    assert_non_null(strstr(said, "sub/loop: folder already read"));
    assert_non_null(strstr(said, "z-alias: folder already read"));
    fclose(diagnostics);
    input_list_free(&inputs);
}

static void a_file_named_on_the_command_line_is_always_read(void **state)
{
    (void)state;
    char readme[512];
    snprintf(readme, sizeof readme, "%s/README.md", walk_root);
    char *named[] = {readme, "/nonexistent/scan.png"};
    input_list inputs = {0};
    FILE *diagnostics = tmpfile();
    assert_true(walk_inputs(named, 2, 0, &inputs, diagnostics));
    assert_int_equal(inputs.count, 2);
    assert_string_equal(inputs.paths[0], readme);
    assert_int_equal(inputs.skipped, 0);
    fclose(diagnostics);
    input_list_free(&inputs);
}

/* ---- --skip-done ---------------------------------------------------------- */

static void skip_done_drops_recorded_inputs_and_ignores_a_cut_last_line(void **state)
{
    (void)state;
    char path[] = "/tmp/noticescan-done-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    /* b\xe9.pdf, a Latin-1 name, is recorded as b\ufffd.pdf: still the same input */
#define WHOLE_LINES                                                                                          \
    "{\"source\":\"a.png\",\"status\":\"ok\"}\n{\"source\":\"b\\ufffd.pdf\",\"status\":\"error\"}\n"
    const char earlier[] = WHOLE_LINES "{\"source\":\"c.ti";
    assert_int_equal(write(fd, earlier, sizeof earlier - 1), (ssize_t)(sizeof earlier - 1));
    input_list inputs = {0};
    const char *all[] = {"a.png", "b\xe9.pdf", "c.tif", "d.jpg"};
    for (size_t i = 0; i < 4; i++)
        assert_true(input_list_add(&inputs, all[i]));
    size_t done = 0;
    FILE *diagnostics = tmpfile();
    assert_true(resume_skip_done(path, &inputs, &done, diagnostics));
    assert_int_equal(done, 2);
    assert_int_equal(inputs.count, 2);
    assert_string_equal(inputs.paths[0], "c.tif");
    assert_string_equal(inputs.paths[1], "d.jpg");
    assert_int_equal(ftell(diagnostics), 0); /* a cut last line is expected, not worth a word */

    assert_true(resume_trim_partial_line(fd));
    close(fd);
    char *left = test_read_file(path);
    assert_string_equal(left, WHOLE_LINES); /* new records start on a line of their own */
    free(left);
    fclose(diagnostics);
    input_list_free(&inputs);
    unlink(path);
}

static void skip_done_with_no_earlier_file_skips_nothing(void **state)
{
    (void)state;
    input_list inputs = {0};
    assert_true(input_list_add(&inputs, "a.png"));
    size_t done = 5;
    assert_true(resume_skip_done("/nonexistent/earlier.jsonl", &inputs, &done, stderr));
    assert_int_equal(done, 0);
    assert_int_equal(inputs.count, 1);
    input_list_free(&inputs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_quotes_commas_quotes_and_line_breaks),
        cmocka_unit_test(csv_defuses_formulas_but_keeps_signed_numbers),
        cmocka_unit_test(csv_row_has_the_header_columns_in_order),
        cmocka_unit_test_setup_teardown(walk_reads_each_folder_once_in_byte_order_and_skips_non_documents,
                                        make_walk_tree, remove_walk_tree),
        cmocka_unit_test_setup_teardown(a_file_named_on_the_command_line_is_always_read, make_walk_tree,
                                        remove_walk_tree),
        cmocka_unit_test(skip_done_drops_recorded_inputs_and_ignores_a_cut_last_line),
        cmocka_unit_test(skip_done_with_no_earlier_file_skips_nothing),
    };
    return cmocka_run_group_tests_name("batch", tests, NULL, NULL);
}
