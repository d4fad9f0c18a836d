/*
 * preprocess.c - turn a scan or a phone photo into a clean, upright,
 * binary page at the text size Tesseract reads best.
 *
 * Order matters:
 *   1. gray           color carries nothing for text; one channel is cheaper
 *   2. find the page  a photo's sheet is found by its edges (brightness fails
 *                     under a shadow) and flattened with a projective warp
 *   3. scale          by measured text height, not by DPI (phones say 72)
 *   4. background     divide out uneven light before any threshold
 *      sharpen        a blurred page (wide ink edges) is unsharp-masked
 *   5. binarize       Sauvola, local, so a shadow band keeps its text
 *   6. orientation    90/180/270 from the text itself, on the binary image
 *   7. deskew         measured on the binary image, where lines are crisp
 *   8. OCR input      the evened-out gray page, turned and deskewed the same way
 */
#include "preprocess.h"

#include "deblur.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "preprocess_text_block.h"

/*
 * Median character height pages are scaled to (x-height and caps mixed). Tesseract scales each line
 * to its network's height itself, so more pixels only cost time in layout analysis and here.
 * Measured on the bench set (50 generated documents and the samples): 20 instead of 24 read the
 * same fields on every document and took 8% less CPU (a 300 DPI scan's 26 px text is now reduced).
 */
#define TARGET_TEXT_HEIGHT 20.0
/*
 * Small text (under READABLE_TEXT_HEIGHT) is enlarged further, to 24 px: at 20 the phone photos of an
 * evaluation set (seed 202612031300, 40 ordinary and 42 real-wording) lost whole fields that 24 read
 * (CP11 read as CP111, a header read as nothing), since Tesseract's own line scaling cannot restore
 * the detail a smaller enlargement never made.
 */
#define ENLARGED_TEXT_HEIGHT 24.0
/* A letter page at about 390 DPI: bounds Tesseract's time and memory. */
#define MAX_OUTPUT_PIXELS (14L * 1000L * 1000L)
#define QUICK_THRESHOLD 150 /* on an evened-out page the paper is near white (255): strokes fall below */
/*
 * Where characters are cut out to measure their height, on the evened page (paper at 200). Lower than
 * QUICK_THRESHOLD: preprocess_even_light leaves a blurred stroke's spread as dark as it is, where
 * pixBackgroundNormSimple brightened whole text blocks, and at 150 blurred and crumpled photos measured
 * 1-7 px taller than before, crossed READABLE_TEXT_HEIGHT and were no longer enlarged (measured on an
 * evaluation set, seed 202612031655: three crumpled or folded photos lost their notice date). At 130
 * the heights match the old measure within 1 px on scans, office scans and photos.
 */
#define TEXT_MEASURE_THRESHOLD 130
/* Long side of the copy the page is searched on: a side is placed to within a pixel of it (0.1%). */
#define PAGE_SEARCH_SIZE 800

static void save_stage(const char *dir, const char *stem, int step, const char *name, PIX *pix)
{
    if (!dir || !pix)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%d-%s.png", dir, stem, step, name);
    pixWrite(path, pix, IFF_PNG);
}

static PIX *to_gray(PIX *pix)
{
    if (pixGetDepth(pix) == 32)
        return pixConvertRGBToLuminance(pix);
    return pixConvertTo8(pix, 0);
}

/*
 * A dim photo (kitchen light at night) leaves the paper dark gray. Background
 * normalization counts pixels darker than 100 as text and finds no paper at
 * all on such a page (measured: a page whose brightest 1% is 63 came out
 * unchanged), and page edges stay below the edge threshold. So the levels
 * are stretched first, until the brightest 1% is near white.
 */
#define DIM_PAPER_LEVEL 160    /* brightest 1% below this: paper reads as mid gray, not white */
#define BRIGHT_PAPER_LEVEL 230 /* where the stretch puts it: white paper with room for highlights */
#define BRIGHTEST_SHARE 0.01   /* the share of pixels taken as "the brightest": glare and specks stay out */

static void brighten_if_dim(PIX *gray)
{
    NUMA *histogram = pixGetGrayHistogram(gray, 4); /* every 4th pixel: a percentile needs no more */
    l_float32 total = 0, seen = 0;
    int bright = 255;
    if (!histogram)
        return;
    numaGetSum(histogram, &total);
    for (; bright > 0; bright--) {
        l_float32 count = 0;
        numaGetFValue(histogram, bright, &count);
        seen += count;
        if (seen >= BRIGHTEST_SHARE * total)
            break;
    }
    numaDestroy(&histogram);
    if (bright < DIM_PAPER_LEVEL && bright > 0)
        pixMultConstantGray(gray, (l_float32)BRIGHT_PAPER_LEVEL / bright);
}

static l_float32 distance(l_float32 ax, l_float32 ay, l_float32 bx, l_float32 by)
{
    return sqrtf((ax - bx) * (ax - bx) + (ay - by) * (ay - by));
}

/* A line a*t + b: x = a*y + b for the left and right sides, y = a*x + b for top and bottom. */
typedef struct side_line {
    double a, b;
    int found;
} side_line;

