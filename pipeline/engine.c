/*
 * engine.c - the public objects: knowledge (shared), engine (one per
 * thread) and documents (results), wiring the stages in order.
 */
#include "dates.h"
#include "document.h"
#include "explain.h"
#include "load.h"
#include "normalize.h"
#include "ocr.h"
#include "preprocess.h"
#include "second_look.h"

#include <leptonica/allheaders.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct ns_engine {
    const ns_knowledge *knowledge;
    ocr_engine *ocr;
    char *save_stages_dir;
    load_limits limits;
    ns_date today; /* year 0: the local date at each read */
    int abroad;    /* 1: every notice read was addressed outside the United States */
    int ocr_seconds_per_page; /* 0: no limit */
};

const char *ns_version(void)
{
    return NS_VERSION_STRING;
}

const char *ns_strerror(ns_status status)
{
    switch (status) {
#define NS_STATUS_MESSAGE(name, value, code, message)                                                        \
    case name: return message;
        NS_STATUS_TABLE(NS_STATUS_MESSAGE)
#undef NS_STATUS_MESSAGE
    }
    return "unknown error";
}

const char *ns_status_code(ns_status status)
{
    switch (status) {
#define NS_STATUS_CODE(name, value, code, message)                                                           \
    case name: return code;
        NS_STATUS_TABLE(NS_STATUS_CODE)
#undef NS_STATUS_CODE
    }
    return "unknown";
}

static void drop_message(const char *message)
{
    (void)message;
}

/*
 * Settings that belong to the whole process, made once (pthread_once) so two threads creating
 * engines never write them at the same time: Leptonica prints its own errors to stderr (a library
 * must not), and Tesseract's debug file is one global variable.
 */
static void set_process_settings(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    leptSetStderrHandler(drop_message);
    ocr_set_process_settings();
}

ns_status ns_knowledge_load(const char *patterns_dir, const char *catalog_path, ns_knowledge **out,
                            char *errbuf, size_t errlen)
{
    if (!out)
        return NS_ERR_ARGUMENT;
    *out = NULL;
    ns_knowledge *knowledge = calloc(1, sizeof *knowledge);
    if (!knowledge)
        return NS_ERR_NOMEM;
    ns_status status = patterns_load(&knowledge->patterns, patterns_dir, errbuf, errlen);
    if (status == NS_OK)
        status = catalog_load(&knowledge->catalog, catalog_path, errbuf, errlen);
    /* The two data files meet here: every authenticity rule needs the words the catalog gives it. */
    for (size_t i = 0; status == NS_OK && i < knowledge->patterns.signals.count; i++) {
        const pattern_rule *rule = &knowledge->patterns.signals.rules[i];
        if (!catalog_find_signal(&knowledge->catalog, rule->name)) {
            ns_error_set(errbuf, errlen, "%s: signal rule %s has no entry in the catalog's scam_signals",
                         rule->origin, rule->name);
            status = NS_ERR_PATTERNS;
        }
    }
    if (status != NS_OK) {
        ns_knowledge_free(knowledge);
        return status;
    }
    *out = knowledge;
    return NS_OK;
}

void ns_knowledge_free(ns_knowledge *knowledge)
{
    if (!knowledge)
        return;
    patterns_free(&knowledge->patterns);
    catalog_free(&knowledge->catalog);
    free(knowledge);
}

char *ns_knowledge_catalog_json(const ns_knowledge *knowledge)
{
    if (!knowledge)
        return NULL;
    return strdup(knowledge->catalog.json);
}

