/*
 * test_preprocess.c - page finding and dim-light handling on drawn photos
 * (no OCR): a sheet with text bars on a textured table, turned, off-centre,
 * dim, or far from the camera; a plain scan, where no page outline exists and the
 * report says why, and a frame with paper all round its edges counts as a scan; a small photo's tiny
 * characters, measured so the page is enlarged; blur, measured by how far ink edges spread along rows and
 * columns, deconvolved when it is wide both ways and sharpened when it is milder and not one-way, a shake up
 * and down found though the rows stay sharp; light evened out without halos; and a dim photo's grain
 * measured and filtered out.
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
    double sheet_size;  /* the sheet's size as a share of PAGE_WIDTH x PAGE_HEIGHT */
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
            double px = (c * dx + sn * dy) / s.sheet_size + PAGE_WIDTH / 2,
                   py = (-sn * dx + c * dy) / s.sheet_size + PAGE_HEIGHT / 2;
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
    assert_sheet_found((scene){800, 600, 0, 1.0, 1, 1.0});
    assert_sheet_found((scene){800, 600, 20, 1.0, 1, 1.0});
    assert_sheet_found((scene){800, 600, -20, 1.0, 1, 1.0});
}

static void a_sheet_pushed_to_one_side_is_found(void **state)
{
    (void)state;
    /* its left side lies past 2/5 of the frame's width, where the side scan used to stop */
    assert_sheet_found((scene){1150, 600, 0, 1.0, 1, 1.0});
    assert_sheet_found((scene){1100, 600, 8, 1.0, 1, 1.0});
}

static void a_sheet_far_from_the_camera_is_found(void **state)
{
    (void)state;
    /* the sheet covers a sixth of the frame, as on a photo taken from standing height */
    assert_sheet_found((scene){800, 600, 10, 1.0, 1, 0.65});
}

static void a_dim_photo_is_brightened_and_its_sheet_found(void **state)
{
    (void)state;
    /* paper at 235 * 0.25 = 59: background normalization alone sees no paper at all */
    scene dim = {800, 600, 15, 0.25, 1, 1.0};
    assert_sheet_found(dim);
    preprocess_report report;
    PIX *page = preprocessed(dim, &report);
    l_uint32 paper = 0;
    pixGetRankValue(page, 1, 0.9f, &paper); /* the brightest tenth: paper */
    if (paper < 250)
        fail_msg("dim photo: paper came out at %u, not white", paper);
    pixDestroy(&page);
}

/* Tesseract is given white paper, not the evened-out gray (its line recognizer reads that worse). */
static void the_page_given_to_tesseract_has_white_paper(void **state)
{
    (void)state;
    preprocess_report report;
    PIX *page = preprocessed((scene){800, 600, 10, 1.0, 1, 1.0}, &report);
    l_uint32 paper = 0, ink = 255;
    pixGetRankValue(page, 1, 0.9f, &paper);
    pixGetRankValue(page, 1, 0.02f, &ink); /* the darkest 2%: the text bars */
    if (paper < 250 || ink > 80)
        fail_msg("paper at %u and ink at %u: not black on white", paper, ink);
    pixDestroy(&page);
}

static void a_scan_has_no_outline_and_the_report_says_why(void **state)
{
    (void)state;
    preprocess_report report;
    PIX *page = preprocessed((scene){0, 0, 0, 1.0, 0, 1.0}, &report);
    assert_int_equal(report.page_found, 0);
    assert_non_null(report.page_note);
    assert_non_null(strstr(report.page_note, "fewer than two straight page sides stand out"));
    assert_string_equal(report.page_from, "frame"); /* paper all round its text: nothing to cut away */
    pixDestroy(&page);
}

/* The sheet as a scanner sees it: its text bars within their margins, paper beyond. */
static PIX *draw_scan(void)
{
    int width = (int)PAGE_WIDTH, height = (int)PAGE_HEIGHT;
    PIX *scan = pixCreate(width, height, 8);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            pixSetPixel(scan, x, y, (l_uint32)sheet_gray(x, y));
    return scan;
}

/*
 * A scan's edges are paper all round (and neither a page outline nor a text block is looked for); a
 * sheet on a table, paper whose light falls off toward the corners (as a phone's does) and a table of
 * one even gray all round are not.
 */
