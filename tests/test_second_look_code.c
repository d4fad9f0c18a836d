/*
 * test_second_look_code.c - a notice code no reading found: where it is
 * looked for, how the places vote, then the whole look through real
 * Tesseract on a sample scan whose code words were misread by hand; and a
 * header of short lines that Tesseract's page layout drops, read sparsely.
 */
#include "testutil.h"

#include <leptonica/allheaders.h>

#include "document.h"
#include "second_look.h"

static void add_line(document_text *text, const char *const *words, int x, int y)
{
    for (int i = 0; words[i]; i++) {
        int width = 20 * (int)strlen(words[i]);
        assert_true(document_text_add_word(text, words[i], (ns_box){x, y, width, 30}, 0.9f, i == 0));
        x += width + 15;
    }
}

/* A header as a blurred photo reads it: "CP13" as "cri" under its label, "CP503" as "cpsa3" on its own. */
static void header_with_lost_codes(document_text *text)
{
    document_text_init(text);
    assert_true(document_text_begin_page(text, 2000, 2000));
    add_line(text, (const char *const[]){"Notae", NULL}, 100, 100);
    add_line(text, (const char *const[]){"cri", NULL}, 100, 140);
    add_line(text, (const char *const[]){"Notice", "date", NULL}, 100, 180);
    add_line(text, (const char *const[]){"February", "9,", "2011", NULL}, 100, 220);
    add_line(text, (const char *const[]){"Please", "read", "this", "notice", "CP2000", NULL}, 100, 400);
    add_line(text, (const char *const[]){"Department", "of", "the", "Treasury", "Notice", "CPs03", NULL}, 100,
             600);
    add_line(text, (const char *const[]){"cpsa3", NULL}, 100, 800);
    add_line(text, (const char *const[]){"continued", NULL}, 100, 900);
    add_line(text, (const char *const[]){"Notice", NULL}, 100, 1200);
    add_line(text, (const char *const[]){"Amount", "due", NULL}, 900, 1240); /* not under the label */
    assert_true(document_text_add_row_view(text));
}

static void codes_are_looked_for_at_their_labels_then_on_lines_of_their_own(void **state)
{
    (void)state;
    document_text text;
    header_with_lost_codes(&text);
    second_look_place places[16];
    int count = second_look_code_places(&text, 1, places, 16);
    /*
     * under "Notae", beside the header's "Notice", the band under the last "Notice" (nothing read
     * under it), then "cpsa3"; "cri" once though the row view repeats it; then the gaps of the
     * column where lines may have been dropped, each once.
     */
    assert_int_equal(count, 8);
    assert_int_equal(places[0].box.y, 140);
    assert_int_equal(places[0].label_height, 0);
    assert_int_equal(places[1].box.y, 600);
    assert_true(places[1].box.x > 500);
    assert_int_equal(places[2].label_height, 30); /* a band: its line is looked for in the image */
    assert_int_equal(places[2].lines, 1);
    assert_int_equal(places[2].box.y, 1230);
    assert_int_equal(places[3].box.y, 800);
    assert_int_equal(places[3].label_height, 0);
    /* between "February 9, 2011" and "Please read ...", 150 px apart: up to three dropped lines */
    assert_int_equal(places[4].label_height, 30);
    assert_int_equal(places[4].box.y, 250);
    assert_int_equal(places[4].box.h, 150);
    assert_true(places[4].lines > 1);
    for (int i = 5; i < count; i++)
        assert_true(places[i].label_height > 0 && places[i].box.y > places[i - 1].box.y);
    /* "continued" and the last "Notice" are 270 px apart: other blocks, not a gap */
    for (int i = 0; i < count; i++)
        assert_false(places[i].box.y == 930);
    assert_int_equal(second_look_code_places(&text, 1, places, 1), 1);
    assert_int_equal(second_look_code_places(&text, 2, places, 16), 0);
    document_text_free(&text);
}

