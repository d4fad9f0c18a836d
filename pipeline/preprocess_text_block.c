/*
 * preprocess_text_block.c - the page estimated from its printed text, for a frame where no page outline
 * stands out: a photo of a sheet larger than the frame, a sheet on a table of its own brightness, a scan.
 *
 * The search runs on a reduced, evened-out copy thresholded once. Character-sized pieces are joined
 * along their lines by a closing as wide as a word gap; what joins into a long, low piece is a text
 * line, what does not (table texture, a wood grain knot, sensor noise) is left out, and a rule or a
 * table edge is too long and thin to be a character in the first place. A page turned a quarter has
 * its lines upright, so both directions are tried and the one with more word length wins.
 */
#include "preprocess_text_block.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "preprocess.h"

/*
 * Long side of the copy searched: a 300 DPI letter scan (3300 px) is halved and its 26 px text
 * becomes 13 px, still cut out whole; a photo of about 1000 px is searched as it is.
 */
#define SEARCH_SIZE 1600
#define INK_THRESHOLD 130      /* on the evened copy (paper at 200): ink, as for measuring text height */
#define MIN_CHARACTER_HEIGHT 3 /* px on the copy: a 1000 px photo's characters measure 3-5 px */
#define MAX_CHARACTER_SHARE 25 /* a character is under 1/25 of the copy's long side (headings included) */
/*
 * A piece wider than 12x its height is a rule or a table edge. Blurred words join into one piece (a
 * motion-blurred name of 10 letters measured 7x its height), so pieces up to that width still count
 * as text; only those under 3x their height (letters, short joined groups) measure its height.
 */
#define MAX_PIECE_ASPECT 12
#define MAX_CHARACTER_ASPECT 3
/* A word gap is about half a character height; 1.5 heights joins words into lines, not lines together. */
#define LINE_JOIN_HEIGHTS 1.5
/*
 * Which way the lines run is told with a closing that joins letters into words (their gaps are under
 * a third of a height) but not a letter to the one below it (a line gap is more than a height): at
 * 1.5 heights, letters of drawn lines 24 px apart joined down the page as well as along it.
 */
#define WORD_JOIN_HEIGHTS 0.8
#define MIN_LINE_ASPECT 3.0 /* a line piece at least 3x as long as tall: 3 characters or more */
/*
 * A line piece is up to 4 median character heights tall: the median is near the x-height, a line with
 * ascenders and descenders measured 2x it, a scan line of large OCR digits 2.9x; taller is a picture.
 */
#define MAX_LINE_HEIGHTS 4.0
/*
 * A line with no other line within 8 character heights of it is a stray piece of texture. A notice's
 * loneliest lines sit closer: the stub's scan line of a generated office scan (seed 202612031640,
 * doc-0006) lies 6.5 heights below the address above it. Not measured on real clutter: neither
 * evaluation set had a cluttered photo whose outline was not found.
 */
#define NEIGHBOUR_HEIGHTS 8.0
#define MIN_LINES 5        /* fewer lines than a short letter's do not place a block */
#define MARGIN_HEIGHTS 2.0 /* room left around the text: Tesseract wants a white border */

typedef struct line_box {
    double x0, y0, x1, y1;
} line_box;

typedef struct line_set {
    line_box *lines;
    int count;
    double height; /* median character height, on the copy */
    double length; /* summed line length: how text-like this direction is */
} line_set;

/* The reduced copy, evened out and thresholded at INK_THRESHOLD: ink on. */
static PIX *quick_binary(PIX *gray, float factor)
{
    PIX *small = factor < 1.0f ? pixScale(gray, factor, factor) : pixClone(gray);
    PIX *even = small ? preprocess_even_light(small) : NULL;
    PIX *binary = even ? pixThresholdToBinary(even, INK_THRESHOLD) : NULL;
    pixDestroy(&even);
    pixDestroy(&small);
    return binary;
}

