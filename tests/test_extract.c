/* test_extract.c - choosing the right field among many look-alikes, on text. */
#include "testutil.h"

#include <dirent.h>
#include <jansson.h>

#include "dates.h"
#include "document.h"

/* The date plans count days left from: after every notice date in these texts. */
static const ns_date test_today = {2026, 1, 1};

static ns_document *read_text(const char *text)
{
    ns_document *document = ns_read_text(test_knowledge(), "test", text, test_today);
    assert_non_null(document);
    assert_int_equal(ns_document_status(document), NS_OK);
    return document;
}

/* The expected value of one field of an irs-samples file as our normalized text, or NULL. */
static const char *expected_text(json_t *expected, const char *name, char *buffer, size_t len)
{
    json_t *value = json_object_get(expected, name);
    if (json_is_integer(value)) {
        snprintf(buffer, len, "%lld", (long long)json_integer_value(value));
        return buffer;
    }
    return json_string_value(value);
}

/* The 21 real IRS sample notices (text layers) in ../shared/reference/irs-samples. */
static void irs_sample_notices_give_every_expected_field(void **state)
{
    (void)state;
    char *dir = test_path("../shared/reference/irs-samples");
    DIR *handle = opendir(dir);
    if (!handle) {
        print_message("SKIPPED: %s is not present (it is beside the project in CI)\n", dir);
        free(dir);
        skip();
    }
    int files = 0, wrong = 0;
    struct dirent *entry;
    while ((entry = readdir(handle)) != NULL) {
        size_t n = strlen(entry->d_name);
        if (n < 6 || strcmp(entry->d_name + n - 5, ".json") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        json_error_t error;
        json_t *sample = json_load_file(path, 0, &error);
        assert_non_null(sample);
        ns_document *document = read_text(json_string_value(json_object_get(sample, "text")));
        json_t *expected = json_object_get(sample, "expected");
        files++;
        /* A real notice must never be called a scam. */
        char *json = ns_document_to_json(document, NULL);
        json_t *rendered = json_loads(json, 0, NULL);
        const char *verdict =
            json_string_value(json_object_get(json_object_get(rendered, "authenticity"), "verdict"));
        if (!verdict || strcmp(verdict, "no_scam_signs") != 0) {
            print_message("  %s: authenticity verdict %s\n", entry->d_name, verdict ? verdict : "null");
            wrong++;
        }
        json_decref(rendered);
        free(json);
        for (int field = 0; field < NS_FIELD_COUNT; field++) {
            char buffer[32];
            const char *want = expected_text(expected, ns_field_name(field), buffer, sizeof buffer);
            const char *got = ns_document_field(document, field, NULL);
            if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0)) {
                print_message("  %s %s: expected %s, got %s\n", entry->d_name, ns_field_name(field),
                              want ? want : "null", got ? got : "null");
                wrong++;
            }
        }
        ns_document_free(document);
        json_decref(sample);
    }
    closedir(handle);
    free(dir);
    print_message("  irs-samples: %d notices, %d of %d fields wrong\n", files, wrong, files * NS_FIELD_COUNT);
    assert_true(files >= 20);
    assert_int_equal(wrong, 0);
}

static void amount_prefers_labelled_total_over_billing_rows(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Notice CP14\nTax year 2023\nNotice date March 4, 2024\n"
                  "Billing Summary\nTax you owed $3,183.00\nFailure-to-pay penalty 633.30\n"
                  "Interest charges 145.00\nAmount due by March 25, 2024 $1,075.21\n"
                  "Amount due: $1,075.21\n");
    assert_field(document, NS_FIELD_AMOUNT_DUE, "1075.21");
    assert_field(document, NS_FIELD_RESPONSE_DATE, "2024-03-25");
    assert_field(document, NS_FIELD_NOTICE_DATE, "2024-03-04");
    assert_field(document, NS_FIELD_TAX_YEAR, "2023");
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP14");
    ns_document_free(document);
}

static void ocr_confusions_in_numbers_and_codes_are_repaired(void **state)
{
    (void)state;
    /* O for 0, l for 1, S for $ and 5, I for 1 in the code. */
    ns_document *document = read_text("Notice CPI4\nTax year 2O2l\nNotice date Ju1y 6, 2O22\n"
                                      "Amount due: S2,O45.l8\nAmount due by July 27, 2O22 $2,045.18\n");
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP14");
    assert_field(document, NS_FIELD_TAX_YEAR, "2021");
    assert_field(document, NS_FIELD_AMOUNT_DUE, "2045.18");
    assert_field(document, NS_FIELD_RESPONSE_DATE, "2022-07-27");
    ns_document_free(document);
}

static void missing_dollar_sign_and_spaced_digits_still_read(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Notice CP501\nNotice date June 3, 2024\n"
                  "Amount due: 9 533.53\nAmount due, to be\nreceived by June 24, 2024\n9,533.53\n");
    assert_field(document, NS_FIELD_AMOUNT_DUE, "9533.53");
    assert_field(document, NS_FIELD_RESPONSE_DATE, "2024-06-24");
    ns_document_free(document);
}

/* A serif "e" read as "c" on a soft photo (real-wording CP90 photographed: set 2401 doc-0126). */
static void due_read_as_duc_still_labels_the_amount_and_its_date(void **state)
{
    (void)state;
    ns_document *document = read_text("Notice CP90\nNotice date January 23, 2019\n"
                                      "Amount duc immediately: $5,947.81\n"
                                      "Amount duc by February 22, 2019 $5,947.81\n");
    assert_field(document, NS_FIELD_AMOUNT_DUE, "5947.81");
    assert_field(document, NS_FIELD_RESPONSE_DATE, "2019-02-22");
    ns_document_free(document);
}

static void labels_split_across_lines_still_pair_with_values(void **state)
{
    (void)state;
    ns_document *document = read_text("Notice\nCP2000\nTax year\n2022\nNotice date\nMay 1,\n2024\n"
                                      "Respond by\nMay 31, 2024\nProposed amount due\n$4,210.00\n");
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP2000");
    assert_field(document, NS_FIELD_NOTICE_DATE, "2024-05-01");
    assert_field(document, NS_FIELD_RESPONSE_DATE, "2024-05-31");
    assert_field(document, NS_FIELD_AMOUNT_DUE, "4210.00");
    ns_document_free(document);
}