static void only_a_frame_with_paper_all_round_its_edges_counts_as_a_scan(void **state)
{
    (void)state;
    int width = (int)PAGE_WIDTH, height = (int)PAGE_HEIGHT;
    PIX *scan = draw_scan();
    assert_int_equal(preprocess_frame_edges_are_paper(scan), 1);
    preprocess_report report;
    char err[256] = "";
    PIX *page = preprocess_page(scan, &report, NULL, "test", err, sizeof err);
    assert_non_null(page);
    assert_int_equal(report.page_found,
                     0); /* no outline or text block was looked for, and the note says so */
    assert_string_equal(report.page_from, "frame");
    assert_non_null(strstr(report.page_note, "paper all round the frame's edges"));
    pixDestroy(&page);
    PIX *photo = draw_photo((scene){800, 600, 0, 1.0, 1, 1.0});
    assert_int_equal(preprocess_frame_edges_are_paper(photo), 0);
    /* the same scan lit by a lamp from above its middle: 15% darker in the corners */
    PIX *falling_off = pixCopy(NULL, scan);
    double corner = hypot(width / 2.0, height / 2.0);
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            l_uint32 value = 0;
            pixGetPixel(scan, x, y, &value);
            double r = hypot(x - width / 2.0, y - height / 2.0) / corner;
            pixSetPixel(falling_off, x, y, (l_uint32)lround(value * (1 - 0.15 * r * r)));
        }
    }
    assert_int_equal(preprocess_frame_edges_are_paper(falling_off), 0);
    /* the scan's middle on a table of one even gray (no light fall-off at all): even, but not paper */
    PIX *even_table = pixCreate(FRAME_WIDTH, FRAME_HEIGHT, 8);
    pixSetAllArbitrary(even_table, 110);
    pixRasterop(even_table, 400, 100, width, height, PIX_SRC, scan, 0, 0);
    assert_int_equal(preprocess_frame_edges_are_paper(even_table), 0);
    pixDestroy(&even_table);
    pixDestroy(&falling_off);
    pixDestroy(&photo);
    pixDestroy(&scan);
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

/* A page of text bars, 20 px tall, with sharp edges: the scan-like case. */
static PIX *draw_text_page(void)
{
    return draw_photo((scene){0, 0, 0, 1.0, 0, 1.0});
}

/* A near-Gaussian blur (a box filter twice) of about sigma px. */
static PIX *blurred(PIX *page, int sigma)
{
    PIX *once = pixBlockconvGray(page, NULL, sigma, sigma);
    PIX *twice = pixBlockconvGray(once, NULL, sigma, sigma);
    pixDestroy(&once);
    return twice;
}

