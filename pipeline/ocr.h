/* ocr.h - Tesseract: a clean page -> words with boxes (ocr.c). */
#ifndef NOTICESCAN_OCR_H
#define NOTICESCAN_OCR_H

#include "text.h"

typedef struct ocr_engine ocr_engine;

/* Tesseract's and OpenMP's process-wide settings; called once per process (see engine.c). */
void ocr_set_process_settings(void);

ns_status ocr_create(const char *tessdata_dir, const char *language, ocr_engine **out, char *err,
                     size_t errlen);
void ocr_free(ocr_engine *engine);
/*
 * Tesseract's orientation detection (osd.traineddata), for pages where the
 * cheap test was undecided: *degrees is the clockwise turn that sets the
 * page upright (0, 90, 180, 270). Returns 0 when OSD is unavailable or unsure.
 */
int ocr_detect_orientation(ocr_engine *engine, struct Pix *page, int *degrees);
/* Recognizes one page and appends its words to text; seconds_limit > 0 stops a page that takes longer. */
ns_status ocr_page(ocr_engine *engine, struct Pix *page, int seconds_limit, document_text *text, char *err,
                   size_t errlen);
/* How ocr_page_as lays out what it reads, when the page mode drops text. */
typedef enum ocr_layout {
    OCR_SPARSE_TEXT,  /* every line found wherever it lies, each on its own */
    OCR_SINGLE_BLOCK, /* the image as one block: lines side by side are read as one */
} ocr_layout;
/*
 * As ocr_page, without Tesseract's column layout, for images whose layout the page mode drops
 * (short lines stacked in a narrow column).
 */
ns_status ocr_page_as(ocr_engine *engine, struct Pix *page, ocr_layout layout, document_text *text, char *err,
                      size_t errlen);

/*
 * The share of the words read from first_word on that are real words (three or more letters or
 * digits) read with confidence: high on a page read the right way up, low on noise.
 */
float ocr_clear_word_share(const document_text *text, size_t first_word);
/*
 * Where on a page (8-bit gray) to judge which way up it reads: of the windows of 60% x 40% of the
 * page at nine places (its corners, sides' middles and centre), the one holding the most ink.
 * NULL when out of memory.
 */
struct Box *ocr_reading_window(struct Pix *page);
/*
 * Reads the window of a page that ocr_reading_window chooses as it is and turned 90, 180 and 270
 * degrees: *degrees is the clockwise turn that reads clearly better. Returns 0 (and 0 degrees)
 * when no turn does.
 */
int ocr_orientation_by_reading(ocr_engine *engine, struct Pix *page, int *degrees);

/*
 * One line read again (the second look): the text, Tesseract's word confidence, and each symbol's
 * alternative readings, best first, as Tesseract's choice iterator gives them.
 */
#define OCR_LINE_SYMBOLS 24 /* a field's value: "$12,345,678.90" is 14 */
#define OCR_SYMBOL_CHOICES 4
typedef struct ocr_symbol {
    int count;
    int starts_word; /* 1: a space goes before it */
    char text[OCR_SYMBOL_CHOICES][8]; /* UTF-8 of each choice */
    float confidence[OCR_SYMBOL_CHOICES];
} ocr_symbol;

typedef struct ocr_line {
    char text[128];
    float confidence; /* 0..1, the mean over the line's words */
    int symbol_count;
    ocr_symbol symbols[OCR_LINE_SYMBOLS];
} ocr_line;

/*
 * Reads a crop as one line of text (PSM 7) on the engine's own Tesseract, with only the characters
 * of whitelist ("" or NULL: all), then puts the page settings back. 0 when nothing was read.
 */
int ocr_read_line(ocr_engine *engine, struct Pix *crop, const char *whitelist, ocr_line *out);

#endif
