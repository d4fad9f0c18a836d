/*
 * test_deblur.c - undoing a known blur (no OCR): a drawn page of ink specks, blurred out of focus or
 * shaken along a slant; deconvolution narrows its ink edges again, and a shake's direction and
 * length are measured from the page alone, while a sharp page does not pass for shaken.
 */
#include "testutil.h"

#include <leptonica/allheaders.h>
#include <math.h>

#include "deblur.h"
#include "preprocess.h"

#define PAGE_SIZE 600
#define PAPER 200 /* where preprocess_even_light puts paper */
#define INK 40

/* Ink blocks of random sizes (3-14 px) on paper: as many edges one way as the other, like print. */
static PIX *draw_specks(void)
{
    PIX *page = pixCreate(PAGE_SIZE, PAGE_SIZE, 8);
    pixSetAllArbitrary(page, PAPER);
    unsigned state = 2026u;
    for (int speck = 0; speck < 1500; speck++) {
        int values[4];
        for (int i = 0; i < 4; i++) {
            state = state * 1103515245u + 12345u;
            values[i] = (int)((state >> 16) & 0x7fff);
        }
        int x = values[0] % (PAGE_SIZE - 40) + 20, y = values[1] % (PAGE_SIZE - 40) + 20;
        int width = 3 + values[2] % 12, height = 3 + values[3] % 12;
        pixSetInRectArbitrary(page, &(BOX){x, y, width, height, 0}, INK);
    }
    return page;
}

/* The page averaged along a line of steps pixels at angle_degrees: how a shaking hand blurs it. */
static PIX *shaken(PIX *page, int steps, double angle_degrees)
{
    int width = pixGetWidth(page), height = pixGetHeight(page);
    double angle = angle_degrees * M_PI / 180;
    PIX *result = pixCreate(width, height, 8);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            int sum = 0;
            for (int k = 0; k < steps; k++) {
                double along = k - (steps - 1) / 2.0;
                int from_x = x - (int)lround(along * cos(angle)),
                    from_y = y - (int)lround(along * sin(angle));
                from_x = from_x < 0 ? 0 : from_x >= width ? width - 1 : from_x;
                from_y = from_y < 0 ? 0 : from_y >= height ? height - 1 : from_y;
                l_uint32 value = 0;
                pixGetPixel(page, from_x, from_y, &value);
                sum += (int)value;
            }
            pixSetPixel(result, x, y, (l_uint32)((sum + steps / 2) / steps));
        }
    return result;
}

/* Out of focus: Leptonica's Gaussian kernel of this sigma. */
static PIX *out_of_focus(PIX *page, double sigma)
{
    int halfwidth = (int)ceil(3 * sigma);
    L_KERNEL *kernel = makeGaussianKernel(halfwidth, halfwidth, (l_float32)sigma, 1.0f);
    PIX *result = kernel ? pixConvolve(page, kernel, 8, 1) : NULL;
    kernelDestroy(&kernel);
    return result;
}

static double mean_gray(PIX *page)
{
    l_float32 mean = 0;
    pixGetAverageMasked(page, NULL, 0, 0, 1, L_MEAN_ABSVAL, &mean);
    return mean;
}