static void a_label_far_from_the_next_word_is_also_read_under_it(void **state)
{
    (void)state;
    document_text text;
    document_text_init(&text);
    assert_true(document_text_begin_page(&text, 2000, 2000));
    /*
     * "Notice" ends its column; "number (1040) on your payment." is the next column's, on the same
     * line (set 2401 doc-0093). A table's value column stands as far ("Notice      CP14"), so the
     * far word stays a place, and the word under the label is one too.
     */
    assert_true(document_text_add_word(&text, "Notice", (ns_box){100, 100, 120, 30}, 0.9f, 1));
    assert_true(document_text_add_word(&text, "number", (ns_box){1000, 100, 120, 30}, 0.9f, 0));
    assert_true(document_text_add_word(&text, "(1040)", (ns_box){1135, 100, 120, 30}, 0.9f, 0));
    add_line(&text, (const char *const[]){"CP523", NULL}, 100, 140);
    second_look_place places[4];
    assert_int_equal(second_look_code_places(&text, 1, places, 4), 2);
    assert_int_equal(places[0].box.x, 1000);
    assert_int_equal(places[1].box.x, 100);
    assert_int_equal(places[1].box.y, 140);
    /* a word near the label is its value alone: nothing under it is looked at */
    document_text near;
    document_text_init(&near);
    assert_true(document_text_begin_page(&near, 2000, 2000));
    add_line(&near, (const char *const[]){"Notice", "CPs03", NULL}, 100, 100);
    add_line(&near, (const char *const[]){"Tax", "year", NULL}, 100, 140);
    assert_int_equal(second_look_code_places(&near, 1, places, 4), 1);
    assert_int_equal(places[0].box.y, 100);
    assert_true(places[0].box.x > 100);
    document_text_free(&near);
    document_text_free(&text);
}

/* A white 8-bit image with black rectangles. */
static PIX *image_with_ink(int width, int height, const ns_box *boxes, int count)
{
    PIX *image = pixCreate(width, height, 8);
    assert_non_null(image);
    pixSetAll(image);
    for (int i = 0; i < count; i++) {
        BOX *box = boxCreate(boxes[i].x, boxes[i].y, boxes[i].w, boxes[i].h);
        pixClearInRect(image, box);
        boxDestroy(&box);
    }
    return image;
}

static void a_band_gives_its_lines_but_not_tails_specks_or_long_lines(void **state)
{
    (void)state;
    const ns_box ink[] = {
        {20, 100, 200, 4},  /* the tails of the line above, touching the band's top */
        {30, 120, 90, 30},  /* a code-sized line */
        {30, 160, 40, 3},   /* a speck */
        {30, 180, 500, 30}, /* a line running out of the band: longer than a code */
        {30, 230, 60, 28},  /* a second line */
    };
    PIX *image = image_with_ink(600, 400, ink, 5);
    ns_box lines[4];
    ns_box band = {10, 100, 300, 200};
    int count = second_look_lines_in_band(image, band, 30, lines, 4);
    assert_int_equal(count, 2);
    assert_int_equal(lines[0].x, 30);
    assert_int_equal(lines[0].y, 120);
    assert_int_equal(lines[0].w, 90);
    assert_int_equal(lines[0].h, 30);
    assert_int_equal(lines[1].y, 230);
    assert_int_equal(lines[1].w, 60);
    assert_int_equal(second_look_lines_in_band(image, band, 30, lines, 1), 1); /* at most room */
    ns_box blank = {10, 320, 300, 60};
    assert_int_equal(second_look_lines_in_band(image, blank, 30, lines, 4), 0);
    pixDestroy(&image);
}

