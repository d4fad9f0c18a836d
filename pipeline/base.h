/*
 * base.h - what every pipeline stage may use: error messages, size limits,
 * whole-file reading, the data embedded at build time and image rotation.
 *
 * The stages, in the order data flows (each header may include only the
 * headers of earlier stages; tests/check-includes.sh enforces it):
 *
 *   base, dates, normalize   shared helpers
 *   text                     the document text that patterns run over
 *   patterns                 pattern sets kept as data
 *   catalog                  the notice catalog, parsed into typed structs
 *   extract                  document text  -> chosen fields
 *   explain                  fields+catalog -> action plan
 *   load                     file bytes     -> page images
 *   preprocess               page image     -> clean page image
 *   ocr                      clean page     -> words with boxes
 *   document                 the public objects' insides
 *   output                   document       -> JSON, text, letters
 *   engine                   the public API wiring the stages in order
 */
#ifndef NOTICESCAN_BASE_H
#define NOTICESCAN_BASE_H

#include "noticescan.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct Pix; /* Leptonica's image; only image stages include its header */

/* Default limits (ns_engine_options may raise them); NS_MAX_PAGES is also the most pages any document holds.
 */
#define NS_DEFAULT_MAX_PAGES 64              /* a notice is a few pages; 64 covers a whole case file */
#define NS_MAX_PAGES 256                     /* hard ceiling: every page of a file is held decoded at once */
#define NS_MAX_PIXELS (100L * 1000L * 1000L) /* per page: a 600 DPI letter page is 34 MP */
#define NS_MAX_FILE_BYTES (256L * 1024L * 1024L)

/* Writes "fmt" into buf (len bytes); a tiny wrapper so every stage reports the same way. */
void ns_error_set(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Reads a whole regular file (at most NS_MAX_FILE_BYTES) into a new buffer
 * with a NUL after its last byte; on failure the reason (without the path)
 * goes to err.
 */
ns_status file_read_all(const char *path, unsigned char **data, size_t *size, char *err, size_t errlen);
/* file_read_all with another size limit. */
ns_status file_read_limited(const char *path, size_t max_bytes, unsigned char **data, size_t *size, char *err,
                            size_t errlen);

/* ---- embedded data (generated at build time by tools/embed.c) ------- */

typedef struct embedded_file {
    const char *name; /* "patterns/amount_due.pat" */
    const unsigned char *data;
    size_t size;
} embedded_file;

extern const embedded_file embedded_files[];
extern const size_t embedded_file_count;

/* The embedded file with this name ("catalog/notices.json"), or NULL. */
const embedded_file *embedded_file_find(const char *name);

/* A {placeholder} and the text that replaces it. */
typedef struct placeholder {
    const char *name; /* "{amount}" */
    const char *value;
} placeholder;

/*
 * text (length bytes) with every placeholder of table replaced by its value,
 * as a new NUL-terminated string the caller frees; NULL when memory runs out.
 */
char *text_fill_placeholders(const char *text, size_t length, const placeholder *table, size_t count);

/*
 * A copy of text that is valid UTF-8: each byte that is no part of a valid character (a file name
 * from a Latin-1 disk, say) becomes U+FFFD; valid text is copied as it is. Caller frees; NULL when
 * memory runs out. (jansson refuses a string that is not UTF-8.)
 */
char *text_repair_utf8(const char *text);

/*
 * A UTF-8 copy of a text file's contents: valid UTF-8 is copied as it is; any other text is taken as
 * Windows-1252 (what Windows editors and Latin-1 systems write: "JOSÉ" as one byte per letter), each
 * byte decoded, the few it leaves undefined as U+FFFD. Caller frees; NULL when memory runs out.
 */
char *text_decode_file_text(const char *text);

/*
 * Writes one line of text wrapped at width columns: the first line starts
 * with first_indent, the others with indent; breaks at spaces.
 */
void text_write_wrapped(FILE *out, const char *text, const char *indent, const char *first_indent, int width);

/*
 * A new image: pix turned clockwise by degrees (90, 180 or 270). Returns
 * NULL for any other angle or when Leptonica fails; pix is left as it is.
 */
struct Pix *image_rotate_clockwise(struct Pix *pix, int degrees);

#endif