static void a_misspelled_notice_label_still_names_its_values(void **state)
{
    (void)state;
    /* Blurred header labels as Tesseract read them on low-quality photos. */
    static const char *const labels[] = {"Notce", "Notlce", "N0tice", "Noti ce", "Nodce", "Nobtce"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        char text[256];
        snprintf(text, sizeof text,
                 "Department of the Treasury %s CP503\nTax year 2022\n%s date November 10, 2023\n"
                 "Amount due by December 1, 2023 $1,601.31\n",
                 labels[i], labels[i]);
        ns_document *document = read_text(text);
        assert_field(document, NS_FIELD_NOTICE_CODE, "CP503");
        assert_field(document, NS_FIELD_NOTICE_DATE, "2023-11-10");
        ns_document_free(document);
    }
    /* Before a code only the near misreadings count: a footer's misread code does not outweigh the header. */
    ns_document *footer = read_text("Department of the Treasury\nCP3219A\nNotice date July 27, 2020\n"
                                    "Netice CP121A (Rev. 04-2015)\n");
    assert_field(footer, NS_FIELD_NOTICE_CODE, "CP3219A");
    ns_document_free(footer);
    /* "Notes", "Nice" and "Nance" are not the label (and, with no IRS marks, the page is no notice). */
    ns_document *document = ns_read_text(test_knowledge(), "test",
                                         "Notes date November 10, 2023\nNice date November 12, 2023\n"
                                         "Nance date November 14, 2023\nNotes Gate November 16, 2023\n",
                                         test_today);
    assert_field(document, NS_FIELD_NOTICE_DATE, NULL);
    ns_document_free(document);
}

/* Dim, faxed and compressed photos as Tesseract read them: stray marks and a misread label or comma. */
static void stray_marks_between_a_date_label_and_its_date_are_skipped(void **state)
{
    (void)state;
    static const struct {
        const char *header, *date;
    } cases[] = {
        {"Notice date So May 21, 2021-", "2021-05-21"},
        {"Notice date . ) » May 21, 2021", "2021-05-21"},
        {"Notice date: ai September 12) 2019)", "2019-09-12"},
        {"Department of the Treasury Dale; December 8, 2017", "2017-12-08"},
        {"Cincinnati, OH 45990-0000 Notice dato Septomber 4, 2025", "2025-09-04"},
        {"Natice date July 27, 2020", "2020-07-27"},
        {"Ogden, UT 64201-0090 Netce date Jaruary 27, 2022", "2022-01-27"},
        {"Austin, TX 73301-0023 Notice date June 9,.2017", "2017-06-09"},
        {"Austin, TX 73201 0629 Notte dace May 25. 2018", "2018-05-25"},
        {"Kansas City, MO 64999-0010 Notive date April 28, 2017", "2017-04-28"},
        {"Fresno, CA 93888-0025 Notioe Gate March 24, 2025", "2025-03-24"},
        {"Austin, TX 73301-0023 Pe Notice date. - October 27, 2017.", "2017-10-27"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "Internal Revenue Service\nNotice CP14\n%s\n", cases[i].header);
        ns_document *document = read_text(text);
        assert_field(document, NS_FIELD_NOTICE_DATE, cases[i].date);
        ns_document_free(document);
    }
    /* Four stray tokens, one holding a digit, or a longer word's end are more than marks: no notice date. */
    ns_document *document =
        read_text("Internal Revenue Service\nNotice CP14\nNotice date a b c d May 21, 2021\n"
                  "Notice date 4 May 21, 2021\nOur previous notice dated May 1, 2021\n");
    assert_field(document, NS_FIELD_NOTICE_DATE, NULL);
    ns_document_free(document);
}

static void a_label_hyphenated_across_lines_is_joined(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Notice CP2501\nNotice date May 1, 2024\nPlease re-\nspond by May 31, 2024.\n");
    assert_field(document, NS_FIELD_RESPONSE_DATE, "2024-05-31");
    ns_document_free(document);
}

static json_t *billing_of(const char *text)
{
    ns_document *document = read_text(text);
    char *json = ns_document_to_json(document, NULL);
    json_t *root = json_loads(json, 0, NULL);
    json_t *billing = json_incref(json_object_get(root, "billing_summary"));
    json_decref(root);
    free(json);
    ns_document_free(document);
    return billing;
}

static void a_billing_summary_that_adds_up_confirms_the_amount(void **state)
{
    (void)state;
    json_t *billing =
        billing_of("Notice CP14\nAmount due: $1,075.21\nBilling Summary\nTax you owed $3,183.00\n"
                   "Payments and credits -3,328.00\nFailure-to-file penalty 318.30\n"
                   "Failure-to-pay penalty 633.30\nInterest charges 145.00\n"
                   "Failure-to-pay estimated tax penalty 123.61\n"
                   "Amount due by February 20, 2018 $1,075.21\n");
    assert_int_equal(json_array_size(json_object_get(billing, "lines")), 6);
    assert_string_equal(json_string_value(json_object_get(billing, "total")), "1075.21");
    assert_true(json_is_true(json_object_get(billing, "agrees_with_amount_due")));
    json_decref(billing);
    /* Payments printed without their minus sign (lost in OCR) still subtract. */
    billing = billing_of("Notice CP161\nAmount due: $100.00\nTax you owed $400.00\nPayments you made 310.00\n"
                         "Interest charges 10.00\n");
    assert_true(json_is_true(json_object_get(billing, "agrees_with_amount_due")));
    json_decref(billing);
    billing = billing_of("Notice CP14\nAmount due: $999.00\nTax you owed $400.00\nInterest charges 10.00\n");
    assert_true(json_is_false(json_object_get(billing, "agrees_with_amount_due")));
    json_decref(billing);
}

static void refund_amount_is_not_an_amount_due(void **state)
{
    (void)state;
    ns_document *document = read_text("Notice CP12\nTax year 2023\nNotice date April 2, 2024\n"
                                      "Adjusted refund: $812.40\nOverpayment $812.40\n");
    assert_field(document, NS_FIELD_AMOUNT_DUE, NULL);
    assert_field(document, NS_FIELD_RESPONSE_DATE, NULL);
    ns_document_free(document);
}

