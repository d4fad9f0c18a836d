/*
 * test_preprocess.c - page finding and dim-light handling on drawn photos
 * (no OCR): a sheet with text bars on a textured table, turned, off-centre,
 * dim; a plain scan, where no page outline exists and the report says why; and
 * a small photo's tiny characters, measured so the page is enlarged.
 */
#include "testutil.h"

#include <leptonica/allheaders.h>
#include <math.h>

#include "preprocess.h"

#define FRAME_WIDTH 1600 /* a landscape photo of a portrait sheet: room to push it aside */
#define FRAME_HEIGHT 1200
#define PAGE_WIDTH 750.0 /* a letter sheet's 8.5 x 11 proportions, 38% of the frame */
#define PAGE_HEIGHT (PAGE_WIDTH * 11 / 8.5)
#define PAPER 235

/* A drawn photo: where the sheet lies in the frame and how bright the light is. */
typedef struct scene {
    double centre_x, centre_y, turn_degrees, light;
    int textured_table; /* a grainy table of mid-gray blocks, else the whole frame is paper */
} scene;

/* Gray of a point on the sheet, in sheet coordinates: paper with rows of dark text bars. */
static int sheet_gray(double x, double y)
{
    int in_margin = x < 60 || x > PAGE_WIDTH - 60 || y < 60 || y > PAGE_HEIGHT - 60;
    int on_text = fmod(y, 24.0) < 10 && fmod(x + 7 * floor(y / 24), 70.0) < 55;
    return !in_margin && on_text ? 40 : PAPER;
}

static int table_gray(int x, int y)
{
    /* coarse blotches with wavy borders, as a granite or cloth pattern has (a straight grid would be rules)
     */
    int wavy_x = x + (int)(14 * sin(y / 17.0)) + 100, wavy_y = y + (int)(14 * sin(x / 23.0)) + 100;
    unsigned cell = (unsigned)(wavy_x / 24) * 2654435761u ^ (unsigned)(wavy_y / 24) * 40503u;
    return 70 + (int)(cell % 60);
}

static PIX *draw_photo(scene s)
{
    PIX *photo = pixCreate(FRAME_WIDTH, FRAME_HEIGHT, 8);
    double angle = s.turn_degrees * M_PI / 180, c = cos(angle), sn = sin(angle);
    for (int y = 0; y < FRAME_HEIGHT; y++) {
        for (int x = 0; x < FRAME_WIDTH; x++) {
            /* the frame point in sheet coordinates: undo the turn about the sheet's centre */
            double dx = x - s.centre_x, dy = y - s.centre_y;
            double px = c * dx + sn * dy + PAGE_WIDTH / 2, py = -sn * dx + c * dy + PAGE_HEIGHT / 2;
            int on_sheet = !s.textured_table || (px >= 0 && px < PAGE_WIDTH && py >= 0 && py < PAGE_HEIGHT);
            int gray = on_sheet ? (s.textured_table ? sheet_gray(px, py) : sheet_gray(x / 2.0, y / 2.0))
                                : table_gray(x, y);
            pixSetPixel(photo, x, y, (l_uint32)lround(gray * s.light));
        }
    }
    return photo;
}

static PIX *preprocessed(scene s, preprocess_report *report)
{
    PIX *photo = draw_photo(s);
    char err[256] = "";
    PIX *page = preprocess_page(photo, report, NULL, "test", err, sizeof err);
    pixDestroy(&photo);
    if (!page)
        fail_msg("preprocess_page failed: %s", err);
    return page;
}

/* The flattened page has the sheet's proportions (it was found, not the frame or a part of it). */
static void assert_sheet_found(scene s)
{
    preprocess_report report;
    PIX *page = preprocessed(s, &report);
    if (!report.page_found)
        fail_msg("sheet at (%.0f, %.0f) turned %.0f degrees, light %.2f: not found (%s)", s.centre_x,
                 s.centre_y, s.turn_degrees, s.light, report.page_note ? report.page_note : "no note");
    double aspect = (double)report.height / report.width, expected = PAGE_HEIGHT / PAGE_WIDTH;
    if (report.rotation == 90 || report.rotation == 270)
        aspect = 1 / aspect;
    if (fabs(aspect - expected) > 0.05 * expected)
        fail_msg("sheet turned %.0f degrees: page %dx%d, not the sheet's proportions", s.turn_degrees,
                 report.width, report.height);
    assert_null(report.page_note);
    pixDestroy(&page);
}

static void a_sheet_turned_on_a_grainy_table_is_found(void **state)
{
    (void)state;
    assert_sheet_found((scene){800, 600, 0, 1.0, 1});
    assert_sheet_found((scene){800, 600, 20, 1.0, 1});
    assert_sheet_found((scene){800, 600, -20, 1.0, 1});
}

static void a_sheet_pushed_to_one_side_is_found(void **state)
{
    (void)state;
    /* its left side lies past 2/5 of the frame's width, where the side scan used to stop */
    assert_sheet_found((scene){1150, 600, 0, 1.0, 1});
    assert_sheet_found((scene){1100, 600, 8, 1.0, 1});
}

static void a_dim_photo_is_brightened_and_its_sheet_found(void **state)
{
    (void)state;
    /* paper at 235 * 0.25 = 59: background normalization alone sees no paper at all */
    scene dim = {800, 600, 15, 0.25, 1};
    assert_sheet_found(dim);
    preprocess_report report;
    PIX *page = preprocessed(dim, &report);
    l_uint32 paper = 0;
    pixGetRankValue(page, 1, 0.9f, &paper); /* the brightest tenth: paper */
    if (paper < 180)
        fail_msg("dim photo: paper came out at %u, still gray", paper);
    pixDestroy(&page);
}

static void a_scan_has_no_outline_and_the_report_says_why(void **state)
{
    (void)state;
    preprocess_report report;
    PIX *page = preprocessed((scene){0, 0, 0, 1.0, 0}, &report);
    assert_int_equal(report.page_found, 0);
    assert_non_null(report.page_note);
    assert_non_null(strstr(report.page_note, "the whole image was read"));
    pixDestroy(&page);
}

/* A small photo's characters (5 px tall, 3 wide) are measured and the page enlarged. */
static void small_text_is_measured_and_enlarged(void **state)
{
    (void)state;
    PIX *photo = pixCreate(800, 1035, 8);
    pixSetAllArbitrary(photo, PAPER);
    for (int y = 80; y + 5 < 960; y += 11)
        for (int x = 70; x + 3 < 730; x += 5)
            pixRasterop(photo, x, y, 3, 5, PIX_CLR, NULL, 0, 0);
    preprocess_report report;
    char err[256] = "";
    PIX *page = preprocess_page(photo, &report, NULL, "test", err, sizeof err);
    pixDestroy(&photo);
    if (!page)
        fail_msg("preprocess_page failed: %s", err);
    if (report.text_height < 4 || report.text_height > 6 || report.scale < 3.0f)
        fail_msg("5 px characters: measured %d px, scale %.2f", report.text_height, report.scale);
    pixDestroy(&page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_sheet_turned_on_a_grainy_table_is_found),
        cmocka_unit_test(a_sheet_pushed_to_one_side_is_found),
        cmocka_unit_test(a_dim_photo_is_brightened_and_its_sheet_found),
        cmocka_unit_test(a_scan_has_no_outline_and_the_report_says_why),
        cmocka_unit_test(small_text_is_measured_and_enlarged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
