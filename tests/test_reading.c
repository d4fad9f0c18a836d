/*
 * test_reading.c - the second look at a page that read poorly (no OCR): how
 * clearly a page read, from its words and their confidences, and taking a
 * page's words back out of the document text to read it again turned.
 */
#include "testutil.h"

#include "ocr.h"
#include "text.h"

#include <leptonica/allheaders.h>

static void add_words(document_text *text, const char *const *words, const float *confidences, int count)
{
    for (int i = 0; i < count; i++) {
        ns_box box = {10 * i, 10, 8, 8};
        assert_true(document_text_add_word(text, words[i], box, confidences[i], i == 0));
    }
}

static void a_page_read_upright_reads_clearly_and_noise_does_not(void **state)
{
    (void)state;
    document_text text;
    document_text_init(&text);
    assert_true(document_text_begin_page(&text, 100, 100));
    /* four real words read with confidence, one short word and one weak guess: 4 of 6 clear */
    const char *upright[] = {"Notice", "date", "of", "balance", "Amount", "payment"};
    const float upright_confidence[] = {0.95f, 0.9f, 0.95f, 0.85f, 0.92f, 0.4f};
    add_words(&text, upright, upright_confidence, 6);
    assert_float_equal(ocr_clear_word_share(&text, 0), 4.0f / 6.0f, 1e-6);
    /* a sideways page: specks and marks, some read with confidence, but none a real word */
    size_t sideways_start = text.word_count;
    const char *sideways[] = {"'", "i", ":", "—", "ly", "|"};
    const float sideways_confidence[] = {0.9f, 0.9f, 0.3f, 0.5f, 0.85f, 0.2f};
    add_words(&text, sideways, sideways_confidence, 6);
    assert_float_equal(ocr_clear_word_share(&text, sideways_start), 0.0f, 1e-6);
    document_text_free(&text);
}

static void a_page_taken_back_leaves_the_text_as_before(void **state)
{
    (void)state;
    document_text text;
    document_text_init(&text);
    assert_true(document_text_begin_page(&text, 100, 100));
    const char *first[] = {"Notice", "CP14"};
    const float confidence[] = {0.9f, 0.9f};
    add_words(&text, first, confidence, 2);
    char before[64];
    snprintf(before, sizeof before, "%s", text.text);
    document_text_mark mark = document_text_get_mark(&text);
    assert_true(document_text_begin_page(&text, 100, 100));
    const char *noise[] = {"'", "ly"};
    add_words(&text, noise, confidence, 2);
    assert_int_equal(text.page_count, 2);
    document_text_rewind(&text, mark);
    assert_string_equal(text.text, before);
    assert_int_equal(text.word_count, 2);
    assert_int_equal(text.page_count, 1);
    /* the page read again is appended as if the first reading never happened */
    assert_true(document_text_begin_page(&text, 100, 100));
    const char *again[] = {"Amount"};
    add_words(&text, again, confidence, 1);
    assert_int_equal(text.page_count, 2);
    assert_int_equal(text.words[2].page, 2);
    assert_non_null(strstr(text.text, "CP14\n\f\nAmount"));
    document_text_free(&text);
}

/* A white page of width x height with dark bars (lines of "text") filling the given rectangle. */
static PIX *page_with_text_at(int width, int height, int x, int y, int w, int h)
{
    PIX *page = pixCreate(width, height, 8);
    assert_non_null(page);
    pixSetAll(page);
    for (int line = y; line + 12 <= y + h; line += 30)
        assert_int_equal(pixRasterop(page, x, line, w, 12, PIX_CLR, NULL, 0, 0), 0);
    return page;
}

static void the_reading_window_is_where_the_ink_is(void **state)
{
    (void)state;
    /* a long column down the left and along the bottom, the middle blank (a sparse right column) */
    PIX *page = page_with_text_at(2000, 1500, 50, 950, 1900, 500);
    BOX *window = ocr_reading_window(page);
    assert_non_null(window);
    l_int32 x, y, w, h;
    boxGetGeometry(window, &x, &y, &w, &h);
    assert_int_equal(w, 1200); /* 60% x 40% of the page */
    assert_int_equal(h, 600);
    assert_int_equal(y, 900); /* the bottom row of windows: the text's rows, not the blank middle */
    boxDestroy(&window);
    pixDestroy(&page);
    /* text all over: the middle, as before */
    page = page_with_text_at(2000, 1500, 0, 0, 2000, 1500);
    window = ocr_reading_window(page);
    assert_non_null(window);
    boxGetGeometry(window, &x, &y, &w, &h);
    assert_int_equal(x, 400);
    assert_int_equal(y, 450);
    boxDestroy(&window);
    pixDestroy(&page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_page_read_upright_reads_clearly_and_noise_does_not),
        cmocka_unit_test(a_page_taken_back_leaves_the_text_as_before),
        cmocka_unit_test(the_reading_window_is_where_the_ink_is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