/* Character-sized pieces of binary, painted as filled boxes; their median height in *height. */
static PIX *character_mask(PIX *binary, double *height)
{
    BOXA *boxes = pixConnCompBB(binary, 8);
    int count = boxes ? boxaGetCount(boxes) : 0;
    int long_side = pixGetWidth(binary) > pixGetHeight(binary) ? pixGetWidth(binary) : pixGetHeight(binary);
    NUMA *heights = numaCreate(count);
    PIX *mask = boxes && heights ? pixCreateTemplate(binary) : NULL;
    for (int i = 0; mask && i < count; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        if (h < MIN_CHARACTER_HEIGHT || h > long_side / MAX_CHARACTER_SHARE || w > MAX_PIECE_ASPECT * h)
            continue;
        if (w <= MAX_CHARACTER_ASPECT * h)
            numaAddNumber(heights, (l_float32)h);
        pixRasterop(mask, x, y, w, h, PIX_SET, NULL, 0, 0);
    }
    l_float32 median = 0;
    if (heights && numaGetCount(heights) > 0)
        numaGetMedian(heights, &median);
    *height = median;
    numaDestroy(&heights);
    boxaDestroy(&boxes);
    return mask;
}

/* Whether line i has another line within NEIGHBOUR_HEIGHTS of it, any way. */
static int has_neighbour(const line_box *lines, int count, int i, double height)
{
    for (int j = 0; j < count; j++) {
        double gap_x = fmax(lines[j].x0 - lines[i].x1, lines[i].x0 - lines[j].x1);
        double gap_y = fmax(lines[j].y0 - lines[i].y1, lines[i].y0 - lines[j].y1);
        if (j != i && fmax(gap_x, gap_y) < NEIGHBOUR_HEIGHTS * height)
            return 1;
    }
    return 0;
}

/*
 * The text lines of a character mask whose lines run along x, its pieces joined join_heights apart:
 * long, low pieces with neighbours.
 */
static line_set find_lines(PIX *mask, double height, double join_heights)
{
    line_set set = {NULL, 0, height, 0};
    int join = (int)(join_heights * height + 0.5);
    PIX *joined = height > 0 ? pixCloseBrick(NULL, mask, join < 2 ? 2 : join, 1) : NULL;
    BOXA *boxes = joined ? pixConnCompBB(joined, 8) : NULL;
    int count = boxes ? boxaGetCount(boxes) : 0;
    line_box *pieces = count ? malloc(sizeof(line_box) * (size_t)count) : NULL;
    int pieces_count = 0;
    for (int i = 0; pieces && i < count; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        if (w >= MIN_LINE_ASPECT * h && h <= MAX_LINE_HEIGHTS * height)
            pieces[pieces_count++] = (line_box){x, y, x + w - 1, y + h - 1};
    }
    set.lines = pieces_count ? malloc(sizeof(line_box) * (size_t)pieces_count) : NULL;
    for (int i = 0; set.lines && i < pieces_count; i++) {
        if (!has_neighbour(pieces, pieces_count, i, height))
            continue;
        set.lines[set.count++] = pieces[i];
        set.length += pieces[i].x1 - pieces[i].x0 + 1;
    }
    free(pieces);
    boxaDestroy(&boxes);
    pixDestroy(&joined);
    return set;
}

/*
 * A text margin: the line t -> a*t + b (t along the margin, v across it) that the line ends (t, v)
 * lie on or beyond (v >= a*t + b, give or take tolerance), met by the most of them. Returns how many
 * ends it fits (0: none spans min_spread), refined by least squares over those ends.
 */
#define MAX_BEYOND_SHARE 20  /* one end in 20 may stand out past the margin (a hanging number, a speck) */
#define MAX_MARGIN_SLOPE 0.5 /* a margin more than ~27 degrees off: two ends from different blocks */
static int fit_margin(const double *t, const double *v, int count, double tolerance, double min_spread,
                      double *a, double *b)
{
    int best = 0;
    for (int i = 0; i < count; i++) {
        for (int j = i + 1; j < count; j++) {
            if (fabs(t[j] - t[i]) < min_spread)
                continue;
            double slope = (v[j] - v[i]) / (t[j] - t[i]), offset = v[i] - slope * t[i];
            if (fabs(slope) > MAX_MARGIN_SLOPE)
                continue;
            int on = 0, beyond = 0;
            for (int k = 0; k < count; k++) {
                double off = v[k] - (slope * t[k] + offset);
                on += fabs(off) <= tolerance;
                beyond += off < -tolerance;
            }
            if (beyond * MAX_BEYOND_SHARE <= count && on > best) {
                best = on;
                *a = slope;
                *b = offset;
            }
        }
    }
    if (!best)
        return 0;
    double st = 0, sv = 0, stt = 0, stv = 0;
    int n = 0;
    for (int k = 0; k < count; k++) {
        if (fabs(v[k] - (*a * t[k] + *b)) > tolerance)
            continue;
        st += t[k], sv += v[k], stt += t[k] * t[k], stv += t[k] * v[k], n++;
    }
    double spread = n * stt - st * st;
    if (spread > 0) {
        *a = (n * stv - st * sv) / spread;
        *b = (sv - *a * st) / n;
    }
    return best;
}

