/*
 * ocr.c - Tesseract through its C API: one engine, created once, reused for
 * every page a thread reads.
 *
 * Debian's libtesseract is built with OpenMP; unlimited, its threads fight
 * each other and a page takes ten times longer on two cores. OMP_THREAD_LIMIT
 * is read when the runtime loads, too early for a library to set, and
 * Tesseract's own num_threads clauses override omp_set_num_threads alone; so
 * each engine also turns on dynamic adjustment in the thread that runs it,
 * which lets the runtime hold a team to the one thread asked for (measured:
 * 11 s -> 2 s a page on two cores). Parallelism belongs to the batch: one
 * engine per worker.
 */
#include "ocr.h"

#include <ctype.h>
#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <tesseract/capi.h>

struct ocr_engine {
    TessBaseAPI *api;
    TessBaseAPI *osd; /* orientation detection, created on first need */
    char *tessdata;   /* where eng (and osd) were found */
    int osd_unavailable;
};

/* OpenMP's entry points inside libtesseract, found once (NULL when it was built without OpenMP). */
static void (*openmp_set_threads)(int);
static void (*openmp_set_dynamic)(int);
static void (*openmp_set_max_active_levels)(int);

void ocr_set_process_settings(void)
{
    openmp_set_threads = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_num_threads");
    openmp_set_dynamic = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_dynamic");
    openmp_set_max_active_levels = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
    /*
     * debug_file is one variable for the whole process, read by every engine's messages: set by
     * each engine it was a data race between threads. Set through a throwaway handle, never Init'ed.
     */
    TessBaseAPI *api = TessBaseAPICreate();
    if (api) {
        TessBaseAPISetVariable(api, "debug_file", "/dev/null"); /* quiet: "Estimating resolution as ..." */
        /*
         * Also process-wide: no search for fixed-pitch (typewriter) rows. The LSTM reads each line
         * whole and splits its words itself, so the pitch only cost time: 1.8% of a page's CPU (perf),
         * the same text on the pages compared.
         */
        TessBaseAPISetVariable(api, "textord_all_prop", "1");
        TessBaseAPIDelete(api);
    }
}

/*
 * OpenMP's thread count is a setting of the calling thread, so it is set by the thread that reads.
 * No active parallel level makes every region one thread before the runtime looks at anything
 * else: with dynamic adjustment alone it asked the kernel for the load average and the CPU
 * affinity at each of the LSTM's many small regions (measured: 6% of a page's CPU time).
 */
static void limit_openmp_to_one_thread(void)
{
    if (openmp_set_max_active_levels)
        openmp_set_max_active_levels(0);
    if (openmp_set_dynamic)
        openmp_set_dynamic(1);
    if (openmp_set_threads)
        openmp_set_threads(1);
}

