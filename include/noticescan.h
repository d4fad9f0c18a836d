/*
 * noticescan.h - read a photo or scan of an IRS notice, extract its key
 * fields and explain what to do.
 *
 * The one public header of libnoticescan. It exposes no Leptonica, Tesseract,
 * PCRE2 or jansson types.
 *
 * Objects and threads:
 *   ns_knowledge  the pattern sets and the notice catalog. Immutable once
 *                 loaded: share one among any number of threads.
 *   ns_engine     one OCR engine (Tesseract) plus scratch state. Create one
 *                 per thread and reuse it for every document that thread
 *                 reads; never use one engine from two threads at once.
 *   ns_document   the result of reading one input: its fields and the action
 *                 plan made from them, once, as of a given date. Owned by the
 *                 caller, freed with ns_document_free(); independent of the
 *                 engine, but it borrows text from the knowledge it was read
 *                 with: the knowledge must outlive its documents.
 *
 * Process-wide settings: the first ns_engine_create() makes, once per process
 * (pthread_once), the settings that are not per engine: Leptonica's messages
 * are dropped (its severity set to none and its stderr handler replaced), and
 * Tesseract's global debug_file is set to /dev/null. A program that uses
 * Leptonica or Tesseract itself should know that. OpenMP's thread count is a
 * per-thread setting: each call that runs Tesseract holds the calling
 * thread's OpenMP team to one thread (parallelism is one engine per thread).
 *
 * Errors are values: the library never prints and never exits. Functions
 * return an ns_status; reading a document always yields a document whose
 * status says whether it was read, with an error code and a message that
 * names the input and the reason.
 */
#ifndef NOTICESCAN_H
#define NOTICESCAN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NS_VERSION_MAJOR 0
#define NS_VERSION_MINOR 1
#define NS_VERSION_PATCH 0
#define NS_VERSION_STRING "0.1.0"

/* The library's runtime version, e.g. "0.1.0". */
const char *ns_version(void);

/* Stable error codes. Values never change; new codes are added at the end. */
#define NS_STATUS_TABLE(XX)                                                                                  \
    XX(NS_OK, 0, "ok", "success")                                                                            \
    XX(NS_ERR_NOMEM, 1, "out_of_memory", "out of memory")                                                    \
    XX(NS_ERR_IO, 2, "io", "cannot read the file")                                                           \
    XX(NS_ERR_FORMAT, 3, "unsupported_format", "not a supported image format")                               \
    XX(NS_ERR_IMAGE, 4, "bad_image", "the image cannot be decoded")                                          \
    XX(NS_ERR_TOO_LARGE, 5, "too_large", "the input is over a size limit")                                   \
    XX(NS_ERR_OCR, 6, "ocr", "text recognition failed")                                                      \
    XX(NS_ERR_TESSDATA, 7, "tessdata", "Tesseract language data not found")                                  \
    XX(NS_ERR_PATTERNS, 8, "patterns", "a pattern file is invalid")                                          \
    XX(NS_ERR_CATALOG, 9, "catalog", "the notice catalog is invalid")                                        \
    XX(NS_ERR_ARGUMENT, 10, "argument", "invalid argument")                                                  \
    XX(NS_ERR_NO_TEXT, 11, "no_text", "no readable text was found")                                        \
    XX(NS_ERR_PDF, 12, "bad_pdf", "the PDF is damaged or not a usable document")                             \
    XX(NS_ERR_PDF_ENCRYPTED, 13, "pdf_encrypted", "the PDF is encrypted with a password")                    \
    /* text was read, but it has no notice code, no IRS marks and no sign of a scam posing as the IRS */     \
    XX(NS_ERR_NOT_A_NOTICE, 14, "not_a_notice", "this does not look like an IRS notice")

typedef enum ns_status {
/* NOLINTNEXTLINE(bugprone-macro-parentheses): name is an enumerator, which cannot be parenthesized */
#define NS_STATUS_ENUM(name, value, code, message) name = value,
    NS_STATUS_TABLE(NS_STATUS_ENUM)
#undef NS_STATUS_ENUM
} ns_status;

/*
 * Masks every SSN, ITIN and EIN in text, in place, to its last four digits
 * ("123-45-6789" -> "XXX-XX-6789").
 */
void ns_mask_taxpayer_numbers(char *text);

/*
 * The name every output gives an input path: a new copy (caller frees; NULL
 * when path is NULL or memory runs out) with taxpayer numbers masked and each
 * byte that is no part of a UTF-8 character as U+FFFD. Compare paths with
 * records through it (as --skip-done and merge do).
 */
char *ns_source_name(const char *path);

/* A static English message for a status ("cannot read the file"). */
const char *ns_strerror(ns_status status);
/* A static stable identifier for a status ("io"), as used in JSON output. */
const char *ns_status_code(ns_status status);

/* A calendar date. year 0 means "no date". */
typedef struct ns_date {
    int year, month, day;
} ns_date;

/* Parses "YYYY-MM-DD". Returns 1 on success, 0 if the text is not a valid date. */
int ns_date_parse_iso(const char *text, ns_date *out);
/* Today's date in local time. */
ns_date ns_date_today(void);