/* The skew of the ink in rows y0..y1 of binary, as dy/dx of its lines; 0 when it cannot be told. */
static double ink_slope(PIX *binary, int y0, int y1)
{
    BOX *band = boxCreate(0, y0, pixGetWidth(binary), y1 - y0 + 1);
    PIX *clip = band ? pixClipRectangle(binary, band, NULL) : NULL;
    l_float32 angle = 0, confidence = 0;
    if (!clip || pixFindSkew(clip, &angle, &confidence) != 0 || confidence <= 0)
        angle = 0;
    pixDestroy(&clip);
    boxDestroy(&band);
    return -tan(angle * M_PI / 180.0); /* Leptonica's angle turns the lines level: the other way round */
}

/*
 * Margins converge when their slopes differ by this much: 0.01 is 10 px over a 1000 px block (a sheet
 * tilted 2% toward the camera: the generator's mildest keystone). Less is within the spread of the
 * line ends of a straight page, and flattening a page for it only resamples it.
 */
#define MIN_CONVERGENCE 0.01
/*
 * A margin is placed by at least one line end in six (and 5): on a photo of seed 202612032017 a right
 * "margin" through 5 of 51 ragged line ends leaned 0.19, and flattening for it lost the notice date;
 * the left margin there held 12, and a justified margin holds most lines.
 */
#define MIN_MARGIN_LINES 5
#define MIN_MARGIN_SHARE 6
#define MAX_MARGIN_ENDS 200 /* line ends a margin is fitted to (every k-th): the fit takes their cube */

/* Where x = a*y + b meets y = s*x + c. */
static void meet(double a, double b, double s, double c, l_float32 *x, l_float32 *y)
{
    double yy = (s * b + c) / (1 - s * a);
    *x = (l_float32)(a * yy + b);
    *y = (l_float32)yy;
}

/* Which way the four sides of a text block run: its margins (x = a*y + b) and its lines (y = s*x + c). */
typedef struct block_sides {
    double left_a, right_a, top_slope, bottom_slope;
} block_sides;

/*
 * The quadrilateral with the given sides' directions around every box, margin outside them: the
 * text's line boxes, or the copy's own corners (degenerate boxes) to keep the whole frame.
 */
static void quad_around(const block_sides *sides, const line_box *boxes, int count, double margin,
                        l_float32 x[4], l_float32 y[4])
{
    double left_b = INFINITY, right_b = -INFINITY, top_c = INFINITY, bottom_c = -INFINITY;
    for (int i = 0; i < count; i++) {
        const line_box *box = &boxes[i];
        double middle = (box->y0 + box->y1) / 2;
        left_b = fmin(left_b, box->x0 - sides->left_a * middle);
        right_b = fmax(right_b, box->x1 - sides->right_a * middle);
        top_c = fmin(top_c, box->y0 - sides->top_slope * (sides->top_slope > 0 ? box->x0 : box->x1));
        bottom_c =
            fmax(bottom_c, box->y1 - sides->bottom_slope * (sides->bottom_slope > 0 ? box->x1 : box->x0));
    }
    meet(sides->left_a, left_b - margin, sides->top_slope, top_c - margin, &x[0], &y[0]);
    meet(sides->right_a, right_b + margin, sides->top_slope, top_c - margin, &x[1], &y[1]);
    meet(sides->right_a, right_b + margin, sides->bottom_slope, bottom_c + margin, &x[2], &y[2]);
    meet(sides->left_a, left_b - margin, sides->bottom_slope, bottom_c + margin, &x[3], &y[3]);
}