/* Deterministic pseudo-random numbers: the same photo always gives the same page. */
static unsigned next_random(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

/* An edge pixel met scanning inward: where (t along the side, v across it) and how much it counts. */
typedef struct edge_point {
    double t, v, weight;
} edge_point;

#define INLIER_DISTANCE 2.5 /* px: the 5x5 smoothing spreads an edge ~2 px */
/*
 * Steepest side accepted, as x-per-y (or y-per-x): 0.8 is ~39 degrees. A page
 * turned 25 degrees and seen at a slant has sides up to ~35 degrees off.
 */
#define MAX_SIDE_SLOPE 0.8

/*
 * A "side" with paper this bright beyond it is a text margin on a scan, not
 * the sheet's edge (as a mean over the side, when it was measured). Measured on samples/: without this check
 * three scans and an office scan "find" a page at their text margins (cp504-office is cut to 2264x2097 and
 * loses its payment stub); any factor from 0.5 to 0.95 keeps them whole and still finds all four phone
 * photos' pages.
 */
#define MARGIN_BRIGHTNESS 0.85

/*
 * Mean gray just outside a side (toward the border) from along = first to last, where a page has the
 * table and a scan's text margin has paper; *paper_share: the share of those pixels brighter than
 * MARGIN_BRIGHTNESS times paper.
 */
/*
 * How far beyond a side is looked at, at the search size: past a line of text (4-8 px there) and the
 * paper after it, so a text line's lower edge, with its own ink beyond it, is not taken for a side
 * (measured on a drawn scan of text bars: at 6 px a bar's edge was).
 */
#define OUTSIDE_REACH 14

static double brightness_outside(PIX *gray, side_line line, int side, int first, int last, double paper,
                                 double *paper_share)
{
    int width = pixGetWidth(gray), height = pixGetHeight(gray);
    int outward = (side == 0 || side == 2) ? -1 : 1;
    double sum = 0;
    int bright = 0, count = 0;
    for (int along = first; along <= last; along += 4) {
        double at = line.a * along + line.b;
        for (int offset = 3; offset <= OUTSIDE_REACH; offset++) { /* past the ~2 px the smoothing spreads */
            int x = side < 2 ? (int)(at + outward * offset) : along;
            int y = side < 2 ? along : (int)(at + outward * offset);
            if (x < 0 || y < 0 || x >= width || y >= height)
                continue;
            l_uint32 value = 0;
            pixGetPixel(gray, x, y, &value);
            sum += value;
            bright += value > MARGIN_BRIGHTNESS * paper;
            count++;
        }
    }
    *paper_share = count ? (double)bright / count : 1.0;
    return count ? sum / count : -1;
}

/* What a candidate side is checked against: the smoothed copy, the paper's brightness, which side. */
typedef struct side_context {
    PIX *smooth;
    double paper;
    int side;
} side_context;

/*
 * At most this share of paper beyond a side where it is seen: bright clutter or granite specks along
 * part of a true side. Only where it is seen: beyond, the line runs over the table on a tilted photo,
 * and the mean over the whole length alone let the far side of a sheet, found from the near border,
 * pass for the near side (measured on generated perspective photos: the top of the frame then read
 * as the page's, the text came out ~10 degrees skewed and fields were lost). The whole length is
 * still checked: on the smoothed copy a bold heading is a dark bar with nothing bright above it.
 */
#define MAX_PAPER_BEYOND_SIDE 0.3

/* Whether a line seen from along = first to last has something darker than paper beyond it. */
static int has_table_beyond(const side_context *context, side_line line, int first, int last)
{
    int length = context->side < 2 ? pixGetHeight(context->smooth) : pixGetWidth(context->smooth);
    double seen_share = 1, whole_share = 1;
    double whole =
        brightness_outside(context->smooth, line, context->side, 0, length - 1, context->paper, &whole_share);
    if (whole < 0 || whole > MARGIN_BRIGHTNESS * context->paper)
        return 0;
    brightness_outside(context->smooth, line, context->side, first, last, context->paper, &seen_share);
    return seen_share <= MAX_PAPER_BEYOND_SIDE;
}

/*
 * Fits the dominant straight line through the points with RANSAC, then least
 * squares on its inliers. Clutter and text give scattered points; the page's
 * side gives the most (weighted) points on one line with the table beyond it
 * (a line with paper beyond is a text margin or the sheet's far side, and the
 * next best line is taken). Needs inliers on at least min_inliers scan lines.
 */
static side_line fit_side(const edge_point *points, int count, int expected, int min_inliers,
                          const side_context *context)
{
    side_line best = {0, 0, 0};
    double best_score = 0;
    unsigned seed = 12345u;
    if (count < 10)
        return best;
    /* 400 draws of two points: a side holding a fifth of the points is missed with odds (24/25)^400 */
    for (int trial = 0; trial < 400; trial++) {
        const edge_point *p = &points[next_random(&seed) % (unsigned)count];
        const edge_point *q = &points[next_random(&seed) % (unsigned)count];
        if (fabs(p->t - q->t) < expected / 8.0)
            continue; /* two points close together give a poorly defined slope */
        double a = (q->v - p->v) / (q->t - p->t);
        if (fabs(a) > MAX_SIDE_SLOPE)
            continue;
        double b = p->v - a * p->t, score = 0;
        double first = p->t;
        double last = first; /* the seen stretch of the line, widened by its inliers */
        int inliers = 0;
        for (int k = 0; k < count; k++) {
            if (fabs(a * points[k].t + b - points[k].v) > INLIER_DISTANCE)
                continue;
            score += points[k].weight;
            inliers++;
            first = points[k].t < first ? points[k].t : first;
            last = points[k].t > last ? points[k].t : last;
        }
        /* the look beyond is the costly part: only for a line that could become the side */
        if (score > best_score && inliers >= min_inliers &&
            has_table_beyond(context, (side_line){a, b, 1}, (int)first, (int)last)) {
            best_score = score;
            best.a = a;
            best.b = b;
        }
    }
    double st = 0, sv = 0, stt = 0, stv = 0;
    int n = 0;
    for (int k = 0; k < count; k++) {
        if (fabs(best.a * points[k].t + best.b - points[k].v) > INLIER_DISTANCE)
            continue;
        st += points[k].t, sv += points[k].v, stt += points[k].t * points[k].t,
            stv += points[k].t * points[k].v;
        n++;
    }
    /* A side must be seen along a good part of its length. */
    if (n < min_inliers)
        return best;
    double denominator = n * stt - st * st;
    if (n >= 2 && fabs(denominator) > 1e-9) {
        best.a = (n * stv - st * sv) / denominator;
        best.b = (sv - best.a * st) / n;
    }
    best.found = 1;
    return best;
}

/*
 * Edge runs kept per scan line. A table's grain or a cloth's weave can put
 * an edge or two before the sheet's side; the side still lines up across
 * scan lines where the texture does not. Each later run counts less, so an
 * outer line (the sheet) beats a rule or text margin inside it.
 */
#define RUNS_PER_LINE 4
static const double run_weight[RUNS_PER_LINE] = {1.0, 0.75, 0.5, 0.35};

/*
 * Scans from one border of the edge mask inward, along every other row or
 * column, and keeps the first RUNS_PER_LINE edge runs: a page's side is the
 * first strong straight edge met coming in from the table. side: 0 left,
 * 1 right, 2 top, 3 bottom.
 */
static side_line find_side(PIX *edges, PIX *smooth, double paper, int side)
{
    int width = pixGetWidth(edges), height = pixGetHeight(edges);
    int vertical = side < 2;
    int length = vertical ? height : width, depth = vertical ? width : height;
    edge_point *points = malloc(sizeof(edge_point) * (size_t)length * RUNS_PER_LINE);
    int count = 0;
    for (int along = 2; points && along < length - 2; along += 2) {
        int runs = 0;
        l_uint32 previous = 0;
        /* 4/5 of the way in: a sheet pushed to the far side of the frame still has its near side there */
        for (int step = 1; step < depth * 4 / 5 && runs < RUNS_PER_LINE; step++) {
            int inward = (side == 0 || side == 2) ? step : depth - 1 - step;
            l_uint32 on = 0;
            pixGetPixel(edges, vertical ? inward : along, vertical ? along : inward, &on);
            if (on && !previous)
                points[count++] = (edge_point){along, inward, run_weight[runs++]};
            previous = on;
        }
    }
    const side_context context = {smooth, paper, side};
    side_line line = fit_side(points, count, length / 2, length / 8, &context);
    free(points);
    return line;
}

/* The paper's brightness: the 90th percentile of the image's central half (mostly paper; text is darker). */
static double paper_brightness(PIX *gray)
{
    int width = pixGetWidth(gray), height = pixGetHeight(gray);
    int histogram[256] = {0}, count = 0;
    for (int y = height / 4; y < 3 * height / 4; y += 3) {
        for (int x = width / 4; x < 3 * width / 4; x += 3) {
            l_uint32 value = 0;
            pixGetPixel(gray, x, y, &value);
            histogram[value & 255]++;
            count++;
        }
    }
    int seen = 0;
    for (int value = 255; value >= 0; value--) {
        seen += histogram[value];
        if (seen >= count / 10)
            return value;
    }
    return 255;
}

/* Where a near-vertical side x = a1*y + b1 meets a near-horizontal one y = a2*x + b2. */
static void intersect(side_line upright, side_line level, l_float32 *x, l_float32 *y)
{
    double yy = (level.a * upright.b + level.b) / (1 - level.a * upright.a);
    *x = (l_float32)(upright.a * yy + upright.b);
    *y = (l_float32)yy;
}

/*
 * A page outline this share of the frame or less is clutter; this much or more is the frame itself.
 * A sheet photographed from standing height, tilted, covers 10-25% of the frame (measured on
 * generated photos: at 0.25 three of six hard perspective photos lost their page, and all the
 * fields with it); the sides must still stand out and have table beyond them.
 */
#define MIN_PAGE_AREA 0.08
#define MAX_PAGE_AREA 0.97
#define CORNER_SLACK 0.05 /* corners may sit just outside the frame: a sheet cut off by the photo's edge */
/*
 * Sobel strength on the smoothed copy that counts as an edge. Measured with
 * thresholds 8 to 64 on samples/ and a generated set of 24 (seed 7): from 8
 * to 24 the sheet is found in every phone photo (4 samples, 10 generated); at
 * 32, 11 of those 14 lose it or get another outline; no scan shows a page
 * at any. 16 outlined two generated photos better (6 wrong fields -> 3) but made
 * a phone sample misread into a scam sign, so 24 stays.
 */
#define EDGE_THRESHOLD 24
/*
 * For a side not found at EDGE_THRESHOLD: half as strong. Alone it let
 * text margins pass for sides (see above); as a second look for one side,
 * with the margin brightness check and the opposite-side check, it finds
 * dashed or faint sides (a light table, a blurred photo).
 */
#define WEAK_EDGE_THRESHOLD 12

/*
 * Whether four corners (top-left, top-right, bottom-right, bottom-left) make a
 * plausible page on a width x height image: inside the frame (give or take
 * CORNER_SLACK) and neither a speck nor the whole frame.
 */
static int page_is_plausible(const l_float32 corner_x[4], const l_float32 corner_y[4], int width, int height)
{
    double area = 0; /* shoelace */
    for (int i = 0; i < 4; i++)
        area += corner_x[i] * corner_y[(i + 1) % 4] - corner_x[(i + 1) % 4] * corner_y[i];
    double fraction = fabs(area) / 2 / ((double)width * height);
    int inside = 1;
    for (int i = 0; i < 4; i++)
        inside &= corner_x[i] > -CORNER_SLACK * width && corner_x[i] < (1 + CORNER_SLACK) * width &&
                  corner_y[i] > -CORNER_SLACK * height && corner_y[i] < (1 + CORNER_SLACK) * height;
    return inside && fraction > MIN_PAGE_AREA && fraction < MAX_PAGE_AREA;
}

/* Edges as a mask (strong edges on) of the Sobel strength image, at a threshold. */
static PIX *edge_mask(PIX *edge_strength, int threshold)
{
    PIX *edges = pixThresholdToBinary(edge_strength, threshold);
    if (edges)
        pixInvert(edges, edges);
    return edges;
}

/* Where a side crosses the middle of the frame, measured from its own border. */
static double side_depth(side_line line, int side, int width, int height)
{
    int vertical = side < 2;
    double at = line.a * (vertical ? height : width) / 2.0 + line.b;
    int depth = vertical ? width : height;
    return (side == 0 || side == 2) ? at : depth - 1 - at;
}

/*
 * Opposite sides this close (share of the frame) are one edge seen from both
 * borders: the page (a quarter of the frame or more) is wider than this.
 */
#define MIN_SIDE_SEPARATION 0.2

/* When two opposite sides are one edge, keeps it only for the border it is nearer to. */
static void separate_opposite_sides(side_line sides[4], int width, int height)
{
    for (int first = 0; first < 4; first += 2) {
        side_line *near = &sides[first], *far = &sides[first + 1];
        int depth = first == 0 ? width : height;
        if (!near->found || !far->found)
            continue;
        double near_depth = side_depth(*near, first, width, height);
        double far_depth = side_depth(*far, first + 1, width, height);
        if (depth - near_depth - far_depth >= MIN_SIDE_SEPARATION * depth)
            continue;
        if (near_depth > far_depth)
            near->found = 0;
        else
            far->found = 0;
    }
}

/*
 * The page's corners on the Sobel strength of a small smoothed copy. Each
 * side is the dominant straight edge met coming in from the border, first
 * on strong edges, then (for a side still missing: a page on a table of
 * nearly its own brightness, or a blurred photo) on weaker ones; a side not
 * found is taken to run off the frame. Returns 0, with why set, when fewer
 * than two sides stand out (a scan, a tight crop) or the outline is not a
 * plausible page.
 */
static int locate_corners(PIX *edge_strength, PIX *smooth, l_float32 corner_x[4], l_float32 corner_y[4],
                          const char **why)
{
    int width = pixGetWidth(edge_strength), height = pixGetHeight(edge_strength);
    side_line sides[4];
    double paper = paper_brightness(smooth);
    PIX *strong = edge_mask(edge_strength, EDGE_THRESHOLD), *weak = NULL;
    for (int side = 0; side < 4; side++) {
        sides[side] = strong ? find_side(strong, smooth, paper, side) : (side_line){0, 0, 0};
        if (!sides[side].found) {
            if (!weak)
                weak = edge_mask(edge_strength, WEAK_EDGE_THRESHOLD);
            sides[side] = weak ? find_side(weak, smooth, paper, side) : (side_line){0, 0, 0};
        }
    }
    pixDestroy(&strong);
    pixDestroy(&weak);
    separate_opposite_sides(sides, width, height);
    int found = 0;
    /* A side that runs off the frame is the frame's own border. */
    const side_line frame[4] = {{0, 0, 1}, {0, width - 1, 1}, {0, 0, 1}, {0, height - 1, 1}};
    for (int side = 0; side < 4; side++) {
        found += sides[side].found;
        if (!sides[side].found)
            sides[side] = frame[side];
    }
    intersect(sides[0], sides[2], &corner_x[0], &corner_y[0]);
    intersect(sides[1], sides[2], &corner_x[1], &corner_y[1]);
    intersect(sides[1], sides[3], &corner_x[2], &corner_y[2]);
    intersect(sides[0], sides[3], &corner_x[3], &corner_y[3]);
    if (found < 2) {
        *why = "fewer than two straight page sides stand out (a scan, a tight crop, or a table as light as "
               "the paper)";
        return 0;
    }
    if (!page_is_plausible(corner_x, corner_y, width, height)) {
        *why = "the outline found is not a plausible page (under a twelfth of the frame, the whole frame, or "
               "corners outside it)";
        return 0;
    }
    return 1;
}

/* Warps the quadrilateral at the corners (full-size pixels) of gray into an upright rectangle. */
static PIX *warp_page(PIX *gray, const l_float32 corner_x[4], const l_float32 corner_y[4])
{
    int width = pixGetWidth(gray), height = pixGetHeight(gray);
    l_float32 page_width = (distance(corner_x[0], corner_y[0], corner_x[1], corner_y[1]) +
                            distance(corner_x[3], corner_y[3], corner_x[2], corner_y[2])) /
                           2;
    l_float32 page_height = (distance(corner_x[0], corner_y[0], corner_x[3], corner_y[3]) +
                             distance(corner_x[1], corner_y[1], corner_x[2], corner_y[2])) /
                            2;
    PTA *source = ptaCreate(4), *target = ptaCreate(4);
    l_float32 target_x[4] = {0, page_width - 1, page_width - 1, 0};
    l_float32 target_y[4] = {0, 0, page_height - 1, page_height - 1};
    for (int i = 0; i < 4; i++) {
        ptaAddPt(source, corner_x[i], corner_y[i]);
        ptaAddPt(target, target_x[i], target_y[i]);
    }
    /* The warp keeps the input's size, so give it room for the whole page. */
    int canvas_width = (int)page_width > width ? (int)page_width : width;
    int canvas_height = (int)page_height > height ? (int)page_height : height;
    PIX *canvas = pixCreate(canvas_width, canvas_height, 8);
    if (canvas) {
        pixSetAll(canvas);
        pixRasterop(canvas, 0, 0, width, height, PIX_SRC, gray, 0, 0);
    }
    PIX *warped = canvas ? pixProjectivePta(canvas, target, source, L_BRING_IN_WHITE) : NULL;
    PIX *result = NULL;
    if (warped) {
        BOX *page_box = boxCreate(0, 0, (l_int32)page_width, (l_int32)page_height);
        result = pixClipRectangle(warped, page_box, NULL);
        boxDestroy(&page_box);
    }
    pixDestroy(&warped);
    pixDestroy(&canvas);
    ptaDestroy(&source);
    ptaDestroy(&target);
    return result;
}

/*
 * Finds the sheet of paper in a photo and flattens it (brightness is no
 * guide to the sheet: a shadow edge looks like a page edge, so its sides are
 * found as edges). Returns the flattened page, or NULL when no page stands
 * out (a scan, a tight crop), with why set: the page is then estimated from
 * its text block, or the whole image is used.
 */
static PIX *find_and_flatten_page(PIX *gray, const char **why)
{
    int width = pixGetWidth(gray), height = pixGetHeight(gray);
    int long_side = width > height ? width : height;
    float factor = long_side > PAGE_SEARCH_SIZE ? (float)PAGE_SEARCH_SIZE / long_side : 1.0f;
    PIX *small = pixScaleGrayLI(gray, factor, factor);
    PIX *smooth = small ? pixBlockconv(small, 2, 2) : NULL;
    PIX *edge_strength = smooth ? pixSobelEdgeFilter(smooth, L_ALL_EDGES) : NULL;
    PIX *result = NULL;
    l_float32 corner_x[4], corner_y[4];
    *why = "the image could not be searched for a page (out of memory)";
    if (edge_strength && locate_corners(edge_strength, smooth, corner_x, corner_y, why)) {
        for (int i = 0; i < 4; i++) {
            corner_x[i] /= factor;
            corner_y[i] /= factor;
        }
        result = warp_page(gray, corner_x, corner_y);
    }
    pixDestroy(&edge_strength);
    pixDestroy(&smooth);
    pixDestroy(&small);
    return result;
}

/*
 * Whether the frame's edges are paper all the way round, as on a scan: a scanner lights the glass
 * evenly and a notice keeps 4-6% margins, so every block of the band along the edges
 * (EDGE_BAND_SHARE of the long side deep) is as bright as the others and as the page's paper. A
 * photo's band holds table, cloth, another sheet or the light's fall-off toward the corners.
 * Measured (band blocks' darkest mean over their brightest): clean, office, scanner and fax scans
 * of the bench set and seed 2411 0.967-1.000, 216 phone photos of seeds 1414, 2401 and 2411
 * (ordinary, hard, combined, real wording) at most 0.79; the brightest block over the paper 0.85-1.00 on
 * those scans (a table of one even gray all round, never seen, is not paper).
 */
#define EDGE_BAND_SHARE 0.02
#define EDGE_BAND_EVENNESS 0.93    /* darkest block over brightest: scans 0.967 and up, photos 0.79 at most */
#define EDGE_BAND_PAPER_SHARE 0.75 /* brightest block over the page's paper: scans 0.85 and up */

int preprocess_frame_edges_are_paper(struct Pix *gray)
{
    if (!gray || pixGetDepth(gray) != 8)
        return 0;
    int width = pixGetWidth(gray), height = pixGetHeight(gray), wpl = pixGetWpl(gray);
    int long_side = width > height ? width : height;
    int depth = (int)(EDGE_BAND_SHARE * long_side);
    if (depth < 2 || depth * 4 > width || depth * 4 > height)
        return 0;
    const l_uint32 *data = pixGetData(gray);
    double darkest = 255, brightest = 0;
    /* square blocks along the top and the bottom, then down the left and the right side */
    for (int side = 0; side < 4; side++) {
        int along = side < 2 ? width : height;
        for (int start = 0; start + depth <= along; start += depth) {
            int x0 = side < 2 ? start : (side == 2 ? 0 : width - depth);
            int y0 = side < 2 ? (side == 0 ? 0 : height - depth) : start;
            long sum = 0;
            for (int y = y0; y < y0 + depth; y++) {
                const l_uint32 *row = data + (size_t)y * wpl;
                for (int x = x0; x < x0 + depth; x++)
                    sum += GET_DATA_BYTE(row, x);
            }
            double mean = (double)sum / ((double)depth * depth);
            darkest = mean < darkest ? mean : darkest;
            brightest = mean > brightest ? mean : brightest;
        }
    }
    return brightest > 0 && darkest >= EDGE_BAND_EVENNESS * brightest &&
           brightest >= EDGE_BAND_PAPER_SHARE * paper_brightness(gray);
}

/*
 * With no outline, the page estimated from its text block (preprocess_text_block.c): flattened with the
 * outline's warp when the text margins converge (a sheet seen at a slant), and cut to the block when clutter
 * (table, cloth, another sheet) lies beside the text, so it does not reach Tesseract's layout
 * analysis. NULL when neither applies (a scan, a sheet filling the frame square-on): the frame is read.
 */
static PIX *crop_to_text_block(PIX *gray)
{
    text_block block;
    if (preprocess_locate_text_block(gray, &block) != 0 || !block.found)
        return NULL;
    if (block.converging)
        return warp_page(gray, block.corner_x, block.corner_y);
    if (!block.cluttered)
        return NULL;
    BOX *box = boxCreate((l_int32)block.corner_x[0], (l_int32)block.corner_y[0],
                         (l_int32)(block.corner_x[2] - block.corner_x[0]),
                         (l_int32)(block.corner_y[2] - block.corner_y[0]));
    PIX *cropped = box ? pixClipRectangle(gray, box, NULL) : NULL;
    boxDestroy(&box);
    return cropped;
}

/*
 * Evening out the light. Leptonica's pixBackgroundNormSimple estimates the paper per tile from the
 * pixels brighter than a fixed level; on a dim or blurred photo the gray ink passes that level, the
 * paper under a text block is estimated darker than it is, and the block comes out as a bright box
 * (a halo) on a grayer page; Tesseract's layout then dropped whole blocks (measured on a generated
 * perspective photo: the header's value column, with the notice code and date, was not read at all).
 * Here the paper is estimated by a gray closing (the local maximum, then minimum) over a window wider
 * than any stroke, so ink never counts as paper, and the page is divided by that estimate.
 */
#define LIGHT_MAP_REDUCTION 4 /* the light changes over hundreds of pixels: a quarter-size map holds it */
#define LIGHT_MAP_CLOSING 9   /* at quarter size, 36 px: wider than the strokes of 80 px headings */
#define LIGHT_MAP_SMOOTHING 4 /* half-width at quarter size: the map's blocks and specks leave no edge */
#define EVEN_PAPER_LEVEL                                                                                     \
    200 /* where paper lands, as with pixBackgroundNormSimple: later levels assume it                        \
         */

/*
 * Where a full-size coordinate falls on the quarter-size map: the map pixel at or before it (*first,
 * clamped to the map) and the weight, in 1/256, of the next one. Map pixel j is centred on 4j + 1.5.
 */
static void map_position(int coordinate, int map_size, int *first, int *weight)
{
    int position = (coordinate * 2 + 1) * 256 / (2 * LIGHT_MAP_REDUCTION) - 128; /* (c + 0.5) / 4 - 0.5 */
    if (position < 0)
        position = 0;
    *first = position / 256;
    *weight = position % 256;
    if (*first >= map_size - 1) {
        *first = map_size > 1 ? map_size - 2 : 0;
        *weight = map_size > 1 ? 256 : 0;
    }
}

/* The paper map's gain (EVEN_PAPER_LEVEL / paper, in 1/256) along one full-size row, between map rows. */
static void gain_row(PIX *paper, int y, int *gain)
{
    int map_width = pixGetWidth(paper), first = 0, weight = 0;
    map_position(y, pixGetHeight(paper), &first, &weight);
    const l_uint32 *upper = pixGetData(paper) + (size_t)first * pixGetWpl(paper);
    const l_uint32 *lower = weight ? upper + pixGetWpl(paper) : upper;
    for (int x = 0; x < map_width; x++) {
        int level = (GET_DATA_BYTE(upper, x) * (256 - weight) + GET_DATA_BYTE(lower, x) * weight) / 256;
        gain[x] = EVEN_PAPER_LEVEL * 256 / (level > 0 ? level : 1);
    }
}

struct Pix *preprocess_even_light(struct Pix *gray)
{
    const l_float32 reduction = 1.0f / LIGHT_MAP_REDUCTION;
    PIX *reduced = pixScaleAreaMap(gray, reduction, reduction);
    PIX *closed = reduced ? pixCloseGray(reduced, LIGHT_MAP_CLOSING, LIGHT_MAP_CLOSING) : NULL;
    PIX *paper = closed ? pixBlockconv(closed, LIGHT_MAP_SMOOTHING, LIGHT_MAP_SMOOTHING) : NULL;
    PIX *even = paper ? pixCopy(NULL, gray) : NULL;
    int width = pixGetWidth(gray), height = pixGetHeight(gray), map_width = paper ? pixGetWidth(paper) : 0;
    /*
     * The map is interpolated (bilinear) as it is applied: its quarter-size blocks applied as blocks left
     * steps that an enlargement of a small photo made 12-16 px wide (measured on an evaluation set: two
     * small photos lost a field each).
     */
    int *gain = even ? calloc((size_t)map_width, sizeof(int)) : NULL;
    int *column = gain ? malloc(sizeof(int) * 2 * (size_t)width) : NULL;
    for (int x = 0; column && x < width; x++)
        map_position(x, map_width, &column[2 * (size_t)x], &column[2 * (size_t)x + 1]);
    for (int y = 0; column && y < height; y++) {
        gain_row(paper, y, gain);
        l_uint32 *line = pixGetData(even) + (size_t)y * pixGetWpl(even);
        for (int x = 0; x < width; x++) {
            int first = column[2 * (size_t)x], weight = column[2 * (size_t)x + 1];
            int next = weight ? gain[first + 1] : gain[first];
            int value = (GET_DATA_BYTE(line, x) * (gain[first] * (256 - weight) + next * weight)) >> 16;
            SET_DATA_BYTE(line, x, value > 255 ? 255 : value);
        }
    }
    if (even && !column)
        pixDestroy(&even);
    free(column);
    free(gain);
    pixDestroy(&paper);
    pixDestroy(&closed);
    pixDestroy(&reduced);
    return even;
}

static int compare_ints(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Median height of character-sized connected components of a binary page, 0 if none. */
static int measure_text_height(PIX *binary)
{
    BOXA *boxes = pixConnCompBB(binary, 8);
    int count = boxes ? boxaGetCount(boxes) : 0;
    int *heights = count ? malloc(sizeof(int) * (size_t)count) : NULL;
    int kept = 0;
    int page_height = pixGetHeight(binary);
    for (int i = 0; heights && i < count; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        /* characters: taller than specks, shorter than rules and pictures */
        if (h >= 6 && h < page_height / 12 && w <= 3 * h && w >= 2) /* wider than 3x tall: joined letters */
            heights[kept++] = h;
    }
    int median = 0;
    if (kept >= 30) { /* fewer than a line of characters measures noise */
        qsort(heights, (size_t)kept, sizeof(int), compare_ints);
        median = heights[kept / 2];
    }
    free(heights);
    boxaDestroy(&boxes);
    return median;
}

/*
 * Turns text upright from the text itself (ascenders and descenders), for
 * photos taken sideways or upside down with no EXIF tag. Leptonica's own
 * corrector wants the up/down signal 2.5 times the sideways one; photos of
 * notices, with their tables and rules, were measured at about 2.5 for a
 * plainly upside-down page, so the decision here asks for 1.5.
 *
 * A sheet found by its outline and flattened upright-tall (a notice is a portrait letter page)
 * cannot lie sideways: there the up/down signal decides alone, when it is as strong as Leptonica
 * asks of it (MIN_UP_CONFIDENCE). Measured: every page Leptonica left undecided on the bench set and
 * seeds 2401 and 2411 (4 of 275 photo pages) had a sideways signal as strong as the up/down one,
 * opposite in sign (up 5.9-9.0, left -4.5 to -8.5); Tesseract's OSD, asked instead, kept all four
 * as they were, at 310-420 ms a page, a third of reading it.
 */
#define MIN_UP_CONFIDENCE 5.0f
#define PORTRAIT_SHEET_RATIO 1.15 /* letter 1.29, A4 1.41; a sheet photographed sideways comes out wide */

int preprocess_orientation_from_signals(float up, float left, int portrait_sheet)
{
    l_int32 orientation = L_TEXT_ORIENT_UNKNOWN;
    if (makeOrientDecision(up, left, MIN_UP_CONFIDENCE, 1.5f, &orientation, 0) != 0)
        return -1;
    if (orientation == L_TEXT_ORIENT_UNKNOWN && portrait_sheet && fabsf(up) >= MIN_UP_CONFIDENCE)
        orientation = up > 0 ? L_TEXT_ORIENT_UP : L_TEXT_ORIENT_DOWN;
    return orientation == L_TEXT_ORIENT_UP      ? 0
           : orientation == L_TEXT_ORIENT_LEFT  ? 90
           : orientation == L_TEXT_ORIENT_DOWN  ? 180
           : orientation == L_TEXT_ORIENT_RIGHT ? 270
                                                : -1;
}

static PIX *orient_upright(PIX *binary, int portrait_sheet, int *rotation, int *known)
{
    l_float32 up = 0, left = 0;
    *rotation = 0;
    *known = 0;
    if (pixOrientDetect(binary, &up, &left, 0, 0) != 0)
        return NULL;
    int decided = preprocess_orientation_from_signals(up, left, portrait_sheet);
    *known = decided >= 0;
    *rotation = decided > 0 ? decided : 0;
    return image_rotate_clockwise(binary, *rotation);
}

/*
 * Curled or bent paper: Leptonica's dewarping, only where it applies. It
 * needs several long text lines (notices have fewer than the default 15,
 * hence 8) and is applied only when the lines really curve: on flat pages
 * the model is noise, and warping by noise costs accuracy. Measured: on a
 * notice's two-column layout Leptonica finds only 2-12 long lines, so most
 * pages build no model (curvature -1) and are left alone; a model cost
 * about 70 ms to try on the full page; on the reduced one 40 ms less (bench set).
 */
#define DEWARP_MIN_LINES 8
#define DEWARP_MIN_CURVATURE 20 /* micro-units; flat generated pages measured at 0-6 */
/*
 * The model is built on the binary page reduced 2x (Leptonica's redfactor 2, which scales the
 * model back up when applied): finding text lines by closing the full page cost 3-5% of a
 * page's CPU time (perf), and most pages build no model at all. Curvatures measured on the
 * reduced page are twice those of the full page (y = c x^2 with x and y halved).
 */
#define DEWARP_REDUCTION 2

static PIX *straighten_curl(PIX *binary, PIX *gray, int *curvature)
{
    *curvature = -1;
    /* rank 1: a reduced pixel is ink when any of its four is, so thin strokes stay whole */
    PIX *reduced = pixReduceRankBinaryCascade(binary, 1, 0, 0, 0);
    L_DEWARPA *dewa = reduced ? dewarpaCreate(1, 0, DEWARP_REDUCTION, DEWARP_MIN_LINES, 0) : NULL;
    if (!dewa) {
        pixDestroy(&reduced);
        return NULL;
    }
    dewarpaUseBothArrays(dewa, 1);
    dewarpaSetCheckColumns(dewa, 1);
    L_DEWARP *dew = dewarpCreate(reduced, 0);
    pixDestroy(&reduced); /* the model holds its own reference */
    PIX *result = NULL;
    if (dew && dewarpaInsertDewarp(dewa, dew) == 0 && dewarpBuildPageModel(dew, NULL) == 0 && dew->vsuccess) {
        int worst = abs(dew->maxcurv) > abs(dew->mincurv) ? abs(dew->maxcurv) : abs(dew->mincurv);
        worst /= DEWARP_REDUCTION;
        *curvature = worst;
        if (worst >= DEWARP_MIN_CURVATURE &&
            dewarpaApplyDisparity(dewa, 0, gray, 255, 0, 0, &result, NULL) != 0)
            result = NULL;
    }
    dewarpaDestroy(&dewa);
    return result;
}

static PIX *binarize(PIX *normalized, int text_height)
{
    PIX *binary = NULL;
    /* A window a few characters wide follows the light without eating strokes; 12 px holds a stroke. */
    int window = text_height > 0 ? 2 * text_height : (int)TARGET_TEXT_HEIGHT;
    if (window < 12)
        window = 12;
    /* Tiles of about 1000 px keep Leptonica's integral images small on big pages. */
    int tiles_x = pixGetWidth(normalized) / 1000 + 1, tiles_y = pixGetHeight(normalized) / 1000 + 1;
    /* k = 0.34 as in Leptonica's examples: a higher k (Sauvola used 0.5) whitens more faint strokes. */
    if (pixSauvolaBinarizeTiled(normalized, window, 0.34f, tiles_x, tiles_y, NULL, &binary) != 0)
        return pixThresholdToBinary(normalized, QUICK_THRESHOLD);
    return binary;
}

/*
 * Text at least this tall after scaling is thresholded at half size (Sauvola's window sums cost a
 * quarter as much) and the result enlarged back: the binary image only serves to orient, deskew and
 * find curl. Orienting the half-size image itself was measured wrong: 7 of 62 bench pages turned 90.
 */
#define HALF_SIZE_TEXT_HEIGHT 20

/* The images one page goes through, and where each step's image is saved. */
typedef struct page_images {
    PIX *gray;   /* the page in gray: found, flattened and scaled */
    PIX *even;   /* gray with the background evened out: what Tesseract reads */
    PIX *binary; /* thresholded: to orient, deskew and find curl */
    const char *stages_dir, *stem;
    int step;
    /*
     * The ink edges' widths along rows and along columns, as deblur_if_blurred measured them on even
     * (edges_measured 1) until even is replaced or scaled: sharpen_if_blurred then needs no new measure.
     */
    int edges_measured, edge_rows, edge_columns;
} page_images;

static void save_step(page_images *images, const char *name, PIX *pix)
{
    save_stage(images->stages_dir, images->stem, images->step++, name, pix);
}

/* images->even thresholded, at half size when the text is large enough; NULL on failure. */
static PIX *binarize_page(PIX *even, int text_height)
{
    if (text_height < HALF_SIZE_TEXT_HEIGHT)
        return binarize(even, text_height);
    PIX *half = pixScaleAreaMap2(even);
    PIX *half_binary = half ? binarize(half, text_height / 2) : NULL;
    PIX *binary = half_binary ? pixExpandBinaryPower2(half_binary, 2) : NULL;
    pixDestroy(&half_binary);
    pixDestroy(&half);
    return binary;
}

/*
 * Measures the text on a quick binarization of the evened-out page and
 * scales the page so its characters are TARGET_TEXT_HEIGHT pixels tall,
 * within [MIN_SCALE, MAX_SCALE] and MAX_OUTPUT_PIXELS. Leaves images->even
 * set for the final size (NULL on failure).
 */
#define MAX_SCALE 4.0        /* 24 / 6: smaller text is measured at twice its size, and more is guessing */
#define MIN_SCALE 0.3        /* 24 / 80: taller "characters" are more likely pictures or a misreading */
#define SCALE_TOLERANCE 0.15 /* resampling blurs: skip it when the text is within 15% of the target */
/*
 * Text this tall or taller is not enlarged: Tesseract scales every line to its network's height
 * itself, so a larger page only costs time (preprocessing and layout grow with the pixels).
 * Measured on the bench set: 200 DPI office scans and phone photos (16-20 px) were enlarged
 * 1.2-1.5x, 1.4-2.3x the pixels; not enlarging them kept all five fields right as often on an
 * evaluation set (seed 202612030940, N=3: 66.7% both ways, every tier the same).
 */
#define READABLE_TEXT_HEIGHT 16

/*
 * A page photographed about 1000 px wide has characters of 3-5 px, under what
 * measure_text_height counts, so it would be read unenlarged: measure such a
 * page again at twice its size. Only small images (a large one with no
 * countable characters is blank or a picture, and doubling it is costly).
 */
#define SMALL_PAGE_PIXELS (4L * 1000L * 1000L)

static int measure_small_text_height(PIX *gray)
{
    if ((long)pixGetWidth(gray) * pixGetHeight(gray) > SMALL_PAGE_PIXELS)
        return 0;
    PIX *doubled = pixScale(gray, 2.0f, 2.0f);
    PIX *even = doubled ? preprocess_even_light(doubled) : NULL;
    PIX *quick = even ? pixThresholdToBinary(even, TEXT_MEASURE_THRESHOLD) : NULL;
    int doubled_height = quick ? measure_text_height(quick) : 0;
    pixDestroy(&quick);
    pixDestroy(&even);
    pixDestroy(&doubled);
    return (doubled_height + 1) / 2;
}

/*
 * Undoing a strong blur. Unsharp masking (sharpen_if_blurred) only steepens edges; where the blur
 * is wide, Richardson-Lucy deconvolution with the blur's own shape brings back strokes that masking
 * cannot (deblur.c). It runs on the evened page before it is enlarged (a quarter of the pixels or
 * fewer), and only on pages measured blurred: a scan's edges are 1-2 px and never reach it.
 * Measured on an evaluation set (seed 202612032011, 18 blurred hard and combined photos): all five
 * fields right on 7 against 5, 56 fields right against 48; motion-blurred photos 4 of 7 against 2.
 */
#define SCAN_EDGE_WIDTH 2 /* px: the widest ink edges measured on clean and office scans */
#define FOCUS_BLUR_EDGE_WIDTH                                                                                \
    5 /* px at the page's own scale, both ways: focus-blurred photos measured 5-8, ordinary ones 2-4 */
/*
 * A Gaussian's sigma from the edge width: a blurred stroke's 10-90% rise is 2-2.6 sigma, but
 * header lines read best (tesseract on a blurred header, sigma tried from 1.6 to 3.6) at a third
 * of the width; larger sigmas ring and turn "2023" into "2073".
 */
#define FOCUS_EDGE_WIDTHS_PER_SIGMA 3.0
/*
 * Iterations, for each shape of blur. On one header, 10 left lines half read and 40 focus iterations read
 * no better than 20; on the blurred photos of four evaluation sets (seeds 202612050305, 0400, 0435 and
 * 0620: 119 hard and combined), fields right went 374 (20 focus, 10 motion) -> 386 (40 focus) -> 401
 * (40 both), all five right 44 -> 50; 80 of either read no more. Only photos measured blurred pay
 * for it (20 of them: 64 -> 70 CPU s, with deblur.c's vectorized shifts); scans never reach it.
 */
#define FOCUS_ITERATIONS 40
/*
 * A shake is looked for where the blurrier direction is at least this wide: ordinary photos
 * measure 2-4, scans 1-2 (the estimate costs a pass over the page, so scans never pay it).
 */
#define MOTION_MIN_EDGE_WIDTH 3
#define MOTION_ITERATIONS 40

/* Replaces images->even by a sharper copy, when one could be made (saved as the step named); 1 if so. */
static int replace_even(page_images *images, PIX *sharper, const char *step)
{
    if (!sharper)
        return 0;
    pixDestroy(&images->even);
    images->even = sharper;
    images->edges_measured = 0;
    save_step(images, step, images->even);
    return 1;
}

/*
 * Deconvolution holds three float copies of the page (12 bytes a pixel): above 8 MP (a 3000 x 2700
 * page, larger than any photographed page of the evaluation sets, 2-6 MP) it is skipped, and
 * unsharp masking alone applies, so memory stays within ~100 MB.
 */
#define MAX_DEBLUR_PIXELS (8L * 1000L * 1000L)

static void deblur_if_blurred(page_images *images, preprocess_report *report)
{
    if ((long)pixGetWidth(images->even) * pixGetHeight(images->even) > MAX_DEBLUR_PIXELS)
        return;
    int along_rows = preprocess_edge_width_along(images->even, 0);
    /* columns always (~7 ms): a shake along the columns leaves the rows as sharp as a scan's */
    int along_columns = preprocess_edge_width_along(images->even, 1);
    images->edges_measured = 1;
    images->edge_rows = along_rows;
    images->edge_columns = along_columns;
    int sharper_way = along_rows < along_columns ? along_rows : along_columns;
    int blurrier_way = along_rows > along_columns ? along_rows : along_columns;
    if (sharper_way >= FOCUS_BLUR_EDGE_WIDTH) {
        double sigma = sharper_way / FOCUS_EDGE_WIDTHS_PER_SIGMA;
        report->deblurred =
            replace_even(images, deblur_gaussian(images->even, sigma, FOCUS_ITERATIONS), "deblurred");
        return;
    }
    if (blurrier_way < MOTION_MIN_EDGE_WIDTH)
        return;
    motion_estimate motion;
    if (deblur_find_shake(images->even, &motion))
        report->deblurred = replace_even(
            images, deblur_motion(images->even, motion.length, motion.angle_degrees, MOTION_ITERATIONS),
            "deblurred");
}

static void scale_to_text_size(page_images *images, preprocess_report *report)
{
    images->even = preprocess_even_light(images->gray);
    PIX *quick = images->even ? pixThresholdToBinary(images->even, TEXT_MEASURE_THRESHOLD) : NULL;
    report->text_height = quick ? measure_text_height(quick) : 0;
    pixDestroy(&quick);
    if (report->text_height == 0 && images->even)
        report->text_height = measure_small_text_height(images->gray);
    double target = report->text_height < READABLE_TEXT_HEIGHT ? ENLARGED_TEXT_HEIGHT : TARGET_TEXT_HEIGHT;
    double scale = report->text_height > 0 ? target / report->text_height : 1.0;
    if (scale > MAX_SCALE)
        scale = MAX_SCALE;
    if (scale < MIN_SCALE)
        scale = MIN_SCALE;
    double pixels = (double)pixGetWidth(images->gray) * pixGetHeight(images->gray) * scale * scale;
    if (pixels > MAX_OUTPUT_PIXELS)
        scale = sqrt(MAX_OUTPUT_PIXELS / ((double)pixGetWidth(images->gray) * pixGetHeight(images->gray)));
    if (scale > 1.0 && report->text_height >= READABLE_TEXT_HEIGHT)
        scale = 1.0;
    if (images->even)
        deblur_if_blurred(images, report);
    /* The evened page is scaled as it is: evening the scaled page again only cost time. */
    if (fabs(scale - 1.0) > SCALE_TOLERANCE && images->even) {
        PIX *scaled = pixScale(images->even, (l_float32)scale, (l_float32)scale);
        if (scaled) {
            report->scale = (float)scale;
            pixDestroy(&images->even);
            images->even = scaled;
            images->edges_measured = 0;
            save_step(images, "scaled", images->even);
        }
    }
}

/*
 * Blur. A phone out of focus or shaken spreads each ink edge over several
 * pixels; Tesseract's own threshold then drops the grey strokes (measured:
 * a focus-blurred page lost every field, the same page unsharp-masked kept
 * them). The spread is measured where it matters, on the page at its final
 * scale (an upscaled small photo is soft too): the median 10-90% rise width
 * of the ink edges met along sampled rows and columns.
 */
#define EDGE_MIN_RISE 40  /* gray levels: paper to ink on an evened page is 100+; noise and specks less */
#define EDGE_NOISE_STEP 3 /* a step back this small (sensor noise, JPEG) does not end an edge */
#define EDGE_SAMPLE_ROWS                                                                                     \
    300                   /* rows (and columns) looked at: thousands of edges on a page of text, in ~1 ms */
#define EDGE_MAX_WIDTH 60 /* px: a wider rise is lighting (shadow, gradient), not an ink edge */

/* The 10-90% width of the monotonic rise or fall values[start..end]. */
static int rise_width(const l_uint8 *values, int start, int end)
{
    int low = values[start], high = values[end], span = high - low;
    int first = -1, last = end;
    for (int x = start; x <= end; x++) {
        int progress = (values[x] - low) * 10; /* in tenths of the span, signed with it */
        if (first < 0 && abs(progress) > abs(span))
            first = x;
        if (abs(progress) >= 9 * abs(span)) {
            last = x;
            break;
        }
    }
    return first < 0 ? 0 : last - first + 1;
}

/* Adds the widths of the ink edges along one row to widths (at most room); returns how many. */
static int row_edge_widths(const l_uint8 *values, int width, int *widths, int room)
{
    int count = 0, start = 0, direction = 0;
    for (int x = 1; x < width && count < room; x++) {
        int step = values[x] - values[x - 1];
        int backward = direction * step < -EDGE_NOISE_STEP || (direction == 0 && step == 0);
        if (direction == 0 && step != 0)
            direction = step > 0 ? 1 : -1;
        else if (backward || x == width - 1) {
            int rise = abs(values[x - 1] - values[start]);
            int spread = rise >= EDGE_MIN_RISE ? rise_width(values, start, x - 1) : 0;
            if (spread > 0 && spread <= EDGE_MAX_WIDTH)
                widths[count++] = spread;
            start = x - 1;
            direction = step > 0 ? 1 : step < 0 ? -1 : 0;
        }
    }
    return count;
}

int preprocess_edge_width_along(struct Pix *gray, int across)
{
    if (pixGetDepth(gray) != 8 || pixGetHeight(gray) < 3 || pixGetWidth(gray) < 3)
        return 0;
    int width = pixGetWidth(gray), height = pixGetHeight(gray), room = 64 * EDGE_SAMPLE_ROWS;
    int length = across ? height : width, lines = across ? width : height;
    int *widths = malloc(sizeof(int) * (size_t)room), count = 0;
    l_uint8 *values = malloc((size_t)length);
    const l_uint32 *data = pixGetData(gray);
    int wpl = pixGetWpl(gray);
    int line_step = lines > EDGE_SAMPLE_ROWS ? lines / EDGE_SAMPLE_ROWS : 1;
    for (int line = line_step / 2; widths && values && line < lines && count < room; line += line_step) {
        for (int i = 0; i < length; i++)
            values[i] = across ? GET_DATA_BYTE(data + (size_t)i * wpl, line)
                               : GET_DATA_BYTE(data + (size_t)line * wpl, i);
        count += row_edge_widths(values, length, widths + count, room - count);
    }
    int median = 0;
    if (count >= 50) { /* fewer edges than a line of text: no text to judge */
        qsort(widths, (size_t)count, sizeof(int), compare_ints);
        median = widths[count / 2];
    }
    free(values);
    free(widths);
    return median;
}

/*
 * Rows and columns both: a shaken phone blurs along one direction, and rows alone measured a
 * vertical motion blur as a sharp page (3-4 px) and a horizontal one as out of focus. The worse
 * direction is the page's blur; sharpen_if_blurred also asks the other.
 */
int preprocess_edge_width(struct Pix *gray)
{
    int along_rows = preprocess_edge_width_along(gray, 0),
        along_columns = preprocess_edge_width_along(gray, 1);
    return along_rows > along_columns ? along_rows : along_columns;
}

/*
 * Unsharp masking undoes part of a blur: the page plus amount times its
 * difference from a smoothed copy. The smoothing is near-Gaussian (a box
 * filter applied twice, linear time) with a sigma tied to the measured edge
 * width, so a softer page is sharpened over a wider reach.
 */
#define SHARPEN_SIGMA_PER_EDGE_WIDTH                                                                         \
    0.6 /* a Gaussian blur's 10-90% edge is 2.56 sigma: reach a bit past it */
#define SHARPEN_AMOUNT                                                                                       \
    2.0 /* measured on blurred pages: 1.0 left the strokes gray, 3.0 turned JPEG noise into specks */

struct Pix *preprocess_sharpen(struct Pix *gray, int edge_width)
{
    double sigma = SHARPEN_SIGMA_PER_EDGE_WIDTH * edge_width;
    /* two boxes of half-width h give a variance of 2 * ((2h+1)^2 - 1) / 12, about (1.1 h)^2 */
    int halfwidth = (int)lround(sigma / 1.1) > 1 ? (int)lround(sigma / 1.1) : 1;
    PIX *once = pixBlockconvGray(gray, NULL, halfwidth, halfwidth);
    PIX *smooth = once ? pixBlockconvGray(once, NULL, halfwidth, halfwidth) : NULL;
    PIX *sharp = smooth ? pixCopy(NULL, gray) : NULL;
    for (int y = 0; sharp && y < pixGetHeight(gray); y++) {
        l_uint32 *line = pixGetData(sharp) + (size_t)y * pixGetWpl(sharp);
        const l_uint32 *soft = pixGetData(smooth) + (size_t)y * pixGetWpl(smooth);
        for (int x = 0; x < pixGetWidth(gray); x++) {
            int value = GET_DATA_BYTE(line, x);
            int boosted = (int)lround(value + SHARPEN_AMOUNT * (value - (int)GET_DATA_BYTE(soft, x)));
            SET_DATA_BYTE(line, x, boosted < 0 ? 0 : boosted > 255 ? 255 : boosted);
        }
    }
    pixDestroy(&smooth);
    pixDestroy(&once);
    return sharp;
}

/*
 * Edges this wide (at the final scale) are sharpened. Measured: scans 1-2 px, phone photos 3-6,
 * focus-blurred photos 7-11; sharpening from 5 on read more fields on a hard set (seed 131301)
 * and changed nothing on its scans, which stay below it.
 */
#define BLURRED_EDGE_WIDTH 5
/*
 * Only a blur both ways (out of focus, or a shake at a slant) is sharpened: unsharp masking a page
 * shaken along its columns turned the sharp direction's JPEG noise into specks (measured on two
 * generated motion-blurred photos: sharpened, both lost the notice code, and one every amount and
 * date; left alone, they kept them), and a directional mask did no better.
 */

static void sharpen_if_blurred(page_images *images, preprocess_report *report)
{
    /* the page as deblur_if_blurred measured it, when it is still that page (unscaled, not deblurred) */
    int measured = images->edges_measured;
    int along_rows = measured ? images->edge_rows : preprocess_edge_width_along(images->even, 0);
    /* a scan's edges (1-2 px along rows) are sharp both ways: its columns are not measured (7 ms a page) */
    int along_columns = along_rows <= SCAN_EDGE_WIDTH ? along_rows
                        : measured                    ? images->edge_columns
                                                      : preprocess_edge_width_along(images->even, 1);
    int sharper_way = along_rows < along_columns ? along_rows : along_columns;
    report->edge_width = along_rows > along_columns ? along_rows : along_columns;
    if (sharper_way < BLURRED_EDGE_WIDTH || report->deblurred) /* masking a deblurred page left halos */
        return;
    report->sharpened = replace_even(images, preprocess_sharpen(images->even, sharper_way), "sharpened");
}

/*
 * Sensor noise. A photo taken in dim light carries grain that evening out the light keeps: on a
 * dim kitchen-light photo the paper's pixels spread +-8 levels after scaling, and Tesseract's
 * layout took the header's small text for a picture and read none of it (the notice code and
 * date lost). The grain is measured on paper with no ink near it (so stroke edges do not count),
 * as the mean difference between a pixel and the mean of its 5x5 neighbourhood, and smoothed
 * with a bilateral filter: neighbours differing by more than a few grain steps (ink against
 * paper) are not averaged, so strokes keep their edges. Measured on three evaluation sets (seeds
 * 202612041500, 1700, 1735): 32 pages filtered (12 dim photos, 20 damaged scans whose frame edges
 * are not paper), all five fields right on 31 against 26 unfiltered, none lost; on the sets' 19 dim photos
 * a 3x3 median or box filter won 3 and lost fields on enlarged pages, whose strokes they thinned.
 */
#define NOISE_PAPER_LEVEL 150    /* the evened paper lands near 200, ink far below: brighter is paper */
#define NOISE_INK_CLEARANCE 9    /* px: the window that must hold no ink around a measured pixel */
#define NOISY_PAPER_STEP 1.0     /* levels: ordinary photos measure 0.1-0.9, dim ones mostly 1-14 */
#define NOISE_BANDS 8            /* grain is everywhere: 8 bands across the page measure it (a full page */
#define NOISE_BAND_HEIGHT 64     /* of 7 MP took 100 ms, the bands 1/6 of that) */
#define GRAIN_SPATIAL_SIGMA 2.0f /* px at the final scale: the grain's blotches, not a stroke's width */
#define GRAIN_RANGE_PER_STEP 3.0 /* neighbours within ~3 grain steps are paper (or ink) like the pixel */
#define GRAIN_RANGE_FLOOR 10.0   /* levels: ink against paper differs by 80 and more */
#define BILATERAL_LEVELS 8       /* Leptonica's range images (4-30; times the range it must reach 100) */
#define BILATERAL_REDUCTION 2    /* range images at half size: as many fields right as full size, 3x faster */

/* Adds up one band's grain: each paper pixel's difference from its 5x5 mean, on every other row. */
static void add_band_noise(PIX *band, double *steps, long *count)
{
    PIX *clear = pixErodeGray(band, NOISE_INK_CLEARANCE, NOISE_INK_CLEARANCE); /* the darkest around */
    PIX *local = clear ? pixBlockconvGray(band, NULL, 2, 2) : NULL;
    for (int y = 0; local && y < pixGetHeight(band); y += 2) {
        const l_uint32 *line = pixGetData(band) + (size_t)y * pixGetWpl(band);
        const l_uint32 *around = pixGetData(clear) + (size_t)y * pixGetWpl(clear);
        const l_uint32 *mean = pixGetData(local) + (size_t)y * pixGetWpl(local);
        for (int x = 0; x < pixGetWidth(band); x++) {
            if (GET_DATA_BYTE(around, x) < NOISE_PAPER_LEVEL)
                continue;
            *steps += abs((int)GET_DATA_BYTE(line, x) - (int)GET_DATA_BYTE(mean, x));
            (*count)++;
        }
    }
    pixDestroy(&local);
    pixDestroy(&clear);
}

double preprocess_paper_noise(struct Pix *even)
{
    int width = pixGetWidth(even), height = pixGetHeight(even);
    double steps = 0;
    long count = 0;
    for (int i = 0; i < NOISE_BANDS; i++) {
        int top = height * (2 * i + 1) / (2 * NOISE_BANDS) - NOISE_BAND_HEIGHT / 2;
        BOX *where = boxCreate(0, top > 0 ? top : 0, width, NOISE_BAND_HEIGHT);
        PIX *band = where ? pixClipRectangle(even, where, NULL) : NULL;
        if (band)
            add_band_noise(band, &steps, &count);
        pixDestroy(&band);
        boxDestroy(&where);
    }
    return count ? steps / (double)count : 0.0;
}

static void denoise_if_noisy(page_images *images, preprocess_report *report)
{
    report->paper_noise = (float)preprocess_paper_noise(images->even);
    if (report->paper_noise < NOISY_PAPER_STEP)
        return;
    PIX *smooth = pixBilateral(images->even, GRAIN_SPATIAL_SIGMA,
                               (l_float32)(GRAIN_RANGE_PER_STEP * report->paper_noise + GRAIN_RANGE_FLOOR),
                               BILATERAL_LEVELS, BILATERAL_REDUCTION);
    report->denoised = replace_even(images, smooth, "denoised");
}

/* Turns both images upright when the text says the page lies sideways or upside down. */
static void turn_upright(page_images *images, preprocess_report *report)
{
    int rotation = 0;
    int portrait_sheet = report->page_found &&
                         pixGetHeight(images->binary) >= PORTRAIT_SHEET_RATIO * pixGetWidth(images->binary);
    PIX *upright = orient_upright(images->binary, portrait_sheet, &rotation, &report->orientation_known);
    if (upright && rotation != 0) {
        report->rotation = rotation;
        pixDestroy(&images->binary);
        images->binary = upright;
        PIX *turned = image_rotate_clockwise(images->even, rotation);
        pixDestroy(&images->even);
        images->even = turned;
        save_step(images, "upright", images->binary);
    } else {
        pixDestroy(&upright);
    }
}

/*
 * Below this the page is not turned: Leptonica's own deskew leaves such angles too (a tenth of a
 * degree moves a 2500 px line by 4 px, which Tesseract's baselines follow), and turning a whole
 * page by area mapping took about 2% of a page's CPU time (perf) on scans that measured 0.01.
 */
#define MIN_DESKEW_DEGREES 0.1

/* Measures the skew on the binary page (reduced 2x: fast, still precise) and straightens both images. */
static void deskew(page_images *images, preprocess_report *report)
{
    l_float32 angle = 0, confidence = 0;
    PIX *deskewed = pixFindSkewAndDeskew(images->binary, 2, &angle, &confidence);
    if (!deskewed)
        return;
    report->skew_degrees = confidence > 0 && fabsf(angle) >= MIN_DESKEW_DEGREES ? angle : 0;
    pixDestroy(&images->binary);
    images->binary = deskewed;
    if (report->skew_degrees != 0) {
        PIX *straight = pixRotate(images->even, (l_float32)(report->skew_degrees * M_PI / 180.0),
                                  L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
        if (straight) {
            pixDestroy(&images->even);
            images->even = straight;
        }
        save_step(images, "deskewed", images->binary);
    }
}

struct Pix *preprocess_page(struct Pix *page, preprocess_report *report, const char *stages_dir,
                            const char *stem, char *err, size_t errlen)
{
    memset(report, 0, sizeof *report);
    report->scale = 1.0f;
    page_images images = {to_gray(page), NULL, NULL, stages_dir, stem, 0, 0, 0, 0};
    if (!images.gray) {
        ns_error_set(err, errlen, "cannot convert the image to gray");
        return NULL;
    }
    brighten_if_dim(images.gray);
    save_step(&images, "gray", images.gray);
    /*
     * A frame with paper all round its edges (a scan) shows no sheet's sides and nothing beside its
     * text: neither the outline nor the text block is looked for (the two cost 75-85 ms of a scan page,
     * and found nothing on any scan they were measured on).
     */
    int scanned = preprocess_frame_edges_are_paper(images.gray);
    PIX *flat = scanned ? NULL : find_and_flatten_page(images.gray, &report->page_note);
    report->page_from = flat ? "outline" : "frame";
    if (scanned) {
        report->page_note =
            "paper all round the frame's edges (a scan, or a sheet filling the frame square-on): "
            "no page sides to find";
    } else if (flat) {
        report->page_found = 1;
        report->page_note = NULL;
    } else if ((flat = crop_to_text_block(images.gray)) != NULL) {
        report->page_from = "text_block";
    }
    if (flat) {
        pixDestroy(&images.gray);
        images.gray = flat;
        save_step(&images, report->page_found ? "page" : "text-block", images.gray);
    }
    scale_to_text_size(&images, report);
    if (!images.even) {
        pixDestroy(&images.gray);
        ns_error_set(err, errlen, "background normalization failed");
        return NULL;
    }
    save_step(&images, "background", images.even);
    report->paper_noise = -1.0f; /* not measured */
    if (!scanned) /* office scans read right, and their paper's texture (1.4-6) would cost them the filter */
        denoise_if_noisy(&images, report);
    sharpen_if_blurred(&images, report);
    int scaled_text_height = report->text_height > 0 ? (int)(report->text_height * report->scale) : 0;
    images.binary = binarize_page(images.even, scaled_text_height);
    pixDestroy(&images.gray);
    if (!images.binary) {
        pixDestroy(&images.even);
        ns_error_set(err, errlen, "binarization failed");
        return NULL;
    }
    save_step(&images, "binary", images.binary);
    turn_upright(&images, report);
    deskew(&images, report);
    PIX *flattened = straighten_curl(images.binary, images.even, &report->curvature);
    if (flattened) {
        report->dewarped = 1;
        pixDestroy(&images.even);
        images.even = flattened;
        save_step(&images, "dewarped", images.even);
    }
    /*
     * Tesseract reads the evened-out gray page, not our binary one: its own
     * threshold on an evenly lit page kept more of blurred, low-resolution
     * and JPEG-damaged text (measured on the evaluation set: all five fields
     * right on 88% of documents against 80% from the Sauvola image). The
     * binary image served to measure, orient and deskew.
     */
    pixDestroy(&images.binary);
    /*
     * Its paper, evened to EVEN_PAPER_LEVEL, is made white: Tesseract's line recognizer read a clean
     * scan's "CP11" as "CP1i1" on paper at 200 and as "CP11" at 255 (set 202612050305 doc-0292).
     */
    pixGammaTRC(images.even, images.even, 1.0f, 0, EVEN_PAPER_LEVEL);
    save_step(&images, "ocr-input", images.even);
    report->width = pixGetWidth(images.even);
    report->height = pixGetHeight(images.even);
    return images.even;
}
