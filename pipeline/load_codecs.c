/*
 * load_codecs.c - PNG and JPEG decoded here, not through Leptonica.
 *
 * Leptonica leaves libpng's and libjpeg's default handlers in place, and those
 * print to stderr ("libpng error: read error in memio_png_read_data",
 * "Premature end of JPEG file"). A library must not print: here libpng's
 * simplified API keeps its errors in image.message, and libjpeg gets an error
 * manager that keeps its message. Both read the header first, so the size
 * limits are checked before a pixel is decoded.
 */
#include "load.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */

#include <jerror.h>
#include <jpeglib.h>
#include <leptonica/allheaders.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* A colour pixel with its alpha laid over white paper, as a scan of a transparent image would look. */
static void composite_over_white(PIX *pix)
{
    l_uint32 *data = pixGetData(pix);
    size_t count = (size_t)pixGetWpl(pix) * (size_t)pixGetHeight(pix);
    for (size_t i = 0; i < count; i++) {
        l_int32 red, green, blue, alpha = (l_int32)(data[i] & 0xff);
        extractRGBValues(data[i], &red, &green, &blue);
        red = (red * alpha + 255 * (255 - alpha)) / 255;
        green = (green * alpha + 255 * (255 - alpha)) / 255;
        blue = (blue * alpha + 255 * (255 - alpha)) / 255;
        composeRGBPixel(red, green, blue, &data[i]);
    }
}

ns_status load_png(const unsigned char *data, size_t size, const load_limits *limits, PIX **out, char *err,
                   size_t errlen)
{
    *out = NULL;
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        ns_error_set(err, errlen, "PNG: %s", image.message);
        return NS_ERR_IMAGE;
    }
    ns_status status = load_check_pixels(0, (long)image.width, (long)image.height, limits, err, errlen);
    if (status != NS_OK) {
        png_image_free(&image);
        return status;
    }
    /* Gray stays 8-bit gray; colour becomes RGBA, which is Leptonica's 32-bit pixel once byte-swapped. */
    int color = (image.format & PNG_FORMAT_FLAG_COLOR) != 0,
        alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    image.format = color ? PNG_FORMAT_RGBA : PNG_FORMAT_GRAY;
    PIX *pix = pixCreate((l_int32)image.width, (l_int32)image.height, color ? 32 : 8);
    if (!pix) {
        png_image_free(&image);
        return NS_ERR_NOMEM;
    }
    png_color white = {255, 255, 255}; /* gray output: an alpha channel is laid over white paper */
    if (!png_image_finish_read(&image, &white, pixGetData(pix), pixGetWpl(pix) * 4, NULL)) {
        ns_error_set(err, errlen, "PNG: %s (damaged or truncated file)", image.message);
        pixDestroy(&pix);
        return NS_ERR_IMAGE;
    }
    pixEndianByteSwap(pix); /* libpng wrote bytes in order; Leptonica keeps them in 32-bit words */
    if (color && alpha)
        composite_over_white(pix);
    if (color)
        pixSetSpp(pix, 3);
    *out = pix;
    return NS_OK;
}

typedef struct jpeg_quiet_error {
    struct jpeg_error_mgr base; /* first: libjpeg hands back a pointer to it */
    jmp_buf escape;
    char message[JMSG_LENGTH_MAX];
    int truncated; /* libjpeg only warns at a premature end and fills the rest with gray */
} jpeg_quiet_error;

static void jpeg_fail(j_common_ptr info)
{
    jpeg_quiet_error *error = (jpeg_quiet_error *)info->err;
    error->base.format_message(info, error->message);
    longjmp(error->escape, 1);
}

/* Warnings and traces are kept or dropped, never printed. */
static void jpeg_note(j_common_ptr info, int level)
{
    jpeg_quiet_error *error = (jpeg_quiet_error *)info->err;
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF && !error->truncated) {
        error->truncated = 1;
        error->base.format_message(info, error->message);
    }
}

