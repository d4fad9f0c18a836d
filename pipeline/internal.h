/*
 * internal.h - the shapes that flow between pipeline stages.
 *
 *   load        file bytes        -> page images       (load.c)
 *   preprocess  page image        -> clean page image  (preprocess.c)
 *   ocr         clean page image  -> words with boxes  (ocr.c, text.c)
 *   extract     document text     -> chosen fields     (patterns.c, extract.c)
 *   explain     fields + catalog  -> action plan       (catalog.c, explain.c)
 *   output      document + plan   -> JSON or text      (output.c)
 *
 * engine.c wires the stages together behind the public API in noticescan.h.
 */
#ifndef NOTICESCAN_INTERNAL_H
#define NOTICESCAN_INTERNAL_H

#include "noticescan.h"

#include <stdint.h>

/* Leptonica and jansson are internal dependencies; forward-declare only. */
struct Pix;
struct json_t;
struct notice_catalog;

/* Default limits (ns_engine_options may raise them); NS_MAX_PAGES is also the most pages any document holds.
 */
#define NS_DEFAULT_MAX_PAGES 64              /* a notice is a few pages; 64 covers a whole case file */
#define NS_MAX_PAGES 256                     /* hard ceiling: every page of a file is held decoded at once */
#define NS_MAX_PIXELS (100L * 1000L * 1000L) /* per page: a 600 DPI letter page is 34 MP */
#define NS_MAX_FILE_BYTES (256L * 1024L * 1024L)

