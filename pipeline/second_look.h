/*
 * second_look.h - a field that came out unsure or failed a cross-check is
 * read again from its own region of the page, another way (second_look.c).
 */
#ifndef NOTICESCAN_SECOND_LOOK_H
#define NOTICESCAN_SECOND_LOOK_H

#include "extract.h"
#include "ocr.h"

/* The first pages' OCR images are kept for the second look; the fields are printed on page 1 or 2. */
#define SECOND_LOOK_PAGES 2

/* 1 when a field needs a second look: found, on a kept page, and unsure or failing a cross-check. */
int second_look_wanted(const extracted_field *field);

/*
 * 1 when a found field's value fails its cross-check, so second_look reads it
 * again: a code corrected or not in the catalog, amounts that disagree, a
 * date off the catalog's window from the other date (when that one is more
 * likely right than wrong, or at least as sure), an implausible tax year.
 */
int second_look_fails_check(extraction *fields, const notice_catalog *catalog, ns_field_id field);

/* A code's region reaches this many line heights past its box: a misread word can end before the code does
 * ("CPs" for CP503, "CP4" for CP49). */
#define SECOND_LOOK_CODE_WIDER_RIGHT 1.0

/* The region to read again: the value's words with a margin, inside the page. */
ns_box second_look_region(ns_box value, int page_width, int page_height);

/* Decides whether a re-read value stands: it parses as the field's kind and agrees with a cross-check. */
typedef int (*second_look_accept)(const char *text, void *context, char *value, size_t value_size);

/*
 * The best reading of a line that accept takes, over the line as read and
 * each reading with one symbol replaced by one of Tesseract's alternatives
 * for it; the most confident wins. 0 when none is taken or two different
 * values are equally confident.
 */
int second_look_best_choice(const ocr_line *line, second_look_accept accept, void *context, char *value,
                            size_t value_size);

/*
 * Reads each field that needs it again from pages (the OCR images of the
 * first page_count pages, text's coordinates); a value that agrees with its
 * cross-check replaces the first reading, with a confidence under 0.8 and a
 * review reason saying how it was read.
 */
void second_look(ocr_engine *ocr, struct Pix *const *pages, int page_count, const notice_catalog *catalog,
                 extraction *fields);

/*
 * The field's value read again from region of image (the 2x ways), taken only when it parses as the
 * field's kind and passes its cross-check (a code: in the catalog): how many ways read the value
 * (0: none, or two ways read two different values).
 */
int second_look_reread(ocr_engine *ocr, struct Pix *image, ns_box region, extraction *fields,
                       const notice_catalog *catalog, ns_field_id field, char *value, size_t value_size);

/*
 * When the notice code, the notice date or the tax year is missing, finds the
 * blocks of page 1 that no word of text covers (Tesseract's layout drops a
 * block it takes for a picture), reads the rows they lie in from edge to edge
 * (so a lost column of values is read beside its labels), stacked on one
 * image and read in the page mode and as sparse text, then the blocks alone
 * as one block, and fills each missing field from them, under 0.8 and with
 * a review reason; a label printed blank stays null. A
 * code still missing is then looked for with second_look_code, on the page
 * and on the stacked rows.
 */
void second_look_missing(ocr_engine *ocr, struct Pix *page, const document_text *text,
                         const pattern_library *patterns, const notice_catalog *catalog, extraction *fields);

/* A place where a code may be printed. */
typedef struct second_look_place {
    ns_box box;       /* a word read there, or (label_height > 0) a band where lines were not read */
    int label_height; /* > 0: the height of the lines read beside the band */
    int lines;        /* a band: how many of its lines are places (under a label its first; in a gap more) */
} second_look_place;
/*
 * Where page `page` of text may print its notice code: the word beside or under each "Notice"
 * label (read loosely: "Notae", "Notke"), or the band under it when the line there was not read;
 * then short words starting with "c" alone on their line; then the bands between two lines of a
 * column read further apart than the next line would be. Each place once, at most room. Returns
 * how many (second_look_code.c).
 */
int second_look_code_places(const document_text *text, int page, second_look_place *places, int room);
/*
 * The lines of ink in band of image, below any ink touching its top (the line above's tails), each
 * at least a share of line_height tall, as boxes on image, at most room: how many.
 */
int second_look_lines_in_band(struct Pix *image, ns_box band, int line_height, ns_box *lines, int room);
/*
 * The code most readings read, ways[i] of them at place i (readings[i] empty: none there): how
 * many, 0 when under two (one reading of a blurred word is a guess) or two codes were read as often.
 */
int second_look_code_vote(const char (*readings)[16], const int *ways, int count, char *code,
                          size_t code_size);
/*
 * When no notice code was found: reads the places second_look_code_places finds on image again
 * (text's coordinates; on_page 0 when image is not page 1 itself, such as a mosaic of its lost
 * blocks) and takes the catalog code they agree on, under 0.8 with a review. Returns 1 when it did.
 */
int second_look_code(ocr_engine *ocr, struct Pix *image, int on_page, const document_text *text,
                     const notice_catalog *catalog, extraction *fields);

#endif