static void terminated_agreement_total_is_vetoed(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Notice CP523\nNotice date January 30, 2024\n"
                  "Payment Due Immediately $300.00\nTotal amount due if we terminate your\n"
                  "$10,803.20\ninstallment agreement\n");
    assert_field(document, NS_FIELD_AMOUNT_DUE, "300.00");
    ns_document_free(document);
}

/* "Letter Number: 5071C" as photos read it: a misread label, letters for digits. */
static void a_letter_number_read_with_letters_for_digits_is_the_letter(void **state)
{
    (void)state;
    static const char *const headers[] = {"Letter Number: SO7IC", "Lever Number: SO71C",
                                          "Leter Number: 5071C", "Letter Number; 5071C"};
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
        char text[256];
        snprintf(text, sizeof text,
                 "Internal Revenue Service %s\nDate: March 16, 2018\nLetter 0071 (Rev. 11-2019)\n",
                 headers[i]);
        ns_document *document = read_text(text);
        assert_field(document, NS_FIELD_NOTICE_CODE, "LTR5071C");
        ns_document_free(document);
    }
    /* The header's number lost ("50710."), the footer's read with an S for its 5. */
    ns_document *footer = read_text("Internal Revenue Service Letter Number: 50710.\n"
                                    "Letter S071C (Rev. 07-2021) Page 1 of 2\n");
    assert_field(footer, NS_FIELD_NOTICE_CODE, "LTR5071C");
    ns_document_free(footer);
    /* A digit read as a symbol ends no number: "105%" is not letter 105, the footer's 1058 stands. */
    ns_document *symbol = read_text("IRS Service Letter Number: 105%\nLetter 1058 (Rev. 09-2017)\n");
    assert_field(symbol, NS_FIELD_NOTICE_CODE, "LTR1058");
    ns_document_free(symbol);
}

static void letters_are_coded_as_ltr(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Letter 1058\nDate: March 2, 2024\nTaxpayer Identification Number: XXX-XX-1234\n"
                  "Amount you owe $6,120.44\n");
    assert_field(document, NS_FIELD_NOTICE_CODE, "LTR1058");
    assert_field(document, NS_FIELD_NOTICE_DATE, "2024-03-02");
    assert_field(document, NS_FIELD_AMOUNT_DUE, "6120.44");
    ns_document_free(document);
}

static void petition_deadline_is_the_response_date(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Notice CP3219A\nTax year 2021\nNotice date June 10, 2024\n"
                  "Deficiency: $5,300.00\n"
                  "Last day to file a petition with the United States Tax Court: September 9, 2024\n");
    assert_field(document, NS_FIELD_RESPONSE_DATE, "2024-09-09");
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP3219A");
    ns_document_free(document);
}

static void business_tax_period_gives_its_year(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Notice CP161\nTax period December 31, 2023\nNotice date February 5, 2024\n");
    assert_field(document, NS_FIELD_TAX_YEAR, "2023");
    ns_document_free(document);
}

/* With the header lost, the stub's instructions and the body still name the year. */
static void the_stub_and_the_body_name_the_tax_year_when_the_header_is_lost(void **state)
{
    (void)state;
    static const struct {
        const char *text, *year;
    } cases[] = {
        /* the stub's "the tax year (2023)" read row by row beside the other column */
        {"Notice CP503\nWrite your social security number (nnn-nn-2648), the tax year Amount due by "
         "November 1, 2024 $2,357.79\n(2023), and the form number (1040) on your payment\n",
         "2023"},
        {"Notice CP11\nWrite your social security number (nnn-nn-3773), the tax Amount due by July 26, "
         "2018\nyear (2017), and the form number (1040) on your\n",
         "2017"},
        {"Notice CP161\nWrite your employer ID number (nn-nnn6017), the tax period\n(December 2016), and "
         "the form number (941)\n",
         "2016"},
        {"Notice CP161\nWe couldn't fully apply the deposits shown on your Form 941 for the quarter ending "
         "December 31, 2016.\n",
         "2016"},
        {"Notice CP503\nWe sent you notices about your unpaid balance of $2,237.55 for 2023.\n", "2023"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ns_document *document = read_text(cases[i].text);
        assert_field(document, NS_FIELD_TAX_YEAR, cases[i].year);
        ns_document_free(document);
    }
}

static void response_date_before_notice_date_is_flagged_for_review(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Notice CP14\nNotice date March 4, 2024\nAmount due by February 1, 2024 $10.00\n");
    assert_field(document, NS_FIELD_RESPONSE_DATE, "2024-02-01");
    assert_true(ns_document_needs_review(document));
    ns_document_free(document);
}

/* The fields the JSON record lists for review, joined by spaces. */
static void reviewed_fields(ns_document *document, char *out, size_t len)
{
    char *json = ns_document_to_json(document, NULL);
    json_t *root = json_loads(json, 0, NULL);
    size_t i;
    json_t *item;
    out[0] = '\0';
    json_array_foreach(json_object_get(root, "review"), i, item)
    {
        strncat(out, json_string_value(json_object_get(item, "field")), len - strlen(out) - 2);
        strcat(out, " ");
    }
    json_decref(root);
    free(json);
}

/* The field has the value want, under the 0.8 that calls a value sure, and is listed for review. */
static void assert_unsure_and_reviewed(ns_document *document, ns_field_id field, const char *want)
{
    double confidence = 1;
    assert_string_equal(ns_document_field(document, field, &confidence), want);
    assert_true(confidence < 0.8);
    char fields[256];
    reviewed_fields(document, fields, sizeof fields);
    assert_non_null(strstr(fields, ns_field_name(field)));
}

/* A code one OCR slip from a catalog code is taken as that code and marked; any other unknown code stays. */
static void a_code_one_ocr_slip_from_the_catalog_is_corrected_and_marked(void **state)
{
    (void)state;
    static const struct {
        const char *read, *want, *review;
    } cases[] = {
        {"CP009", "CP09", "notice_code "},    /* a zero doubled */
        {"CP001A", "CP01A", "notice_code "},  /* a zero doubled before the suffix */
        {"CP2O08", "CP2000", "notice_code "}, /* an 8 for a 0 */
        {"CP504", "CP504", ""},               /* known as read */
        {"CP50B", "CP50B", "notice_code "},   /* two slips from CP508C: left as read, unknown, so unsure */
        {"CPOLA", "CP01A", "notice_code "},   /* letters for both digits, a serif 1 as L */
        {"CP0ILA", "CP01A", "notice_code "},  /* a 1 read as two strokes, I and L */
        {"cP523", "CP523", ""},               /* a small c: the code as printed, not a slip */
        {"CPOLX", NULL, "notice_code "},      /* letters for digits and no catalog code near: no code */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128], fields[256];
        snprintf(text, sizeof text, "Internal Revenue Service\nNotice %s\nNotice date March 4, 2024\n",
                 cases[i].read);
        ns_document *document = read_text(text);
        const char *code = ns_document_field(document, NS_FIELD_NOTICE_CODE, NULL);
        if (cases[i].want)
            assert_string_equal(code, cases[i].want);
        else
            assert_null(code);
        reviewed_fields(document, fields, sizeof fields);
        assert_string_equal(fields, cases[i].review);
        ns_document_free(document);
    }
}

