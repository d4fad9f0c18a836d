/*
 * test_second_look.c - a field that failed its check read again: the choice
 * matching and the region on their own, then the whole second look through
 * real Tesseract on a sample scan with a misreading put in by hand.
 */
#include "testutil.h"

#include <leptonica/allheaders.h>

#include "document.h"
#include "second_look.h"

/* A symbol with its choices, best first. */
static void set_symbol(ocr_line *line, int starts_word, const char *first, float first_confidence,
                       const char *second, float second_confidence)
{
    ocr_symbol *symbol = &line->symbols[line->symbol_count++];
    symbol->starts_word = starts_word;
    symbol->count = second ? 2 : 1;
    snprintf(symbol->text[0], sizeof symbol->text[0], "%s", first);
    symbol->confidence[0] = first_confidence;
    if (second) {
        snprintf(symbol->text[1], sizeof symbol->text[1], "%s", second);
        symbol->confidence[1] = second_confidence;
    }
}

/* A line of single-choice symbols, one word per space-separated part of text. */
static void set_line(ocr_line *line, const char *text)
{
    memset(line, 0, sizeof *line);
    int starts_word = 1;
    for (const char *p = text; *p; p++) {
        if (*p == ' ') {
            starts_word = 1;
            continue;
        }
        char symbol[2] = {*p, '\0'};
        set_symbol(line, starts_word, symbol, 0.9f, NULL, 0);
        starts_word = 0;
    }
}

/* Accepts the codes of a tiny catalog: CP14, CP71C and CP71D. */
static int accept_known_code(const char *text, void *context, char *value, size_t size)
{
    int *calls = context;
    (*calls)++;
    static const char *const known[] = {"CP14", "CP71C", "CP71D"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(text, known[i]) == 0) {
            snprintf(value, size, "%s", text);
            return 1;
        }
    return 0;
}

static void the_line_as_read_wins_when_it_passes(void **state)
{
    (void)state;
    ocr_line line;
    set_line(&line, "CP14");
    line.symbols[3].count = 2; /* an alternative that also passes is less confident */
    snprintf(line.symbols[3].text[1], sizeof line.symbols[3].text[1], "%s", "7");
    line.symbols[3].confidence[1] = 0.3f;
    int calls = 0;
    char value[32];
    assert_true(second_look_best_choice(&line, accept_known_code, &calls, value, sizeof value));
    assert_string_equal(value, "CP14");
}

static void an_alternative_symbol_that_passes_is_taken(void **state)
{
    (void)state;
    ocr_line line;
    set_line(&line, "CP7");
    set_symbol(&line, 0, "l", 0.6f, "1", 0.4f); /* "CP7lC" as read; its second choice makes CP71C */
    set_symbol(&line, 0, "C", 0.9f, NULL, 0);
    int calls = 0;
    char value[32];
    assert_true(second_look_best_choice(&line, accept_known_code, &calls, value, sizeof value));
    assert_string_equal(value, "CP71C");
    assert_int_equal(calls, 2); /* the line as read, then its one alternative */
}

static void two_alternatives_as_likely_give_nothing(void **state)
{
    (void)state;
    ocr_line line;
    set_line(&line, "CP71");
    set_symbol(&line, 0, "O", 0.5f, "C", 0.4f);
    /* the last symbol's two alternatives are as likely: CP71C and CP71D tie */
    ocr_symbol *last = &line.symbols[4];
    last->count = 3;
    snprintf(last->text[2], sizeof last->text[2], "%s", "D");
    last->confidence[2] = 0.4f;
    int calls = 0;
    char value[32] = "x";
    assert_false(second_look_best_choice(&line, accept_known_code, &calls, value, sizeof value));
    assert_string_equal(value, "");
}

static void nothing_that_passes_gives_nothing(void **state)
{
    (void)state;
    ocr_line line;
    set_line(&line, "CP99");
    int calls = 0;
    char value[32];
    assert_false(second_look_best_choice(&line, accept_known_code, &calls, value, sizeof value));
    ocr_line empty;
    memset(&empty, 0, sizeof empty);
    assert_false(second_look_best_choice(&empty, accept_known_code, &calls, value, sizeof value));
}