/* The options' limits, 0 meaning the default; 0 and a message when one is out of range. */
static int engine_limits(const ns_engine_options *options, load_limits *limits, char *errbuf, size_t errlen)
{
    const int most_megapixels = 500; /* Leptonica images stay under 2 GB: 500 MP at 32 bits a pixel */
    limits->max_pixels = NS_MAX_PIXELS;
    limits->max_pages = NS_DEFAULT_MAX_PAGES;
    limits->max_file_bytes = NS_MAX_FILE_BYTES;
    limits->first_page = limits->last_page = 0;
    if (!options)
        return 1;
    if (options->first_page < 0 || options->last_page < 0 ||
        (options->last_page && options->last_page < options->first_page)) {
        ns_error_set(errbuf, errlen, "pages %d-%d: not a page range", options->first_page, options->last_page);
        return 0;
    }
    limits->first_page = options->first_page;
    limits->last_page = options->last_page;
    if (options->max_megapixels < 0 || options->max_megapixels > most_megapixels) {
        ns_error_set(errbuf, errlen, "max_megapixels %d: 0 (the default of 100) to %d",
                     options->max_megapixels, most_megapixels);
        return 0;
    }
    if (options->max_pages < 0 || options->max_pages > NS_MAX_PAGES) {
        ns_error_set(errbuf, errlen, "max_pages %d: 0 (the default of 64) to %d", options->max_pages,
                     NS_MAX_PAGES);
        return 0;
    }
    if (options->max_megapixels)
        limits->max_pixels = options->max_megapixels * 1000000L;
    if (options->max_pages)
        limits->max_pages = options->max_pages;
    if (options->max_file_bytes)
        limits->max_file_bytes = options->max_file_bytes;
    return 1;
}

ns_status ns_engine_create(const ns_knowledge *knowledge, const ns_engine_options *options, ns_engine **out,
                           char *errbuf, size_t errlen)
{
    if (!out || !knowledge)
        return NS_ERR_ARGUMENT;
    *out = NULL;
    static pthread_once_t process_settings_once = PTHREAD_ONCE_INIT;
    pthread_once(&process_settings_once, set_process_settings);
    load_limits limits;
    if (!engine_limits(options, &limits, errbuf, errlen))
        return NS_ERR_ARGUMENT;
    if (options && options->today.year != 0 && !date_is_valid(options->today)) {
        ns_error_set(errbuf, errlen,
                     "engine options: today is not a valid date (year 0 means the local date)");
        return NS_ERR_ARGUMENT;
    }
    ns_engine *engine = calloc(1, sizeof *engine);
    if (!engine)
        return NS_ERR_NOMEM;
    engine->knowledge = knowledge;
    engine->limits = limits;
    if (options) {
        engine->today = options->today;
        engine->abroad = options->abroad != 0;
        engine->ocr_seconds_per_page = options->ocr_seconds_per_page > 0 ? options->ocr_seconds_per_page : 0;
    }
    if (options && options->save_stages_dir) {
        engine->save_stages_dir = strdup(options->save_stages_dir);
        if (!engine->save_stages_dir) {
            free(engine);
            return NS_ERR_NOMEM;
        }
    }
    ns_status status = ocr_create(options ? options->tessdata_dir : NULL, options ? options->language : NULL,
                                  &engine->ocr, errbuf, errlen);
    if (status != NS_OK) {
        ns_engine_free(engine);
        return status;
    }
    *out = engine;
    return NS_OK;
}

void ns_engine_free(ns_engine *engine)
{
    if (!engine)
        return;
    ocr_free(engine->ocr);
    free(engine->save_stages_dir);
    free(engine);
}

static ns_document *document_new(const char *source)
{
    ns_document *document = calloc(1, sizeof *document);
    if (!document)
        return NULL;
    document->source = ns_source_name(source ? source : "");
    if (!document->source) {
        free(document);
        return NULL;
    }
    document->first_page = 1;
    return document;
}

void ns_mask_taxpayer_numbers(char *text)
{
    if (text)
        mask_identifiers(text);
}

char *ns_source_name(const char *path)
{
    char *name = path ? text_repair_utf8(path) : NULL; /* every output shows it, JSON included */
    if (name)
        mask_identifiers(name); /* scans are often named by the taxpayer's number */
    return name;
}

static void document_fail(ns_document *document, ns_status status, const char *reason)
{
    document->status = status;
    if (!reason[0]) /* a stage that failed without saying why still gets a message */
        reason = ns_strerror(status);
    size_t n = strlen(document->source) + strlen(reason) + 3;
    document->error = malloc(n);
    if (document->error) {
        snprintf(document->error, n, "%s: %s", document->source, reason);
        mask_identifiers(document->error); /* scans are often named by the taxpayer's number */
    }
}

/*
 * The explain stage, once per document read: the action plan and (for text
 * or an image) the authenticity check, as of today (year 0: the local date).
 */
