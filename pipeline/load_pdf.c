/*
 * load_pdf.c - the load stage for PDFs, through Poppler (poppler-glib) and cairo.
 *
 * A page that carries its own text (a PDF made by software, or a scan an
 * office scanner already read) is taken as text: exact, and no OCR. Any
 * other page is rendered at the resolution OCR needs for its size, as an
 * 8-bit gray page for the preprocess stage.
 */
#include "load.h"

#include <cairo.h>
#include <ctype.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At 300 DPI ordinary 10-point print is about the 24-pixel character height preprocessing aims at. */
#define OCR_DPI 300.0
/* The PDF format's own page size limit (ISO 32000-1, Annex C: 14,400 units, 200 inches). */
#define MAX_PAGE_POINTS 14400.0
/* A text layer this long is the page's text even over a full-page scan (an OCR layer a scanner added). */
#define FULL_TEXT_LAYER_CHARACTERS 200
/* Fewer letters and digits than this is a page number or a stamp, not the page's text. */
#define MIN_TEXT_LAYER_CHARACTERS 20

/*
 * Poppler sets up process-wide state (its GlobalParams) when a document is
 * first opened, guarded or not depending on the version; opening is cheap
 * next to rendering, so workers open their PDFs one at a time.
 */
static pthread_mutex_t pdf_open_lock = PTHREAD_MUTEX_INITIALIZER;

static int count_letters_and_digits(const char *text)
{
    int count = 0;
    for (const char *p = text; p && *p; p++)
        count += isalnum((unsigned char)*p) != 0;
    return count;
}

/* The share of the page that embedded images cover (a scanned page: about 1). */
static double image_coverage(PopplerPage *page, double page_width, double page_height)
{
    GList *mappings = poppler_page_get_image_mapping(page);
    double covered = 0;
    for (GList *item = mappings; item; item = item->next) {
        const PopplerImageMapping *mapping = item->data;
        covered += fabs((mapping->area.x2 - mapping->area.x1) * (mapping->area.y2 - mapping->area.y1));
    }
    poppler_page_free_image_mapping(mappings);
    return covered / (page_width * page_height);
}

/*
 * The resolution a page without text is rendered at: OCR_DPI for its size in
 * points, lowered only to stay under the pixel limit. Following the scan's
 * own resolution instead was measured and dropped: learning it means
 * decoding the embedded image once more (a 600 DPI letter scan: +1.2 s and
 * +100 MB), and a 200 DPI scan rendered at 200 gained nothing once
 * preprocessing had scaled it by its text height; the fields were the same.
 */
static double render_dpi(double width_points, double height_points, long max_pixels)
{
    double dpi = OCR_DPI;
    double pixels = width_points / 72.0 * dpi * height_points / 72.0 * dpi;
    if (pixels > max_pixels) /* a poster-sized page: as fine as the pixel limit allows */
        dpi *= sqrt((double)max_pixels / pixels);
    return dpi;
}

/* Draws the page on white at dpi and returns it as an 8-bit gray image, or NULL. */
static PIX *rasterize(PopplerPage *page, double width_points, double height_points, double dpi)
{
    int width = (int)(width_points / 72.0 * dpi + 0.5), height = (int)(height_points / 72.0 * dpi + 0.5);
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return NULL;
    }
    cairo_t *draw = cairo_create(surface);
    cairo_set_source_rgb(draw, 1, 1, 1);
    cairo_paint(draw);
    cairo_scale(draw, dpi / 72.0, dpi / 72.0);
    poppler_page_render(page, draw);
    cairo_destroy(draw);
    cairo_surface_flush(surface);
    PIX *gray = pixCreate(width, height, 8);
    if (gray) {
        pixSetResolution(gray, (l_int32)(dpi + 0.5), (l_int32)(dpi + 0.5));
        const unsigned char *rows = cairo_image_surface_get_data(surface);
        int stride = cairo_image_surface_get_stride(surface);
        for (int y = 0; y < height; y++) {
            const uint32_t *row = (const uint32_t *)(rows + (size_t)y * (size_t)stride);
            l_uint32 *line = pixGetData(gray) + (size_t)y * (size_t)pixGetWpl(gray);
            for (int x = 0; x < width; x++) {
                uint32_t rgb = row[x]; /* cairo's native-endian xRGB; luma weights of ITU-R BT.601 */
                unsigned luma =
                    (77 * ((rgb >> 16) & 0xff) + 150 * ((rgb >> 8) & 0xff) + 29 * (rgb & 0xff)) >> 8;
                SET_DATA_BYTE(line, x, luma);
            }
        }
    }
    cairo_surface_destroy(surface);
    return gray;
}