/* Writes "fmt" into buf (len bytes); a tiny wrapper so every stage reports the same way. */
void ns_error_set(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- dates.c: calendar arithmetic ------------------------------------- */

int date_is_valid(ns_date date);
/* Days since 1970-01-01 (proleptic Gregorian). */
long date_to_days(ns_date date);
ns_date date_from_days(long days);
ns_date date_add_days(ns_date date, long days);
/* Day of the week: 0 for Sunday .. 6 for Saturday. */
int date_weekday(ns_date date);
/* "Sunday" for 0 .. "Saturday" for 6. */
const char *date_weekday_name(int weekday);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format_iso(ns_date date, char *out);
/* "January" for 1 .. "December" for 12. */
const char *date_month_name(int month);
/* "February 20, 2018" into out (at least 24 bytes). */
void date_format_long(ns_date date, char *out, size_t len);

/* ---- normalize.c: OCR repair and value parsing ------------------------ */

/*
 * Repairs one OCR token in place-style into out (cap bytes): typographic
 * punctuation to ASCII, and in tokens that are clearly numbers or notice
 * codes the classic confusions (O->0, l/I->1, S->5, B->8, Z->2, S$->$).
 */
void normalize_token(const char *token, char *out, size_t cap);

/* "Form 1040-SR" -> "1040-SR", "941" -> "941". */
int normalize_form(const char *text, char *out, size_t len);
/* An SSN, ITIN or EIN, masked to its last four digits: "XXX-XX-1234", "XX-XXX1234". */
int normalize_taxpayer_id(const char *text, char *out, size_t len);
/* "1-800-829-1040", "(800) 829 1040" -> "800-829-1040". */
int normalize_phone(const char *text, char *out, size_t len);
/* Masks SSNs, ITINs and EINs to their last four digits, in place. */
void mask_identifiers(char *text);
/* "$1,075.21", "1.075,21", "1 075.21" -> cents. Returns 1 on success. */
int normalize_money(const char *text, int64_t *cents);
/* Formats cents as "1075.21" (no sign for >= 0, "-" otherwise). */
void format_money(int64_t cents, char *out, size_t len);
/* Formats cents for a person: "$1,075.21". */
void format_money_for_people(int64_t cents, char *out, size_t len);
/* "February 20, 2018", "Feb. 20, 2018", "02/20/2018", "2/20/18", "2018-02-20". */
int normalize_date(const char *text, ns_date *date);
/* "2017" or a period such as "December 31, 2017" -> 2017 (1900..2199). */
int normalize_year(const char *text, int *year);
/* "CP 14", "cp14", "LTR 1058", "Letter 1058", "LT11" -> "CP14", "LTR1058", "LT11". */
int normalize_notice_code(const char *text, char *out, size_t len);

/* ---- text.c: the document text that patterns run over ----------------- */

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
/* The words overlapping [start, end): their union box, mean confidence and page. */
void document_text_locate(const document_text *text, size_t start, size_t end, ns_box *box, float *confidence,
                          int *page);

/* ---- patterns.c: pattern sets kept as data ----------------------------- */

typedef enum value_kind {
    VALUE_CODE,
    VALUE_YEAR,
    VALUE_MONEY,
    VALUE_DATE,
    VALUE_FORM,
    VALUE_ID,
    VALUE_PHONE,
    VALUE_NUMBER,
    VALUE_ADDRESS
} value_kind;

/* The longest prefix= a rule may put before its value: codes like "LTR" need 3; field values are < 128. */
#define PATTERN_PREFIX_MAX 32

typedef struct pattern_rule {
    char *name;
    double weight;     /* evidence strength 0..1; negative: a veto against the value it matches */
    char **only_codes; /* NULL, or the notice codes this rule applies to */
    size_t only_count;
    char *value_prefix; /* NULL, or text put before the captured value */
    void *regex;        /* pcre2_code * */
    char *origin;       /* "file.pat:12" for messages */
} pattern_rule;

typedef struct pattern_set {
    pattern_rule *rules;
    size_t count;
} pattern_set;

typedef struct pattern_library {
    pattern_set fields[NS_FIELD_ALL_COUNT];
    pattern_set signals; /* scam signs (positive weight) and marks of a real notice (negative) */
    pattern_set billing; /* billing summary lines, one rule per kind of line */
} pattern_library;

value_kind field_value_kind(ns_field_id field);
/* Loads every *.pat file in dir, or the embedded set when dir is NULL. */
ns_status patterns_load(pattern_library *library, const char *dir, char *err, size_t errlen);
void patterns_free(pattern_library *library);

/* ---- extract.c: candidates, scoring, cross-checks ---------------------- */

typedef enum page_region {
    REGION_UNKNOWN,
    REGION_HEADER, /* the top-right block of a page */
    REGION_BODY,
    REGION_STUB, /* the tear-off payment stub at the bottom */
} page_region;

typedef struct field_candidate {
    char value[128];  /* normalized: "CP14", "2017", "1075.21", "2018-02-20", an address block */
    int64_t number;   /* cents, year, or days since epoch */
    char text[160];   /* the matched text as read */
    const char *rule; /* name of the rule that matched (owned by the library) */
    double weight;
    double score; /* weight plus agreement, minus vetoes */
    int repeats;  /* how many matches gave this value */
    int page;
    ns_box box;
    float ocr_confidence;
    page_region region;
} field_candidate;

typedef struct extracted_field {
    int found;
    field_candidate chosen;
    int has_runner_up;
    field_candidate runner_up;
    double confidence;
    char review[96]; /* why this field needs review, or "" */
} extracted_field;

typedef struct signal_match {
    const char *rule; /* the signal rule's name (owned by the library) */
    double weight;
    char text[64]; /* as read, identifiers masked */
} signal_match;

#define MAX_SIGNALS 16
#define MAX_BILLING_LINES 12

typedef struct billing_line {
    const char *kind; /* the rule's name: "tax_owed", "credit_payments", ... */
    int64_t cents;    /* as it counts toward the total: credits negative */
    char text[48];
} billing_line;
typedef struct extraction {
    extracted_field fields[NS_FIELD_ALL_COUNT];
    signal_match signals[MAX_SIGNALS];
    int signal_count;
    billing_line billing[MAX_BILLING_LINES];
    int billing_count;
    int billing_agrees; /* 1 the lines add up to the amount due, -1 they do not, 0 not checked */
} extraction;

/* Runs every pattern set over the text and chooses each field. */
void extract_fields(const pattern_library *library, const struct notice_catalog *catalog,
                    const document_text *text, extraction *out);

/* ---- catalog.c: the notice catalog (data) ------------------------------ */

typedef struct notice_catalog {
    struct json_t *root;
    struct json_t *notices; /* borrowed from root */
} notice_catalog;

ns_status catalog_load(notice_catalog *catalog, const char *path, char *err, size_t errlen);
/* Validates an already parsed catalog; origin names it in messages. */
ns_status catalog_validate(struct json_t *root, const char *origin, char *err, size_t errlen);
void catalog_free(notice_catalog *catalog);
/* The entry whose code or alias is code, or NULL. */
struct json_t *catalog_find(const notice_catalog *catalog, const char *code);

/* ---- explain.c: the action plan ---------------------------------------- */

/* Builds the plan object (see README "JSON contract"). Caller json_decref()s. */
struct json_t *explain_plan(const notice_catalog *catalog, const extraction *fields, ns_date today);
/* Whether the document looks like a real IRS notice: verdict, scam signs and marks of a real one. */
struct json_t *explain_authenticity(const notice_catalog *catalog, const extraction *fields);

/* ---- load.c and preprocess.c: images ----------------------------------- */

typedef struct loaded_pages {
    struct Pix *pages[NS_MAX_PAGES];
    int count;
    int exif_orientation; /* 1..8 as read (1 when absent); already applied */
    char format[16];      /* "png", "jpeg", "tiff", "heic", ... */
} loaded_pages;

/* What one file may hold; checked from headers, before any pixel is decoded. */
typedef struct load_limits {
    long max_pixels;       /* per page */
    int max_pages;         /* per file, at most NS_MAX_PAGES */
    size_t max_file_bytes; /* the file itself */
} load_limits;

/*
 * Reads a whole regular file (at most NS_MAX_FILE_BYTES) into a new buffer
 * with a NUL after its last byte; on failure the reason (without the path)
 * goes to err.
 */
ns_status file_read_all(const char *path, unsigned char **data, size_t *size, char *err, size_t errlen);
/* file_read_all with another size limit. */
ns_status file_read_limited(const char *path, size_t max_bytes, unsigned char **data, size_t *size, char *err,
                            size_t errlen);
/* Reads and decodes a file; on failure writes the reason (without the path) to err. */
ns_status load_file(const char *path, const load_limits *limits, loaded_pages *out, char *err, size_t errlen);
void loaded_pages_free(loaded_pages *pages);
/* NS_OK when a page of width x height is within the limits; page 0 means the file's only image. */
ns_status load_check_pixels(int page, long width, long height, const load_limits *limits, char *err,
                            size_t errlen);
/*
 * PNG and JPEG decoded here rather than by Leptonica, whose libpng and libjpeg
 * handlers print to stderr: errors come back in err. Limits are checked after
 * the header, before the pixels.
 */
ns_status load_png(const unsigned char *data, size_t size, const load_limits *limits, struct Pix **out,
                   char *err, size_t errlen);
ns_status load_jpeg(const unsigned char *data, size_t size, const load_limits *limits, struct Pix **out,
                    char *err, size_t errlen);

typedef struct preprocess_report {
    int page_found;        /* a page boundary was found and flattened */
    int rotation;          /* degrees clockwise applied from text orientation */
    int orientation_known; /* Leptonica decided the orientation (else Tesseract OSD may) */
    int curvature;         /* worst text-line curvature measured, micro-units (-1: no model) */
    int dewarped;          /* curled paper was flattened */
    float skew_degrees;    /* deskew angle applied */
    float scale;           /* resolution scale applied */
    int text_height;       /* median character height measured, pixels before scaling */
    int width, height;     /* final page size */
} preprocess_report;

/*
 * Turns one page image into a clean, upright, evenly lit gray page for OCR. stages_dir, when
 * not NULL, receives one PNG per step named with stem. Returns NULL only on
 * failure (err says why).
 */
struct Pix *preprocess_page(struct Pix *page, preprocess_report *report, const char *stages_dir,
                            const char *stem, char *err, size_t errlen);

/* ---- ocr.c: Tesseract ------------------------------------------------- */

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
/* Recognizes one page and appends its words to text. */
ns_status ocr_page(ocr_engine *engine, struct Pix *page, document_text *text, char *err, size_t errlen);

/* ---- embedded data (generated at build time by tools/embed.c) ------- */

typedef struct embedded_file {
    const char *name; /* "patterns/amount_due.pat" */
    const unsigned char *data;
    size_t size;
} embedded_file;

extern const embedded_file embedded_files[];
extern const size_t embedded_file_count;

/* ---- engine.c: the public objects -------------------------------------- */

struct ns_knowledge {
    pattern_library patterns;
    notice_catalog catalog;
};

struct ns_document {
    char *source;
    ns_status status;
    char *error;
    int pages;
    char format[16];
    preprocess_report preprocess[NS_MAX_PAGES];
    int preprocessed; /* 1 when the document came from an image */
    int from_code;    /* 1 when made from a notice code alone (--explain) */
    extraction extraction;
};

#endif