static void document_explain(ns_document *document, const ns_knowledge *knowledge, ns_date today, int abroad)
{
    if (document->status != NS_OK)
        return;
    document->knowledge = knowledge;
    document->abroad = abroad;
    document->today = today.year == 0 ? ns_date_today() : today;
    if (!date_is_valid(document->today)) {
        document_fail(document, NS_ERR_ARGUMENT, "the date to count days left from is not a valid date");
        return;
    }
    if (explain_plan(&knowledge->catalog, &document->extraction, document->today, abroad, &document->plan) !=
        NS_OK) {
        document_fail(document, NS_ERR_NOMEM, "out of memory while making the plan");
        return;
    }
    document->has_authenticity = !document->from_code;
    if (document->has_authenticity) {
        explain_authenticity(&knowledge->catalog, &document->extraction, &document->authenticity);
        if (explain_scam_plan(&knowledge->catalog, &document->extraction, &document->authenticity,
                              &document->plan) != NS_OK)
            document_fail(document, NS_ERR_NOMEM, "out of memory while making the plan");
        else if (strcmp(document->authenticity.verdict, "not_an_irs_notice") == 0)
            document_fail(document, NS_ERR_NOT_A_NOTICE,
                          "no notice code and no IRS marks (Internal Revenue Service, Department of the "
                          "Treasury, irs.gov) were found, so noticescan makes no plan for it");
    }
}

/* The file name without directories or extension, for --save-stages files. */
static void stage_stem(const char *path, int page, char *out, size_t len)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    int n = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
    snprintf(out, len, "%.*s-p%d", n, base, page);
}

/* Milliseconds since a CLOCK_MONOTONIC start, for the per-stage timings. */
static double milliseconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) * 1000.0 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* Preprocesses one page image and turns it upright when only Tesseract could tell; NULL on failure. */
static PIX *prepare_page(ns_engine *engine, ns_document *document, PIX *image, int index, char *reason,
                         size_t len)
{
    char stem[256];
    stage_stem(document->source, document->first_page + index, stem, sizeof stem);
    preprocess_report *report = &document->preprocess[index];
    PIX *clean = preprocess_page(image, report, engine->save_stages_dir, stem, reason, len);
    int turn = 0;
    if (clean && !report->orientation_known && ocr_detect_orientation(engine->ocr, clean, &turn) && turn != 0) {
        PIX *upright = image_rotate_clockwise(clean, turn);
        if (upright) {
            pixDestroy(&clean);
            clean = upright;
            report->rotation = (report->rotation + turn) % 360;
        }
    }
    return clean;
}

/*
 * A page that reads poorly may lie the wrong way: the text-shape test and OSD both fail on blurred
 * and small photos. Measured on a generated hard set (seed 131301): pages read the right way up had
 * 70-75% of their words clear, pages read sideways under 1%, blurred upright pages 5-40%. Below
 * this share the middle of the page is read four ways (about a quarter page each time).
 */
#define POOR_READING_SHARE 0.3f

/* Reads the page again, turned, when reading its middle says another way up reads clearly better. */
static ns_status reread_if_turned(ns_engine *engine, ns_document *document, int index, PIX **clean,
                                  document_text *text, document_text_mark mark, char *reason, size_t len)
{
    int turn = 0;
    PIX *turned =
        ocr_orientation_by_reading(engine->ocr, *clean, &turn) ? image_rotate_clockwise(*clean, turn) : NULL;
    if (!turned)
        return NS_OK;
    preprocess_report *report = &document->preprocess[index];
    report->rotation = (report->rotation + turn) % 360;
    report->orientation_by_reading = 1;
    if (engine->save_stages_dir) {
        char stem[256], path[4096];
        stage_stem(document->source, document->first_page + index, stem, sizeof stem);
        snprintf(path, sizeof path, "%s/%s-turned-by-reading.png", engine->save_stages_dir, stem);
        pixWrite(path, turned, IFF_PNG);
    }
    pixDestroy(clean);
    *clean = turned;
    document_text_rewind(text, mark);
    return ocr_page(engine->ocr, *clean, engine->ocr_seconds_per_page, text, reason, len);
}

