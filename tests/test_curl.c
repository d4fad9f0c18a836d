/*
 * test_curl.c - curled paper: a drawn page whose text lines bend as a
 * parabola is measured with the bend it was drawn with and flattened; a flat
 * page is left alone. The curl model is built on a reduced copy of the page,
 * so this pins that its curvature is still given in the full page's units.
 */
#include "testutil.h"

#include <leptonica/allheaders.h>

#include "preprocess.h"

#define PAGE_WIDTH 2400
#define PAGE_HEIGHT 3000
#define PAPER 235
#define CHARACTER_WIDTH 12
#define CHARACTER_HEIGHT 20 /* the size preprocessing aims for: the page is read unscaled */
#define LINE_PITCH 70
#define MARGIN 200

/*
 * A page of 30-odd lines of "words" (blocks the size of characters), each line bent as
 * y = c (x - centre)^2 with c = bend micro-units: 40 lifts a line's ends by 40 px over 1000 px.
 */
static PIX *draw_bent_page(int bend)
{
    PIX *page = pixCreate(PAGE_WIDTH, PAGE_HEIGHT, 8);
    pixSetAllArbitrary(page, PAPER);
    double c = bend / 1e6;
    for (int line_y = MARGIN; line_y + CHARACTER_HEIGHT < PAGE_HEIGHT - MARGIN - 60; line_y += LINE_PITCH) {
        int in_word = 0;
        for (int x = MARGIN; x + CHARACTER_WIDTH < PAGE_WIDTH - MARGIN; x += CHARACTER_WIDTH + 4) {
            /* words of 3 to 8 characters, then a gap, varied from line to line */
            if (++in_word > 3 + (x / 97 + line_y / 70) % 6) {
                in_word = 0;
                x += 10;
                continue;
            }
            double from_centre = x - PAGE_WIDTH / 2.0;
            int y = line_y + (int)(c * from_centre * from_centre + 0.5);
            pixRasterop(page, x, y, CHARACTER_WIDTH, CHARACTER_HEIGHT, PIX_CLR, NULL, 0, 0);
        }
    }
    return page;
}

static void read_page(int bend, preprocess_report *report)
{
    PIX *drawn = draw_bent_page(bend);
    char err[256] = "";
    PIX *page = preprocess_page(drawn, report, NULL, "test", err, sizeof err);
    pixDestroy(&drawn);
    if (!page)
        fail_msg("preprocess_page failed: %s", err);
    pixDestroy(&page);
}

static void a_curled_page_is_measured_in_page_units_and_flattened(void **state)
{
    (void)state;
    preprocess_report report;
    read_page(40, &report);
    /* the lines' own fit varies by a few units; half or double would mean the reduction was not undone */
    if (report.curvature < 30 || report.curvature > 50 || !report.dewarped)
        fail_msg("lines bent by 40 micro-units: measured %d, dewarped %d", report.curvature, report.dewarped);
}

static void a_flat_page_is_left_alone(void **state)
{
    (void)state;
    preprocess_report report;
    read_page(0, &report);
    if (report.dewarped || report.curvature > 5)
        fail_msg("flat lines: measured %d, dewarped %d", report.curvature, report.dewarped);
}

int main(void)
{
    setMsgSeverity(L_SEVERITY_NONE); /* Leptonica's dewarping narrates each model it builds */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_curled_page_is_measured_in_page_units_and_flattened),
        cmocka_unit_test(a_flat_page_is_left_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
