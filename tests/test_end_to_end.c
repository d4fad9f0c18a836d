/*
 * test_end_to_end.c - every committed sample image through the real
 * pipeline (Leptonica + Tesseract), compared field by field with the
 * expected values kept beside it (samples/NAME.expected.json).
 */
#include "testutil.h"

#include <dirent.h>
#include <leptonica/allheaders.h>

#include <jansson.h>
#include <unistd.h>

#include "base.h"
#include "ocr.h"

static ns_engine *engine;
static char *scratch; /* this run's own temporary folder, removed in teardown */

/* A path in the scratch folder (caller frees). */
static char *scratch_path(const char *name)
{
    char *path = NULL;
    assert_true(asprintf(&path, "%s/%s", scratch, name) > 0);
    return path;
}

static int setup(void **state)
{
    (void)state;
    char error[512] = "";
    ns_engine_options options = {.today = {2026, 1, 1}};
    if (ns_engine_create(test_knowledge(), &options, &engine, error, sizeof error) != NS_OK) {
        print_error("cannot create engine: %s\n", error);
        return -1;
    }
    scratch = test_temp_folder("end-to-end");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(scratch);
    return test_free_engine_and_knowledge(engine);
}

static int is_expected_file(const struct dirent *entry)
{
    size_t n = strlen(entry->d_name);
    return n > 14 && strcmp(entry->d_name + n - 14, ".expected.json") == 0;
}

static void every_sample_gives_all_five_expected_fields(void **state)
{
    (void)state;
    char *dir = test_path("samples");
    struct dirent **entries = NULL;
    int count = scandir(dir, &entries, is_expected_file, alphasort);
    assert_true(count >= 6);
    int wrong_fields = 0, field_right[NS_FIELD_COUNT] = {0};
    for (int i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, entries[i]->d_name);
        json_t *spec = json_load_file(path, 0, NULL);
        assert_non_null(spec);
        const char *source = json_string_value(json_object_get(spec, "source"));
        assert_non_null(source);
        snprintf(path, sizeof path, "%s/%s", dir, source);
        ns_document *document = ns_engine_read_file(engine, path);
        assert_non_null(document);
        if (ns_document_status(document) != NS_OK)
            fail_msg("%s: %s", source, ns_document_error(document));
        json_t *expected = json_object_get(spec, "expected");
        char *json = ns_document_to_json(document, NULL);
        json_t *rendered = json_loads(json, 0, NULL);
        const char *verdict =
            json_string_value(json_object_get(json_object_get(rendered, "authenticity"), "verdict"));
        if (!verdict || strcmp(verdict, "no_scam_signs") != 0) {
            print_message("  %s: a genuine-looking notice was judged %s\n", source,
                          verdict ? verdict : "null");
            wrong_fields++;
        }
        json_decref(rendered);
        free(json);
        for (int field = 0; field < NS_FIELD_COUNT; field++) {
            json_t *want_json = json_object_get(expected, ns_field_name(field));
            char want_buffer[32];
            const char *want = json_string_value(want_json);
            if (json_is_integer(want_json)) {
                snprintf(want_buffer, sizeof want_buffer, "%lld", (long long)json_integer_value(want_json));
                want = want_buffer;
            }
            const char *got = ns_document_field(document, field, NULL);
            if ((want == NULL) == (got == NULL) && (!want || strcmp(want, got) == 0)) {
                field_right[field]++;
            } else {
                wrong_fields++;
                print_message("  %s %s: expected %s, got %s\n", source, ns_field_name(field),
                              want ? want : "null", got ? got : "null");
            }
        }
        ns_document_free(document);
        json_decref(spec);
        free(entries[i]);
    }
    free(entries);
    free(dir);
    for (int field = 0; field < NS_FIELD_COUNT; field++)
        print_message("  %-14s %d/%d right\n", ns_field_name(field), field_right[field], count);
    assert_int_equal(wrong_fields, 0);
}

/* A page photographed sideways or upside down, with no EXIF tag to say so. */
static void turned_pages_are_set_upright_from_the_text(void **state)
{
    (void)state;
    char *path = test_path("samples/cp14-scan.png");
    PIX *page = pixRead(path);
    assert_non_null(page);
    PIX *turned[3] = {pixRotate90(page, 1), pixRotate180(NULL, page), pixRotate90(page, -1)};
    char *file = scratch_path("turned.png");
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pixWrite(file, turned[i], IFF_PNG), 0);
        ns_document *document = ns_engine_read_file(engine, file);
        assert_int_equal(ns_document_status(document), NS_OK);
        assert_field(document, NS_FIELD_NOTICE_CODE, "CP14");
        assert_field(document, NS_FIELD_AMOUNT_DUE, "2417.86");
        assert_field(document, NS_FIELD_NOTICE_DATE, "2024-03-11");
        ns_document_free(document);
        pixDestroy(&turned[i]);
        unlink(file);
    }
    free(file);
    pixDestroy(&page);
    free(path);
}

/*
 * The second look at a page that read poorly: reading a window of it four ways finds the way up
 * (the text-shape test and OSD are not asked), each wrong way, and leaves an upright page alone.
 */