/* ---- Knowledge: pattern sets and notice catalog ---------------------- */

typedef struct ns_knowledge ns_knowledge;

/*
 * Loads the pattern sets and the notice catalog.
 *   patterns_dir  a directory of *.pat files to use instead of the built-in
 *                 set, or NULL for the set embedded at build time.
 *   catalog_path  a catalog JSON file, or NULL for the embedded catalog.
 * On failure returns an error and writes a message naming the file and line
 * into errbuf (errlen bytes, may be 0). The caller frees *out with
 * ns_knowledge_free().
 */
ns_status ns_knowledge_load(const char *patterns_dir, const char *catalog_path, ns_knowledge **out,
                            char *errbuf, size_t errlen);
void ns_knowledge_free(ns_knowledge *knowledge);

/* The whole catalog as a JSON array (one object per notice). Caller frees. */
char *ns_knowledge_catalog_json(const ns_knowledge *knowledge);

/* ---- Engine ----------------------------------------------------------- */

typedef struct ns_engine ns_engine;

/*
 * Limits protect a batch from one hostile file. Each is checked from the
 * file's headers before any pixel is decoded; a file over one is an
 * NS_ERR_TOO_LARGE document whose message names the limit and its value.
 */
typedef struct ns_engine_options {
    const char *tessdata_dir;    /* NULL: TESSDATA_PREFIX, then the system default */
    const char *language;        /* NULL: "eng" */
    const char *save_stages_dir; /* NULL, or a directory to write each preprocessing stage to */
    int max_megapixels;          /* per page; 0: 100 (a 600 DPI letter page is 34 MP) */
    int max_pages;               /* per file; 0: 64, at most 256 */
    size_t max_file_bytes;       /* per file; 0: 256 MB */
    ns_date today;               /* the date days left count from; year 0: the local date at each read */
    int first_page, last_page;   /* pages to read from a multi-page input (1-based); 0: no bound */
    int abroad;                  /* 1: mailed outside the U.S. (longer windows, IRC 6213(a)); 0: address decides */
    int ocr_seconds_per_page;    /* recognition of one page stops after this long (an ocr error); 0: no limit */
} ns_engine_options;

/*
 * Creates an engine bound to (and borrowing) a knowledge object, which must
 * outlive it. Initialises Tesseract once; reuse the engine for many inputs.
 * options may be NULL. On failure returns an error and writes the reason to
 * errbuf; a negative or out-of-range limit or an impossible options->today is
 * NS_ERR_ARGUMENT.
 */
ns_status ns_engine_create(const ns_knowledge *knowledge, const ns_engine_options *options, ns_engine **out,
                           char *errbuf, size_t errlen);
void ns_engine_free(ns_engine *engine);

/* ---- Documents -------------------------------------------------------- */

typedef struct ns_document ns_document;

typedef enum ns_field_id {
    NS_FIELD_NOTICE_CODE,
    NS_FIELD_TAX_YEAR,
    NS_FIELD_AMOUNT_DUE,
    NS_FIELD_RESPONSE_DATE,
    NS_FIELD_NOTICE_DATE,
    NS_FIELD_COUNT,                 /* the five core fields ("fields" in JSON); details follow */
    NS_FIELD_FORM = NS_FIELD_COUNT, /* form number: "1040", "941" */
    NS_FIELD_TAX_PERIOD,            /* end of a business tax period: "2023-12-31" */
    NS_FIELD_TAXPAYER_ID,           /* SSN, ITIN or EIN, masked: "XXX-XX-1234" */
    NS_FIELD_PHONE,                 /* the phone number to call: "800-829-1040" */
    NS_FIELD_CALLER_ID,             /* "Your caller ID" */
    NS_FIELD_MAILING_ADDRESS,       /* the taxpayer's name and address block, lines joined by "\n" */
    NS_FIELD_ALL_COUNT
} ns_field_id;

/* The JSON name of a field ("amount_due", "taxpayer_id"). */
const char *ns_field_name(ns_field_id field);

/*
 * Reading runs every stage once: the fields are extracted, then explained
 * into the action plan (deadline, days left, urgency, steps) and the
 * authenticity check, as of "today". The document keeps both; rendering only
 * formats them. today is a parameter, or ns_engine_options.today for an
 * engine; year 0 means the local date at the time of reading.
 */

/*
 * Reads one input file (PNG, JPEG, TIFF incl. multi-page, BMP, WebP, PNM,
 * HEIC, PDF), detecting its type from its bytes. A PDF page with a text
 * layer is read from it (no OCR); other pages are rasterized and read. Always returns a document (NULL
 * only when memory runs out); check ns_document_status(). One engine reads
 * one document at a time.
 */
ns_document *ns_engine_read_file(ns_engine *engine, const char *path);

/*
 * Extracts fields from text that is already known (no OCR), e.g. a PDF text
 * layer or a test fixture. source names it in messages and output. The text
 * is UTF-8; text that is not valid UTF-8 is read as Windows-1252 (Latin-1).
 */