/*
 * Whether the block's margins converge (the sheet seen at a slant), with the directions of its sides
 * in *sides. extent is the lines' bounding box.
 */
static int fit_sides(const line_set *set, PIX *binary, line_box extent, block_sides *sides)
{
    int count = set->count;
    double *along = malloc(sizeof(double) * (size_t)count * 3);
    if (!along)
        return -1;
    double *left_end = along + count, *right_end = along + 2 * (size_t)count;
    int stride = set->count / MAX_MARGIN_ENDS + 1;
    count = 0;
    for (int i = 0; i < set->count; i += stride, count++) {
        along[count] = (set->lines[i].y0 + set->lines[i].y1) / 2;
        left_end[count] = set->lines[i].x0;
        right_end[count] = -set->lines[i].x1; /* mirrored: the right margin is met coming from the right */
    }
    double tolerance = fmax(2.0, set->height / 2), height = extent.y1 - extent.y0, offset = 0;
    int enough = count / MIN_MARGIN_SHARE > MIN_MARGIN_LINES ? count / MIN_MARGIN_SHARE : MIN_MARGIN_LINES;
    *sides = (block_sides){0, 0, 0, 0};
    int margins =
        fit_margin(along, left_end, count, tolerance, height / 3, &sides->left_a, &offset) >= enough &&
        fit_margin(along, right_end, count, tolerance, height / 3, &sides->right_a, &offset) >= enough;
    free(along);
    sides->right_a = -sides->right_a;
    if (!margins)
        return 0;
    sides->top_slope = ink_slope(binary, (int)extent.y0, (int)(extent.y0 + height / 4));
    sides->bottom_slope = ink_slope(binary, (int)(extent.y1 - height / 4), (int)extent.y1);
    /*
     * On a page seen square-on the margins are perpendicular to the lines (x = -s*y for lines y = s*x);
     * at a slant both lean off it, in opposite directions. A ragged right margin can lean by chance,
     * so one leaning margin is not enough.
     */
    double square = -(sides->top_slope + sides->bottom_slope) / 2;
    double left_lean = sides->left_a - square, right_lean = sides->right_a - square;
    return left_lean * right_lean < 0 && fabs(left_lean) >= MIN_CONVERGENCE / 2 &&
           fabs(right_lean) >= MIN_CONVERGENCE / 2;
}

/*
 * Outside the text block, more ink than this share of the pixels is clutter (table texture, cloth,
 * another sheet) worth cutting away; less is paper with a stray footer or specks, and cutting it away
 * only risks a line the block missed. Measured outside the text of 32 scans, office scans, scanner and
 * fax copies (seed 202612032017): 0.00-0.7% on most, up to 3.2% on a noisy 200 DPI scanner copy; the
 * five photos there whose outline was not found showed 0.1-2.1% (a light table, a blurred sheet).
 */
#define CLUTTER_INK_SHARE 0.05

/* The share of the pixels of binary outside box (clipped to it) that are ink. */
static double ink_share_outside(PIX *binary, line_box box)
{
    BOX *inside =
        boxCreate((l_int32)box.x0, (l_int32)box.y0, (l_int32)(box.x1 - box.x0), (l_int32)(box.y1 - box.y0));
    PIX *clip = inside ? pixClipRectangle(binary, inside, NULL) : NULL;
    l_int32 all = 0, within = 0;
    pixCountPixels(binary, &all, NULL);
    if (clip)
        pixCountPixels(clip, &within, NULL);
    double outside_area = (double)pixGetWidth(binary) * pixGetHeight(binary) -
                          (clip ? (double)pixGetWidth(clip) * pixGetHeight(clip) : 0);
    pixDestroy(&clip);
    boxDestroy(&inside);
    return outside_area > 0 ? (all - within) / outside_area : 0;
}

/*
 * The block's corners on the copy (lines along x). Around the text with a margin where clutter lies
 * outside it, else around the whole copy; along the margins and lines when they converge (returns 1),
 * else an upright box (returns 0). -1 when out of memory.
 */
