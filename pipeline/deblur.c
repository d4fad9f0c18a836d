/*
 * deblur.c - Richardson-Lucy deconvolution of a gray page, for a blur whose shape is known:
 * a Gaussian (a lens out of focus) or a straight line (a shaking hand).
 *
 * Each iteration blurs the current estimate, compares it with the photo (their ratio), and
 * corrects the estimate by that ratio blurred back. It never makes a pixel negative and keeps
 * the page's total brightness, so, stopped after a few iterations, it sharpens edges without the
 * ringing a plain inverse filter gives. Both blurs are symmetric, so the blur and its mirror are
 * the same operation.
 */
#include "deblur.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The blur one deconvolution undoes: a Gaussian (three box filters) or a line of shifted copies. */
typedef struct blur_shape {
    int box_halfwidths[3]; /* Gaussian: three boxes whose variances add up to sigma squared */
    int line_steps;        /* line: how many shifted copies are summed (0: a Gaussian) */
    int *line_dx, *line_dy;
    float *line_weight; /* each copy's share; the shares add up to 1 */
    float *column_sums; /* Gaussian: one running sum per column */
} blur_shape;

/* One gray level added to every pixel, so a ratio never divides by zero. */
#define RATIO_FLOOR 1.0f

/* Averages each row over 2 * halfwidth + 1 pixels, the border repeated. */
static void box_filter_rows(const float *in, float *out, int width, int height, int halfwidth)
{
    float scale = 1.0f / (float)(2 * halfwidth + 1);
    for (int y = 0; y < height; y++) {
        const float *source = in + (size_t)y * width;
        float *target = out + (size_t)y * width;
        float sum = 0;
        for (int k = -halfwidth; k <= halfwidth; k++)
            sum += source[k < 0 ? 0 : k >= width ? width - 1 : k];
        for (int x = 0; x < width; x++) {
            target[x] = sum * scale;
            int entering = x + halfwidth + 1, leaving = x - halfwidth;
            sum += source[entering >= width ? width - 1 : entering] - source[leaving < 0 ? 0 : leaving];
        }
    }
}

/*
 * Averages each column over 2 * halfwidth + 1 pixels, the border repeated; row by row, with a
 * running sum per column (sums: width floats), so memory is read in order.
 */
static void box_filter_columns(const float *in, float *out, float *sums, int width, int height, int halfwidth)
{
    float scale = 1.0f / (float)(2 * halfwidth + 1);
    memset(sums, 0, sizeof(float) * (size_t)width);
    for (int k = -halfwidth; k <= halfwidth; k++) {
        const float *row = in + (size_t)(k < 0 ? 0 : k >= height ? height - 1 : k) * width;
        for (int x = 0; x < width; x++)
            sums[x] += row[x];
    }
    for (int y = 0; y < height; y++) {
        int entering = y + halfwidth + 1, leaving = y - halfwidth;
        const float *add = in + (size_t)(entering >= height ? height - 1 : entering) * width;
        const float *drop = in + (size_t)(leaving < 0 ? 0 : leaving) * width;
        float *target = out + (size_t)y * width;
        for (int x = 0; x < width; x++) {
            target[x] = sums[x] * scale;
            sums[x] += add[x] - drop[x];
        }
    }
}

/* Blurs page in place (scratch: one more page of floats) by the shape. */
static void apply_blur(const blur_shape *shape, float *page, float *scratch, int width, int height)
{
    if (shape->line_steps == 0) {
        for (int pass = 0; pass < 3; pass++) {
            box_filter_rows(page, scratch, width, height, shape->box_halfwidths[pass]);
            box_filter_columns(scratch, page, shape->column_sums, width, height, shape->box_halfwidths[pass]);
        }
        return;
    }
    memcpy(scratch, page, sizeof(float) * (size_t)width * height);
    memset(page, 0, sizeof(float) * (size_t)width * height);
    for (int k = 0; k < shape->line_steps; k++) {
        int dx = shape->line_dx[k], dy = shape->line_dy[k];
        float share = shape->line_weight[k];
        /* the columns whose source x - dx is inside the page: no clamping there, so the loop vectorizes */
        int inside_from = dx > 0 ? (dx < width ? dx : width) : 0;
        int inside_to = dx < 0 ? width + dx : width;
        inside_to = inside_to < inside_from ? inside_from : inside_to;
        for (int y = 0; y < height; y++) {
            int from_y = y - dy < 0 ? 0 : y - dy >= height ? height - 1 : y - dy;
            const float *restrict source = scratch + (size_t)from_y * width;
            float *restrict target = page + (size_t)y * width;
            for (int x = 0; x < inside_from; x++)
                target[x] += share * source[0];
            for (int x = inside_from; x < inside_to; x++)
                target[x] += share * source[x - dx];
            for (int x = inside_to; x < width; x++)
                target[x] += share * source[width - 1];
        }
    }
}

