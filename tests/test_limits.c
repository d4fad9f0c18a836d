/*
 * test_limits.c - hostile and broken files: size limits checked from the
 * headers before decoding (every format), limits that options change, and a
 * library that reports damage in the document, never on stderr.
 */
#include "testutil.h"

#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <unistd.h>

static ns_engine *engine;                     /* default limits, made in setup */
static const ns_date any_day = {2024, 3, 20}; /* these checks read no plan */

static ns_engine *engine_with(int max_megapixels, int max_pages, size_t max_file_bytes, ns_status expected)
{
    ns_engine_options options = {
        .max_megapixels = max_megapixels, .max_pages = max_pages, .max_file_bytes = max_file_bytes};
    ns_engine *made = NULL;
    char error[512] = "";
    assert_int_equal(ns_engine_create(test_knowledge(), &options, &made, error, sizeof error), expected);
    return made;
}

static int setup(void **state)
{
    (void)state;
    engine = engine_with(0, 0, 0, NS_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return test_free_engine_and_knowledge(engine);
}

/* Writes bytes to a new temporary file whose name ends in suffix; the caller unlinks and frees it. */
static char *write_temp(const void *data, size_t size, const char *suffix)
{
    char *path = NULL;
    assert_true(asprintf(&path, "/tmp/noticescan-limits-XXXXXX%s", suffix) > 0);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, size), (ssize_t)size);
    close(fd);
    return path;
}