static void a_page_turned_any_way_is_turned_back_by_reading(void **state)
{
    (void)state;
    char *path = test_path("samples/cp14-scan.png");
    PIX *image = pixRead(path);
    free(path);
    assert_non_null(image);
    PIX *upright = pixConvertTo8(image, 0);
    pixDestroy(&image);
    char error[256];
    ocr_engine *ocr;
    assert_int_equal(ocr_create(NULL, NULL, &ocr, error, sizeof error), NS_OK);
    int degrees = -1;
    assert_int_equal(ocr_orientation_by_reading(ocr, upright, &degrees), 0);
    assert_int_equal(degrees, 0);
    for (int turn = 90; turn < 360; turn += 90) {
        PIX *turned = image_rotate_clockwise(upright, turn);
        assert_non_null(turned);
        assert_int_equal(ocr_orientation_by_reading(ocr, turned, &degrees), 1);
        assert_int_equal((turn + degrees) % 360, 0);
        pixDestroy(&turned);
    }
    ocr_free(ocr);
    pixDestroy(&upright);
}

/* The type comes from the bytes: a BMP, WebP or PNM named ".png" still reads. */
static void every_supported_format_is_read_from_its_bytes(void **state)
{
    (void)state;
    char *path = test_path("samples/cp14-scan.png");
    PIX *page = pixRead(path);
    assert_non_null(page);
    const l_int32 formats[] = {IFF_BMP, IFF_WEBP, IFF_PNM};
    char *file = scratch_path("format.png"); /* a misleading name on purpose */
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        assert_int_equal(pixWrite(file, page, formats[i]), 0);
        ns_document *document = ns_engine_read_file(engine, file);
        if (ns_document_status(document) != NS_OK)
            fail_msg("format %d: %s", formats[i], ns_document_error(document));
        assert_field(document, NS_FIELD_NOTICE_CODE, "CP14");
        assert_field(document, NS_FIELD_AMOUNT_DUE, "2417.86");
        ns_document_free(document);
        unlink(file);
    }
    free(file);
    pixDestroy(&page);
    free(path);
}

/* When the cheap test cannot tell, Tesseract's orientation detection turns the page. */
static void tesseract_osd_finds_the_turn_of_a_page(void **state)
{
    (void)state;
    char *path = test_path("samples/cp14-scan.png");
    PIX *page = pixRead(path);
    ocr_engine *ocr = NULL;
    char error[256];
    assert_int_equal(ocr_create(NULL, NULL, &ocr, error, sizeof error), NS_OK);
    PIX *gray = pixConvertTo8(page, 0);
    PIX *turned[3] = {pixRotate90(gray, 1), pixRotate180(NULL, gray), pixRotate90(gray, -1)};
    const int expected[3] = {270, 180, 90}; /* the clockwise turn back to upright */
    for (int i = 0; i < 3; i++) {
        int degrees = -1;
        assert_true(ocr_detect_orientation(ocr, turned[i], &degrees));
        assert_int_equal(degrees, expected[i]);
        pixDestroy(&turned[i]);
    }
    int degrees = -1;
    assert_true(ocr_detect_orientation(ocr, gray, &degrees));
    assert_int_equal(degrees, 0);
    ocr_free(ocr);
    pixDestroy(&gray);
    pixDestroy(&page);
    free(path);
}

static void damaged_and_foreign_files_fail_with_a_named_reason(void **state)
{
    (void)state;
    char *sample = test_path("samples/cp14-scan.png");
    char *bytes = test_read_file(sample);
    assert_non_null(bytes);
    char *truncated = scratch_path("truncated.png");
    test_write_bytes(truncated, bytes, 300); /* header intact, data cut */
    ns_document *document = ns_engine_read_file(engine, truncated);
    assert_int_not_equal(ns_document_status(document), NS_OK);
    assert_non_null(strstr(ns_document_error(document), truncated));
    ns_document_free(document);

    char *empty = scratch_path("empty.jpg");
    test_write_bytes(empty, "", 0);
    document = ns_engine_read_file(engine, empty);
    assert_int_equal(ns_document_status(document), NS_ERR_FORMAT);
    assert_non_null(strstr(ns_document_error(document), "empty"));
    ns_document_free(document);

    char *pdf = scratch_path("fake.pdf");
    test_write_bytes(pdf, "%PDF-1.4\n%%EOF\n", 15);
    document = ns_engine_read_file(engine, pdf);
    assert_int_equal(ns_document_status(document), NS_ERR_PDF);
    assert_non_null(strstr(ns_document_error(document), "PDF"));
    ns_document_free(document);

    free(truncated);
    free(empty);
    free(pdf);
    free(bytes);
    free(sample);
}

static void a_blank_page_reports_no_text(void **state)
{
    (void)state;
    /* A white 1000x1000 PGM. */
    char *blank = scratch_path("blank.pgm");
    size_t size = 1000 * 1000;
    char *image = malloc(size + 32);
    int header = snprintf(image, 32, "P5\n1000 1000\n255\n");
    memset(image + header, 255, size);
    test_write_bytes(blank, image, size + (size_t)header);
    free(image);
    ns_document *document = ns_engine_read_file(engine, blank);
    assert_int_equal(ns_document_status(document), NS_ERR_NO_TEXT);
    ns_document_free(document);
    free(blank);
}