/* Accepts exactly the text it is given as context. */
static int accept_exact(const char *text, void *context, char *value, size_t size)
{
    if (strcmp(text, context) != 0)
        return 0;
    snprintf(value, size, "%s", text);
    return 1;
}

static void words_keep_their_spaces(void **state)
{
    (void)state;
    ocr_line line;
    set_line(&line, "January 30, 2019");
    char value[32];
    assert_true(second_look_best_choice(&line, accept_exact, "January 30, 2019", value, sizeof value));
}

static void the_region_is_the_value_with_a_margin_inside_the_page(void **state)
{
    (void)state;
    ns_box value = {100, 200, 80, 20};
    ns_box region = second_look_region(value, 1000, 1000);
    assert_int_equal(region.x, 90); /* half a line (10 px) each side */
    assert_int_equal(region.y, 190);
    assert_int_equal(region.w, 100);
    assert_int_equal(region.h, 40);
    ns_box corner = {5, 990, 80, 20};
    region = second_look_region(corner, 1000, 1000);
    assert_int_equal(region.x, 0);
    assert_int_equal(region.y, 980);
    assert_int_equal(region.x + region.w, 95);
    assert_int_equal(region.y + region.h, 1000);
}

static void only_found_fields_on_kept_pages_are_looked_at(void **state)
{
    (void)state;
    extracted_field field;
    memset(&field, 0, sizeof field);
    assert_false(second_look_wanted(&field)); /* not found: no region to read */
    field.found = 1;
    field.chosen.page = 1;
    assert_false(second_look_wanted(&field)); /* found in text without boxes */
    field.chosen.box = (ns_box){10, 10, 50, 20};
    assert_true(second_look_wanted(&field));
    field.chosen.page = SECOND_LOOK_PAGES + 1;
    assert_false(second_look_wanted(&field));
}

/* The sample scan's page 1 and its OCR text; the caller frees page, ocr and text. */
static void read_sample_text(const char *sample, PIX **page, ocr_engine **ocr, document_text *text)
{
    char *path = test_path(sample);
    PIX *image = pixRead(path);
    free(path);
    assert_non_null(image);
    *page = pixConvertTo8(image, 0);
    pixDestroy(&image);
    char error[256];
    assert_int_equal(ocr_create(NULL, NULL, ocr, error, sizeof error), NS_OK);
    document_text_init(text);
    assert_int_equal(ocr_page(*ocr, *page, 0, text, error, sizeof error), NS_OK);
}

/* A sample scan's page 1 read by OCR with its fields chosen; the caller frees page and ocr. */
static void read_sample(const char *sample, PIX **page, ocr_engine **ocr, extraction *fields)
{
    document_text text;
    read_sample_text(sample, page, ocr, &text);
    const ns_knowledge *knowledge = test_knowledge();
    extract_fields(&knowledge->patterns, &knowledge->catalog, &text, fields);
    document_text_free(&text);
}

/* The text of a word, in a static buffer. */
static const char *word_text(const document_text *text, const text_word *word)
{
    static char token[128];
    snprintf(token, sizeof token, "%.*s", (int)(word->end - word->start), text->text + word->start);
    return token;
}

/* 1 when word lies within `lines` line heights of a word reading `near`, above or below. */
static int near_word(const document_text *text, const text_word *word, const char *near, int lines)
{
    for (size_t i = 0; i < text->word_count; i++) {
        const text_word *other = &text->words[i];
        if (other->page == word->page && strcmp(word_text(text, other), near) == 0 &&
            abs(other->box.y - word->box.y) <= lines * other->box.h)
            return 1;
    }
    return 0;
}

/*
 * text's page 1 without the lines within `lines` of each word reading near, as
 * if Tesseract had skipped those blocks; lines -1: only those words.
 */