/* A reading one slip from two catalog codes (CP53, CP59) is settled by the code printed elsewhere. */
static void a_code_slip_is_settled_by_the_code_printed_elsewhere_on_the_page(void **state)
{
    (void)state;
    ns_document *document = read_text("Notice CP58\nNotice date March 4, 2024\n"
                                      "For more, see www.irs.gov/cp59\n");
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP59");
    char *json = ns_document_to_json(document, NULL);
    assert_non_null(strstr(json, "taken as the page's CP59"));
    free(json);
    ns_document_free(document);
}

/*
 * "CP11" read as "CP111" beside its header label, a catalog code too: the
 * code read in more places (the footer's form line, the stub) is taken, and
 * marked; read alone, the header's code stands.
 */
static void a_code_read_in_more_places_wins_over_a_slip_to_another_catalog_code(void **state)
{
    (void)state;
    static const char header[] = "Department of the Treasury\nNotice CP111\nNotice date January 30, 2018\n"
                                 "Amount due: $435.73\n";
    char text[512];
    snprintf(text, sizeof text, "%sForm CP11 (Rev. 01-2018)\nCP11\n", header);
    ns_document *document = read_text(text);
    assert_unsure_and_reviewed(document, NS_FIELD_NOTICE_CODE, "CP11");
    ns_document_free(document);
    document = read_text(header);
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP111");
    ns_document_free(document);
}

/* One OCR line of a header as placed on a 2550 x 3300 page: words at the given x, 30 px high. */
typedef struct placed_word {
    const char *word;
    int x, y;
} placed_word;

static void extract_placed(const placed_word *words, size_t count, extraction *out)
{
    document_text text;
    document_text_init(&text);
    assert_true(document_text_begin_page(&text, 2550, 3300));
    for (size_t i = 0; i < count; i++) {
        ns_box box = {words[i].x, words[i].y, 24 * (int)strlen(words[i].word), 30};
        int starts_line = i == 0 || words[i].y != words[i - 1].y;
        assert_true(document_text_add_word(&text, words[i].word, box, 0.95f, starts_line));
    }
    extract_fields(&test_knowledge()->patterns, &test_knowledge()->catalog, &text, out);
    document_text_free(&text);
}

/*
 * A PDF text layer comes with one box per character: a word's box is its
 * characters' union, a character of several UTF-8 bytes counts once, and the
 * characters after it keep their own boxes.
 */
static void a_laid_out_words_box_is_its_characters(void **state)
{
    (void)state;
    const char *plain = "Caf\xc3\xa9 due\nCP14";
    ns_box boxes[13];
    for (int i = 0; i < 13; i++) /* characters 0-7 on the first line, 8 the newline, 9-12 the second */
        boxes[i] = (ns_box){100 + 20 * (i < 9 ? i : i - 9), i < 9 ? 50 : 90, 18, 30};
    document_text text;
    document_text_init(&text);
    assert_true(document_text_begin_page(&text, 2550, 3300));
    assert_int_equal(document_text_add_laid_out(&text, plain, boxes), NS_OK);
    ns_box box;
    float confidence;
    int page;
    const char *words[] = {"Caf\xc3\xa9", "due", "CP14"};
    const ns_box expected[] = {{100, 50, 78, 30}, {200, 50, 58, 30}, {100, 90, 78, 30}};
    for (size_t i = 0; i < 3; i++) {
        const char *at = strstr(text.text, words[i]);
        assert_non_null(at);
        size_t start = (size_t)(at - text.text);
        document_text_locate(&text, start, start + strlen(words[i]), &box, &confidence, &page);
        assert_memory_equal(&box, &expected[i], sizeof box);
    }
    document_text_free(&text);
}

/*
 * A label whose date OCR garbled past parsing gives no value, only the place of the garbled words,
 * for the second look to read again; a date that parses leaves no such place.
 */
static void a_garbled_date_by_its_label_is_a_place_to_read_again(void **state)
{
    (void)state;
    placed_word garbled[] = {{"Notice", 1500, 200}, {"date", 1660, 200}, {"January", 1900, 200},
                             {"*,", 2080, 200},     {"2019", 2140, 200}, {"Phone", 1500, 250}};
    extraction out;
    extract_placed(garbled, sizeof garbled / sizeof garbled[0], &out);
    const extracted_field *date = &out.fields[NS_FIELD_NOTICE_DATE];
    assert_false(date->found);
    assert_int_equal(date->misread_count, 1);
    assert_string_equal(date->misread[0].text, "January *, 2019");
    assert_int_equal(date->misread[0].page, 1);
    assert_int_equal(date->misread[0].box.x, 1900);
    assert_int_equal(date->misread[0].box.w, 2140 + 24 * 4 - 1900);
    garbled[3].word = "30,";
    extract_placed(garbled, sizeof garbled / sizeof garbled[0], &out);
    assert_string_equal(date->chosen.value, "2019-01-30");
    assert_int_equal(date->misread_count, 0);
}