/* A focus blur of sigma 2.5 widens edges to 5+ px; 20 iterations with sigma = width / 3 narrow them again. */
static void focus_deconvolution_narrows_ink_edges(void **state)
{
    (void)state;
    PIX *sharp = draw_specks(), *soft = out_of_focus(sharp, 2.5);
    assert_non_null(soft);
    int soft_width = preprocess_edge_width(soft);
    PIX *restored = deblur_gaussian(soft, soft_width / 3.0, 20);
    assert_non_null(restored);
    int restored_width = preprocess_edge_width(restored);
    if (soft_width < 5 || restored_width >= soft_width)
        fail_msg("sharp %d px, blurred %d px, deconvolved %d px", preprocess_edge_width(sharp), soft_width,
                 restored_width);
    /* Richardson-Lucy keeps the page's brightness: the paper does not turn gray or white */
    if (fabs(mean_gray(restored) - mean_gray(soft)) > 2)
        fail_msg("mean gray %.1f before, %.1f after", mean_gray(soft), mean_gray(restored));
    assert_null(deblur_gaussian(NULL, 2, 5));
    pixDestroy(&restored);
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

/* A 7 px shake at 30 degrees is found at about that angle and length, and undone along it. */
static void a_shake_is_measured_and_undone(void **state)
{
    (void)state;
    PIX *sharp = draw_specks(), *soft = shaken(sharp, 7, 30);
    motion_estimate motion;
    assert_int_equal(deblur_estimate_motion(soft, 0, &motion), 1);
    if (fabs(motion.angle_degrees - 30) > 6 || fabs(motion.length - 7) > 1 || motion.anisotropy < 2.4 ||
        motion.dip > -0.25)
        fail_msg("shake at 30 degrees, 7 px: measured %.0f degrees, %.0f px, anisotropy %.2f, dip %.3f",
                 motion.angle_degrees, motion.length, motion.anisotropy, motion.dip);
    int soft_width = preprocess_edge_width_along(soft, 0);
    PIX *restored = deblur_motion(soft, motion.length, motion.angle_degrees, 10);
    assert_non_null(restored);
    int restored_width = preprocess_edge_width_along(restored, 0);
    if (restored_width >= soft_width)
        fail_msg("edges along rows: %d px shaken, %d px after deblurring", soft_width, restored_width);
    pixDestroy(&restored);
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

/* A continuous shake of even length along the rows: a box with half-weight ends ([1 2 2 2 1] / 8 at 4 px). */
static PIX *shaken_along_rows_by_even_line(PIX *page, int length)
{
    int width = pixGetWidth(page), height = pixGetHeight(page), reach = length / 2;
    PIX *result = pixCreate(width, height, 8);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            int sum = 0;
            for (int dx = -reach; dx <= reach; dx++) {
                int from_x = x - dx < 0 ? 0 : x - dx >= width ? width - 1 : x - dx;
                l_uint32 value = 0;
                pixGetPixel(page, from_x, y, &value);
                sum += (int)value * (abs(dx) == reach ? 1 : 2);
            }
            pixSetPixel(result, x, y, (l_uint32)((sum + length) / (2 * length)));
        }
    return result;
}

/* The mean absolute gray difference between two pages of one size. */
static double mean_difference(PIX *a, PIX *b)
{
    double sum = 0;
    for (int y = 0; y < pixGetHeight(a); y++)
        for (int x = 0; x < pixGetWidth(a); x++) {
            l_uint32 first = 0, second = 0;
            pixGetPixel(a, x, y, &first);
            pixGetPixel(b, x, y, &second);
            sum += abs((int)first - (int)second);
        }
    return sum / ((double)pixGetWidth(a) * pixGetHeight(a));
}

/*
 * A 4 px shake (an even length, centred between pixels) is undone toward the sharp page. Taking
 * whole-pixel copies at rounded offsets made its shape {-2, -1, 1, 2}, a hole in the middle, and
 * deconvolving by it drew a ghost beside each stroke: the result was further from the sharp page
 * than the shaken one (mean difference 12.1 against 7.9; 7.2 with the line's true shape).
 */
static void an_even_length_shake_is_undone_without_ghosts(void **state)
{
    (void)state;
    PIX *sharp = draw_specks(), *soft = shaken_along_rows_by_even_line(sharp, 4);
    PIX *restored = deblur_motion(soft, 4, 0, 10);
    assert_non_null(restored);
    double before = mean_difference(soft, sharp), after = mean_difference(restored, sharp);
    if (after >= before)
        fail_msg("mean difference from the sharp page: %.2f shaken, %.2f deblurred", before, after);
    pixDestroy(&restored);
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

/*
 * The estimate as first written: every derivative taken between two interpolated points, the sampled
 * pixel's own included (deblur.c reads that one directly, an exact shortcut). Same sampling: every
 * 4th pixel, 20 from the border, lags 2-12, angles every 6 degrees and +-12 around the smoothest by 3.
 */
static double reference_gray(PIX *page, double x, double y)
{
    int left = (int)x, top = (int)y;
    double right_share = x - left, lower_share = y - top;
    l_uint32 a = 0, b = 0, c = 0, d = 0;
    pixGetPixel(page, left, top, &a);
    pixGetPixel(page, left + 1, top, &b);
    pixGetPixel(page, left, top + 1, &c);
    pixGetPixel(page, left + 1, top + 1, &d);
    double above = a * (1 - right_share) + b * right_share, below = c * (1 - right_share) + d * right_share;
    return above * (1 - lower_share) + below * lower_share;
}

static double reference_step(PIX *page, double x, double y, double ux, double uy)
{
    return reference_gray(page, x + ux, y + uy) - reference_gray(page, x, y);
}

static void reference_estimate(PIX *page, motion_estimate *estimate)
{
    int width = pixGetWidth(page), height = pixGetHeight(page);
    double smoothest = -1, smoothest_angle = 0, roughest = 0;
    for (int degrees = 0; degrees < 180; degrees += 6) {
        double ux = cos(degrees * M_PI / 180), uy = sin(degrees * M_PI / 180), sum = 0;
        long count = 0;
        for (int y = 20; y < height - 20; y += 4)
            for (int x = 20; x < width - 20; x += 4) {
                double step = reference_step(page, x, y, ux, uy);
                sum += step * step;
                count++;
            }
        double energy = sum / count;
        if (smoothest < 0 || energy < smoothest) {
            smoothest = energy;
            smoothest_angle = degrees;
        }
        roughest = energy > roughest ? energy : roughest;
    }
    memset(estimate, 0, sizeof *estimate);
    estimate->anisotropy = roughest / smoothest;
    for (int offset = -12; offset <= 12; offset += 3) {
        double degrees = smoothest_angle + offset, ux = cos(degrees * M_PI / 180), uy = sin(degrees * M_PI / 180);
        double energy = 0, products[13] = {0};
        for (int y = 20; y < height - 20; y += 4)
            for (int x = 20; x < width - 20; x += 4) {
                double here = reference_step(page, x, y, ux, uy);
                if (here == 0)
                    continue;
                energy += here * here;
                for (int lag = 2; lag <= 12; lag++)
                    products[lag] += here * reference_step(page, x + lag * ux, y + lag * uy, ux, uy);
            }
        for (int lag = 2; energy > 0 && lag <= 12; lag++)
            if (products[lag] / energy < estimate->dip) {
                estimate->dip = products[lag] / energy;
                estimate->length = lag;
                estimate->angle_degrees = degrees < 0 ? degrees + 180 : degrees >= 180 ? degrees - 180 : degrees;
            }
    }
}

/* Reading the sampled pixels directly changes no number of the estimate, to the last bit. */
static void the_estimate_is_the_interpolated_one_exactly(void **state)
{
    (void)state;
    PIX *sharp = draw_specks(), *soft = shaken(sharp, 7, 30);
    PIX *pages[2] = {sharp, soft};
    for (int i = 0; i < 2; i++) {
        motion_estimate fast, reference;
        assert_int_equal(deblur_estimate_motion(pages[i], 0, &fast), 1);
        reference_estimate(pages[i], &reference);
        if (fast.anisotropy != reference.anisotropy || fast.dip != reference.dip ||
            fast.length != reference.length || fast.angle_degrees != reference.angle_degrees)
            fail_msg("page %d: anisotropy %.17g / %.17g, dip %.17g / %.17g, length %.0f / %.0f, angle %.0f / %.0f",
                     i, fast.anisotropy, reference.anisotropy, fast.dip, reference.dip, fast.length,
                     reference.length, fast.angle_degrees, reference.angle_degrees);
    }
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

/* A sharp page, and one blurred evenly out of focus, show no one-way smear. */
static void an_unshaken_page_is_not_taken_for_shaken(void **state)
{
    (void)state;
    PIX *sharp = draw_specks(), *soft = out_of_focus(sharp, 2.0);
    motion_estimate sharp_motion, soft_motion;
    assert_int_equal(deblur_estimate_motion(sharp, 0, &sharp_motion), 1);
    assert_int_equal(deblur_estimate_motion(soft, 0, &soft_motion), 1);
    if (sharp_motion.anisotropy >= 2.4 || soft_motion.anisotropy >= 2.4)
        fail_msg("anisotropy: sharp %.2f, out of focus %.2f", sharp_motion.anisotropy,
                 soft_motion.anisotropy);
    /* asked to look for a dip only on a smeared page, the estimate stops at the anisotropy */
    assert_int_equal(deblur_estimate_motion(sharp, 2.4, &sharp_motion), 1);
    assert_true(sharp_motion.length == 0 && sharp_motion.dip == 0);
    PIX *tiny = pixCreate(30, 30, 8);
    assert_int_equal(deblur_estimate_motion(tiny, 0, &sharp_motion), 0); /* too small to measure */
    pixDestroy(&tiny);
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

/*
 * A page of text is smooth along its rows and columns by itself: a smear there must be stronger to
 * count than a slanted one. The same estimate (anisotropy 2.0, a deep dip at 6 px) is a shake at 40
 * and 130 degrees, not at 5, 90 or 178; a shallow dip or a 3 px lag is none at any angle.
 */
static void a_slanted_smear_counts_as_a_shake_sooner_than_one_along_the_axes(void **state)
{
    (void)state;
    motion_estimate estimate = {40, 6, 2.0, -0.4};
    assert_true(deblur_is_shake(&estimate));
    estimate.angle_degrees = 130;
    assert_true(deblur_is_shake(&estimate));
    static const double along_axes[] = {5, 90, 178};
    for (size_t i = 0; i < sizeof along_axes / sizeof along_axes[0]; i++) {
        estimate.angle_degrees = along_axes[i];
        if (deblur_is_shake(&estimate))
            fail_msg("anisotropy 2.0 at %.0f degrees taken for a shake", along_axes[i]);
    }
    estimate.anisotropy = 2.6; /* along the axes, a strong smear still counts */
    assert_true(deblur_is_shake(&estimate));
    motion_estimate shallow = {40, 6, 2.0, -0.1}, short_lag = {40, 3, 2.0, -0.4};
    assert_false(deblur_is_shake(&shallow));
    assert_false(deblur_is_shake(&short_lag));
    /* measured: an 8 px shake at 40 degrees, smeared less than 2.4 times more one way, is found */
    PIX *sharp = draw_specks(), *soft = shaken(sharp, 8, 40);
    motion_estimate measured;
    if (!deblur_find_shake(soft, &measured) || measured.anisotropy >= 2.4)
        fail_msg("8 px at 40 degrees: measured %.0f degrees, %.0f px, anisotropy %.2f, dip %.3f",
                 measured.angle_degrees, measured.length, measured.anisotropy, measured.dip);
    assert_false(deblur_find_shake(sharp, &measured));
    pixDestroy(&soft);
    pixDestroy(&sharp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(focus_deconvolution_narrows_ink_edges),
        cmocka_unit_test(a_shake_is_measured_and_undone),
        cmocka_unit_test(an_even_length_shake_is_undone_without_ghosts),
        cmocka_unit_test(the_estimate_is_the_interpolated_one_exactly),
        cmocka_unit_test(an_unshaken_page_is_not_taken_for_shaken),
        cmocka_unit_test(a_slanted_smear_counts_as_a_shake_sooner_than_one_along_the_axes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