/* One Richardson-Lucy step: estimate times the blurred ratio of the photo to the blurred estimate. */
static void richardson_lucy_step(const blur_shape *shape, PIX *gray, float *estimate, float *ratio,
                                 float *scratch)
{
    int width = pixGetWidth(gray), height = pixGetHeight(gray), wpl = pixGetWpl(gray);
    size_t count = (size_t)width * height;
    memcpy(ratio, estimate, sizeof(float) * count);
    apply_blur(shape, ratio, scratch, width, height);
    for (int y = 0; y < height; y++) {
        const l_uint32 *line = pixGetData(gray) + (size_t)y * wpl;
        float *row = ratio + (size_t)y * width;
        for (int x = 0; x < width; x++)
            row[x] = (GET_DATA_BYTE(line, x) + RATIO_FLOOR) / (row[x] > RATIO_FLOOR ? row[x] : RATIO_FLOOR);
    }
    apply_blur(shape, ratio, scratch, width, height);
    for (size_t i = 0; i < count; i++)
        estimate[i] *= ratio[i];
}

/* Richardson-Lucy on an 8-bit page; NULL when it is not 8-bit or memory runs out. */
static PIX *richardson_lucy(PIX *gray, const blur_shape *shape, int iterations)
{
    if (!gray || pixGetDepth(gray) != 8)
        return NULL;
    int width = pixGetWidth(gray), height = pixGetHeight(gray), wpl = pixGetWpl(gray);
    size_t count = (size_t)width * height;
    /* calloc: every pixel is set below, but the analyzer cannot see that the rows cover the page */
    float *estimate = calloc(count, sizeof(float)), *ratio = malloc(sizeof(float) * count);
    float *scratch = malloc(sizeof(float) * count);
    PIX *result = estimate && ratio && scratch ? pixCreate(width, height, 8) : NULL;
    for (int y = 0; result && y < height; y++) {
        const l_uint32 *line = pixGetData(gray) + (size_t)y * wpl;
        for (int x = 0; x < width; x++)
            estimate[(size_t)y * width + x] = GET_DATA_BYTE(line, x) + RATIO_FLOOR;
    }
    for (int round = 0; result && round < iterations; round++)
        richardson_lucy_step(shape, gray, estimate, ratio, scratch);
    for (int y = 0; result && y < height; y++) {
        l_uint32 *line = pixGetData(result) + (size_t)y * pixGetWpl(result);
        for (int x = 0; x < width; x++) {
            long value = lroundf(estimate[(size_t)y * width + x] - RATIO_FLOOR);
            SET_DATA_BYTE(line, x, value < 0 ? 0 : value > 255 ? 255 : value);
        }
    }
    free(estimate);
    free(ratio);
    free(scratch);
    return result;
}

/*
 * Three box filters in a row approach a Gaussian (Kovesi's widths): the first boxes narrower, the
 * rest wider by 2, chosen so their variances add up to sigma squared.
 */
static void gaussian_boxes(double sigma, int halfwidths[3])
{
    double ideal = sqrt(12.0 * sigma * sigma / 3 + 1);
    int lower = (int)floor(ideal);
    if (lower % 2 == 0)
        lower--;
    int upper = lower + 2;
    int narrow =
        (int)lround((12 * sigma * sigma - 3.0 * lower * lower - 12.0 * lower - 9) / (-4.0 * lower - 4));
    for (int pass = 0; pass < 3; pass++)
        halfwidths[pass] = ((pass < narrow ? lower : upper) - 1) / 2;
}

