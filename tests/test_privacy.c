/*
 * test_privacy.c - a taxpayer's full SSN, ITIN or EIN never leaves noticescan:
 * notices that print them unmasked go through every output (JSON, text,
 * letters, calendar entry, CSV) and no full number may appear in any.
 */
#include "testutil.h"

#include <unistd.h>

/* Full numbers as a notice might print them; fictional. */
static const char *const full_numbers[] = {"123-45-6789", "123 45 6789", "123456789", "912-78-1234",
                                           "12-3456789"};

static const char notice_text[] =
    "Department of the Treasury\nInternal Revenue Service\nNotice CP14\nTax year 2023\n"
    "Notice date March 11, 2024\nSocial Security number 123-45-6789\nSpouse ITIN 912-78-1234\n"
    "Employer ID number 12-3456789\nAmount due: $2,417.86\nPay by April 1, 2024\n"
    "DANA R. EXAMPLE\n1234 SAMPLE STREET\nSPRINGFIELD, IL 62701\n"
    "Call 800-829-0922 and have your SSN 123 45 6789 ready.\n";

static void assert_no_full_number(const char *what, const char *text)
{
    if (!text)
        return;
    for (size_t i = 0; i < sizeof full_numbers / sizeof *full_numbers; i++)
        if (strstr(text, full_numbers[i]))
            fail_msg("%s shows the full number %s", what, full_numbers[i]);
}

static void every_library_output_masks_full_numbers(void **state)
{
    (void)state;
    ns_date today = {2024, 3, 20};
    ns_document *document = ns_read_text(test_knowledge(), "notice.txt", notice_text, today);
    assert_int_equal(ns_document_status(document), NS_OK);
    char *json = ns_document_to_json(document, NULL);
    ns_render_options evidence = {1};
    char *json_evidence = ns_document_to_json(document, &evidence);
    char *text = ns_document_to_text(document);
    char *calendar = ns_document_to_ics(document);
    assert_non_null(json);
    assert_non_null(strstr(json, "6789")); /* the last four stay, so a person can match the notice */
    assert_no_full_number("JSON", json);
    assert_no_full_number("JSON with evidence", json_evidence);
    assert_no_full_number("text", text);
    assert_no_full_number("calendar", calendar);
    const char *kinds[] = {"dispute", "abatement", "cdp"};
    for (size_t i = 0; i < 3; i++) {
        char *letter = ns_document_letter(document, kinds[i]);
        assert_no_full_number(kinds[i], letter);
        free(letter);
    }
    const char *field = ns_document_field(document, NS_FIELD_TAXPAYER_ID, NULL);
    assert_no_full_number("taxpayer_id field", field);
    free(json);
    free(json_evidence);
    free(text);
    free(calendar);
    ns_document_free(document);
}

static void the_csv_and_error_messages_mask_full_numbers(void **state)
{
    (void)state;
    char dir[] = "/tmp/noticescan-privacy-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char notice[128], missing[128], command[512];
    snprintf(notice, sizeof notice, "%s/notice.txt", dir);
    snprintf(missing, sizeof missing, "%s/client 123-45-6789.txt", dir); /* a file named by the client's SSN */
    FILE *file = fopen(notice, "w");
    assert_non_null(file);
    fputs(notice_text, file);
    fclose(file);
    /* NOTICESCAN_BIN may be a command with arguments (make memcheck runs the binary under valgrind). */
    snprintf(command, sizeof command, "%s --csv --text --today 2024-03-20 '%s' '%s' 2>&1", getenv("NOTICESCAN_BIN"),
             notice, missing);
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    char *output = (char *)test_read_stream(pipe, NULL);
    pclose(pipe);
    assert_non_null(strstr(output, "6789"));
    assert_no_full_number("CSV and messages", output);
    free(output);
    /* Before, a letter as JSON named its source as given: the full number of a file named by it. */
    rename(notice, missing);
    snprintf(command, sizeof command, "%s --json --text --letter dispute --today 2024-03-20 '%s' 2>&1",
             getenv("NOTICESCAN_BIN"), missing);
    pipe = popen(command, "r");
    assert_non_null(pipe);
    output = (char *)test_read_stream(pipe, NULL);
    pclose(pipe);
    assert_non_null(strstr(output, "\"source\""));
    assert_no_full_number("letter as JSON", output);
    free(output);
    unlink(missing);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_library_output_masks_full_numbers),
        cmocka_unit_test(the_csv_and_error_messages_mask_full_numbers),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