/* Adds one loaded page to text: its PDF text layer as it is, or its image read by OCR. */
static ns_status read_page(ns_engine *engine, ns_document *document, loaded_pages *pages, int index,
                           document_text *text, PIX **kept, char *reason, size_t len)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (pages->text[index]) {
        document->text_layer[index] = 1;
        ns_status added =
            document_text_begin_page(text, pages->text_width[index], pages->text_height[index])
                ? document_text_add_laid_out(text, pages->text[index], pages->text_boxes[index])
                : NS_ERR_NOMEM;
        document->timings.extract_ms += milliseconds_since(&start);
        return added;
    }
    PIX *clean = prepare_page(engine, document, pages->pages[index], index, reason, len);
    pixDestroy(&pages->pages[index]); /* one page image at a time: the original is not needed again */
    document->timings.preprocess_ms += milliseconds_since(&start);
    if (!clean)
        return NS_ERR_IMAGE;
    clock_gettime(CLOCK_MONOTONIC, &start);
    document_text_mark mark = document_text_get_mark(text);
    ns_status status = ocr_page(engine->ocr, clean, engine->ocr_seconds_per_page, text, reason, len);
    if (status == NS_OK && ocr_clear_word_share(text, mark.word_count) < POOR_READING_SHARE)
        status = reread_if_turned(engine, document, index, &clean, text, mark, reason, len);
    document->timings.ocr_ms += milliseconds_since(&start);
    if (kept && status == NS_OK)
        *kept = clean; /* for the second look */
    else
        pixDestroy(&clean);
    return status;
}