static void put_u16le(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_u32le(uint8_t *p, uint32_t v)
{
    put_u16le(p, v & 0xffff);
    put_u16le(p + 2, v >> 16);
}

/* A small real image in format, its header then rewritten to claim width x height: a decompression bomb. */
static char *write_bomb(l_int32 format, unsigned width, unsigned height)
{
    PIX *pix = pixCreate(64, 64, 8);
    pixSetAllArbitrary(pix, 255);
    uint8_t *data = NULL;
    size_t size = 0;
    const char *suffix = ".png";
    if (format == IFF_PNG) {
        assert_int_equal(pixWriteMemPng(&data, &size, pix, 0), 0);
        test_png_claim_size(data, width, height);
    } else if (format == IFF_JFIF_JPEG) {
        suffix = ".jpg";
        assert_int_equal(pixWriteMemJpeg(&data, &size, pix, 75, 0), 0);
        size_t sof = 2;
        while (sof + 9 < size && !(data[sof] == 0xff && data[sof + 1] == 0xc0))
            sof++;
        test_put_u16be(data + sof + 5, height); /* SOF0: marker, length, precision, height, width */
        test_put_u16be(data + sof + 7, width);
    } else if (format == IFF_BMP) {
        suffix = ".bmp";
        assert_int_equal(pixWriteMemBmp(&data, &size, pix), 0);
        put_u32le(data + 18, width); /* BITMAPINFOHEADER after the 14-byte file header */
        put_u32le(data + 22, height);
    } else if (format == IFF_WEBP) {
        suffix = ".webp";
        assert_int_equal(pixWriteMemWebP(&data, &size, pix, 80, 0), 0);
        assert_memory_equal(data + 12, "VP8 ", 4); /* lossy: RIFF header, chunk, frame tag, start code */
        put_u16le(data + 26, width);               /* 14 bits each: WebP's own ceiling is 16383 */
        put_u16le(data + 28, height);
    } else {
        suffix = ".pgm";
        data = (uint8_t *)calloc(1, 128);
        size = (size_t)snprintf((char *)data, 64, "P5\n%u %u\n255\n", width, height) + 64;
    }
    pixDestroy(&pix);
    char *path = write_temp(data, size, suffix);
    free(data);
    return path;
}

/*
 * An uncompressed 8-bit gray TIFF whose pages have the given sizes. A page
 * over 1 MP gets no pixel data: its header alone claims it.
 */
static char *write_tiff(const unsigned *widths, const unsigned *heights, int pages)
{
    enum { ENTRIES = 9, IFD_BYTES = 2 + ENTRIES * 12 + 4 };
    size_t capacity = 8;
    for (int i = 0; i < pages; i++)
        capacity +=
            IFD_BYTES + ((size_t)widths[i] * heights[i] <= 1000000 ? (size_t)widths[i] * heights[i] : 0);
    uint8_t *file = calloc(1, capacity);
    memcpy(file, "II", 2);
    put_u16le(file + 2, 42);
    size_t at = 8, link = 4; /* where the previous IFD's "next" offset goes */
    for (int i = 0; i < pages; i++) {
        uint32_t bytes = widths[i] * heights[i];
        size_t pixels = at;
        if (bytes <= 1000000) {
            memset(file + at, 200, bytes);
            at += bytes;
        }
        put_u32le(file + link, (uint32_t)at);
        const uint16_t tags[ENTRIES] = {256, 257, 258, 259, 262, 273, 277, 278, 279};
        const uint32_t values[ENTRIES] = {widths[i],        heights[i], 8,          1,    1,
                                          (uint32_t)pixels, 1,          heights[i], bytes};
        put_u16le(file + at, ENTRIES);
        for (int e = 0; e < ENTRIES; e++) {
            uint8_t *entry = file + at + 2 + e * 12;
            int is_long =
                tags[e] == 256 || tags[e] == 257 || tags[e] == 273 || tags[e] == 278 || tags[e] == 279;
            put_u16le(entry, tags[e]);
            put_u16le(entry + 2, is_long ? 4 : 3); /* LONG or SHORT */
            put_u32le(entry + 4, 1);
            if (is_long)
                put_u32le(entry + 8, values[e]);
            else
                put_u16le(entry + 8, values[e]);
        }
        link = at + 2 + ENTRIES * 12;
        at += IFD_BYTES;
    }
    char *path = write_temp(file, at, ".tif");
    free(file);
    return path;
}

/* Reads path and checks the document failed with status and a message holding fragment. */
static void expect_refused(ns_engine *reader, const char *path, ns_status status, const char *fragment)
{
    ns_document *document = ns_engine_read_file(reader, path);
    assert_non_null(document);
    assert_int_equal(ns_document_status(document), status);
    const char *message = ns_document_error(document);
    if (!message || !strstr(message, fragment))
        fail_msg("message \"%s\" does not hold \"%s\"", message ? message : "(none)", fragment);
    ns_document_free(document);
}

/* Reads a written file that must be refused as too large, then removes it. */
static void expect_too_large(char *path, const char *fragment)
{
    expect_refused(engine, path, NS_ERR_TOO_LARGE, fragment);
    unlink(path);
    free(path);
}

static void bombs_are_refused_from_their_headers_in_every_format(void **state)
{
    (void)state;
    const l_int32 formats[] = {IFF_PNG, IFF_JFIF_JPEG, IFF_BMP, IFF_PNM};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        expect_too_large(write_bomb(formats[i], 60000, 60000),
                         "image is 60000x60000 (3600 MP), over the 100 MP limit");
    expect_too_large(write_bomb(IFF_WEBP, 16000, 16000),
                     "image is 16000x16000 (256 MP), over the 100 MP limit");
}

/* Before, each TIFF page was decoded and only then measured. */
static void a_tiff_bomb_page_is_refused_before_any_page_is_decoded(void **state)
{
    (void)state;
    const unsigned widths[] = {300, 300, 60000}, heights[] = {300, 300, 60000};
    expect_too_large(write_tiff(widths, heights, 3),
                     "page 3: image is 60000x60000 (3600 MP), over the 100 MP limit");
}

static void options_change_the_limits_and_messages_name_them(void **state)
{
    (void)state;
    const unsigned widths[] = {1200, 300, 300}, heights[] = {1000, 300, 300};
    char *path = write_tiff(widths, heights, 3);
    ns_engine *strict = engine_with(1, 2, 0, NS_OK);
    expect_refused(strict, path, NS_ERR_TOO_LARGE, "TIFF has 3 pages, over the 2 page limit");
    ns_engine_free(strict);
    strict = engine_with(1, 0, 0, NS_OK);
    expect_refused(strict, path, NS_ERR_TOO_LARGE, "page 1: image is 1200x1000 (2 MP), over the 1 MP limit");
    ns_engine_free(strict);
    strict = engine_with(0, 0, 1000, NS_OK);
    expect_refused(strict, path, NS_ERR_TOO_LARGE, "bytes, over the 1000 byte limit");
    ns_engine_free(strict);
    unlink(path);
    free(path);
    assert_null(engine_with(-1, 0, 0, NS_ERR_ARGUMENT));
    assert_null(engine_with(0, 257, 0, NS_ERR_ARGUMENT));
    assert_null(engine_with(501, 0, 0, NS_ERR_ARGUMENT));
}

/* Before, the page limit of --text input was reported as out_of_memory. */
static void text_with_too_many_form_feeds_is_too_large(void **state)
{
    (void)state;
    char *text = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&text, &length);
    fputs("Notice CP14 Tax year 2023", stream);
    for (int page = 0; page < 300; page++)
        fputs("\fpage", stream);
    fclose(stream);
    ns_document *document = ns_read_text(test_knowledge(), "many.txt", text, any_day);
    assert_int_equal(ns_document_status(document), NS_ERR_TOO_LARGE);
    assert_non_null(strstr(ns_document_error(document), "many.txt: more than 256 pages"));
    char *json = ns_document_to_json(document, NULL);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"code\":\"too_large\""));
    free(json);
    ns_document_free(document);
    text[strlen("Notice CP14 Tax year 2023") + 10 * strlen("\fpage")] = '\0'; /* ten form feeds are fine */
    document = ns_read_text(test_knowledge(), "few.txt", text, any_day);
    assert_int_equal(ns_document_status(document), NS_OK);
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP14");
    ns_document_free(document);
    free(text);
}

