/*
 * test_preprocess_text_block.c - the page estimated from its text block (no OCR): a sheet seen at a slant,
 * its edges outside the frame, whose estimated corners must follow the keystone; a scan whose block must keep
 * every line of text; a sheet beside a grainy table, whose block must leave the table out.
 */
#include "testutil.h"

#include <leptonica/allheaders.h>
#include <math.h>

#include "preprocess_text_block.h"

#define PAPER 235
#define INK 40
#define LETTER_WIDTH 7 /* drawn characters: 7 x 10 px blocks, 3 px apart, words 12 px apart */
#define LETTER_HEIGHT 10
#define LINE_PITCH 24

/*
 * Draws a line of words from x0 to x1 with its top at y, its last letter flush with x1. Words are 2-8
 * letters long, varied per line as in print, so letters of neighbouring lines do not stand in columns.
 */
static void draw_text_line(PIX *page, int x0, int x1, int y)
{
    unsigned word_length = 2 + (unsigned)y % 7, letter = 0;
    for (int x = x0; x + LETTER_WIDTH <= x1; letter++) {
        pixRasterop(page, x, y, LETTER_WIDTH, LETTER_HEIGHT, PIX_CLR, NULL, 0, 0);
        x += LETTER_WIDTH + 3;
        if (letter + 1 == word_length) {
            x += 9;
            letter = 0;
            word_length = 2 + (word_length * 5 + 3) % 7;
        }
    }
    pixRasterop(page, x1 - LETTER_WIDTH, y, LETTER_WIDTH, LETTER_HEIGHT, PIX_CLR, NULL, 0, 0);
}

/* A sheet of paper width x height whose text fills left..right, top..bottom (lines alternately cut short). */
static PIX *draw_sheet(int width, int height, int left, int right, int top, int bottom)
{
    PIX *sheet = pixCreate(width, height, 8);
    pixSetAllArbitrary(sheet, PAPER);
    for (int y = top, line = 0; y + LETTER_HEIGHT <= bottom; y += LINE_PITCH, line++)
        draw_text_line(sheet, left, line % 3 == 2 ? (left + right) / 2 : right, y);
    return sheet;
}

/* Where the projective map taking the page corners to the frame corners puts the page point (x, y). */
static void map_point(PTA *page_corners, PTA *frame_corners, double x, double y, double *fx, double *fy)
{
    l_float32 *coefficients = NULL, mapped_x = 0, mapped_y = 0;
    getProjectiveXformCoeffs(page_corners, frame_corners, &coefficients);
    projectiveXformPt(coefficients, (l_int32)x, (l_int32)y, &mapped_x, &mapped_y);
    free(coefficients);
    *fx = mapped_x;
    *fy = mapped_y;
}

/* The frame a sheet is photographed into: the sheet's corners land at frame_corners, paper all round. */
static PIX *photograph(PIX *sheet, PTA *sheet_corners, PTA *frame_corners, int width, int height)
{
    /* the warp keeps its input's size: a canvas that holds both the sheet and the frame */
    int canvas_width = pixGetWidth(sheet) > width ? pixGetWidth(sheet) : width;
    int canvas_height = pixGetHeight(sheet) > height ? pixGetHeight(sheet) : height;
    PIX *canvas = pixCreate(canvas_width, canvas_height, 8);
    pixSetAllArbitrary(canvas, PAPER);
    pixRasterop(canvas, 0, 0, pixGetWidth(sheet), pixGetHeight(sheet), PIX_SRC, sheet, 0, 0);
    PIX *warped = pixProjectivePta(canvas, frame_corners, sheet_corners, L_BRING_IN_WHITE);
    BOX *frame_box = boxCreate(0, 0, width, height);
    PIX *frame = warped ? pixClipRectangle(warped, frame_box, NULL) : NULL;
    boxDestroy(&frame_box);
    pixDestroy(&warped);
    pixDestroy(&canvas);
    return frame;
}

static PTA *corner_points(const double x[4], const double y[4])
{
    PTA *points = ptaCreate(4);
    for (int i = 0; i < 4; i++)
        ptaAddPt(points, (l_float32)x[i], (l_float32)y[i]);
    return points;
}