ns_document *ns_engine_read_text(ns_engine *engine, const char *source, const char *text);

/* Same as ns_engine_read_text, without an engine (no OCR needed), explained as of today. */
ns_document *ns_read_text(const ns_knowledge *knowledge, const char *source, const char *plain, ns_date today);

/*
 * The kind of document the first bytes of a file show: "png", "jpeg", "tiff",
 * "bmp", "webp", "pnm", "gif", "jp2", "heic" or "pdf"; NULL when they are not
 * an image or PDF this library reads. head holds size bytes (64 are plenty).
 */
const char *ns_file_type(const void *head, size_t size);

/*
 * Reads a text file (UTF-8, else Windows-1252) and extracts its fields, as ns_read_text. abroad as
 * in ns_engine_options: 1 when the notice was mailed outside the United
 * States, 0 to let the address read from the notice decide.
 */
ns_document *ns_read_text_file(const ns_knowledge *knowledge, const char *path, ns_date today, int abroad);

/*
 * A document for a notice known only by its code (no image), so that a plan
 * can be looked up by code. abroad as in ns_options: with no address to read,
 * only the reader's word makes a window the longer one.
 */
ns_document *ns_document_for_code(const ns_knowledge *knowledge, const char *code, ns_date today, int abroad);

/*
 * Reads several images (held in memory, not owned) as the pages of one
 * document, in order: the photos of a notice's pages. source names the
 * document in messages and output. Types come from the bytes; the engine's
 * limits apply to each image and to the page count in all. Always returns
 * a document (NULL only when memory runs out).
 */
ns_document *ns_engine_read_images(ns_engine *engine, const char *source, const void *const *images,
                                   const size_t *sizes, int count);

/*
 * Corrects one field of a document that was read, with a value a person
 * typed ("CP14", "2023", "1075.21", "2024-04-01" or "April 1, 2024"; NULL or
 * "" when the notice prints none), and makes the plan again with the same
 * explainer, as of the same date. Returns NS_ERR_ARGUMENT with a message in
 * errbuf when the value is not one of that field's kind.
 */
ns_status ns_document_correct(ns_document *document, ns_field_id field, const char *value, char *errbuf,
                              size_t errlen);

void ns_document_free(ns_document *document);

ns_status ns_document_status(const ns_document *document);
/* The error message ("scan.tif: page 3: image is ..."), or NULL when read. */
const char *ns_document_error(const ns_document *document);
/* 1 when some field needs a person's review (low confidence or a failed cross-check). */
int ns_document_needs_review(const ns_document *document);
/* The input's name as every output shows it: ns_source_name() of the path read. */
const char *ns_document_source(const ns_document *document);
/* How many pages were read. */
int ns_document_pages(const ns_document *document);

/* Milliseconds each stage took to read a document (0 for a stage that did not run). */
typedef struct ns_timings {
    double load_ms, preprocess_ms, ocr_ms, extract_ms, explain_ms;
} ns_timings;
ns_timings ns_document_timings(const ns_document *document);

/*
 * A field's normalized value as text ("CP14", "2017", "1075.21",
 * "2018-02-20"), or NULL when not found. confidence (0..1) may be NULL.
 */
const char *ns_document_field(const ns_document *document, ns_field_id field, double *confidence);

/* ---- Output ------------------------------------------------------------ */

/* The renderers format what reading produced; they compute nothing new. */

typedef struct ns_render_options {
    int explain_fields; /* 1: include the evidence and runner-up of each field */
} ns_render_options;

/*
 * The document and its action plan as one JSON object (no newline). options
 * may be NULL (no field evidence). Caller frees.
 */
char *ns_document_to_json(const ns_document *document, const ns_render_options *options);

/*
 * A response letter filled in from the document, dated the day it was read
 * as of: kind is "dispute", "abatement" (penalty relief) or "cdp" (cover
 * letter for a Collection Due Process hearing request). What the notice
 * cannot know is left as a [bracketed prompt]. Returns NULL for an unknown
 * kind, a document that was not read, or a kind the notice does not allow
 * (ns_document_letter_refusal says why). Caller frees.
 */
char *ns_document_letter(const ns_document *document, const char *kind);

/*
 * NULL when the notice allows a letter of this kind, else why not, in a
 * sentence for the reader: a cdp letter needs a Collection Due Process
 * hearing right, an abatement letter assessed penalties, a dispute letter
 * something to dispute, and a suspected scam gets none. Lives as long as the
 * document.
 */
const char *ns_document_letter_refusal(const ns_document *document, const char *kind);

/*
 * The plan's deadline as a calendar entry (RFC 5545 .ics): an all-day event
 * on the deadline with reminders a week and a day before. NULL when the
 * plan has no deadline or the document was not read. Caller frees.
 */
char *ns_document_to_ics(const ns_document *document);

/* The action plan as text for a person (the error message for a document not read). Caller frees. */
char *ns_document_to_text(const ns_document *document);

#ifdef __cplusplus
}
#endif

#endif /* NOTICESCAN_H */