struct Pix *deblur_gaussian(struct Pix *gray, double sigma, int iterations)
{
    if (!gray)
        return NULL;
    blur_shape shape = {{0, 0, 0}, 0, NULL, NULL, NULL, malloc(sizeof(float) * (size_t)pixGetWidth(gray))};
    if (!shape.column_sums)
        return NULL;
    gaussian_boxes(sigma, shape.box_halfwidths);
    PIX *result = richardson_lucy(gray, &shape, iterations);
    free(shape.column_sums);
    return result;
}

/*
 * A straight shake of length pixels as shifted copies of the page and their shares: the line is
 * sampled LINE_SAMPLES_PER_PIXEL times a pixel and each sample shared between the pixels around it
 * (bilinearly), so a line of even length, centred between pixels, is a box with half-weight ends
 * ([1 2 2 2 1] / 8 for 4 px along the rows). Rounding each of length whole-pixel offsets instead
 * left a hole in the middle of an even one ({-2, -1, 1, 2} for 4 px), and the deconvolution by that
 * shape drew a ghost beside every stroke (set 9001, doc-0080: a 4 px shake along the rows, readable
 * as photographed, deblurred into doubled letters and its header lost).
 */
#define LINE_SAMPLES_PER_PIXEL 8

/* Fills the shape's copies for the line; returns how many, 0 when memory runs out. */
static int line_taps(double length, double angle, blur_shape *shape)
{
    int reach = (int)ceil(length / 2) + 1, side = 2 * reach + 1;
    float *grid = calloc((size_t)side * side, sizeof(float));
    if (!grid)
        return 0;
    int samples = (int)ceil(length * LINE_SAMPLES_PER_PIXEL);
    for (int k = 0; k < samples; k++) {
        double along = -length / 2 + length * (k + 0.5) / samples;
        double x = along * cos(angle) + reach, y = along * sin(angle) + reach;
        int left = (int)floor(x), top = (int)floor(y);
        double right_share = x - left, lower_share = y - top;
        grid[top * side + left] += (float)((1 - right_share) * (1 - lower_share));
        grid[top * side + left + 1] += (float)(right_share * (1 - lower_share));
        grid[(top + 1) * side + left] += (float)((1 - right_share) * lower_share);
        grid[(top + 1) * side + left + 1] += (float)(right_share * lower_share);
    }
    int count = 0;
    for (int i = 0; i < side * side; i++) {
        if (grid[i] <= 0)
            continue;
        shape->line_dx[count] = i % side - reach;
        shape->line_dy[count] = i / side - reach;
        shape->line_weight[count] = grid[i] / (float)samples;
        count++;
    }
    free(grid);
    return count;
}

struct Pix *deblur_motion(struct Pix *gray, double length, double angle_degrees, int iterations)
{
    if (length < 2)
        length = 2;
    int reach = (int)ceil(length / 2) + 1, room = (2 * reach + 1) * (2 * reach + 1);
    int *offsets = malloc(sizeof(int) * 2 * (size_t)room);
    float *weights = malloc(sizeof(float) * (size_t)room);
    blur_shape shape = {{0, 0, 0}, 0, offsets, offsets ? offsets + room : NULL, weights, NULL};
    PIX *result = NULL;
    if (offsets && weights && (shape.line_steps = line_taps(length, angle_degrees * M_PI / 180, &shape)) > 0)
        result = richardson_lucy(gray, &shape, iterations);
    free(weights);
    free(offsets);
    return result;
}