static void drop_blocks_around(const document_text *text, const char *near, int lines, document_text *out)
{
    document_text_init(out);
    assert_true(document_text_begin_page(out, text->pages[0].width, text->pages[0].height));
    int last_line = -1;
    for (size_t i = 0; i < text->word_count; i++) {
        const text_word *word = &text->words[i];
        int dropped =
            lines < 0 ? strcmp(word_text(text, word), near) == 0 : near_word(text, word, near, lines);
        if (word->page != 1 || i >= text->word_count / 2 || dropped)
            continue; /* the second half is the row view of the same words: it is made again below */
        assert_true(document_text_add_word(out, word_text(text, word), word->box, word->confidence,
                                           word->line != last_line));
        last_line = word->line;
    }
    assert_true(document_text_add_row_view(out));
}

/* A value the second look recovered: the right one, under 0.8 (a person still looks), saying how. */
static void assert_recovered(const extracted_field *field, const char *value, const char *how)
{
    assert_true(field->found);
    assert_string_equal(field->chosen.value, value);
    assert_true(field->confidence < 0.8);
    assert_non_null(strstr(field->review, how));
}

static void a_misread_code_is_read_again_from_its_region(void **state)
{
    (void)state;
    PIX *page;
    ocr_engine *ocr;
    extraction fields;
    read_sample("samples/cp14-scan.png", &page, &ocr, &fields);
    extracted_field *code = &fields.fields[NS_FIELD_NOTICE_CODE];
    assert_string_equal(code->chosen.value, "CP14");
    assert_string_equal(code->review, "");
    extraction clean = fields;
    second_look(ocr, &page, 1, &test_knowledge()->catalog, &fields);
    for (int i = 0; i < NS_FIELD_COUNT; i++) { /* values that pass their checks are left alone */
        assert_string_equal(fields.fields[i].chosen.value, clean.fields[i].chosen.value);
        assert_string_equal(fields.fields[i].review, clean.fields[i].review);
        assert_true(fields.fields[i].confidence == clean.fields[i].confidence);
    }
    /* The first reading, as a slip would have made it: "CP1" taken as the catalog's CP11. */
    snprintf(code->chosen.text, sizeof code->chosen.text, "CP1");
    snprintf(code->chosen.value, sizeof code->chosen.value, "CP11");
    code->chosen.corrected = CODE_FROM_CATALOG;
    second_look(ocr, &page, 1, &test_knowledge()->catalog, &fields);
    assert_recovered(code, "CP14", "CP1 failed its check; read again");
    ocr_free(ocr);
    pixDestroy(&page);
}

/*
 * CP12 and CP112 are both catalog codes, one doubled character apart: a code read as either is read
 * again, and the reading of the two ways taken (CP11 was read as CP111 at all three of its places on
 * a clean scan: set 202612050305 doc-0292).
 */
static void a_code_with_a_twin_in_the_catalog_is_read_again(void **state)
{
    (void)state;
    PIX *page;
    ocr_engine *ocr;
    extraction fields;
    read_sample("samples/cp12-scan.png", &page, &ocr, &fields);
    extracted_field *code = &fields.fields[NS_FIELD_NOTICE_CODE];
    assert_string_equal(code->chosen.value, "CP12");
    extraction clean = fields;
    second_look(ocr, &page, 1, &test_knowledge()->catalog, &fields);
    assert_string_equal(code->chosen.value, "CP12"); /* read again alike: left as it was */
    assert_string_equal(code->review, clean.fields[NS_FIELD_NOTICE_CODE].review);
    assert_true(code->confidence == clean.fields[NS_FIELD_NOTICE_CODE].confidence);
    snprintf(code->chosen.text, sizeof code->chosen.text, "CP112");
    snprintf(code->chosen.value, sizeof code->chosen.value, "CP112");
    second_look(ocr, &page, 1, &test_knowledge()->catalog, &fields);
    assert_recovered(code, "CP12", "CP112 has a twin code; read again");
    ocr_free(ocr);
    pixDestroy(&page);
}