/* dx/dy of the side from corner a to corner b (a near-upright side), or dy/dx (a near-level one). */
static double side_slope(const double x[4], const double y[4], int a, int b, int upright)
{
    return upright ? (x[b] - x[a]) / (y[b] - y[a]) : (y[b] - y[a]) / (x[b] - x[a]);
}

/*
 * A sheet larger than the frame, its far edge shorter (tilted 10% toward the camera) and turned a
 * little: the margins are reported as converging, each side of the estimated page runs along the
 * text's own margin or line (the warp then makes them upright and level), and with nothing but paper
 * outside the text, the page takes in the whole frame.
 */
static void a_keystoned_text_block_gives_its_sides(void **state)
{
    (void)state;
    enum { SHEET = 1500, TEXT_LEFT = 200, TEXT_RIGHT = 1300, TEXT_TOP = 200, TEXT_BOTTOM = 1290 };
    PIX *sheet = draw_sheet(SHEET, SHEET, TEXT_LEFT, TEXT_RIGHT, TEXT_TOP, TEXT_BOTTOM);
    const double sheet_x[4] = {0, SHEET - 1, SHEET - 1, 0}, sheet_y[4] = {0, 0, SHEET - 1, SHEET - 1};
    /* top edge 10% shorter than the bottom one, and the whole turned about 1 degree */
    const double frame_x[4] = {-40, 1240, 1300, -100}, frame_y[4] = {-80, -58, 1380, 1358};
    PTA *sheet_corners = corner_points(sheet_x, sheet_y), *frame_corners = corner_points(frame_x, frame_y);
    PIX *frame = photograph(sheet, sheet_corners, frame_corners, 1200, 1300);
    text_block block;
    assert_int_equal(preprocess_locate_text_block(frame, &block), 0);
    assert_true(block.found);
    assert_true(block.converging);
    assert_false(block.cluttered);
    const double text_x[4] = {TEXT_LEFT, TEXT_RIGHT, TEXT_RIGHT, TEXT_LEFT};
    const double text_y[4] = {TEXT_TOP, TEXT_TOP, TEXT_BOTTOM, TEXT_BOTTOM};
    double mapped_x[4], mapped_y[4], found_x[4], found_y[4];
    for (int i = 0; i < 4; i++) {
        map_point(sheet_corners, frame_corners, text_x[i], text_y[i], &mapped_x[i], &mapped_y[i]);
        found_x[i] = block.corner_x[i], found_y[i] = block.corner_y[i];
    }
    /* left, right, top and bottom: from corner, to corner, upright */
    const int sides[4][3] = {{0, 3, 1}, {1, 2, 1}, {0, 1, 0}, {3, 2, 0}};
    for (int i = 0; i < 4; i++) {
        double text = side_slope(mapped_x, mapped_y, sides[i][0], sides[i][1], sides[i][2]);
        double found = side_slope(found_x, found_y, sides[i][0], sides[i][1], sides[i][2]);
        if (fabs(found - text) > 0.004) /* 4 px over 1000 */
            fail_msg("side %d runs at %.4f, the text's at %.4f", i, found, text);
    }
    /* the frame's corners are inside the page: left of the right side, right of the left one, ... */
    for (int i = 0; i < 4; i++) {
        double x = i == 1 || i == 2 ? 1199 : 0, y = i >= 2 ? 1299 : 0;
        double left = found_x[0] + (y - found_y[0]) * side_slope(found_x, found_y, 0, 3, 1);
        double right = found_x[1] + (y - found_y[1]) * side_slope(found_x, found_y, 1, 2, 1);
        double top = found_y[0] + (x - found_x[0]) * side_slope(found_x, found_y, 0, 1, 0);
        double bottom = found_y[3] + (x - found_x[3]) * side_slope(found_x, found_y, 3, 2, 0);
        if (x < left - 1 || x > right + 1 || y < top - 1 || y > bottom + 1)
            fail_msg("the frame's corner (%.0f, %.0f) is outside the page", x, y);
    }
    pixDestroy(&frame);
    ptaDestroy(&frame_corners);
    ptaDestroy(&sheet_corners);
    pixDestroy(&sheet);
}

/* A text box drawn on a page: where a line of words lies. */
typedef struct drawn_line {
    int x0, x1, y;
} drawn_line;