/* CP12 prints "Tax year" with nothing after it: the date of the row below is not its value. */
static void a_blank_label_never_takes_the_next_rows_value(void **state)
{
    (void)state;
    placed_word blank[] = {{"Notice", 1500, 100},   {"CP12", 1900, 100},     {"Tax", 1500, 150},
                           {"year", 1590, 150},     {"Notice", 1500, 200},   {"date", 1660, 200},
                           {"February", 1900, 200}, {"9,", 2110, 200},       {"2011", 2170, 200},
                           {"Social", 1500, 250},   {"Security", 1660, 250}, {"number", 1870, 250}};
    extraction out;
    extract_placed(blank, sizeof blank / sizeof blank[0], &out);
    assert_false(out.fields[NS_FIELD_TAX_YEAR].found);
    assert_non_null(strstr(out.fields[NS_FIELD_TAX_YEAR].review, "no value"));
    assert_string_equal(out.fields[NS_FIELD_NOTICE_DATE].chosen.value, "2011-02-09");
    /* The same label with its value in its row, or directly below it, pairs. */
    placed_word beside[] = {{"Tax", 1500, 150},    {"year", 1590, 150}, {"2010", 1900, 150},
                            {"Notice", 1500, 200}, {"date", 1660, 200}, {"February", 1900, 200},
                            {"9,", 2110, 200},     {"2011", 2170, 200}, {"Phone", 1500, 250}};
    extract_placed(beside, sizeof beside / sizeof beside[0], &out);
    assert_string_equal(out.fields[NS_FIELD_TAX_YEAR].chosen.value, "2010");
    placed_word below[] = {
        {"Tax", 1500, 150}, {"year", 1590, 150}, {"2010", 1500, 195}, {"Phone", 1500, 250}};
    extract_placed(below, sizeof below / sizeof below[0], &out);
    assert_string_equal(out.fields[NS_FIELD_TAX_YEAR].chosen.value, "2010");
    assert_string_equal(out.fields[NS_FIELD_TAX_YEAR].review, "");
}

/*
 * "the tax year" inside a sentence is no header label: the date across the column gap in its row is
 * another column's value; the year that follows the words as the sentence goes on is its value.
 */
static void a_label_inside_a_sentence_takes_only_the_words_after_it(void **state)
{
    (void)state;
    placed_word across[] = {{"Write", 100, 900},     {"the", 240, 900}, {"tax", 330, 900}, {"year", 420, 900},
                            {"November", 1200, 900}, {"18,", 1410, 900}, {"2025", 1490, 900}};
    extraction out;
    extract_placed(across, sizeof across / sizeof across[0], &out);
    assert_false(out.fields[NS_FIELD_TAX_YEAR].found);
    placed_word after[] = {{"Write", 100, 900}, {"the", 240, 900}, {"tax", 330, 900},
                           {"year", 420, 900},  {"2024", 530, 900}, {"on", 640, 900}};
    extract_placed(after, sizeof after / sizeof after[0], &out);
    assert_string_equal(out.fields[NS_FIELD_TAX_YEAR].chosen.value, "2024");
    /* A speck read just before a header label (a fax) is no sentence: the label pairs across its row. */
    placed_word speck[] = {{"~", 1716, 900}, {"Tax", 1755, 900}, {"year", 1851, 900}, {"2019", 2463, 900}};
    extract_placed(speck, sizeof speck / sizeof speck[0], &out);
    assert_string_equal(out.fields[NS_FIELD_TAX_YEAR].chosen.value, "2019");
}

/*
 * A crumpled page bends a header row: the value far right of "Notice date"
 * sits most of a line lower. On the label's own OCR line it still pairs; on
 * a line of its own it does not (a blank label keeps no neighbour's value).
 */
static void a_bent_row_pairs_when_ocr_read_it_as_one_line(void **state)
{
    (void)state;
    static const placed_word row[] = {
        {"Notice", 1200, 225}, {"date", 1316, 227}, {"October", 1675, 252},
        {"24,", 1850, 250},    {"2017", 1900, 248},
    };
    for (int one_line = 1; one_line >= 0; one_line--) {
        document_text text;
        document_text_init(&text);
        assert_true(document_text_begin_page(&text, 2550, 3300));
        for (size_t i = 0; i < sizeof row / sizeof row[0]; i++) {
            ns_box box = {row[i].x, row[i].y, 24 * (int)strlen(row[i].word), 30};
            assert_true(
                document_text_add_word(&text, row[i].word, box, 0.95f, i == 0 || (!one_line && i == 2)));
        }
        extraction out;
        extract_fields(&test_knowledge()->patterns, &test_knowledge()->catalog, &text, &out);
        document_text_free(&text);
        assert_int_equal(out.fields[NS_FIELD_NOTICE_DATE].found, one_line);
        if (one_line)
            assert_string_equal(out.fields[NS_FIELD_NOTICE_DATE].chosen.value, "2017-10-24");
    }
}

/*
 * Tesseract reports a picture or a rule as a blank word with a box up to the
 * whole page: it is no word, so a label on its line keeps its own box and
 * pairs with the value beside it.
 */
static void a_blank_ocr_word_is_no_word(void **state)
{
    (void)state;
    document_text text;
    document_text_init(&text);
    assert_true(document_text_begin_page(&text, 2550, 3300));
    assert_true(document_text_add_word(&text, "Tax", (ns_box){1500, 150, 72, 30}, 0.95f, 1));
    assert_true(document_text_add_word(&text, "year", (ns_box){1590, 150, 96, 30}, 0.95f, 0));
    assert_true(document_text_add_word(&text, " ", (ns_box){0, 0, 2550, 3300}, 0.95f, 0));
    assert_true(document_text_add_word(&text, "2016", (ns_box){1900, 150, 96, 30}, 0.95f, 0));
    assert_int_equal(text.word_count, 3);
    extraction out;
    extract_fields(&test_knowledge()->patterns, &test_knowledge()->catalog, &text, &out);
    assert_string_equal(out.fields[NS_FIELD_TAX_YEAR].chosen.value, "2016");
    document_text_free(&text);
}

/*
 * "Tax year" over a date vetoes it as a notice date (a period's last day);
 * the same label in another column, over nothing, does not.
 */
static void a_tax_year_label_vetoes_only_the_date_under_it(void **state)
{
    (void)state;
    placed_word header[] = {{"Notice", 1500, 100}, {"date", 1660, 100},   {"January", 1500, 145},
                            {"30,", 1700, 145},    {"2019", 1790, 145},   {"Tax", 1500, 400},
                            {"year", 1590, 400},   {"January", 300, 445}, {"30,", 500, 445},
                            {"2019", 590, 445}};
    size_t count = sizeof header / sizeof header[0];
    extraction out;
    extract_placed(header, count, &out);
    assert_string_equal(out.fields[NS_FIELD_NOTICE_DATE].chosen.value, "2019-01-30");
    assert_true(out.fields[NS_FIELD_NOTICE_DATE].confidence >= 0.8);
    /* The second date moved under "Tax year": the veto holds, and the date is no longer sure. */
    for (size_t i = count - 3; i < count; i++)
        header[i].x += 1200;
    extract_placed(header, count, &out);
    assert_string_equal(out.fields[NS_FIELD_NOTICE_DATE].chosen.value, "2019-01-30");
    assert_true(out.fields[NS_FIELD_NOTICE_DATE].confidence < 0.8);
}