/* One decoded scanline into the page: gray, RGB, or CMYK (Adobe's files store it inverted). */
static void jpeg_store_row(const struct jpeg_decompress_struct *info, const JSAMPLE *row, PIX *pix, int y)
{
    l_uint32 *line = pixGetData(pix) + (size_t)y * pixGetWpl(pix);
    for (JDIMENSION x = 0; x < info->output_width; x++) {
        const JSAMPLE *p = row + (size_t)x * info->output_components;
        if (info->output_components == 1) {
            SET_DATA_BYTE(line, x, p[0]);
        } else if (info->output_components == 3) {
            composeRGBPixel(p[0], p[1], p[2], &line[x]);
        } else {
            int inverted = info->saw_Adobe_marker;
            int cyan = inverted ? p[0] : 255 - p[0], magenta = inverted ? p[1] : 255 - p[1];
            int yellow = inverted ? p[2] : 255 - p[2], black = inverted ? p[3] : 255 - p[3];
            composeRGBPixel(cyan * black / 255, magenta * black / 255, yellow * black / 255, &line[x]);
        }
    }
}

typedef struct jpeg_job {
    struct jpeg_decompress_struct info;
    jpeg_quiet_error error;
    JSAMPLE *row;
    PIX *pix;
    const load_limits *limits;
} jpeg_job;

/* The decoding proper; every libjpeg error jumps back here, and the job (in the caller) is cleaned up. */
static ns_status jpeg_decode(jpeg_job *job, const unsigned char *data, size_t size, char *err, size_t errlen)
{
    if (setjmp(job->error.escape)) {
        ns_error_set(err, errlen, "JPEG: %s (damaged or truncated file)", job->error.message);
        return NS_ERR_IMAGE;
    }
    jpeg_create_decompress(&job->info);
    jpeg_mem_src(&job->info, data, (unsigned long)size);
    jpeg_read_header(&job->info, TRUE);
    ns_status status = load_check_pixels(0, (long)job->info.image_width, (long)job->info.image_height,
                                         job->limits, err, errlen);
    if (status != NS_OK)
        return status;
    J_COLOR_SPACE space = job->info.jpeg_color_space;
    job->info.out_color_space = space == JCS_GRAYSCALE                   ? JCS_GRAYSCALE
                                : space == JCS_CMYK || space == JCS_YCCK ? JCS_CMYK
                                                                         : JCS_RGB;
    jpeg_start_decompress(&job->info);
    job->pix = pixCreate((l_int32)job->info.output_width, (l_int32)job->info.output_height,
                         job->info.output_components == 1 ? 8 : 32);
    job->row = malloc((size_t)job->info.output_width * (size_t)job->info.output_components);
    if (!job->pix || !job->row)
        return NS_ERR_NOMEM;
    while (job->info.output_scanline < job->info.output_height && !job->error.truncated) {
        int y = (int)job->info.output_scanline;
        JSAMPROW rows[1] = {job->row};
        if (jpeg_read_scanlines(&job->info, rows, 1) != 1)
            break;
        jpeg_store_row(&job->info, job->row, job->pix, y);
    }
    if (job->error.truncated) {
        ns_error_set(err, errlen, "JPEG: %s (truncated file)", job->error.message);
        return NS_ERR_IMAGE;
    }
    jpeg_finish_decompress(&job->info);
    return NS_OK;
}

ns_status load_jpeg(const unsigned char *data, size_t size, const load_limits *limits, PIX **out, char *err,
                    size_t errlen)
{
    jpeg_job job;
    memset(&job, 0, sizeof job);
    job.limits = limits;
    job.info.err = jpeg_std_error(&job.error.base);
    job.error.base.error_exit = jpeg_fail;
    job.error.base.emit_message = jpeg_note;
    ns_status status = jpeg_decode(&job, data, size, err, errlen);
    jpeg_destroy_decompress(&job.info);
    free(job.row);
    if (status != NS_OK)
        pixDestroy(&job.pix);
    *out = job.pix;
    return status;
}