/*
 * A scan laid out as a notice: the sender's block and the notice's own column at the top, a lone code
 * line, the body, a form number at the foot and the payment stub's scan line. Nothing but paper lies
 * outside the text, so nothing is cut away: the block keeps every line whole.
 */
static void a_scan_block_keeps_every_line(void **state)
{
    (void)state;
    PIX *page = pixCreate(1275, 1650, 8);
    pixSetAllArbitrary(page, PAPER);
    drawn_line drawn[80];
    int count = 0;
    for (int i = 0; i < 3; i++) /* sender, left */
        drawn[count++] = (drawn_line){60, 360, 60 + i * LINE_PITCH};
    drawn[count++] = (drawn_line){1060, 1180, 50}; /* the notice code, alone at the top right */
    for (int i = 0; i < 5; i++)                    /* the notice's column */
        drawn[count++] = (drawn_line){760, 1000, 110 + i * LINE_PITCH};
    for (int i = 0; i < 30; i++) /* the body */
        drawn[count++] = (drawn_line){60, i % 4 == 3 ? 700 : 1210, 330 + i * LINE_PITCH};
    drawn[count++] = (drawn_line){60, 300, 1100}; /* the form number at the foot, six heights below */
    for (int i = 0; i < 4; i++)                   /* the payment stub */
        drawn[count++] = (drawn_line){60, 500, 1180 + i * LINE_PITCH};
    drawn[count++] = (drawn_line){200, 1000, 1340}; /* the scan line, seven heights below the stub */
    for (int i = 0; i < count; i++)
        draw_text_line(page, drawn[i].x0, drawn[i].x1, drawn[i].y);
    text_block block;
    assert_int_equal(preprocess_locate_text_block(page, &block), 0);
    assert_true(block.found);
    assert_false(block.converging);
    assert_false(block.cluttered);
    for (int i = 0; i < count; i++) {
        if (drawn[i].x0 < block.corner_x[0] || drawn[i].x1 > block.corner_x[2] ||
            drawn[i].y < block.corner_y[0] || drawn[i].y + LETTER_HEIGHT > block.corner_y[2])
            fail_msg("line %d (%d-%d at %d) is outside the block (%.0f, %.0f)-(%.0f, %.0f)", i, drawn[i].x0,
                     drawn[i].x1, drawn[i].y, block.corner_x[0], block.corner_y[0], block.corner_x[2],
                     block.corner_y[2]);
    }
    pixDestroy(&page);
}

/* Gray of a grainy table at (x, y): dark and light blotches with wavy borders, as granite shows. */
static int table_gray(int x, int y)
{
    int wavy_x = x + (int)(14 * sin(y / 17.0)) + 100, wavy_y = y + (int)(14 * sin(x / 23.0)) + 100;
    unsigned cell = (unsigned)(wavy_x / 24) * 2654435761u ^ (unsigned)(wavy_y / 24) * 40503u;
    return 40 + (int)(cell % 120);
}

/*
 * A sheet filling the left of the frame beside a grainy table: the table is clutter, and the block
 * hugs the text, stopping short of the table.
 */
static void a_block_leaves_a_grainy_table_out(void **state)
{
    (void)state;
    enum { TABLE_FROM = 1000 };
    PIX *frame = draw_sheet(1500, 1200, 80, 900, 60, 1140);
    for (int y = 0; y < 1200; y++)
        for (int x = TABLE_FROM; x < 1500; x++)
            pixSetPixel(frame, x, y, (l_uint32)table_gray(x, y));
    text_block block;
    assert_int_equal(preprocess_locate_text_block(frame, &block), 0);
    assert_true(block.found);
    assert_true(block.cluttered);
    if (block.corner_x[1] >= TABLE_FROM || block.corner_x[2] >= TABLE_FROM || block.corner_x[0] > 80)
        fail_msg("block from x %.0f to %.0f: the text runs from 80 to 900, the table from %d",
                 block.corner_x[0], block.corner_x[1], TABLE_FROM);
    pixDestroy(&frame);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_keystoned_text_block_gives_its_sides),
        cmocka_unit_test(a_scan_block_keeps_every_line),
        cmocka_unit_test(a_block_leaves_a_grainy_table_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
