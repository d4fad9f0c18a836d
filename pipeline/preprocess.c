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
 *   5. binarize       Sauvola, local, so a shadow band keeps its text
 *   6. orientation    90/180/270 from the text itself
 *   7. deskew         on the clean binary image, where lines are crisp
 */
#include "internal.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Median character height Tesseract's LSTM models read best (x-height and caps mixed). */
#define TARGET_TEXT_HEIGHT 24.0
#define MAX_OUTPUT_PIXELS (14L * 1000L * 1000L)
#define PAGE_SEARCH_SIZE 800 /* long side of the copy the page is searched on */

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

static l_float32 distance(l_float32 ax, l_float32 ay, l_float32 bx, l_float32 by)
{
    return sqrtf((ax - bx) * (ax - bx) + (ay - by) * (ay - by));
}

/*
 * Finds the sheet of paper by its edges: Sobel, threshold, close the outline,
 * fill it, take the largest blob and its four extremal corners. Returns the
 * flattened page, or NULL when no page boundary stands out (a scan, a tight
 * crop), in which case the whole image is used.
 */
static PIX *find_and_flatten_page(PIX *gray)
{
    int width = pixGetWidth(gray), height = pixGetHeight(gray);
    int long_side = width > height ? width : height;
    float factor = long_side > PAGE_SEARCH_SIZE ? (float)PAGE_SEARCH_SIZE / long_side : 1.0f;
    PIX *small = pixScaleGrayLI(gray, factor, factor);
    if (!small)
        return NULL;
    PIX *smooth = pixBlockconv(small, 2, 2);
    PIX *edges = smooth ? pixSobelEdgeFilter(smooth, L_ALL_EDGES) : NULL;
    PIX *edge_mask = edges ? pixThresholdToBinary(edges, 24) : NULL;
    if (edge_mask)
        pixInvert(edge_mask, edge_mask); /* strong edges on */
    PIX *closed = edge_mask ? pixCloseBrick(NULL, edge_mask, 9, 9) : NULL;
    PIX *filled = closed ? pixHolesByFilling(closed, 4) : NULL;
    PIX *opened = filled ? pixOpenBrick(NULL, filled, 15, 15) : NULL; /* drop thin clutter */
    PIX *result = NULL;
    PIXA *blobs = NULL;
    BOXA *boxes = opened ? pixConnComp(opened, &blobs, 8) : NULL;
    int count = boxes ? boxaGetCount(boxes) : 0;
    int best = -1, best_area = 0;
    for (int i = 0; i < count; i++) {
        l_int32 area = 0;
        PIX *blob = pixaGetPix(blobs, i, L_CLONE);
        pixCountPixels(blob, &area, NULL);
        pixDestroy(&blob);
        if (area > best_area) {
            best_area = area;
            best = i;
        }
    }
    int small_width = pixGetWidth(small), small_height = pixGetHeight(small);
    double fraction = (double)best_area / ((double)small_width * small_height);
    /* A page fills 25-95% of a photo; a blob covering all of it is a scan's own paper. */
    if (best >= 0 && fraction > 0.25 && fraction < 0.95) {
        l_int32 bx, by, bw, bh;
        boxaGetBoxGeometry(boxes, best, &bx, &by, &bw, &bh);
        PIX *blob = pixaGetPix(blobs, best, L_CLONE);
        /* Extremal points: top-left minimizes x+y, top-right maximizes x-y, ... */
        l_float32 corner_x[4] = {0}, corner_y[4] = {0};
        double corner_score[4] = {1e18, -1e18, -1e18, -1e18};
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                l_uint32 on = 0;
                pixGetPixel(blob, x, y, &on);
                if (!on)
                    continue;
                double px = x + bx, py = y + by;
                double scores[4] = {px + py, px - py, px + py, py - px};
                if (scores[0] < corner_score[0]) {
                    corner_score[0] = scores[0];
                    corner_x[0] = px;
                    corner_y[0] = py;
                }
                if (scores[1] > corner_score[1]) {
                    corner_score[1] = scores[1];
                    corner_x[1] = px;
                    corner_y[1] = py;
                }
                if (scores[2] > corner_score[2]) {
                    corner_score[2] = scores[2];
                    corner_x[2] = px;
                    corner_y[2] = py;
                }
                if (scores[3] > corner_score[3]) {
                    corner_score[3] = scores[3];
                    corner_x[3] = px;
                    corner_y[3] = py;
                }
            }
        }
        pixDestroy(&blob);
        for (int i = 0; i < 4; i++) {
            corner_x[i] /= factor;
            corner_y[i] /= factor;
        }
        /* corners: 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left */
        l_float32 page_width = (distance(corner_x[0], corner_y[0], corner_x[1], corner_y[1]) +
                                distance(corner_x[3], corner_y[3], corner_x[2], corner_y[2])) /
                               2;
        l_float32 page_height = (distance(corner_x[0], corner_y[0], corner_x[3], corner_y[3]) +
                                 distance(corner_x[1], corner_y[1], corner_x[2], corner_y[2])) /
                                2;
        if (page_width > 200 && page_height > 200 && page_width <= width && page_height <= height) {
            PTA *source = ptaCreate(4), *target = ptaCreate(4);
            l_float32 target_x[4] = {0, page_width - 1, page_width - 1, 0};
            l_float32 target_y[4] = {0, 0, page_height - 1, page_height - 1};
            for (int i = 0; i < 4; i++) {
                ptaAddPt(source, corner_x[i], corner_y[i]);
                ptaAddPt(target, target_x[i], target_y[i]);
            }
            PIX *warped = pixProjectivePta(gray, target, source, L_BRING_IN_WHITE);
            if (warped) {
                BOX *page_box = boxCreate(0, 0, (l_int32)page_width, (l_int32)page_height);
                result = pixClipRectangle(warped, page_box, NULL);
                boxDestroy(&page_box);
                pixDestroy(&warped);
            }
            ptaDestroy(&source);
            ptaDestroy(&target);
        }
    }
    boxaDestroy(&boxes);
    pixaDestroy(&blobs);
    pixDestroy(&opened);
    pixDestroy(&filled);
    pixDestroy(&closed);
    pixDestroy(&edge_mask);
    pixDestroy(&edges);
    pixDestroy(&smooth);
    pixDestroy(&small);
    return result;
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
        if (h >= 6 && h < page_height / 12 && w <= 3 * h && w >= 2)
            heights[kept++] = h;
    }
    int median = 0;
    if (kept >= 30) {
        qsort(heights, (size_t)kept, sizeof(int), compare_ints);
        median = heights[kept / 2];
    }
    free(heights);
    boxaDestroy(&boxes);
    return median;
}