/* Blur spreads ink edges, more blur spreads them more, and sharpening narrows them again. */
static void blur_is_measured_and_sharpening_narrows_it(void **state)
{
    (void)state;
    PIX *sharp = draw_text_page(), *soft = blurred(sharp, 3), *softer = blurred(sharp, 5);
    int sharp_width = preprocess_edge_width(sharp), soft_width = preprocess_edge_width(soft);
    int softer_width = preprocess_edge_width(softer);
    /* a drawn edge is one step; a blur of sigma ~3.6 spreads it 2.56 sigma, ~9 px (10-90%) */
    if (sharp_width < 1 || sharp_width > 2 || soft_width < 6 || softer_width <= soft_width)
        fail_msg("edge widths: sharp %d, blurred %d, more blurred %d", sharp_width, soft_width, softer_width);
    PIX *sharpened = preprocess_sharpen(soft, soft_width);
    int sharpened_width = sharpened ? preprocess_edge_width(sharpened) : 0;
    if (!sharpened || sharpened_width >= soft_width)
        fail_msg("blurred edges %d px wide, %d px after sharpening", soft_width, sharpened_width);
    pixDestroy(&sharpened);
    PIX *blank = pixCreate(400, 400, 8);
    pixSetAllArbitrary(blank, PAPER);
    assert_int_equal(preprocess_edge_width(blank), 0); /* no text: nothing to judge */
    pixDestroy(&blank);
    pixDestroy(&softer);
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

/*
 * The whole chain: a page blurred out of focus is reported deblurred (and, deconvolved, not masked
 * again); a sharp one is left alone.
 */
static void a_blurred_page_is_deblurred_and_a_sharp_one_left_alone(void **state)
{
    (void)state;
    PIX *sharp = draw_text_page(), *soft = blurred(sharp, 4);
    preprocess_report sharp_report, soft_report;
    char err[256] = "";
    PIX *sharp_page = preprocess_page(sharp, &sharp_report, NULL, "test", err, sizeof err);
    PIX *soft_page = preprocess_page(soft, &soft_report, NULL, "test", err, sizeof err);
    assert_non_null(sharp_page);
    assert_non_null(soft_page);
    if (sharp_report.sharpened || sharp_report.deblurred || !soft_report.deblurred || soft_report.sharpened)
        fail_msg("sharp page: edges %d px, sharpened %d, deblurred %d; blurred page: edges %d px, sharpened "
                 "%d, deblurred %d",
                 sharp_report.edge_width, sharp_report.sharpened, sharp_report.deblurred,
                 soft_report.edge_width, soft_report.sharpened, soft_report.deblurred);
    pixDestroy(&soft_page);
    pixDestroy(&sharp_page);
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

/*
 * A sheet far from the camera, turned and pushed to a corner: its near top side is short, and the
 * far bottom side, seen from the top border across the table, must not be taken for it.
 */
static void a_turned_sheet_in_a_corner_is_found_by_its_near_sides(void **state)
{
    (void)state;
    assert_sheet_found((scene){1080, 520, 24, 1.0, 1, 0.6});
    assert_sheet_found((scene){520, 700, -24, 1.0, 1, 0.6});
}

/*
 * Dim gray paper with a block of soft gray text (ink above the level Leptonica's simple evening
 * takes for text): the paper between the lines comes out as bright as the paper around the block,
 * with no bright box (halo) around it.
 */
static void evening_the_light_leaves_no_halo_around_a_text_block(void **state)
{
    (void)state;
    PIX *ink = pixCreate(1200, 1200, 8);
    pixSetAllArbitrary(ink, 150);
    for (int y = 400; y < 800; y += 24) /* bars 10 px tall: lines of text, 14 px of paper between */
        for (int x = 400; x < 800; x += 30) {
            BOX *bar = boxCreate(x, y, 24, 10);
            pixSetInRectArbitrary(ink, bar, 110);
            boxDestroy(&bar);
        }
    PIX *soft = blurred(ink, 1);
    PIX *even = preprocess_even_light(soft);
    assert_non_null(even);
    l_uint32 outside = 0, between = 0;
    pixGetPixel(even, 200, 600, &outside);               /* paper far from the block */
    pixGetPixel(even, 600, 400 + 24 * 8 + 17, &between); /* paper between two lines, mid-block */
    if (abs((int)outside - (int)between) > 10 || outside < 180)
        fail_msg("paper around the block %u, between its lines %u: a halo or gray paper", outside, between);
    pixDestroy(&even);
    pixDestroy(&soft);
    pixDestroy(&ink);
}

/* An average along each column over 2 * reach + 1 pixels: a phone shaken up and down. */
static PIX *shaken_vertically(PIX *page, int reach)
{
    int width = pixGetWidth(page), height = pixGetHeight(page);
    PIX *shaken = pixCreate(width, height, 8);
    for (int x = 0; x < width; x++) {
        for (int y = 0; y < height; y++) {
            int sum = 0, count = 0;
            for (int dy = -reach; dy <= reach; dy++) {
                l_uint32 value = 0;
                if (y + dy < 0 || y + dy >= height)
                    continue;
                pixGetPixel(page, x, y + dy, &value);
                sum += (int)value;
                count++;
            }
            pixSetPixel(shaken, x, y, (l_uint32)(sum / count));
        }
    }
    return shaken;
}

/* A page shaken one way is measured blurred in that direction only, and is not unsharp-masked. */
static void a_page_shaken_one_way_is_measured_so_and_not_sharpened(void **state)
{
    (void)state;
    /* a phone's own softness first (edges 3-4 px both ways), then a shake up and down */
    PIX *sharp = draw_text_page(), *soft = pixBlockconvGray(sharp, NULL, 1, 1),
        *shaken = shaken_vertically(soft, 5);
    int along_rows = preprocess_edge_width_along(shaken, 0),
        along_columns = preprocess_edge_width_along(shaken, 1);
    if (along_rows > 4 || along_columns < along_rows + 3 || preprocess_edge_width(shaken) != along_columns)
        fail_msg("vertical shake: edges %d px along rows, %d along columns, page %d", along_rows,
                 along_columns, preprocess_edge_width(shaken));
    preprocess_report report;
    char err[256] = "";
    PIX *page = preprocess_page(shaken, &report, NULL, "test", err, sizeof err);
    assert_non_null(page);
    if (report.edge_width < 5 || report.sharpened)
        fail_msg("vertical shake: reported edges %d px, sharpened %d", report.edge_width, report.sharpened);
    pixDestroy(&page);
    pixDestroy(&shaken);
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

/*
 * A page read at its own size and not deblurred reports the edges of its evened page, measured once
 * for the deblurring and reused for the sharpening: the same widths as measuring that page afresh.
 */
static void an_unscaled_page_reports_the_edges_of_its_evened_page(void **state)
{
    (void)state;
    PIX *sharp = draw_text_page(), *soft = pixBlockconvGray(sharp, NULL, 1, 1);
    PIX *even = preprocess_even_light(soft);
    assert_non_null(even);
    preprocess_report report;
    char err[256] = "";
    PIX *page = preprocess_page(soft, &report, NULL, "test", err, sizeof err);
    assert_non_null(page);
    if (report.scale != 1.0f || report.deblurred || strcmp(report.page_from, "frame") != 0)
        fail_msg(
            "the page was changed before its edges were measured: scale %.2f, deblurred %d, page from %s",
            report.scale, report.deblurred, report.page_from);
    int rows = preprocess_edge_width_along(even, 0), columns = preprocess_edge_width_along(even, 1);
    int expected = rows <= 2 ? rows : rows > columns ? rows : columns;
    if (report.edge_width != expected || rows <= 2)
        fail_msg("reported edges %d px; the evened page measures %d along rows, %d along columns",
                 report.edge_width, rows, columns);
    pixDestroy(&page);
    pixDestroy(&even);
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

/*
 * A shake up and down leaves the rows as sharp as a scan's (1-2 px): the columns are measured anyway,
 * and the shake is found and undone.
 */
static void a_sharp_page_shaken_up_and_down_is_deblurred(void **state)
{
    (void)state;
    /* lines of hollow boxes: letters' edges run both ways (long bars alone are smooth along rows) */
    PIX *sharp = pixCreate(1000, 1300, 8);
    pixSetAllArbitrary(sharp, PAPER);
    for (int y = 60; y + 16 < 1240; y += 32)
        for (int x = 50; x + 12 < 950; x += 16) {
            BOX *letter = boxCreate(x, y, 12, 16), *hole = boxCreate(x + 3, y + 3, 6, 10);
            pixSetInRectArbitrary(sharp, letter, 40);
            pixSetInRectArbitrary(sharp, hole, PAPER);
            boxDestroy(&hole);
            boxDestroy(&letter);
        }
    PIX *shaken = shaken_vertically(sharp, 4);
    int along_rows = preprocess_edge_width_along(shaken, 0);
    preprocess_report report;
    char err[256] = "";
    PIX *page = preprocess_page(shaken, &report, NULL, "test", err, sizeof err);
    assert_non_null(page);
    if (along_rows > 2 || !report.deblurred)
        fail_msg("vertical shake of 9 px: edges %d px along rows, deblurred %d", along_rows,
                 report.deblurred);
    pixDestroy(&page);
    pixDestroy(&shaken);
    pixDestroy(&sharp);
}

/* The page with grain added: near-Gaussian (four uniform draws summed), about sigma levels, repeatable. */
static PIX *grainy(PIX *page, int sigma)
{
    PIX *out = pixCopy(NULL, page);
    unsigned seed = 12345u;
    for (int y = 0; y < pixGetHeight(out); y++)
        for (int x = 0; x < pixGetWidth(out); x++) {
            int sum = 0;
            for (int draw = 0; draw < 4; draw++) {
                seed = seed * 1103515245u + 12345u;
                sum += (int)((seed >> 16) % 1000u) - 500;
            }
            l_uint32 value = 0;
            pixGetPixel(out, x, y, &value);
            /* four uniform draws over +-500 have a standard deviation of 577: scaled to sigma */
            int grained = (int)value + sum * sigma / 577;
            pixSetPixel(out, x, y, (l_uint32)(grained < 0 ? 0 : grained > 255 ? 255 : grained));
        }
    return out;
}

/* Count of ink pixels (darker than mid gray). */
static int ink_pixels(PIX *page)
{
    PIX *ink = pixThresholdToBinary(page, 128);
    l_int32 count = 0;
    pixCountPixels(ink, &count, NULL);
    pixDestroy(&ink);
    return count;
}

/*
 * A dim photo's grain: measured on the paper away from the ink (so a clean page's stroke edges do not
 * count as grain), filtered out of a grainy photo with its strokes kept, and a clean photo left alone.
 * A scan's paper is not measured: office scans read right, and their paper's texture would cost them
 * the filter.
 */
static void grain_is_measured_away_from_ink_and_filtered_out_of_photos(void **state)
{
    (void)state;
    PIX *clean = draw_photo((scene){800, 600, 0, 1.0, 1, 1.0}), *grained = grainy(clean, 8);
    double clean_noise = preprocess_paper_noise(clean), grain_noise = preprocess_paper_noise(grained);
    if (clean_noise > 0.2 || grain_noise < 4.0)
        fail_msg("paper noise: clean photo %.2f, grain of sigma 8 %.2f", clean_noise, grain_noise);
    preprocess_report report;
    char err[256] = "";
    PIX *page = preprocess_page(grained, &report, NULL, "test", err, sizeof err);
    if (!page || !report.denoised)
        fail_msg("a grainy photo (noise %.2f) was not filtered: %s", report.paper_noise, err);
    PIX *clean_page = preprocess_page(clean, &report, NULL, "test", err, sizeof err);
    assert_non_null(clean_page);
    assert_false(report.denoised);
    double left = preprocess_paper_noise(page);
    int ink_clean = ink_pixels(clean_page), ink_filtered = ink_pixels(page);
    if (left > grain_noise / 3 || abs(ink_filtered - ink_clean) > ink_clean / 10)
        fail_msg("after filtering: noise %.2f (was %.2f), ink %d px (clean photo %d px)", left, grain_noise,
                 ink_filtered, ink_clean);
    pixDestroy(&clean_page);
    pixDestroy(&page);
    PIX *scan = draw_scan(), *grainy_scan = grainy(scan, 8);
    page = preprocess_page(grainy_scan, &report, NULL, "test", err, sizeof err);
    assert_non_null(page);
    if (report.denoised || report.paper_noise >= 0.0f)
        fail_msg("a grainy scan was measured (%.2f) or filtered (%d)", report.paper_noise, report.denoised);
    pixDestroy(&page);
    pixDestroy(&grainy_scan);
    pixDestroy(&scan);
    pixDestroy(&grained);
    pixDestroy(&clean);
}

/*
 * Orientation from Leptonica's signals, as measured on photos Leptonica alone left undecided (an up/down
 * signal of 5.9-9.0 beside a sideways one as strong): a sheet found and flattened taller than wide cannot
 * lie sideways, so its up/down signal decides; a frame (no sheet found) or a weak signal stays undecided.
 */
static void a_portrait_sheet_is_turned_by_its_up_down_signal_alone(void **state)
{
    (void)state;
    assert_int_equal(preprocess_orientation_from_signals(5.94f, -4.45f, 1), 0);
    assert_int_equal(preprocess_orientation_from_signals(5.94f, -4.45f, 0), -1);
    assert_int_equal(preprocess_orientation_from_signals(-6.73f, 7.86f, 1), 180);
    assert_int_equal(preprocess_orientation_from_signals(3.06f, -3.09f, 1), -1); /* too weak either way */
    /* Leptonica's own decisions stand: plainly upside down, plainly sideways */
    assert_int_equal(preprocess_orientation_from_signals(-26.49f, 3.78f, 1), 180);
    assert_int_equal(preprocess_orientation_from_signals(-1.93f, 31.25f, 0), 90);
    assert_int_equal(preprocess_orientation_from_signals(13.15f, -4.09f, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_sheet_turned_on_a_grainy_table_is_found),
        cmocka_unit_test(a_sheet_pushed_to_one_side_is_found),
        cmocka_unit_test(a_sheet_far_from_the_camera_is_found),
        cmocka_unit_test(a_dim_photo_is_brightened_and_its_sheet_found),
        cmocka_unit_test(the_page_given_to_tesseract_has_white_paper),
        cmocka_unit_test(a_scan_has_no_outline_and_the_report_says_why),
        cmocka_unit_test(only_a_frame_with_paper_all_round_its_edges_counts_as_a_scan),
        cmocka_unit_test(a_portrait_sheet_is_turned_by_its_up_down_signal_alone),
        cmocka_unit_test(small_text_is_measured_and_enlarged),
        cmocka_unit_test(blur_is_measured_and_sharpening_narrows_it),
        cmocka_unit_test(a_blurred_page_is_deblurred_and_a_sharp_one_left_alone),
        cmocka_unit_test(a_turned_sheet_in_a_corner_is_found_by_its_near_sides),
        cmocka_unit_test(evening_the_light_leaves_no_halo_around_a_text_block),
        cmocka_unit_test(a_page_shaken_one_way_is_measured_so_and_not_sharpened),
        cmocka_unit_test(an_unscaled_page_reports_the_edges_of_its_evened_page),
        cmocka_unit_test(a_sharp_page_shaken_up_and_down_is_deblurred),
        cmocka_unit_test(grain_is_measured_away_from_ink_and_filtered_out_of_photos),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