/* Photos held in memory (as the server receives them) are read as the pages of one document. */
static void photos_in_memory_are_one_document_page_by_page(void **state)
{
    (void)state;
    char *path = test_path("samples/cp14-scan.png");
    size_t size = 0;
    unsigned char *first = test_read_bytes(path, &size);
    assert_non_null(first);
    /* The same page photographed twice: two pages, and the fields agree. */
    const void *images[2] = {first, first};
    size_t sizes[2] = {size, size};
    ns_document *document = ns_engine_read_images(engine, "photos", images, sizes, 2);
    assert_int_equal(ns_document_status(document), NS_OK);
    char *json = ns_document_to_json(document, NULL);
    assert_non_null(strstr(json, "\"pages\":2"));
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP14");
    assert_field(document, NS_FIELD_AMOUNT_DUE, "2417.86");
    free(json);
    ns_document_free(document);

    /* A second "photo" that is not an image: the error names which one. */
    const void *mixed[2] = {first, "not an image at all"};
    size_t mixed_sizes[2] = {size, 19};
    document = ns_engine_read_images(engine, "photos", mixed, mixed_sizes, 2);
    assert_int_equal(ns_document_status(document), NS_ERR_FORMAT);
    assert_non_null(strstr(ns_document_error(document), "photos: image 2:"));
    ns_document_free(document);
    document = ns_engine_read_images(engine, "photos", mixed, mixed_sizes, 0);
    assert_int_equal(ns_document_status(document), NS_ERR_ARGUMENT);
    ns_document_free(document);
    free(first);
    free(path);
}

/* A page that takes longer to read than the engine's limit is an ocr error, not a wait without end. */
static void a_page_over_the_time_limit_is_stopped(void **state)
{
    (void)state;
    char *path = test_path("samples/cp14-scan.png");
    PIX *page = pixRead(path);
    assert_non_null(page);
    /* Four pages' worth of text on one page: seconds of OCR on any machine, far over a 1 s limit. */
    int width = pixGetWidth(page), height = pixGetHeight(page);
    PIX *big = pixCreate(2 * width, 2 * height, pixGetDepth(page));
    for (int i = 0; i < 4; i++)
        pixRasterop(big, (i % 2) * width, (i / 2) * height, width, height, PIX_SRC, page, 0, 0);
    char *file = scratch_path("slow.png");
    assert_int_equal(pixWrite(file, big, IFF_PNG), 0);
    ns_engine *limited = NULL;
    char error[512] = "";
    ns_engine_options options = {.today = {2026, 1, 1}, .ocr_seconds_per_page = 1};
    assert_int_equal(ns_engine_create(test_knowledge(), &options, &limited, error, sizeof error), NS_OK);
    ns_document *document = ns_engine_read_file(limited, file);
    assert_int_equal(ns_document_status(document), NS_ERR_OCR);
    assert_non_null(strstr(ns_document_error(document), "over 1 s, the time limit"));
    ns_document_free(document);
    ns_engine_free(limited);
    free(file);
    pixDestroy(&big);
    pixDestroy(&page);
    free(path);
}

/*
 * The camera's EXIF tag, not the text, turns cp90-phone-exif.jpg upright: its pixels are stored
 * sideways with Orientation 6. Were the tag ignored, the text-shape test would have to turn it.
 */
static void the_exif_tag_is_what_turns_a_tagged_photo(void **state)
{
    (void)state;
    char *path = test_path("samples/cp90-phone-exif.jpg");
    ns_document *document = ns_engine_read_file(engine, path);
    assert_int_equal(ns_document_status(document), NS_OK);
    char *json = ns_document_to_json(document, NULL);
    assert_non_null(strstr(json, "\"exif_orientation\":6"));
    assert_non_null(strstr(json, "\"rotation\":0,"));
    assert_non_null(strstr(json, "\"page_from\":\"outline\"")); /* the sheet was found by its edges */
    assert_field(document, NS_FIELD_NOTICE_CODE, "CP90");
    free(json);
    ns_document_free(document);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_sample_gives_all_five_expected_fields),
        cmocka_unit_test(turned_pages_are_set_upright_from_the_text),
        cmocka_unit_test(a_page_turned_any_way_is_turned_back_by_reading),
        cmocka_unit_test(tesseract_osd_finds_the_turn_of_a_page),
        cmocka_unit_test(every_supported_format_is_read_from_its_bytes),
        cmocka_unit_test(damaged_and_foreign_files_fail_with_a_named_reason),
        cmocka_unit_test(a_blank_page_reports_no_text),
        cmocka_unit_test(photos_in_memory_are_one_document_page_by_page),
        cmocka_unit_test(a_page_over_the_time_limit_is_stopped),
        cmocka_unit_test(the_exif_tag_is_what_turns_a_tagged_photo),
    };
    return cmocka_run_group_tests_name("end_to_end", tests, setup, teardown);
}