static PIX *binarize(PIX *normalized, int text_height)
{
    PIX *binary = NULL;
    /* A window a few characters wide follows the light without eating strokes. */
    int window = text_height > 0 ? 2 * text_height : 24;
    if (window < 12)
        window = 12;
    int tiles_x = pixGetWidth(normalized) / 1000 + 1, tiles_y = pixGetHeight(normalized) / 1000 + 1;
    if (pixSauvolaBinarizeTiled(normalized, window, 0.34f, tiles_x, tiles_y, NULL, &binary) != 0)
        return pixThresholdToBinary(normalized, 150);
    return binary;
}

struct Pix *preprocess_page(struct Pix *page, preprocess_report *report, const char *stages_dir,
                            const char *stem, char *err, size_t errlen)
{
    memset(report, 0, sizeof *report);
    report->scale = 1.0f;
    int step = 0;
    PIX *gray = to_gray(page);
    if (!gray) {
        ns_error_set(err, errlen, "cannot convert the image to gray");
        return NULL;
    }
    save_stage(stages_dir, stem, step++, "gray", gray);

    PIX *flat = find_and_flatten_page(gray);
    if (flat) {
        report->page_found = 1;
        pixDestroy(&gray);
        gray = flat;
        save_stage(stages_dir, stem, step++, "page", gray);
    }

    /* Measure the text size on a quick binarization of the evened-out page. */
    PIX *even = pixBackgroundNormSimple(gray, NULL, NULL);
    PIX *quick = even ? pixThresholdToBinary(even, 150) : NULL;
    report->text_height = quick ? measure_text_height(quick) : 0;
    pixDestroy(&quick);
    double scale = report->text_height > 0 ? TARGET_TEXT_HEIGHT / report->text_height : 1.0;
    if (scale > 4.0)
        scale = 4.0;
    if (scale < 0.3)
        scale = 0.3;
    double pixels = (double)pixGetWidth(gray) * pixGetHeight(gray) * scale * scale;
    if (pixels > MAX_OUTPUT_PIXELS)
        scale = sqrt(MAX_OUTPUT_PIXELS / ((double)pixGetWidth(gray) * pixGetHeight(gray)));
    if (fabs(scale - 1.0) > 0.15 && even) {
        PIX *scaled = pixScale(gray, (l_float32)scale, (l_float32)scale);
        if (scaled) {
            report->scale = (float)scale;
            pixDestroy(&gray);
            gray = scaled;
            pixDestroy(&even);
            even = pixBackgroundNormSimple(gray, NULL, NULL);
            save_stage(stages_dir, stem, step++, "scaled", gray);
        }
    }
    if (!even) {
        pixDestroy(&gray);
        ns_error_set(err, errlen, "background normalization failed");
        return NULL;
    }
    save_stage(stages_dir, stem, step++, "background", even);

    int scaled_text_height = report->text_height > 0 ? (int)(report->text_height * report->scale) : 0;
    PIX *binary = binarize(even, scaled_text_height);
    pixDestroy(&even);
    pixDestroy(&gray);
    if (!binary) {
        ns_error_set(err, errlen, "binarization failed");
        return NULL;
    }
    save_stage(stages_dir, stem, step++, "binary", binary);

    l_float32 up_confidence = 0, left_confidence = 0;
    l_int32 rotation = 0;
    PIX *upright = pixOrientCorrect(binary, 0.0f, 0.0f, &up_confidence, &left_confidence, &rotation, 0);
    if (upright && rotation != 0) {
        report->rotation = rotation;
        pixDestroy(&binary);
        binary = upright;
        save_stage(stages_dir, stem, step++, "upright", binary);
    } else {
        pixDestroy(&upright);
    }

    l_float32 angle = 0, confidence = 0;
    PIX *deskewed = pixFindSkewAndDeskew(binary, 2, &angle, &confidence);
    if (deskewed) {
        report->skew_degrees = confidence > 0 ? angle : 0;
        pixDestroy(&binary);
        binary = deskewed;
        if (report->skew_degrees != 0)
            save_stage(stages_dir, stem, step++, "deskewed", binary);
    }
    report->width = pixGetWidth(binary);
    report->height = pixGetHeight(binary);
    return binary;
}