/* The page's gray at a point between pixels (bilinear); the caller keeps the point inside. */
static double gray_between(const l_uint32 *data, int wpl, double x, double y)
{
    int left = (int)x, top = (int)y;
    double right_share = x - left, lower_share = y - top;
    const l_uint32 *upper = data + (size_t)top * wpl, *lower = upper + wpl;
    double above =
        GET_DATA_BYTE(upper, left) * (1 - right_share) + GET_DATA_BYTE(upper, left + 1) * right_share;
    double below =
        GET_DATA_BYTE(lower, left) * (1 - right_share) + GET_DATA_BYTE(lower, left + 1) * right_share;
    return above * (1 - lower_share) + below * lower_share;
}

/*
 * Where the directional derivatives are sampled: every SAMPLE_SPACING pixels, at least
 * SAMPLE_MARGIN from the border (room for the longest lag).
 */
#define SAMPLE_SPACING 4
#define SAMPLE_MARGIN 20
#define LONGEST_LAG 12 /* px: the longest shake looked for (a 10 px shake on a 2400 px frame, with room) */
#define SHORTEST_LAG 2

/* The page's derivative along (ux, uy) at (x, y): the step to the next point one pixel on. */
static double derivative_along(const l_uint32 *data, int wpl, double x, double y, double ux, double uy)
{
    return gray_between(data, wpl, x + ux, y + uy) - gray_between(data, wpl, x, y);
}

/*
 * The same at a pixel itself (integer x, y): there the bilinear gray is the pixel's own value exactly
 * (both shares are 0), so it is read as it is. The coarse search calls this 30 times a sampled point:
 * reading the pixel, not interpolating it, took its time on a 200 DPI office page from 64 to 38 ms.
 */
static double derivative_at_pixel(const l_uint32 *data, int wpl, int x, int y, double ux, double uy)
{
    return gray_between(data, wpl, x + ux, y + uy) - GET_DATA_BYTE(data + (size_t)y * wpl, x);
}

/* The mean squared derivative along angle over the sampled points. */
static double derivative_energy(PIX *gray, double angle)
{
    const l_uint32 *data = pixGetData(gray);
    int wpl = pixGetWpl(gray), width = pixGetWidth(gray), height = pixGetHeight(gray);
    double ux = cos(angle), uy = sin(angle), sum = 0;
    long count = 0;
    for (int y = SAMPLE_MARGIN; y < height - SAMPLE_MARGIN; y += SAMPLE_SPACING)
        for (int x = SAMPLE_MARGIN; x < width - SAMPLE_MARGIN; x += SAMPLE_SPACING) {
            double step = derivative_at_pixel(data, wpl, x, y, ux, uy);
            sum += step * step;
            count++;
        }
    return count ? sum / count : 0;
}

/*
 * The correlation of the derivative along angle with itself lag pixels on, for lags SHORTEST_LAG
 * to LONGEST_LAG, as a share of its energy: a shake of n pixels shows as a dip at lag n (each edge
 * becomes a rise n pixels long, and its derivative a pair of steps n apart). Returns the deepest.
 */
static double deepest_dip(PIX *gray, double angle, int *lag_at)
{
    const l_uint32 *data = pixGetData(gray);
    int wpl = pixGetWpl(gray), width = pixGetWidth(gray), height = pixGetHeight(gray);
    double ux = cos(angle), uy = sin(angle), energy = 0, products[LONGEST_LAG + 1] = {0};
    for (int y = SAMPLE_MARGIN; y < height - SAMPLE_MARGIN; y += SAMPLE_SPACING)
        for (int x = SAMPLE_MARGIN; x < width - SAMPLE_MARGIN; x += SAMPLE_SPACING) {
            double here = derivative_at_pixel(data, wpl, x, y, ux, uy);
            if (here == 0)
                continue;
            energy += here * here;
            for (int lag = SHORTEST_LAG; lag <= LONGEST_LAG; lag++)
                products[lag] += here * derivative_along(data, wpl, x + lag * ux, y + lag * uy, ux, uy);
        }
    double deepest = 0;
    *lag_at = 0;
    for (int lag = SHORTEST_LAG; energy > 0 && lag <= LONGEST_LAG; lag++)
        if (products[lag] / energy < deepest) {
            deepest = products[lag] / energy;
            *lag_at = lag;
        }
    return deepest;
}