/*
 * A code read short with a box that ends before its last character ("CP4" for CP49 with the box
 * around "CP4" alone: set 2401 doc-0071) is read again past its box, where the character is.
 */
static void a_code_read_short_is_read_again_past_its_box(void **state)
{
    (void)state;
    PIX *page;
    ocr_engine *ocr;
    extraction fields;
    read_sample("samples/cp14-scan.png", &page, &ocr, &fields);
    extracted_field *code = &fields.fields[NS_FIELD_NOTICE_CODE];
    assert_string_equal(code->chosen.value, "CP14");
    ns_box whole = code->chosen.box;
    snprintf(code->chosen.text, sizeof code->chosen.text, "CP1");
    snprintf(code->chosen.value, sizeof code->chosen.value, "CP1"); /* no catalog code: it fails its check */
    code->chosen.corrected = CODE_AS_READ;
    code->chosen.box.w = whole.w - (int)(1.1 * whole.h); /* the box ends inside the "1": the "4" is outside */
    second_look(ocr, &page, 1, &test_knowledge()->catalog, &fields);
    assert_recovered(code, "CP14", "CP1 failed its check; read again");
    ocr_free(ocr);
    pixDestroy(&page);
}

static void a_date_off_the_window_is_read_again(void **state)
{
    (void)state;
    PIX *page;
    ocr_engine *ocr;
    extraction fields;
    read_sample("samples/cp14-scan.png", &page, &ocr, &fields);
    extracted_field *notice_date = &fields.fields[NS_FIELD_NOTICE_DATE];
    assert_true(notice_date->found);
    char right[128];
    snprintf(right, sizeof right, "%s", notice_date->chosen.value);
    notice_date->chosen.number -= 40; /* a misread day or month: CP14's 21 days no longer fit */
    snprintf(notice_date->chosen.value, sizeof notice_date->chosen.value, "misread");
    second_look(ocr, &page, 1, &test_knowledge()->catalog, &fields);
    assert_recovered(notice_date, right, "read again");
    ocr_free(ocr);
    pixDestroy(&page);
}

/* How a test makes the first reading lose a field: text without some of its words. */
typedef void (*lose_words)(const document_text *text, const extracted_field *field, document_text *out);

/*
 * The sample's field id, lost from the first reading by lose, is found again by the second look as the
 * engine runs it (second_look, then second_look_missing), with a review saying how.
 */
static void assert_lost_field_found_again(ns_field_id id, lose_words lose, const char *how)
{
    PIX *page;
    ocr_engine *ocr;
    document_text text;
    read_sample_text("samples/cp14-scan.png", &page, &ocr, &text);
    const ns_knowledge *knowledge = test_knowledge();
    extraction fields;
    extract_fields(&knowledge->patterns, &knowledge->catalog, &text, &fields);
    extracted_field *field = &fields.fields[id];
    assert_true(field->found);
    char right[128];
    snprintf(right, sizeof right, "%s", field->chosen.value);
    document_text lost;
    lose(&text, field, &lost);
    extract_fields(&knowledge->patterns, &knowledge->catalog, &lost, &fields);
    assert_true(!field->found || field->confidence < 0.5); /* the first reading lost the value */
    second_look(ocr, &page, 1, &knowledge->catalog, &fields);
    second_look_missing(ocr, page, &lost, &knowledge->patterns, &knowledge->catalog, &fields);
    assert_recovered(field, right, how);
    document_text_free(&lost);
    document_text_free(&text);
    ocr_free(ocr);
    pixDestroy(&page);
}

/* The value's first word as read, wherever it is printed. */
static const char *first_word(const extracted_field *field)
{
    static char word[32];
    snprintf(word, sizeof word, "%.*s", (int)strcspn(field->chosen.text, " "), field->chosen.text);
    return word;
}

/* The lines around each word reading as the value's first, labels and all, as if Tesseract had skipped them.
 */
static void lose_the_values_blocks(const document_text *text, const extracted_field *field,
                                   document_text *out)
{
    drop_blocks_around(text, first_word(field), 3, out);
}

