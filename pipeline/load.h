/* load.h - read a file and decode its pages (load.c). */
#ifndef NOTICESCAN_LOAD_H
#define NOTICESCAN_LOAD_H

#include "base.h"
#include "text.h"

typedef struct loaded_pages {
    struct Pix *pages[NS_MAX_PAGES];
    char *text[NS_MAX_PAGES]; /* a PDF page's own text layer (its pages[i] is NULL), or NULL */
    /* where each character of text[i] is drawn (one box per UTF-8 character, pixels at 300 DPI), or NULL */
    ns_box *text_boxes[NS_MAX_PAGES];
    int text_width[NS_MAX_PAGES], text_height[NS_MAX_PAGES]; /* that page's size at 300 DPI */
    int count;
    int exif_orientation; /* 1..8 as read (1 when absent); already applied */
    char format[16];      /* "png", "jpeg", "tiff", "heic", ... */
} loaded_pages;

/* What one file may hold; checked from headers, before any pixel is decoded. */
typedef struct load_limits {
    long max_pixels;       /* per page */
    int max_pages;         /* per file, at most NS_MAX_PAGES */
    size_t max_file_bytes; /* the file itself */
    int first_page, last_page; /* which pages to read (1-based); 0: no bound */
} load_limits;

/* Decodes an image or PDF held in memory (not owned), the pages limits select; on failure writes the reason to err. */
ns_status load_memory(const unsigned char *data, size_t size, const load_limits *limits, loaded_pages *out,
                      char *err, size_t errlen);
/* Reads and decodes a file (the pages limits select); on failure writes the reason (without the path) to err. */
ns_status load_file(const char *path, const load_limits *limits, loaded_pages *out, char *err, size_t errlen);
/*
 * The 0-based pages [*from, *to) of a document of page_count pages that the
 * limits' first_page and last_page select, at most max_pages of them;
 * otherwise an error and why. kind names the document ("TIFF", "PDF").
 */
ns_status load_page_range(const char *kind, int page_count, const load_limits *limits, int *from, int *to,
                          char *err, size_t errlen);
/* load_pdf.c: a PDF's pages, each as its text layer when it has one, else rendered for OCR. */
ns_status pdf_load(const unsigned char *data, size_t size, const load_limits *limits, loaded_pages *out,
                   char *err, size_t errlen);
void loaded_pages_free(loaded_pages *pages);
/* NS_OK when a page of width x height is within the limits; page 0 means the file's only image. */
ns_status load_check_pixels(int page, long width, long height, const load_limits *limits, char *err,
                            size_t errlen);
/*
 * PNG and JPEG decoded here rather than by Leptonica, whose libpng and libjpeg
 * handlers print to stderr: errors come back in err. Limits are checked after
 * the header, before the pixels.
 */
ns_status load_png(const unsigned char *data, size_t size, const load_limits *limits, struct Pix **out,
                   char *err, size_t errlen);
ns_status load_jpeg(const unsigned char *data, size_t size, const load_limits *limits, struct Pix **out,
                    char *err, size_t errlen);

#endif