#define COARSE_ANGLE_STEP 6 /* degrees: the smoothest direction is found to within 3 */
#define FINE_ANGLE_REACH 12 /* degrees either side of it where the dip is sought: text biases it */
#define FINE_ANGLE_STEP 3   /* a 7 px shake misjudged by 5 degrees read worse than none (measured) */

int deblur_estimate_motion(struct Pix *gray, double min_anisotropy, motion_estimate *estimate)
{
    memset(estimate, 0, sizeof *estimate);
    if (!gray || pixGetDepth(gray) != 8 || pixGetWidth(gray) < 4 * SAMPLE_MARGIN ||
        pixGetHeight(gray) < 4 * SAMPLE_MARGIN)
        return 0;
    double smoothest = -1, smoothest_angle = 0, roughest = 0;
    for (int degrees = 0; degrees < 180; degrees += COARSE_ANGLE_STEP) {
        double energy = derivative_energy(gray, degrees * M_PI / 180);
        if (smoothest < 0 || energy < smoothest) {
            smoothest = energy;
            smoothest_angle = degrees;
        }
        roughest = energy > roughest ? energy : roughest;
    }
    estimate->anisotropy = smoothest > 0 ? roughest / smoothest : 0;
    if (estimate->anisotropy < min_anisotropy)
        return 1; /* the dip costs four times the rest: not sought on a page smeared no way more than others
                   */
    for (int offset = -FINE_ANGLE_REACH; offset <= FINE_ANGLE_REACH; offset += FINE_ANGLE_STEP) {
        double degrees = smoothest_angle + offset;
        int lag = 0;
        double dip = deepest_dip(gray, degrees * M_PI / 180, &lag);
        if (dip < estimate->dip) {
            estimate->dip = dip;
            estimate->length = lag;
            estimate->angle_degrees = degrees < 0 ? degrees + 180 : degrees >= 180 ? degrees - 180 : degrees;
        }
    }
    return 1;
}

/*
 * A shake is taken as real when the page changes this many times less along one direction than
 * across it and its derivative dips below SHAKE_MAX_DIP at a lag of SHAKE_MIN_LENGTH or more.
 * Measured on an evaluation set (seed 202612032011): motion-blurred photos 2.5-5.4 with dips of
 * -0.30 to -0.48; ordinary, focus-blurred and folded photos 1.05-2.1 (fax pages more, but their
 * dips are -0.03 to -0.2, and their edges 1 px).
 */
#define SHAKE_MIN_ANISOTROPY 2.4
/*
 * A page of text is itself smoother along its rows and columns (lines of text, rules), so only a
 * smear near those axes needs SHAKE_MIN_ANISOTROPY; a slanted one stands out at less. Measured on
 * an evaluation set (seed 202612031945, 260 generated pages): pages smoothest at SHAKE_SLANT_DEGREES
 * or more from the axes measured 1.03-1.6 unless shaken, the shaken ones 1.97-2.25 (all four
 * missed at 2.4); on 401 photos of three other sets it changed the decision on shaken ones only.
 */
#define SHAKE_MIN_SLANTED_ANISOTROPY 1.8
#define SHAKE_SLANT_DEGREES 20
#define SHAKE_MAX_DIP (-0.25)
#define SHAKE_MIN_LENGTH 4 /* px: a shorter shake is within what unsharp masking handles */

int deblur_is_shake(const motion_estimate *estimate)
{
    double from_axis = fmod(estimate->angle_degrees, 90.0);
    if (from_axis > 45)
        from_axis = 90 - from_axis;
    double least = from_axis >= SHAKE_SLANT_DEGREES ? SHAKE_MIN_SLANTED_ANISOTROPY : SHAKE_MIN_ANISOTROPY;
    return estimate->anisotropy >= least && estimate->dip <= SHAKE_MAX_DIP &&
           estimate->length >= SHAKE_MIN_LENGTH;
}

int deblur_find_shake(struct Pix *gray, motion_estimate *estimate)
{
    return deblur_estimate_motion(gray, SHAKE_MIN_SLANTED_ANISOTROPY, estimate) && deblur_is_shake(estimate);
}