/* Only the words reading as the value's first, their labels kept. */
static void lose_the_values_words(const document_text *text, const extracted_field *field, document_text *out)
{
    drop_blocks_around(text, first_word(field), -1, out);
}

/*
 * CP14's response date is 21 days after its notice date. A weak response
 * date misread two years early fails against the sure notice date and is
 * read again; the notice date is not checked against it (a weak misread must
 * not pull a labelled date to itself), but a sure response date checks it.
 */
static void only_a_date_as_sure_or_likely_right_checks_the_other(void **state)
{
    (void)state;
    PIX *page;
    ocr_engine *ocr;
    extraction fields;
    read_sample("samples/cp14-scan.png", &page, &ocr, &fields);
    const notice_catalog *catalog = &test_knowledge()->catalog;
    extracted_field *notice_date = &fields.fields[NS_FIELD_NOTICE_DATE];
    extracted_field *response = &fields.fields[NS_FIELD_RESPONSE_DATE];
    assert_true(notice_date->found && response->found && notice_date->confidence >= 0.8);
    assert_false(second_look_fails_check(&fields, catalog, NS_FIELD_NOTICE_DATE));
    response->chosen.number -= 731; /* "2022" read for "2024" */
    response->confidence = 0.43;
    assert_true(second_look_fails_check(&fields, catalog, NS_FIELD_RESPONSE_DATE));
    assert_false(second_look_fails_check(&fields, catalog, NS_FIELD_NOTICE_DATE));
    response->confidence = 0.9;
    assert_true(second_look_fails_check(&fields, catalog, NS_FIELD_NOTICE_DATE));
    ocr_free(ocr);
    pixDestroy(&page);
}

static void a_date_in_a_skipped_block_is_found_there(void **state)
{
    (void)state;
    assert_lost_field_found_again(NS_FIELD_NOTICE_DATE, lose_the_values_blocks, "skipped");
}

/*
 * The value's second word (a date's day) garbled wherever it is printed, as a soft photo's "30" under
 * "Notice date" was read as "*": "March *, 2024", which no date rule parses.
 */
static void garble_the_values_day(const document_text *text, const extracted_field *field, document_text *out)
{
    char day[32];
    const char *after_first = field->chosen.text + strcspn(field->chosen.text, " ");
    snprintf(day, sizeof day, "%.*s", (int)strcspn(after_first + 1, " "), after_first + 1);
    document_text_init(out);
    assert_true(document_text_begin_page(out, text->pages[0].width, text->pages[0].height));
    int last_line = -1;
    for (size_t i = 0; i < text->word_count / 2; i++) { /* the row view is made again below */
        const text_word *word = &text->words[i];
        if (word->page != 1)
            continue;
        const char *as_read = strcmp(word_text(text, word), day) == 0 ? "*," : word_text(text, word);
        assert_true(
            document_text_add_word(out, as_read, word->box, word->confidence, word->line != last_line));
        last_line = word->line;
    }
    assert_true(document_text_add_row_view(out));
}

static void a_garbled_date_beside_its_label_is_read_again(void **state)
{
    (void)state;
    assert_lost_field_found_again(NS_FIELD_NOTICE_DATE, garble_the_values_day, "by its label");
}

/* CP14 asks for payment: a missing amount due has its lost blocks read again too. */
static void a_lost_amount_of_a_notice_asking_payment_is_read_again(void **state)
{
    (void)state;
    assert_lost_field_found_again(NS_FIELD_AMOUNT_DUE, lose_the_values_words, "skipped");
}

/*
 * text's page 1 without the words at or right of word `right_of` within 4
 * lines of it (a lost column), nor any other word reading as it (the stub's
 * copy of the value).
 */