/* A veto read in three places (two views of a page and its stub) weighs as one reading of it. */
static void a_veto_read_in_several_places_counts_once(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Notice CP22A\nNotice date January 30, 2019\nTax year\nJanuary 30, 2019\n"
                  "Tax year\nJanuary 30, 2019\nTax year\nJanuary 30, 2019\n");
    double confidence = 1;
    assert_string_equal(ns_document_field(document, NS_FIELD_NOTICE_DATE, &confidence), "2019-01-30");
    assert_true(confidence < 0.8);
    ns_document_free(document);
}

/* A header read column by column: its labels, then their values in the same order. */
static const char header_by_columns[] = "Department of the Treasury\nInternal Revenue Service\n"
                                        "Fresno, CA 93888-0025\nNotice\nTax period\nNotice date\n"
                                        "Employer ID number\nTo contact us\nPage 1 of 3\nCP161\n"
                                        "December 31, 2022\nJuly 21, 2023\nnn-nnn5028\nPhone 800-829-4933\n";

static void labels_listed_before_their_values_pair_in_order(void **state)
{
    (void)state;
    ns_document *document = read_text(header_by_columns);
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP161");
    assert_field(document, NS_FIELD_TAX_YEAR, "2022");
    assert_field(document, NS_FIELD_NOTICE_DATE, "2023-07-21");
    ns_document_free(document);
    /* Two stacked labels with a value under the second are no list: the blank Tax year stays blank. */
    document = read_text("Notice\nCP12\nTax year\nNotice date\nFebruary 9, 2011\nSocial Security number\n"
                         "To contact us\nPhone\nCall center number\nPage 1 of 3\nDepartment of Treasury\n");
    assert_null(ns_document_field(document, NS_FIELD_TAX_YEAR, NULL));
    assert_field(document, NS_FIELD_NOTICE_DATE, "2011-02-09");
    ns_document_free(document);
}

/* An older notice's contact stub repeats its own "Notice date": the letter's date, printed first, wins. */
static void the_first_labelled_date_wins_over_an_older_stub_and_is_marked(void **state)
{
    (void)state;
    ns_document *document = read_text("Letter Number:\nLT11\nLetter Date:\nOctober 22, 2027\n"
                                      "Tax Periods:\nDecember 31, 2025\nAmount you owe: $18,575.34\n"
                                      "Contact information\nNotice\nLT11\nNotice date\nJuly 2, 2027\n");
    assert_unsure_and_reviewed(document, NS_FIELD_NOTICE_DATE, "2027-10-22");
    ns_document_free(document);
}

/* Reads text and checks which fields it lists for review ("" for none). */
static void assert_reviewed(const char *text, const char *want)
{
    char fields[256];
    ns_document *document = read_text(text);
    reviewed_fields(document, fields, sizeof fields);
    assert_string_equal(fields, want);
    ns_document_free(document);
}

/* A code and a year read only in passing, by weak rules: under 0.8, so both are listed for review. */
static void every_value_under_the_sure_confidence_is_reviewed(void **state)
{
    (void)state;
    ns_document *document = read_text(
        "We sent you notices about CP503 your unpaid balance of $2,237.55 for 2023.\nPay by 04/01/2024\n");
    char fields[256];
    reviewed_fields(document, fields, sizeof fields);
    int unsure = 0;
    for (int field = 0; field < NS_FIELD_COUNT; field++) {
        double confidence = 1;
        if (!ns_document_field(document, (ns_field_id)field, &confidence) || confidence >= 0.8)
            continue;
        unsure++;
        if (!strstr(fields, ns_field_name((ns_field_id)field)))
            fail_msg("%s at %.2f is not listed for review (%s)", ns_field_name((ns_field_id)field),
                     confidence, fields);
    }
    assert_true(unsure >= 2); /* the code and the year */
    assert_true(ns_document_needs_review(document));
    ns_document_free(document);
}

/*
 * CP14 prints its pay-by date 21 days after the notice date: one far off is marked, one a day off is
 * not, and one a few days off (a misread digit of either date: 6 for 8) marks both dates. A count
 * that ends on a weekend is printed as the Monday (CP3219A: 90 days from January 7, 2024 is a
 * Saturday), which is not a few days off.
 */
static void a_response_date_off_the_catalogs_window_is_marked(void **state)
{
    (void)state;
    assert_reviewed("Notice CP14\nNotice date March 4, 2024\nAmount due by June 28, 2024 $1,075.21\n",
                    "response_date ");
    assert_reviewed("Notice CP14\nNotice date March 4, 2024\nAmount due by March 26, 2024 $1,075.21\n", "");
    assert_reviewed("Notice CP14\nNotice date March 6, 2024\nAmount due by March 25, 2024 $1,075.21\n",
                    "response_date notice_date ");
    assert_reviewed("Notice CP3219A\nTax year 2021\nNotice date January 7, 2024\n"
                    "Last day to file a petition with the United States Tax Court: April 8, 2024\n",
                    "");
}

/* Extracts fields from plain text, as ns_read_text does, into out. */
static void extract_plain(const char *plain, extraction *out)
{
    document_text text;
    document_text_init(&text);
    assert_int_equal(document_text_add_plain(&text, plain), NS_OK);
    extract_fields(&test_knowledge()->patterns, &test_knowledge()->catalog, &text, out);
    document_text_free(&text);
}

/* Sets a date field as a second look that replaced it does (its own review, no cross-check mark). */
static void replace_date(extracted_field *field, int year, int month, int day)
{
    ns_date date = {year, month, day};
    field->chosen.number = date_to_days(date);
    date_format_iso(date, field->chosen.value);
    field->check_marked = 0;
    snprintf(field->review, sizeof field->review, "read again");
}

/*
 * A misread notice date marks the response date off CP14's 21 days; once a
 * second look replaces the notice date, the mark is taken back, and a
 * replacement that breaks the window marks the response date.
 */