static void the_code_read_most_often_wins_when_read_twice(void **state)
{
    (void)state;
    char code[16];
    const char agree[4][16] = {"CP13", "", "CP13", "CP11"};
    const int once_each[4] = {1, 0, 1, 1};
    assert_int_equal(second_look_code_vote(agree, once_each, 4, code, sizeof code), 2);
    assert_string_equal(code, "CP13");
    const int two_ways_at_one_place[4] = {1, 0, 1, 2}; /* CP11 read twice as well: a tie */
    assert_int_equal(second_look_code_vote(agree, two_ways_at_one_place, 4, code, sizeof code), 0);
    assert_string_equal(code, "");
    const char alone[3][16] = {"CP08", "", ""};
    const int once[3] = {1, 0, 0}; /* one reading of one place is a guess */
    assert_int_equal(second_look_code_vote(alone, once, 3, code, sizeof code), 0);
    const int twice[3] = {2, 0, 0};
    assert_int_equal(second_look_code_vote(alone, twice, 3, code, sizeof code), 2);
    assert_string_equal(code, "CP08");
    const char none[2][16] = {"", ""};
    const int zero[2] = {0, 0};
    assert_int_equal(second_look_code_vote(none, zero, 2, code, sizeof code), 0);
}

/*
 * text's page 1 (without its row view) with each word starting with `from` read as `as` (as NULL:
 * not read at all), and a new row view.
 */
static void misread_words(const document_text *text, const char *from, const char *as, document_text *out)
{
    document_text_init(out);
    assert_true(document_text_begin_page(out, text->pages[0].width, text->pages[0].height));
    int last_line = -1;
    for (size_t i = 0; i < text->word_count / 2; i++) { /* the second half is the row view */
        const text_word *word = &text->words[i];
        char token[128];
        snprintf(token, sizeof token, "%.*s", (int)(word->end - word->start), text->text + word->start);
        if (strncmp(token, from, strlen(from)) == 0) {
            if (!as)
                continue;
            snprintf(token, sizeof token, "%s", as);
        }
        assert_true(document_text_add_word(out, token, word->box, word->confidence, word->line != last_line));
        last_line = word->line;
    }
    assert_true(document_text_add_row_view(out));
}

/* An image of the source tree, 8 bits deep. */
static PIX *read_gray(const char *relative)
{
    char *path = test_path(relative);
    PIX *image = pixRead(path);
    free(path);
    assert_non_null(image);
    PIX *gray = pixConvertTo8(image, 0);
    pixDestroy(&image);
    return gray;
}

static void a_code_misread_everywhere_is_read_again_where_it_is_printed(void **state)
{
    (void)state;
    PIX *page = read_gray("samples/cp14-scan.png");
    char error[256];
    ocr_engine *ocr;
    assert_int_equal(ocr_create(NULL, NULL, &ocr, error, sizeof error), NS_OK);
    document_text text, misread;
    document_text_init(&text);
    assert_int_equal(ocr_page(ocr, page, 0, &text, error, sizeof error), NS_OK);
    misread_words(&text, "CP14", "cri", &misread);
    document_text_free(&text);                     /* made again from misread */
    misread_words(&misread, "cP14", "cri", &text); /* the stub's code as this scan reads it */
    const ns_knowledge *knowledge = test_knowledge();
    extraction fields;
    extract_fields(&knowledge->patterns, &knowledge->catalog, &text, &fields);
    extracted_field *code = &fields.fields[NS_FIELD_NOTICE_CODE];
    assert_false(code->found);
    assert_int_equal(second_look_code(ocr, page, 1, &text, &knowledge->catalog, &fields), 1);
    assert_string_equal(code->chosen.value, "CP14");
    assert_true(code->confidence < 0.8); /* one reading of one way: a person still looks */
    assert_non_null(strstr(code->review, "read again where notices print it"));
    assert_true(code->chosen.box.w > 0);
    /* a code already found is left alone */
    assert_int_equal(second_look_code(ocr, page, 1, &text, &knowledge->catalog, &fields), 0);
    document_text_free(&misread);
    document_text_free(&text);
    ocr_free(ocr);
    pixDestroy(&page);
}

/* 1 when text holds the line `line` on its own. */
static int has_line(const document_text *text, const char *line)
{
    size_t length = strlen(line);
    for (const char *at = strstr(text->text, line); at; at = strstr(at + 1, line))
        if ((at == text->text || at[-1] == '\n') && (at[length] == '\n' || at[length] == '\0'))
            return 1;
    return 0;
}