static void drop_column_from(const document_text *text, const text_word *right_of, document_text *out)
{
    document_text_init(out);
    assert_true(document_text_begin_page(out, text->pages[0].width, text->pages[0].height));
    char value_word[128];
    snprintf(value_word, sizeof value_word, "%s", word_text(text, right_of));
    int last_line = -1;
    for (size_t i = 0; i < text->word_count / 2; i++) { /* the first view; its row view is made again */
        const text_word *word = &text->words[i];
        if (word->page != 1 || strcmp(word_text(text, word), value_word) == 0 ||
            (word->box.x >= right_of->box.x - right_of->box.h &&
             abs(word->box.y - right_of->box.y) <= 4 * right_of->box.h))
            continue;
        assert_true(document_text_add_word(out, word_text(text, word), word->box, word->confidence,
                                           word->line != last_line));
        last_line = word->line;
    }
    assert_true(document_text_add_row_view(out));
}

/* The header's column of values from the date's first word on; its labels kept. */
static void lose_the_value_column(const document_text *text, const extracted_field *field, document_text *out)
{
    const text_word *first_value = NULL;
    for (size_t i = 0; i < text->word_count && !first_value; i++)
        if (text->words[i].start == field->chosen.first_offset)
            first_value = &text->words[i];
    assert_non_null(first_value);
    drop_column_from(text, first_value, out);
    assert_non_null(strstr(out->text, "Notice date")); /* the labels were read */
}

/*
 * Tesseract may drop a header's column of values and keep their labels: read
 * alone, "March 4, 2024" is a date with no label, too weak to take. Read with
 * the rows it sits in, it pairs with "Notice date" as on the page.
 */
static void values_lost_as_a_column_are_read_beside_their_labels(void **state)
{
    (void)state;
    assert_lost_field_found_again(NS_FIELD_NOTICE_DATE, lose_the_value_column, "skipped");
}

/* The value column lost, and a date of the body standing alone on its line, in a box of the page's foot. */
static void lose_the_value_column_to_a_stray_date(const document_text *text, const extracted_field *field,
                                                  document_text *out)
{
    lose_the_value_column(text, field, out);
    int foot = out->pages[0].height - 100;
    assert_true(document_text_add_word(out, "April", (ns_box){200, foot, 90, 30}, 0.9f, 1));
    assert_true(document_text_add_word(out, "1,", (ns_box){300, foot, 30, 30}, 0.9f, 0));
    assert_true(document_text_add_word(out, "2020", (ns_box){340, foot, 80, 30}, 0.9f, 0));
    assert_true(document_text_add_word(out, "Continued", (ns_box){200, foot + 50, 200, 30}, 0.9f, 1));
}

/* A notice date taken only from a date alone on a line is weak: the lost column's labelled date replaces it.
 */
static void a_weak_date_gives_way_to_the_labelled_one_read_again(void **state)
{
    (void)state;
    assert_lost_field_found_again(NS_FIELD_NOTICE_DATE, lose_the_value_column_to_a_stray_date, "skipped");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_line_as_read_wins_when_it_passes),
        cmocka_unit_test(an_alternative_symbol_that_passes_is_taken),
        cmocka_unit_test(two_alternatives_as_likely_give_nothing),
        cmocka_unit_test(nothing_that_passes_gives_nothing),
        cmocka_unit_test(words_keep_their_spaces),
        cmocka_unit_test(the_region_is_the_value_with_a_margin_inside_the_page),
        cmocka_unit_test(only_found_fields_on_kept_pages_are_looked_at),
        cmocka_unit_test(a_misread_code_is_read_again_from_its_region),
        cmocka_unit_test(a_code_read_short_is_read_again_past_its_box),
        cmocka_unit_test(a_code_with_a_twin_in_the_catalog_is_read_again),
        cmocka_unit_test(a_date_off_the_window_is_read_again),
        cmocka_unit_test(only_a_date_as_sure_or_likely_right_checks_the_other),
        cmocka_unit_test(a_date_in_a_skipped_block_is_found_there),
        cmocka_unit_test(a_garbled_date_beside_its_label_is_read_again),
        cmocka_unit_test(a_lost_amount_of_a_notice_asking_payment_is_read_again),
        cmocka_unit_test(values_lost_as_a_column_are_read_beside_their_labels),
        cmocka_unit_test(a_weak_date_gives_way_to_the_labelled_one_read_again),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