/*
 * Where each character of the page's text is, in pixels at OCR_DPI (the
 * scale OCR'd pages are read at, so layout rules measure both alike). NULL
 * when Poppler's layout does not match the text character for character:
 * the words are then placed nowhere, as in plain text.
 */
static ns_box *character_boxes(PopplerPage *page, const char *text)
{
    PopplerRectangle *rectangles = NULL;
    guint count = 0;
    if (!poppler_page_get_text_layout(page, &rectangles, &count) || count == 0 ||
        (glong)count != g_utf8_strlen(text, -1)) {
        g_free(rectangles);
        return NULL;
    }
    ns_box *boxes = malloc(count * sizeof *boxes);
    const double scale = OCR_DPI / 72.0;
    for (guint i = 0; boxes && i < count; i++) {
        const PopplerRectangle *r = &rectangles[i];
        double left = fmin(r->x1, r->x2), top = fmin(r->y1, r->y2);
        boxes[i] = (ns_box){(int)(left * scale), (int)(top * scale), (int)(fabs(r->x2 - r->x1) * scale + 1),
                            (int)(fabs(r->y2 - r->y1) * scale + 1)};
    }
    g_free(rectangles);
    return boxes;
}

/* One page (0-based index) into out: its text layer when it has a real one, else its image. */
static ns_status read_page(PopplerDocument *document, int index, long max_pixels, loaded_pages *out,
                           char *err, size_t errlen)
{
    PopplerPage *page = poppler_document_get_page(document, index);
    if (!page) {
        ns_error_set(err, errlen, "PDF page %d cannot be read (damaged file?)", index + 1);
        return NS_ERR_PDF;
    }
    double width = 0, height = 0;
    poppler_page_get_size(page, &width, &height);
    if (!(width >= 1 && height >= 1 && width <= MAX_PAGE_POINTS && height <= MAX_PAGE_POINTS)) {
        ns_error_set(err, errlen,
                     "PDF page %d is %.0f x %.0f points (%.0f x %.0f inches), outside the format's "
                     "1 to %.0f points",
                     index + 1, width, height, width / 72, height / 72, MAX_PAGE_POINTS);
        g_object_unref(page);
        return NS_ERR_PDF;
    }
    double coverage = image_coverage(page, width, height);
    char *text = poppler_page_get_text(page);
    int letters = count_letters_and_digits(text);
    ns_status status = NS_OK;
    if (letters >= FULL_TEXT_LAYER_CHARACTERS || (letters >= MIN_TEXT_LAYER_CHARACTERS && coverage < 0.5)) {
        out->text[out->count] = strdup(text);
        out->text_boxes[out->count] = character_boxes(page, text);
        out->text_width[out->count] = (int)(width / 72.0 * OCR_DPI + 0.5);
        out->text_height[out->count] = (int)(height / 72.0 * OCR_DPI + 0.5);
        status = out->text[out->count] ? NS_OK : NS_ERR_NOMEM;
    } else {
        out->pages[out->count] = rasterize(page, width, height, render_dpi(width, height, max_pixels));
        status = out->pages[out->count] ? NS_OK : NS_ERR_NOMEM;
    }
    if (status == NS_OK)
        out->count++;
    else
        ns_error_set(err, errlen, "PDF page %d: out of memory", index + 1);
    g_free(text);
    g_object_unref(page);
    return status;
}

ns_status pdf_load(const unsigned char *data, size_t size, const load_limits *limits, loaded_pages *out,
                   char *err, size_t errlen)
{
    GError *error = NULL;
    GBytes *bytes = g_bytes_new_static(data, size);
    pthread_mutex_lock(&pdf_open_lock);
    PopplerDocument *document = poppler_document_new_from_bytes(bytes, NULL, &error);
    pthread_mutex_unlock(&pdf_open_lock);
    g_bytes_unref(bytes);
    if (!document) {
        int encrypted = error && g_error_matches(error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED);
        if (encrypted)
            ns_error_set(err, errlen, "PDF is encrypted with a password");
        else
            ns_error_set(err, errlen, "PDF cannot be opened (damaged file?): %s",
                         error ? error->message : "unknown reason");
        g_clear_error(&error);
        return encrypted ? NS_ERR_PDF_ENCRYPTED : NS_ERR_PDF;
    }
    int page_count = poppler_document_get_n_pages(document);
    int from = 0, to = 0;
    ns_status status = NS_ERR_PDF;
    if (page_count < 1)
        ns_error_set(err, errlen, "PDF has no pages");
    else
        status = load_page_range("PDF", page_count, limits, &from, &to, err, errlen);
    for (int index = from; status == NS_OK && index < to; index++)
        status = read_page(document, index, limits->max_pixels, out, err, errlen);
    g_object_unref(document);
    return status;
}