static int place_block(const line_set *set, PIX *binary, double margin, text_block *block)
{
    line_box extent = set->lines[0];
    for (int i = 0; i < set->count; i++) {
        extent.x0 = fmin(extent.x0, set->lines[i].x0), extent.y0 = fmin(extent.y0, set->lines[i].y0);
        extent.x1 = fmax(extent.x1, set->lines[i].x1), extent.y1 = fmax(extent.y1, set->lines[i].y1);
    }
    line_box padded = {extent.x0 - margin, extent.y0 - margin, extent.x1 + margin, extent.y1 + margin};
    block->outside_ink = (float)ink_share_outside(binary, padded);
    block->cluttered = block->outside_ink > CLUTTER_INK_SHARE;
    block_sides sides;
    int converging = fit_sides(set, binary, extent, &sides);
    double right = pixGetWidth(binary) - 1, bottom = pixGetHeight(binary) - 1;
    const line_box frame[4] = {
        {0, 0, 0, 0}, {right, 0, right, 0}, {right, bottom, right, bottom}, {0, bottom, 0, bottom}};
    if (converging <= 0)
        sides = (block_sides){0, 0, 0, 0};
    if (block->cluttered)
        quad_around(&sides, set->lines, set->count, margin, block->corner_x, block->corner_y);
    else
        quad_around(&sides, frame, 4, 0, block->corner_x, block->corner_y);
    return converging;
}

/*
 * Corners found on the copy turned a quarter clockwise (lines upright in the frame), mapped back to
 * the unturned copy of the given height, in the unturned frame's corner order.
 */
static void turn_back(l_float32 x[4], l_float32 y[4], int unturned_height)
{
    l_float32 turned_x[4], turned_y[4];
    for (int i = 0; i < 4; i++)
        turned_x[i] = x[i], turned_y[i] = y[i];
    /* clockwise, (x, y) went to (height - 1 - y, x), and the top-left corner to the top-right */
    for (int i = 0; i < 4; i++) {
        x[i] = turned_y[(i + 1) % 4];
        y[i] = (l_float32)(unturned_height - 1) - turned_x[(i + 1) % 4];
    }
}

/* The text lines of mask in the direction with more word length; *upright when they run down the copy. */
static line_set find_lines_either_way(PIX *mask, double height, int *upright)
{
    line_set across = find_lines(mask, height, WORD_JOIN_HEIGHTS), down = {NULL, 0, height, 0};
    PIX *turned = pixRotate90(mask, 1);
    if (turned)
        down = find_lines(turned, height, WORD_JOIN_HEIGHTS);
    *upright = down.length > across.length;
    free(across.lines);
    free(down.lines);
    line_set lines = find_lines(*upright ? turned : mask, height, LINE_JOIN_HEIGHTS);
    pixDestroy(&turned);
    return lines;
}

int preprocess_locate_text_block(struct Pix *gray, text_block *block)
{
    memset(block, 0, sizeof *block);
    int long_side = pixGetWidth(gray) > pixGetHeight(gray) ? pixGetWidth(gray) : pixGetHeight(gray);
    float factor = long_side > SEARCH_SIZE ? (float)SEARCH_SIZE / long_side : 1.0f;
    PIX *binary = quick_binary(gray, factor);
    double height = 0;
    PIX *mask = binary ? character_mask(binary, &height) : NULL;
    if (!mask) {
        pixDestroy(&binary);
        return -1;
    }
    int upright = 0;
    line_set set = find_lines_either_way(mask, height, &upright);
    pixDestroy(&mask);
    PIX *ink = upright ? pixRotate90(binary, 1) : pixClone(binary);
    int converging =
        set.count >= MIN_LINES && ink ? place_block(&set, ink, MARGIN_HEIGHTS * height, block) : -2;
    if (converging >= 0) {
        if (upright)
            turn_back(block->corner_x, block->corner_y, pixGetHeight(binary));
        for (int i = 0; i < 4; i++) {
            block->corner_x[i] /= factor;
            block->corner_y[i] /= factor;
        }
        block->found = 1;
        block->converging = converging;
        block->lines = set.count;
        block->text_height = (float)(height / factor);
    }
    int failed = converging == -1 || !ink;
    pixDestroy(&ink);
    pixDestroy(&binary);
    free(set.lines);
    return failed ? -1 : 0;
}