static void cross_checks_are_made_again_on_the_replaced_values(void **state)
{
    (void)state;
    extraction out;
    extract_plain("Notice CP14\nTax year 2023\nNotice date March 4, 2029\n"
                  "Amount due by March 25, 2024 $1,075.21\n",
                  &out);
    extracted_field *response = &out.fields[NS_FIELD_RESPONSE_DATE];
    assert_non_null(strstr(response->review, "not after the notice date"));
    double sure = response->unchecked_confidence;
    replace_date(&out.fields[NS_FIELD_NOTICE_DATE], 2024, 3, 4);
    out.fields[NS_FIELD_NOTICE_DATE].review[0] = '\0'; /* a settled date, so the window is checked */
    extract_recheck(&out, &test_knowledge()->catalog);
    assert_string_equal(response->review, "");
    assert_true(response->confidence == sure);
    replace_date(&out.fields[NS_FIELD_NOTICE_DATE], 2024, 1, 4);
    out.fields[NS_FIELD_NOTICE_DATE].review[0] = '\0';
    extract_recheck(&out, &test_knowledge()->catalog);
    assert_non_null(strstr(response->review, "81 days after the notice date"));
}

static void a_notice_year_far_past_the_tax_year_is_the_date_marked(void **state)
{
    (void)state;
    /* "2073" misread for "2023": the pay-by date is fine, the notice date is not. */
    assert_reviewed("Notice CP503\nTax year 2022\nNotice date November 10, 2073\n"
                    "Amount due by December 1, 2023 $1,601.31\n",
                    "notice_date ");
    /* An old year's notice within the collection period is not marked. */
    assert_reviewed("Notice CP71C\nTax year 2012\nNotice date January 5, 2024\n"
                    "Amount due by January 26, 2024 $1,097.48\n",
                    "");
}

/*
 * A notice dated before its tax year: one of the two is misread. The year is marked; the date too
 * when the year was read in more places than the date ("2012" misread for "2018" once, the tax year
 * printed three times), and not when each was read once (either may be the slip).
 */
static void a_notice_year_before_a_tax_year_read_in_more_places_marks_both(void **state)
{
    (void)state;
    assert_reviewed("Notice CP49\nTax year 2017\nNotice date April 27, 2012\n"
                    "We applied your 2017 Form 1040 overpayment to an unpaid balance.\n"
                    "Tax year 2017\n",
                    "tax_year notice_date ");
    assert_reviewed("Notice CP49\nTax year 2019\nNotice date April 27, 2018\n", "tax_year ");
}

/* With the notice date lost, the response date's year checks the tax year in its place. */
static void a_tax_year_is_checked_against_the_response_date_when_the_notice_date_is_lost(void **state)
{
    (void)state;
    /* the notice date, which every notice prints, is missing: it is listed too */
    assert_reviewed("Notice CP2000\nTax year 2005\nRespond by: June 3, 2027\n", "tax_year notice_date ");
    assert_reviewed("Notice CP2000\nTax year 2028\nRespond by: June 3, 2027\n", "tax_year notice_date ");
    assert_reviewed("Notice CP2000\nTax year 2025\nRespond by: June 3, 2027\n", "notice_date ");
}

/*
 * Every notice prints its code and its date: one not found is listed for review, saying so (a person
 * reads it off the notice); a field a notice may leave out (an amount, a tax year) is not.
 */
static void a_missing_code_or_notice_date_is_listed_for_review(void **state)
{
    (void)state;
    assert_reviewed("Notice CP2000\nNotice date May 4, 2027\nRespond by: June 3, 2027\n", "");
    assert_reviewed("Notice CP2000\nRespond by: June 3, 2027\n", "notice_date ");
    assert_reviewed("Internal Revenue Service\nNotice date May 4, 2027\n", "notice_code ");
    ns_document *document = read_text("Notice CP2000\nRespond by: June 3, 2027\n");
    char *json = ns_document_to_json(document, NULL);
    assert_non_null(strstr(json, "no notice date was found"));
    free(json);
    ns_document_free(document);
}

static void details_for_a_tax_office_are_read(void **state)
{
    (void)state;
    ns_document *document =
        read_text("Notice CP161\nTax period December 31, 2023\nNotice date February 5, 2024\n"
                  "Employer ID number 12-3456789\nTo contact us Phone 1-800-829-4933\n"
                  "Your caller ID 48213\nWrite the form number (941) on your payment.\n");
    assert_field(document, NS_FIELD_TAX_PERIOD, "2023-12-31");
    assert_field(document, NS_FIELD_TAXPAYER_ID, "XX-XXX6789");
    assert_field(document, NS_FIELD_PHONE, "800-829-4933");
    assert_field(document, NS_FIELD_CALLER_ID, "48213");
    assert_field(document, NS_FIELD_FORM, "941");
    ns_document_free(document);
}

static const char *verdict_of(const char *text, char **signs)
{
    static char verdict[32];
    ns_document *document = ns_read_text(test_knowledge(), "test", text, test_today); /* may be no notice */
    char *json = ns_document_to_json(document, NULL);
    json_t *root = json_loads(json, 0, NULL);
    json_t *authenticity_json = json_object_get(root, "authenticity");
    snprintf(verdict, sizeof verdict, "%s", json_string_value(json_object_get(authenticity_json, "verdict")));
    *signs = json_dumps(json_object_get(authenticity_json, "signs"), 0);
    json_decref(root);
    free(json);
    ns_document_free(document);
    return verdict;
}

static void a_gift_card_demand_is_called_a_scam(void **state)
{
    (void)state;
    char *signs = NULL;
    const char *verdict =
        verdict_of("Internal Revenue Service\nNotice CP14\nFINAL WARNING: pay $2,400.00 today "
                   "with Google Play gift cards or a warrant for your arrest will be issued.\n"
                   "Make your payment payable to Federal Tax Settlement LLC.\n",
                   &signs);
    assert_string_equal(verdict, "suspicious");
    assert_non_null(strstr(signs, "gift_card"));
    assert_non_null(strstr(signs, "threat_of_arrest"));
    assert_non_null(strstr(signs, "payee_not_treasury"));
    free(signs);
}