/* The stages after load, for decoded pages: each page's text (layer or OCR), then extract and explain. */
static void read_loaded_pages(ns_engine *engine, ns_document *document, loaded_pages *pages)
{
    char reason[1024] = "";
    ns_status status = NS_OK;
    struct timespec start;
    snprintf(document->format, sizeof document->format, "%s", pages->format);
    document->exif_orientation = pages->exif_orientation;
    document->preprocessed = 1;
    if (engine->limits.first_page > 0) /* the loaders began there: load_page_range checked it */
        document->first_page = engine->limits.first_page;
    document_text text;
    document_text_init(&text);
    PIX *kept[SECOND_LOOK_PAGES] = {NULL};
    for (int i = 0; i < pages->count && status == NS_OK; i++) {
        char page_reason[512] = "";
        status = read_page(engine, document, pages, i, &text, i < SECOND_LOOK_PAGES ? &kept[i] : NULL,
                           page_reason, sizeof page_reason);
        if (status != NS_OK)
            snprintf(reason, sizeof reason, "page %d: %s", document->first_page + i,
                     page_reason[0] ? page_reason : ns_strerror(status));
        else
            document->pages = i + 1;
    }
    if (status == NS_OK && text.word_count == 0) {
        status = NS_ERR_NO_TEXT;
        snprintf(reason, sizeof reason, "no readable text was found on %d page%s", document->pages,
                 document->pages == 1 ? "" : "s");
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (status == NS_OK) {
        extract_fields(&engine->knowledge->patterns, &engine->knowledge->catalog, &text,
                       &document->extraction);
        second_look(engine->ocr, kept, SECOND_LOOK_PAGES, &engine->knowledge->catalog, &document->extraction);
        second_look_missing(engine->ocr, kept[0], &text, &engine->knowledge->patterns, &engine->knowledge->catalog,
                            &document->extraction);
        extract_recheck(&document->extraction, &engine->knowledge->catalog); /* on the values as replaced */
    } else {
        document_fail(document, status, reason);
    }
    for (int i = 0; i < SECOND_LOOK_PAGES; i++)
        pixDestroy(&kept[i]);
    document->timings.extract_ms += milliseconds_since(&start);
    document_text_free(&text);
    clock_gettime(CLOCK_MONOTONIC, &start);
    document_explain(document, engine->knowledge, engine->today, engine->abroad);
    document->timings.explain_ms = milliseconds_since(&start);
}

/* After a load timed from start: the document fails with the reason, or goes through the other stages. */
static ns_document *read_after_load(ns_engine *engine, ns_document *document, ns_status status,
                                    loaded_pages *pages, const char *reason, const struct timespec *start)
{
    document->timings.load_ms = milliseconds_since(start);
    if (status != NS_OK) {
        document_fail(document, status, reason);
        return document;
    }
    read_loaded_pages(engine, document, pages);
    loaded_pages_free(pages);
    return document;
}

ns_document *ns_engine_read_file(ns_engine *engine, const char *path)
{
    ns_document *document = document_new(path);
    if (!document)
        return NULL;
    if (!engine || !path) {
        document_fail(document, NS_ERR_ARGUMENT, "no engine or no path");
        return document;
    }
    char reason[1024] = "";
    loaded_pages pages;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    ns_status status = load_file(path, &engine->limits, &pages, reason, sizeof reason);
    return read_after_load(engine, document, status, &pages, reason, &start);
}

/* Decodes each image and appends its pages to all; the reason names the image when there are several. */
static ns_status load_images(const ns_engine *engine, const void *const *images, const size_t *sizes, int count,
                             loaded_pages *all, char *reason, size_t len)
{
    memset(all, 0, sizeof *all);
    for (int i = 0; i < count; i++) {
        loaded_pages one;
        char why[512] = "";
        ns_status status = load_memory(images[i], sizes[i], &engine->limits, &one, why, sizeof why);
        if (status == NS_OK && all->count + one.count > engine->limits.max_pages) {
            snprintf(why, sizeof why, "more than %d pages in all, over the page limit", engine->limits.max_pages);
            status = NS_ERR_TOO_LARGE;
            loaded_pages_free(&one);
        }
        if (status != NS_OK) {
            if (count > 1)
                snprintf(reason, len, "image %d: %s", i + 1, why);
            else
                snprintf(reason, len, "%s", why);
            loaded_pages_free(all);
            return status;
        }
        for (int page = 0; page < one.count; page++) {
            all->pages[all->count] = one.pages[page];
            all->text[all->count] = one.text[page];
            all->text_boxes[all->count] = one.text_boxes[page];
            all->text_width[all->count] = one.text_width[page];
            all->text_height[all->count++] = one.text_height[page];
        }
        if (i == 0) {
            all->exif_orientation = one.exif_orientation;
            snprintf(all->format, sizeof all->format, "%s", one.format);
        }
    }
    return NS_OK;
}

ns_document *ns_engine_read_images(ns_engine *engine, const char *source, const void *const *images,
                                   const size_t *sizes, int count)
{
    ns_document *document = document_new(source);
    if (!document)
        return NULL;
    if (!engine || !images || !sizes || count < 1) {
        document_fail(document, NS_ERR_ARGUMENT, "no engine or no image");
        return document;
    }
    char reason[1024] = "";
    loaded_pages pages;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    ns_status status = load_images(engine, images, sizes, count, &pages, reason, sizeof reason);
    return read_after_load(engine, document, status, &pages, reason, &start);
}

/* A text document, explained as of today; abroad as in ns_engine_options. */
static ns_document *read_text(const ns_knowledge *knowledge, const char *source, const char *plain, ns_date today,
                              int abroad)
{
    ns_document *document = document_new(source);
    if (!document)
        return NULL;
    if (!knowledge || !plain) {
        document_fail(document, NS_ERR_ARGUMENT, "no knowledge or no text");
        return document;
    }
    document_text text;
    document_text_init(&text);
    char *decoded = text_decode_file_text(plain); /* a Windows-1252 file's names and addresses kept */
    ns_status status = decoded ? document_text_add_plain(&text, decoded) : NS_ERR_NOMEM;
    free(decoded);
    if (status == NS_ERR_TOO_LARGE) {
        char reason[96];
        snprintf(reason, sizeof reason, "more than %d pages (form feeds), over the page limit", NS_MAX_PAGES);
        document_fail(document, status, reason);
    } else if (status != NS_OK) {
        document_fail(document, status, "out of memory");
    } else {
        document->pages = text.page_count;
        extract_fields(&knowledge->patterns, &knowledge->catalog, &text, &document->extraction);
        extract_recheck(&document->extraction, &knowledge->catalog); /* as for images: unsure values marked */
    }
    document_text_free(&text);
    document_explain(document, knowledge, today, abroad);
    return document;
}

ns_document *ns_read_text(const ns_knowledge *knowledge, const char *source, const char *plain, ns_date today)
{
    return read_text(knowledge, source, plain, today, 0);
}

ns_document *ns_read_text_file(const ns_knowledge *knowledge, const char *path, ns_date today, int abroad)
{
    unsigned char *text = NULL;
    size_t size = 0;
    char reason[256] = "no path";
    ns_status status = path ? file_read_all(path, &text, &size, reason, sizeof reason) : NS_ERR_ARGUMENT;
    if (status != NS_OK) {
        ns_document *document = document_new(path);
        if (document)
            document_fail(document, status, reason);
        return document;
    }
    ns_document *document = read_text(knowledge, path, (const char *)text, today, abroad != 0);
    free(text);
    return document;
}

ns_document *ns_engine_read_text(ns_engine *engine, const char *source, const char *text)
{
    ns_date none = {0, 0, 0};
    return read_text(engine ? engine->knowledge : NULL, source, text, engine ? engine->today : none,
                     engine && engine->abroad);
}

ns_document *ns_document_for_code(const ns_knowledge *knowledge, const char *code, ns_date today, int abroad)
{
    ns_document *document = document_new(code);
    if (!document)
        return NULL;
    extracted_field *field = &document->extraction.fields[NS_FIELD_NOTICE_CODE];
    if (!knowledge || !code ||
        !normalize_notice_code(code, field->chosen.value, sizeof field->chosen.value)) {
        document_fail(document, NS_ERR_ARGUMENT, "not a notice code (expected e.g. CP14, LT11, LTR1058)");
        return document;
    }
    document->from_code = 1;
    field->found = 1;
    field->confidence = 1.0;
    snprintf(field->chosen.text, sizeof field->chosen.text, "%s", code);
    document_explain(document, knowledge, today, abroad);
    return document;
}

ns_status ns_document_correct(ns_document *document, ns_field_id field, const char *value, char *errbuf,
                              size_t errlen)
{
    if (!document || document->status != NS_OK || !document->knowledge || (unsigned)field >= NS_FIELD_ALL_COUNT) {
        ns_error_set(errbuf, errlen, "only a document that was read can be corrected");
        return NS_ERR_ARGUMENT;
    }
    if (!extract_correct_field(&document->extraction, field, value)) {
        /* A taxpayer number is never echoed back, not even in an error. */
        if (field == NS_FIELD_TAXPAYER_ID)
            ns_error_set(errbuf, errlen, "%s: not a taxpayer identification number", ns_field_name(field));
        else
            ns_error_set(errbuf, errlen, "%s: '%.60s' is not a valid value", ns_field_name(field), value);
        return NS_ERR_ARGUMENT;
    }
    explain_plan_free(&document->plan);
    memset(&document->plan, 0, sizeof document->plan);
    document_explain(document, document->knowledge, document->today, document->abroad);
    return document->status;
}

void ns_document_free(ns_document *document)
{
    if (!document)
        return;
    free(document->source);
    free(document->error);
    explain_plan_free(&document->plan);
    free(document);
}

ns_status ns_document_status(const ns_document *document)
{
    return document ? document->status : NS_ERR_ARGUMENT;
}

const char *ns_document_error(const ns_document *document)
{
    return document && document->status != NS_OK ? document->error : NULL;
}

int ns_document_needs_review(const ns_document *document)
{
    if (!document || document->status != NS_OK)
        return 0;
    for (int i = 0; i < NS_FIELD_COUNT; i++)
        if (document->extraction.fields[i].review[0])
            return 1;
    return document->plan.deadline_review[0] || document->plan.appeal.review[0];
}

const char *ns_document_source(const ns_document *document)
{
    return document ? document->source : NULL;
}

int ns_document_pages(const ns_document *document)
{
    return document ? document->pages : 0;
}

ns_timings ns_document_timings(const ns_document *document)
{
    ns_timings none = {0, 0, 0, 0, 0};
    return document ? document->timings : none;
}

const char *ns_document_field(const ns_document *document, ns_field_id field, double *confidence)
{
    if (!document || (unsigned)field >= NS_FIELD_ALL_COUNT || !document->extraction.fields[field].found)
        return NULL;
    if (confidence)
        *confidence = document->extraction.fields[field].confidence;
    return document->extraction.fields[field].chosen.value;
}