/*
 * A real-wording header photographed (evaluation set 202612031945, doc-0305,
 * as second_look_missing stacked it): Tesseract's page layout finds no column
 * in a list of short lines and reads none of it; read as sparse text, every
 * line is there, the code included, and read as one block as well.
 */
static void a_header_the_page_layout_drops_is_read_as_sparse_text(void **state)
{
    (void)state;
    PIX *header = read_gray("tests/fixtures/header-short-lines.png");
    char error[256];
    ocr_engine *ocr;
    assert_int_equal(ocr_create(NULL, NULL, &ocr, error, sizeof error), NS_OK);
    document_text page_mode, sparse;
    document_text_init(&page_mode);
    document_text_init(&sparse);
    assert_int_equal(ocr_page(ocr, header, 0, &page_mode, error, sizeof error), NS_OK);
    assert_false(has_line(&page_mode, "CP21A"));
    assert_int_equal(ocr_page_as(ocr, header, OCR_SPARSE_TEXT, &sparse, error, sizeof error), NS_OK);
    assert_true(has_line(&sparse, "CP21A"));
    assert_true(has_line(&sparse, "Tax year"));
    document_text one_block;
    document_text_init(&one_block);
    assert_int_equal(ocr_page_as(ocr, header, OCR_SINGLE_BLOCK, &one_block, error, sizeof error), NS_OK);
    assert_true(has_line(&one_block, "CP21A"));
    document_text_free(&one_block);
    /* the page mode is back for the next page */
    document_text_free(&page_mode);
    document_text_init(&page_mode);
    assert_int_equal(ocr_page(ocr, header, 0, &page_mode, error, sizeof error), NS_OK);
    assert_false(has_line(&page_mode, "CP21A"));
    document_text_free(&page_mode);
    document_text_free(&sparse);
    ocr_free(ocr);
    pixDestroy(&header);
}

/*
 * Tesseract drops a short code line it cannot read, in every mode (photos of real-wording CP90,
 * CP523 and CP565 notices, sets 2401 and 2402): the "Notice" labels are read with the next label
 * under them. The band under each label shows the line, and reading it there finds the code.
 */
static void a_code_line_tesseract_dropped_is_found_under_its_label(void **state)
{
    (void)state;
    PIX *header = read_gray("tests/fixtures/header-short-lines.png");
    char error[256];
    ocr_engine *ocr;
    assert_int_equal(ocr_create(NULL, NULL, &ocr, error, sizeof error), NS_OK);
    document_text sparse, dropped;
    document_text_init(&sparse);
    assert_int_equal(ocr_page_as(ocr, header, OCR_SPARSE_TEXT, &sparse, error, sizeof error), NS_OK);
    assert_true(has_line(&sparse, "CP21A"));
    misread_words(&sparse, "CP21A", NULL, &dropped);
    assert_false(has_line(&dropped, "CP21A"));
    const ns_knowledge *knowledge = test_knowledge();
    extraction fields;
    extract_fields(&knowledge->patterns, &knowledge->catalog, &dropped, &fields);
    extracted_field *code = &fields.fields[NS_FIELD_NOTICE_CODE];
    assert_false(code->found);
    second_look_place places[8];
    int count = second_look_code_places(&dropped, 1, places, 8);
    assert_true(count >= 2);
    assert_true(places[0].label_height > 0); /* nothing read under "Notice": a band */
    assert_int_equal(second_look_code(ocr, header, 1, &dropped, &knowledge->catalog, &fields), 1);
    assert_string_equal(code->chosen.value, "CP21A");
    assert_true(code->confidence < 0.8);
    assert_non_null(strstr(code->review, "read again where notices print it"));
    document_text_free(&dropped);
    document_text_free(&sparse);
    ocr_free(ocr);
    pixDestroy(&header);
}

/*
 * The page read as the engine reads it, then its lost text by second_look_missing: the page mode must
 * have dropped the header column with its date, and the second look must find the date there.
 */