static int file_exists(const char *dir, const char *language)
{
    char path[4096];
    struct stat info;
    snprintf(path, sizeof path, "%s/%s.traineddata", dir, language);
    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

/* Tesseract's own search order: TESSDATA_PREFIX, then the install's default. */
static const char *find_tessdata(const char *explicit_dir, const char *language, char *err, size_t errlen)
{
    static const char *const defaults[] = {
        "/usr/share/tesseract-ocr/5/tessdata",
        "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/local/share/tessdata",
        "/usr/share/tessdata",
    };
    if (explicit_dir) {
        if (file_exists(explicit_dir, language))
            return explicit_dir;
        ns_error_set(err, errlen, "%s/%s.traineddata not found (from --tessdata)", explicit_dir, language);
        return NULL;
    }
    const char *prefix = getenv("TESSDATA_PREFIX");
    if (prefix && *prefix) {
        if (file_exists(prefix, language))
            return prefix;
        ns_error_set(err, errlen,
                     "%s/%s.traineddata not found (from TESSDATA_PREFIX); install "
                     "tesseract-ocr-%s or fix TESSDATA_PREFIX",
                     prefix, language, language);
        return NULL;
    }
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (file_exists(defaults[i], language))
            return defaults[i];
    ns_error_set(err, errlen,
                 "%s.traineddata not found in the system tessdata directories; install the "
                 "Debian package tesseract-ocr-%s or set TESSDATA_PREFIX",
                 language, language);
    return NULL;
}

ns_status ocr_create(const char *tessdata_dir, const char *language, ocr_engine **out, char *err,
                     size_t errlen)
{
    *out = NULL;
    if (!language)
        language = "eng";
    const char *dir = find_tessdata(tessdata_dir, language, err, errlen);
    if (!dir)
        return NS_ERR_TESSDATA;
    limit_openmp_to_one_thread();
    ocr_engine *engine = calloc(1, sizeof *engine);
    if (!engine)
        return NS_ERR_NOMEM;
    engine->api = TessBaseAPICreate();
    if (!engine->api || TessBaseAPIInit3(engine->api, dir, language) != 0) {
        ns_error_set(err, errlen, "Tesseract could not load %s/%s.traineddata", dir, language);
        ocr_free(engine);
        return NS_ERR_TESSDATA;
    }
    /* Faster on dark-on-light pages. */
    TessBaseAPISetVariable(engine->api, "tessedit_do_invert", "0");
    TessBaseAPISetPageSegMode(engine->api, PSM_AUTO);
    engine->tessdata = strdup(dir);
    if (!engine->tessdata) {
        ocr_free(engine);
        return NS_ERR_NOMEM;
    }
    *out = engine;
    return NS_OK;
}

void ocr_free(ocr_engine *engine)
{
    if (!engine)
        return;
    TessBaseAPI *apis[2] = {engine->api, engine->osd};
    for (int i = 0; i < 2; i++) {
        if (apis[i]) {
            TessBaseAPIEnd(apis[i]);
            TessBaseAPIDelete(apis[i]);
        }
    }
    free(engine->tessdata);
    free(engine);
}

int ocr_detect_orientation(ocr_engine *engine, struct Pix *page, int *degrees)
{
    *degrees = 0;
    if (engine->osd_unavailable)
        return 0;
    if (!engine->osd) {
        if (!file_exists(engine->tessdata, "osd")) {
            engine->osd_unavailable = 1; /* Debian package tesseract-ocr-osd not installed */
            return 0;
        }
        engine->osd = TessBaseAPICreate();
        if (!engine->osd || TessBaseAPIInit3(engine->osd, engine->tessdata, "osd") != 0) {
            engine->osd_unavailable = 1;
            return 0;
        }
        TessBaseAPISetPageSegMode(engine->osd, PSM_OSD_ONLY);
    }
    limit_openmp_to_one_thread();
    TessBaseAPISetImage2(engine->osd, page);
    TessBaseAPISetSourceResolution(engine->osd, 300);
    int orientation = 0;
    float orientation_confidence = 0, script_confidence = 0;
    const char *script = NULL; /* owned by Tesseract in 5.3: not freed */
    int found = TessBaseAPIDetectOrientationScript(engine->osd, &orientation, &orientation_confidence,
                                                   &script, &script_confidence);
    TessBaseAPIClear(engine->osd);
    /* OSD reports the text's counterclockwise turn; below ~2 its guesses were measured as coin flips. */
    if (!found || orientation_confidence < 2.0f)
        return 0;
    *degrees = (360 - orientation) % 360;
    return 1;
}

/* Runs recognition, stopped by Tesseract's own monitor after seconds_limit (0: none); 0 when it stopped early. */
static int recognize_within(ocr_engine *engine, int seconds_limit, char *err, size_t errlen)
{
    ETEXT_DESC *monitor = seconds_limit > 0 ? TessMonitorCreate() : NULL;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (monitor)
        TessMonitorSetDeadlineMSecs(monitor, seconds_limit * 1000);
    int failed = TessBaseAPIRecognize(engine->api, monitor) != 0;
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (monitor)
        TessMonitorDelete(monitor);
    long elapsed_ms = (end.tv_sec - start.tv_sec) * 1000L + (end.tv_nsec - start.tv_nsec) / 1000000L;
    if (seconds_limit > 0 && elapsed_ms >= seconds_limit * 1000L) {
        ns_error_set(err, errlen, "reading the page took over %d s, the time limit", seconds_limit);
        return 0;
    }
    if (failed)
        ns_error_set(err, errlen, "Tesseract failed to recognize the page");
    return !failed;
}

ns_status ocr_page(ocr_engine *engine, struct Pix *page, int seconds_limit, document_text *text, char *err,
                   size_t errlen)
{
    limit_openmp_to_one_thread();
    TessBaseAPISetImage2(engine->api, page);
    /* Preprocessing scaled text to the size of a 300 DPI page. */
    TessBaseAPISetSourceResolution(engine->api, 300);
    if (!recognize_within(engine, seconds_limit, err, errlen)) {
        TessBaseAPIClear(engine->api);
        return NS_ERR_OCR;
    }
    if (!document_text_begin_page(text, pixGetWidth(page), pixGetHeight(page))) {
        TessBaseAPIClear(engine->api);
        return NS_ERR_NOMEM;
    }
    ns_status status = NS_OK;
    TessResultIterator *words = TessBaseAPIGetIterator(engine->api);
    if (words) {
        TessPageIterator *layout = TessResultIteratorGetPageIterator(words);
        do {
            char *word = TessResultIteratorGetUTF8Text(words, RIL_WORD);
            if (!word)
                continue;
            int left, top, right, bottom;
            TessPageIteratorBoundingBox(layout, RIL_WORD, &left, &top, &right, &bottom);
            ns_box box = {left, top, right - left, bottom - top};
            float confidence = TessResultIteratorConfidence(words, RIL_WORD) / 100.0f;
            int starts_line = TessPageIteratorIsAtBeginningOf(layout, RIL_TEXTLINE);
            if (!document_text_add_word(text, word, box, confidence, starts_line))
                status = NS_ERR_NOMEM;
            TessDeleteText(word);
        } while (status == NS_OK && TessResultIteratorNext(words, RIL_WORD));
        TessResultIteratorDelete(words);
    }
    if (status == NS_OK && !document_text_add_row_view(text))
        status = NS_ERR_NOMEM;
    TessBaseAPIClear(engine->api);
    if (status == NS_ERR_NOMEM)
        ns_error_set(err, errlen, "out of memory while reading OCR results");
    return status;
}

ns_status ocr_page_as(ocr_engine *engine, struct Pix *page, ocr_layout layout, document_text *text, char *err,
                      size_t errlen)
{
    TessBaseAPISetPageSegMode(engine->api, layout == OCR_SPARSE_TEXT ? PSM_SPARSE_TEXT : PSM_SINGLE_BLOCK);
    ns_status status = ocr_page(engine, page, 0, text, err, errlen);
    TessBaseAPISetPageSegMode(engine->api, PSM_AUTO); /* the page mode ocr_create set */
    return status;
}

/*
 * Orientation by reading. On a blurred or small photo the text-shape test and
 * OSD both guess wrong (measured: sideways pages read as upright, an upright
 * blurred page turned 270), and the page then reads as noise. Reading tells:
 * text the right way up gives long words read with confidence.
 */
/* letters or digits in a real word: a sideways line reads as specks, marks and bits of 1-2 letters */
#define WORD_MIN_CHARACTERS 3
/* a page that reads well has most of its words at this confidence or more */
#define CLEAR_WORD_CONFIDENCE 0.8f
/* a word counts toward a region's score from here: below it Tesseract is guessing */
#define COUNTED_WORD_CONFIDENCE 0.6f

static int is_real_word(const char *word)
{
    int characters = 0;
    for (const unsigned char *c = (const unsigned char *)word; *c; c++)
        characters += isalnum(*c) != 0;
    return characters >= WORD_MIN_CHARACTERS;
}

float ocr_clear_word_share(const document_text *text, size_t first_word)
{
    size_t clear = 0, all = 0;
    for (size_t i = first_word; i < text->word_count; i++) {
        const text_word *word = &text->words[i];
        char token[64];
        document_text_word(text, word, token, sizeof token);
        clear += word->confidence >= CLEAR_WORD_CONFIDENCE && is_real_word(token);
        all++;
    }
    return all ? (float)clear / (float)all : 0.0f;
}

/*
 * How well a region reads: the summed confidence of its real words read with some confidence and
 * lying along the rows. Tesseract reads a block of sideways lines as vertical text, turning it
 * itself, so a page a quarter turn the wrong way read almost as well as the right way (a scan:
 * 75.9 against 75.2); those words stand taller than wide.
 */
static double reading_score(ocr_engine *engine, struct Pix *region)
{
    double score = 0;
    TessBaseAPISetImage2(engine->api, region);
    TessBaseAPISetSourceResolution(engine->api, 300);
    TessResultIterator *words =
        TessBaseAPIRecognize(engine->api, NULL) == 0 ? TessBaseAPIGetIterator(engine->api) : NULL;
    if (words) {
        do {
            char *word = TessResultIteratorGetUTF8Text(words, RIL_WORD);
            float confidence = TessResultIteratorConfidence(words, RIL_WORD) / 100.0f;
            int left = 0, top = 0, right = 0, bottom = 0;
            TessPageIteratorBoundingBox(TessResultIteratorGetPageIterator(words), RIL_WORD, &left, &top,
                                        &right, &bottom);
            if (word && confidence >= COUNTED_WORD_CONFIDENCE && is_real_word(word) &&
                right - left > bottom - top)
                score += confidence;
            TessDeleteText(word);
        } while (TessResultIteratorNext(words, RIL_WORD));
        TessResultIteratorDelete(words);
    }
    TessBaseAPIClear(engine->api);
    return score;
}

/*
 * A turn wins only by this much over the page as it is: a factor, so that a page reading poorly
 * every way stays put, and a floor of a few clear words, so that two specks do not turn a page.
 */
#define TURN_WIN_FACTOR 1.5
#define TURN_WIN_WORDS 4.0

/*
 * Ink for choosing the reading window: a pixel of the page reduced 4x darker than this (strokes
 * thinned to grey by the reduction still fall below; the evened-out paper is near 255).
 */
#define WINDOW_INK_LEVEL 180

/*
 * The middle alone misled: a page turned the wrong way by its text shape had its notice's long
 * column along one side and only "Continued on back..." in the middle (seed 202612041335
 * doc-0326), so every turn read equally little and the sideways page was kept.
 */
struct Box *ocr_reading_window(struct Pix *page)
{
    int width = pixGetWidth(page), height = pixGetHeight(page);
    PIX *small = pixScaleAreaMap(page, 0.25f, 0.25f);
    PIX *ink = small ? pixThresholdToBinary(small, WINDOW_INK_LEVEL) : NULL;
    pixDestroy(&small);
    if (!ink)
        return NULL;
    int small_width = pixGetWidth(ink), small_height = pixGetHeight(ink), best_ink = -1;
    BOX *best = NULL;
    /* centre first: on a tie the middle wins, where body text sits on most notices */
    const int places[9][2] = {{1, 1}, {0, 0}, {1, 0}, {2, 0}, {0, 1}, {2, 1}, {0, 2}, {1, 2}, {2, 2}};
    for (int i = 0; i < 9; i++) {
        int x = places[i][0] * small_width / 5, y = places[i][1] * small_height * 3 / 10;
        BOX *window = boxCreate(x, y, small_width * 3 / 5, small_height * 2 / 5);
        l_int32 count = 0;
        if (window && pixCountPixelsInRect(ink, window, &count, NULL) == 0 && count > best_ink) {
            best_ink = count;
            boxDestroy(&best);
            best = boxCreate(places[i][0] * width / 5, places[i][1] * height * 3 / 10, width * 3 / 5,
                             height * 2 / 5);
        }
        boxDestroy(&window);
    }
    pixDestroy(&ink);
    return best;
}

int ocr_orientation_by_reading(ocr_engine *engine, struct Pix *page, int *degrees)
{
    *degrees = 0;
    /* a quarter of the page, read four times */
    BOX *window = ocr_reading_window(page);
    PIX *region = window ? pixClipRectangle(page, window, NULL) : NULL;
    boxDestroy(&window);
    if (!region)
        return 0;
    limit_openmp_to_one_thread();
    double as_is = reading_score(engine, region), best = as_is;
    for (int turn = 90; turn < 360; turn += 90) {
        PIX *turned = image_rotate_clockwise(region, turn);
        double score = turned ? reading_score(engine, turned) : 0;
        pixDestroy(&turned);
        if (score > best) {
            best = score;
            *degrees = turn;
        }
    }
    pixDestroy(&region);
    if (best < TURN_WIN_FACTOR * as_is || best < as_is + TURN_WIN_WORDS)
        *degrees = 0;
    return *degrees != 0;
}

/* The symbols of the last recognition with their alternative readings (lstm_choice_mode on). */
static void read_symbol_choices(TessResultIterator *symbols, ocr_line *out)
{
    do {
        if (out->symbol_count == OCR_LINE_SYMBOLS)
            return;
        ocr_symbol *symbol = &out->symbols[out->symbol_count];
        symbol->count = 0;
        char *best = TessResultIteratorGetUTF8Text(symbols, RIL_SYMBOL);
        if (!best)
            continue; /* no word here: Tesseract asserts on a choice iterator made at such a place */
        TessDeleteText(best);
        symbol->starts_word = TessPageIteratorIsAtBeginningOf(TessResultIteratorGetPageIterator(symbols), RIL_WORD);
        TessChoiceIterator *choices = TessResultIteratorGetChoiceIterator(symbols);
        if (!choices)
            continue;
        do {
            const char *choice = TessChoiceIteratorGetUTF8Text(choices);
            if (!choice || symbol->count == OCR_SYMBOL_CHOICES)
                break;
            snprintf(symbol->text[symbol->count], sizeof symbol->text[0], "%s", choice);
            symbol->confidence[symbol->count++] = TessChoiceIteratorConfidence(choices) / 100.0f;
        } while (TessChoiceIteratorNext(choices));
        TessChoiceIteratorDelete(choices);
        out->symbol_count += symbol->count > 0;
    } while (TessResultIteratorNext(symbols, RIL_SYMBOL));
}

int ocr_read_line(ocr_engine *engine, struct Pix *crop, const char *whitelist, ocr_line *out)
{
    memset(out, 0, sizeof *out);
    limit_openmp_to_one_thread();
    TessBaseAPISetPageSegMode(engine->api, PSM_SINGLE_LINE);
    TessBaseAPISetVariable(engine->api, "tessedit_char_whitelist", whitelist ? whitelist : "");
    /* 2: the LSTM keeps each symbol's alternatives for the choice iterator (0 keeps only the best). */
    TessBaseAPISetVariable(engine->api, "lstm_choice_mode", "2");
    TessBaseAPISetImage2(engine->api, crop);
    TessBaseAPISetSourceResolution(engine->api, 300);
    int read = 0;
    if (TessBaseAPIRecognize(engine->api, NULL) == 0) {
        char *text = TessBaseAPIGetUTF8Text(engine->api);
        if (text) {
            snprintf(out->text, sizeof out->text, "%s", text);
            out->text[strcspn(out->text, "\n")] = '\0';
            TessDeleteText(text);
        }
        out->confidence = (float)TessBaseAPIMeanTextConf(engine->api) / 100.0f;
        TessResultIterator *symbols = TessBaseAPIGetIterator(engine->api);
        if (symbols) {
            read_symbol_choices(symbols, out);
            TessResultIteratorDelete(symbols);
        }
        read = out->text[0] != '\0';
    }
    TessBaseAPIClear(engine->api);
    /* The page settings ocr_create made, for the next page. */
    TessBaseAPISetVariable(engine->api, "lstm_choice_mode", "0");
    TessBaseAPISetVariable(engine->api, "tessedit_char_whitelist", "");
    TessBaseAPISetPageSegMode(engine->api, PSM_AUTO);
    return read;
}