/* Reads path with file descriptor 2 sent to a file; returns what was written there (caller frees). */
static char *stderr_while_reading(const char *path, ns_document **document)
{
    char capture[] = "/tmp/noticescan-stderr-XXXXXX";
    int fd = mkstemp(capture);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    *document = ns_engine_read_file(engine, path);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    char *written = test_read_file(capture);
    unlink(capture);
    return written;
}

/* The first part of a sample, as a download cut short leaves it. */
static char *write_truncated_sample(const char *sample, size_t keep, const char *suffix)
{
    char *source = test_path(sample);
    FILE *file = fopen(source, "rb");
    assert_non_null(file);
    char *head = malloc(keep);
    assert_int_equal(fread(head, 1, keep, file), keep);
    fclose(file);
    free(source);
    char *path = write_temp(head, keep, suffix);
    free(head);
    return path;
}

/* Before, libpng and libjpeg wrote "libpng error: ..." or "Premature end of JPEG file" on stderr. */
static void damaged_files_are_reported_in_the_document_not_on_stderr(void **state)
{
    (void)state;
    const struct {
        const char *sample, *suffix, *reason;
    } cases[] = {
        {"samples/cp14-scan.png", ".png", "PNG: read beyond end of data (damaged or truncated file)"},
        {"samples/cp2000-phone.jpg", ".jpg", "JPEG: Premature end of JPEG file (truncated file)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = write_truncated_sample(cases[i].sample, 20000, cases[i].suffix);
        ns_document *document = NULL;
        char *written = stderr_while_reading(path, &document);
        assert_non_null(written);
        if (written[0])
            fail_msg("%s: the library wrote to stderr: %s", cases[i].sample, written);
        assert_int_equal(ns_document_status(document), NS_ERR_IMAGE);
        if (!strstr(ns_document_error(document), cases[i].reason))
            fail_msg("message \"%s\" does not hold \"%s\"", ns_document_error(document), cases[i].reason);
        ns_document_free(document);
        free(written);
        unlink(path);
        free(path);
    }
}

/*
 * Tesseract prints "Too few characters. Skipping this page" for a blank page unless its
 * process-wide debug_file is set, now once per process rather than by each engine.
 */
static void tesseract_messages_are_not_printed_either(void **state)
{
    (void)state;
    PIX *blank = pixCreate(1700, 2200, 8);
    pixSetAllArbitrary(blank, 255);
    uint8_t *data = NULL;
    size_t size = 0;
    assert_int_equal(pixWriteMemPng(&data, &size, blank, 0), 0);
    pixDestroy(&blank);
    char *path = write_temp(data, size, ".png");
    free(data);
    ns_document *document = NULL;
    char *written = stderr_while_reading(path, &document);
    assert_string_equal(written, "");
    assert_int_equal(ns_document_status(document), NS_ERR_NO_TEXT);
    ns_document_free(document);
    free(written);
    unlink(path);
    free(path);
}

/* People name scans by the taxpayer's number; the error message is output like any other. */
static void error_messages_mask_a_taxpayer_number_in_the_file_name(void **state)
{
    (void)state;
    ns_document *document = ns_engine_read_file(engine, "/nonexistent/123-45-6789 notice.png");
    assert_int_equal(ns_document_status(document), NS_ERR_IO);
    const char *message = ns_document_error(document);
    assert_null(strstr(message, "123-45-6789"));
    assert_non_null(strstr(message, "/nonexistent/XXX-XX-6789 notice.png: cannot open"));
    ns_document_free(document);
}

/* Misuse is an argument error with a message, in a document like any other failure. */
static void missing_arguments_are_argument_errors_with_a_message(void **state)
{
    (void)state;
    ns_document *documents[] = {ns_engine_read_file(NULL, "x.png"), ns_engine_read_file(engine, NULL),
                                ns_read_text(NULL, "t", "text", any_day),
                                ns_read_text_file(test_knowledge(), NULL, any_day, 0),
                                ns_document_for_code(test_knowledge(), "not a code", any_day, 0)};
    for (size_t i = 0; i < sizeof documents / sizeof documents[0]; i++) {
        assert_non_null(documents[i]);
        assert_int_equal(ns_document_status(documents[i]), NS_ERR_ARGUMENT);
        assert_non_null(ns_document_error(documents[i]));
        ns_document_free(documents[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bombs_are_refused_from_their_headers_in_every_format),
        cmocka_unit_test(a_tiff_bomb_page_is_refused_before_any_page_is_decoded),
        cmocka_unit_test(options_change_the_limits_and_messages_name_them),
        cmocka_unit_test(text_with_too_many_form_feeds_is_too_large),
        cmocka_unit_test(damaged_files_are_reported_in_the_document_not_on_stderr),
        cmocka_unit_test(tesseract_messages_are_not_printed_either),
        cmocka_unit_test(error_messages_mask_a_taxpayer_number_in_the_file_name),
        cmocka_unit_test(missing_arguments_are_argument_errors_with_a_message),
    };
    return cmocka_run_group_tests_name("limits", tests, setup, teardown);
}
