/* text.h - the document text that patterns run over (text.c). */
#ifndef NOTICESCAN_TEXT_H
#define NOTICESCAN_TEXT_H

#include "base.h"

typedef struct ns_box {
    int x, y, w, h;
} ns_box;

typedef struct text_word {
    size_t start, end; /* byte range in document_text.text */
    int page;          /* 1-based */
    ns_box box;        /* pixels on the preprocessed page; w == 0 when unknown */
    float confidence;  /* 0..1; 1 for text that did not come from OCR */
    int line;          /* document-wide line number */
} text_word;

typedef struct text_page {
    int width, height; /* 0 when unknown */
    size_t start, end; /* byte range of this page in the text */
} text_page;

typedef struct document_text {
    char *text;
    size_t length, capacity;
    text_word *words;
    size_t word_count, word_capacity;
    text_page pages[NS_MAX_PAGES];
    int page_count;
    int line_count;
} document_text;

void document_text_init(document_text *text);
void document_text_free(document_text *text);
/* Where the text ends now, to take back a page read the wrong way (document_text_rewind). */
typedef struct document_text_mark {
    size_t length, word_count;
    int page_count, line_count;
} document_text_mark;
document_text_mark document_text_get_mark(const document_text *text);
/* Drops everything appended after mark (the storage is kept for what comes next). */
void document_text_rewind(document_text *text, document_text_mark mark);
/* Starts a new page (pages are separated by a form feed line). */
int document_text_begin_page(document_text *text, int width, int height);
/* Appends one OCR word (repaired by normalize_token); starts_line puts it on a new line. */
int document_text_add_word(document_text *text, const char *word, ns_box box, float confidence,
                           int starts_line);
/* Appends the current page's words again, row by row by position (see text.c). */
int document_text_add_row_view(document_text *text);
/*
 * Appends plain text (no boxes): each whitespace-separated token becomes a word, a form feed starts a
 * page. NS_ERR_TOO_LARGE past NS_MAX_PAGES pages, NS_ERR_NOMEM when memory runs out.
 */
ns_status document_text_add_plain(document_text *text, const char *plain);
/* As document_text_add_plain, with where each character is (one box per UTF-8 character) when char_boxes
 * is not NULL: a word's box is its characters' union (a PDF's text layer, placed as on the page). */
ns_status document_text_add_laid_out(document_text *text, const char *plain, const ns_box *char_boxes);
/* The word's text into out, cut to fit size. */
void document_text_word(const document_text *text, const text_word *word, char *out, size_t size);
/* The line of the word holding the byte at offset; -1 when it falls between words. */
int document_text_line_at(const document_text *text, size_t offset);
/* The box of the nearest word holding a letter or digit before the one holding the byte at offset, on
 * its line; w == 0 when there is none (the word starts its line, or offset falls between words). */
ns_box document_text_box_before(const document_text *text, size_t offset);
/* The words overlapping [start, end): their union box, mean confidence and page. */
void document_text_locate(const document_text *text, size_t start, size_t end, ns_box *box, float *confidence,
                          int *page);

#endif
