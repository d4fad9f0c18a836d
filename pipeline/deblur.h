/* deblur.h - undoing a known blur on an 8-bit gray page (deblur.c). */
#ifndef NOTICESCAN_DEBLUR_H
#define NOTICESCAN_DEBLUR_H

struct Pix;

/*
 * A copy of an 8-bit gray page with an out-of-focus blur (a Gaussian of this sigma, in pixels)
 * undone by iterations of Richardson-Lucy deconvolution; NULL when the page is not 8-bit or memory
 * runs out. The caller frees the result with pixDestroy.
 */
struct Pix *deblur_gaussian(struct Pix *gray, double sigma, int iterations);

/*
 * A copy of an 8-bit gray page with a shake undone: the blur of averaging the page along a straight
 * line length pixels long at angle_degrees (0 along rows, 90 along columns), by Richardson-Lucy
 * iterations; NULL when the page is not 8-bit or memory runs out. Freed with pixDestroy.
 */
struct Pix *deblur_motion(struct Pix *gray, double length, double angle_degrees, int iterations);

/* A shake as measured on a page (deblur_estimate_motion). */
typedef struct motion_estimate {
    double angle_degrees; /* the direction the page is smeared along: 0 along rows, 90 along columns */
    double length;        /* pixels: how far (0: no dip found) */
    double anisotropy;    /* the strongest direction's derivative energy over the weakest's (1: even) */
    double dip;           /* the derivative's correlation at that length along it, negative (0: none) */
} motion_estimate;

/*
 * Measures the direction and length of a shake on an 8-bit gray page: the direction where the
 * page changes least, and the lag where its derivative along it correlates most negatively (only
 * when the anisotropy reaches min_anisotropy; else length and dip stay 0). Returns 0 (estimate
 * zeroed) when the page is not 8-bit or too small to measure.
 */
int deblur_estimate_motion(struct Pix *gray, double min_anisotropy, motion_estimate *estimate);

/*
 * 1 when an estimate is a real shake: smeared enough more along its direction than across (less is
 * asked of a slanted direction than of the rows' or columns', along which a page of text is smooth
 * anyway), with a dip at 4 px or more.
 */
int deblur_is_shake(const motion_estimate *estimate);

/* Measures a shake on an 8-bit gray page (deblur_estimate_motion); 1 when it is one (deblur_is_shake). */
int deblur_find_shake(struct Pix *gray, motion_estimate *estimate);

#endif