static void an_unknown_code_and_an_unlisted_phone_are_flagged_as_advice(void **state)
{
    (void)state;
    char *signs = NULL;
    const char *verdict = verdict_of("Department of the Treasury\nInternal Revenue Service\nNotice CP7777\n"
                                     "Notice date March 4, 2024\nTo contact us Phone 1-888-555-0199\n",
                                     &signs);
    assert_string_equal(verdict, "no_scam_signs"); /* advice, not a verdict */
    assert_non_null(strstr(signs, "unknown_code"));
    assert_non_null(strstr(signs, "phone_not_listed"));
    free(signs);
}

/* OCR of a genuine notice's columns can leave "United States" without "Treasury", or join
 * "payable to the" to the stub's amount; a company named as payee is still a sign, even when it
 * starts with "US". */
static void a_treasury_payee_split_by_columns_is_no_sign(void **state)
{
    (void)state;
    const char *header = "Department of the Treasury\nInternal Revenue Service\nNotice CP14\n"
                         "Notice date March 4, 2024\n";
    char text[512];
    char *signs = NULL;
    snprintf(text, sizeof text, "%sMake your check payable to the United States Proposed amount due $6\n",
             header);
    verdict_of(text, &signs);
    assert_null(strstr(signs, "payee_not_treasury"));
    free(signs);
    snprintf(text, sizeof text, "%sMake your check payable to the Proposed amount due $4,800.67\n", header);
    verdict_of(text, &signs);
    assert_null(strstr(signs, "payee_not_treasury")); /* the payment stub's column, joined by OCR */
    free(signs);
    snprintf(text, sizeof text, "%sMake your check payable to US Tax Relief Partners\n", header);
    verdict_of(text, &signs);
    assert_non_null(strstr(signs, "payee_not_treasury"));
    free(signs);
}

static void a_page_that_is_no_notice_says_so(void **state)
{
    (void)state;
    char *signs = NULL;
    assert_string_equal(verdict_of("Dear neighbor, the bake sale is on Saturday.\n", &signs),
                        "not_an_irs_notice");
    free(signs);
}

static void text_without_a_notice_has_no_fields(void **state)
{
    (void)state;
    ns_document *document = ns_read_text(test_knowledge(), "test",
                                         "Grocery list: apples 3.99, bread 2.50, pay by card.\n", test_today);
    for (int field = 0; field < NS_FIELD_COUNT; field++)
        assert_null(ns_document_field(document, field, NULL));
    assert_int_equal(ns_document_status(document), NS_ERR_NOT_A_NOTICE);
    ns_document_free(document);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(irs_sample_notices_give_every_expected_field),
        cmocka_unit_test(amount_prefers_labelled_total_over_billing_rows),
        cmocka_unit_test(ocr_confusions_in_numbers_and_codes_are_repaired),
        cmocka_unit_test(missing_dollar_sign_and_spaced_digits_still_read),
        cmocka_unit_test(due_read_as_duc_still_labels_the_amount_and_its_date),
        cmocka_unit_test(labels_split_across_lines_still_pair_with_values),
        cmocka_unit_test(a_misspelled_notice_label_still_names_its_values),
        cmocka_unit_test(stray_marks_between_a_date_label_and_its_date_are_skipped),
        cmocka_unit_test(a_label_hyphenated_across_lines_is_joined),
        cmocka_unit_test(a_billing_summary_that_adds_up_confirms_the_amount),
        cmocka_unit_test(refund_amount_is_not_an_amount_due),
        cmocka_unit_test(terminated_agreement_total_is_vetoed),
        cmocka_unit_test(letters_are_coded_as_ltr),
        cmocka_unit_test(a_letter_number_read_with_letters_for_digits_is_the_letter),
        cmocka_unit_test(petition_deadline_is_the_response_date),
        cmocka_unit_test(business_tax_period_gives_its_year),
        cmocka_unit_test(the_stub_and_the_body_name_the_tax_year_when_the_header_is_lost),
        cmocka_unit_test(response_date_before_notice_date_is_flagged_for_review),
        cmocka_unit_test(every_value_under_the_sure_confidence_is_reviewed),
        cmocka_unit_test(a_notice_year_far_past_the_tax_year_is_the_date_marked),
        cmocka_unit_test(cross_checks_are_made_again_on_the_replaced_values),
        cmocka_unit_test(a_notice_year_before_a_tax_year_read_in_more_places_marks_both),
        cmocka_unit_test(a_tax_year_is_checked_against_the_response_date_when_the_notice_date_is_lost),
        cmocka_unit_test(a_missing_code_or_notice_date_is_listed_for_review),
        cmocka_unit_test(a_code_one_ocr_slip_from_the_catalog_is_corrected_and_marked),
        cmocka_unit_test(a_code_slip_is_settled_by_the_code_printed_elsewhere_on_the_page),
        cmocka_unit_test(a_code_read_in_more_places_wins_over_a_slip_to_another_catalog_code),
        cmocka_unit_test(a_blank_label_never_takes_the_next_rows_value),
        cmocka_unit_test(a_garbled_date_by_its_label_is_a_place_to_read_again),
        cmocka_unit_test(a_label_inside_a_sentence_takes_only_the_words_after_it),
        cmocka_unit_test(a_bent_row_pairs_when_ocr_read_it_as_one_line),
        cmocka_unit_test(a_blank_ocr_word_is_no_word),
        cmocka_unit_test(a_tax_year_label_vetoes_only_the_date_under_it),
        cmocka_unit_test(a_veto_read_in_several_places_counts_once),
        cmocka_unit_test(labels_listed_before_their_values_pair_in_order),
        cmocka_unit_test(the_first_labelled_date_wins_over_an_older_stub_and_is_marked),
        cmocka_unit_test(a_response_date_off_the_catalogs_window_is_marked),
        cmocka_unit_test(details_for_a_tax_office_are_read),
        cmocka_unit_test(a_gift_card_demand_is_called_a_scam),
        cmocka_unit_test(a_treasury_payee_split_by_columns_is_no_sign),
        cmocka_unit_test(an_unknown_code_and_an_unlisted_phone_are_flagged_as_advice),
        cmocka_unit_test(a_page_that_is_no_notice_says_so),
        cmocka_unit_test(text_without_a_notice_has_no_fields),
        cmocka_unit_test(a_laid_out_words_box_is_its_characters),
    };
    int failed = cmocka_run_group_tests_name("extract", tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