static void assert_lost_header_date_found(PIX *page, extraction *fields)
{
    char error[256];
    ocr_engine *ocr;
    assert_int_equal(ocr_create(NULL, NULL, &ocr, error, sizeof error), NS_OK);
    document_text text;
    document_text_init(&text);
    assert_int_equal(ocr_page(ocr, page, 0, &text, error, sizeof error), NS_OK);
    assert_false(has_line(&text, "February 9, 2011"));
    const ns_knowledge *knowledge = test_knowledge();
    extract_fields(&knowledge->patterns, &knowledge->catalog, &text, fields);
    extracted_field *date = &fields->fields[NS_FIELD_NOTICE_DATE];
    assert_false(date->found);
    second_look_missing(ocr, page, &text, &knowledge->patterns, &knowledge->catalog, fields);
    assert_true(date->found);
    assert_string_equal(date->chosen.value, "2011-02-09");
    assert_true(date->confidence < 0.8);
    assert_non_null(strstr(date->review, "skipped"));
    document_text_free(&text);
    ocr_free(ocr);
}

/*
 * The top of a photographed real-wording CP12 (evaluation set 202612050100, doc-0293, as Tesseract was
 * given it): the page mode drops the left column of short header lines, "Notice / CP12 / Tax year /
 * Notice date / February 9, 2011", and, from the rows stacked edge to edge, so does sparse text. The
 * lost blocks read alone as one block give the date under its label, and the code.
 */
static void a_header_column_every_layout_drops_is_read_as_one_block(void **state)
{
    (void)state;
    PIX *page = read_gray("tests/fixtures/header-column-photo.png");
    extraction fields;
    assert_lost_header_date_found(page, &fields);
    assert_string_equal(fields.fields[NS_FIELD_NOTICE_CODE].chosen.value, "CP12");
    pixDestroy(&page);
}

/*
 * The same page under a scanner's speckle (dark dots of 1-2 pixels over 1% of it): the specks are no
 * lost text. Read as blocks, they once gave thousands of one-mark words, and Tesseract's result
 * iterator took minutes over them (set 202612050135 doc-0226, a whole batch held up behind it); left
 * in the stacked blocks, they broke the lines the date was read from.
 */
static void speckle_is_not_read_as_lost_text(void **state)
{
    (void)state;
    PIX *page = read_gray("tests/fixtures/header-column-photo.png");
    unsigned int seed = 12345;
    int width = pixGetWidth(page), height = pixGetHeight(page);
    for (long i = 0; i < (long)width * height / 100 / 2; i++) {
        seed = seed * 1103515245u + 12345u;
        int x = (int)((seed >> 8) % (unsigned)(width - 1)), y = (int)((seed >> 4) % (unsigned)(height - 1));
        pixSetPixel(page, x, y, 40);
        pixSetPixel(page, x + 1, y + (seed & 1), 40);
    }
    extraction fields;
    assert_lost_header_date_found(page, &fields);
    pixDestroy(&page);
}

int main(void)
{
    ocr_set_process_settings(); /* Tesseract's messages ("Empty page!!") to /dev/null, as the engine does */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_are_looked_for_at_their_labels_then_on_lines_of_their_own),
        cmocka_unit_test(a_label_far_from_the_next_word_is_also_read_under_it),
        cmocka_unit_test(a_band_gives_its_lines_but_not_tails_specks_or_long_lines),
        cmocka_unit_test(the_code_read_most_often_wins_when_read_twice),
        cmocka_unit_test(a_code_misread_everywhere_is_read_again_where_it_is_printed),
        cmocka_unit_test(a_header_the_page_layout_drops_is_read_as_sparse_text),
        cmocka_unit_test(a_code_line_tesseract_dropped_is_found_under_its_label),
        cmocka_unit_test(a_header_column_every_layout_drops_is_read_as_one_block),
        cmocka_unit_test(speckle_is_not_read_as_lost_text),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    ns_knowledge_free(test_knowledge());
    return failed;
}
