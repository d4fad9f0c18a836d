/* preprocess.h - one page image -> a clean page for OCR (preprocess.c). */
#ifndef NOTICESCAN_PREPROCESS_H
#define NOTICESCAN_PREPROCESS_H

#include "base.h"

typedef struct preprocess_report {
    int page_found;             /* a page boundary was found and flattened */
    const char *page_note;      /* when not: why (a static string), else NULL */
    const char *page_from;      /* what was read: "outline", "text_block" (estimated from the text) or "frame" */
    int rotation;               /* degrees clockwise applied from text orientation */
    int orientation_known;      /* Leptonica decided the orientation (else Tesseract OSD may) */
    int orientation_by_reading; /* the page read poorly and read clearly better turned (set after OCR) */
    int curvature;              /* worst text-line curvature measured, micro-units (-1: no model) */
    int dewarped;               /* curled paper was flattened */
    float skew_degrees;         /* deskew angle applied */
    float scale;                /* resolution scale applied */
    int text_height;            /* median character height measured, pixels before scaling */
    int edge_width;             /* median spread of ink edges at the final scale, pixels (0: no text) */
    int sharpened;              /* the page was blurred and was unsharp-masked */
    int deblurred;              /* the page was out of focus and its blur was undone (deblur.c) */
    float paper_noise;          /* a photo's grain: paper pixels' mean step from their neighbourhood's
                                   mean, gray levels (-1: a scan, not measured) */
    int denoised;               /* the page was grainy and its grain smoothed (a bilateral filter) */
    int width, height;          /* final page size */
} preprocess_report;

/*
 * Turns one page image into a clean, upright, evenly lit gray page for OCR. stages_dir, when
 * not NULL, receives one PNG per step named with stem. Returns NULL only on
 * failure (err says why).
 */
struct Pix *preprocess_page(struct Pix *page, preprocess_report *report, const char *stages_dir,
                            const char *stem, char *err, size_t errlen);

/*
 * A copy of an 8-bit gray page with uneven light divided out: paper near 200 everywhere, ink as dark
 * relative to its paper as it was, and no bright boxes around text blocks. NULL on failure.
 */
struct Pix *preprocess_even_light(struct Pix *gray);

/*
 * The median 10-90% rise width, in pixels, of the ink edges of an 8-bit gray page, in its blurrier
 * direction (rows or columns): 1-2 on a sharp
 * page, more the more it is blurred; 0 when it shows too few edges to judge.
 */
int preprocess_edge_width(struct Pix *gray);

/* The grain of an evened page's paper: the mean difference, in gray levels, between a paper pixel with no
 * ink near it and its 5x5 neighbourhood's mean, over bands across the page; 0 when no paper shows. */
double preprocess_paper_noise(struct Pix *even);

/* The same measure along sampled rows only (across = 0) or columns only (across = 1). */
int preprocess_edge_width_along(struct Pix *gray, int across);

/* An unsharp-masked copy of an 8-bit gray page whose ink edges spread edge_width pixels. */
struct Pix *preprocess_sharpen(struct Pix *gray, int edge_width);

/*
 * 1 when the band along an 8-bit gray frame's edges (2% of its long side deep) is evenly lit paper all
 * the way round, as on a scan; 0 when it holds anything else (table, clutter, a photo's light fall-off).
 */
int preprocess_frame_edges_are_paper(struct Pix *gray);

/*
 * The clockwise turn (0, 90, 180, 270) that makes text upright, from Leptonica's up/down and sideways
 * signals (pixOrientDetect), or -1 when they do not tell; portrait_sheet: the page is a sheet found
 * by its outline and flattened taller than wide, so it cannot lie sideways.
 */
int preprocess_orientation_from_signals(float up, float left, int portrait_sheet);

#endif
