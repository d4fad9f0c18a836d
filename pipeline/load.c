/*
 * load.c - read a file and decode its pages, detecting the type from the
 * bytes, never the name. JPEG EXIF orientation is applied here (Leptonica
 * ignores it); HEIC goes through libheif, which applies its own transforms.
 */
#include "load.h"

#include <leptonica/allheaders.h>
#include <libexif/exif-data.h>
#include <libheif/heif.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_heif(const unsigned char *data, size_t size)
{
    if (size < 12 || memcmp(data + 4, "ftyp", 4) != 0)
        return 0;
    static const char *const brands[] = {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"};
    for (size_t i = 0; i < sizeof brands / sizeof brands[0]; i++)
        if (memcmp(data + 8, brands[i], 4) == 0)
            return 1;
    return 0;
}

/* EXIF Orientation (tag 0x0112) of a JPEG, 1 when absent or unreadable. */
static int jpeg_exif_orientation(const unsigned char *data, size_t size)
{
    ExifData *exif = exif_data_new_from_data(data, (unsigned int)(size > 0xFFFFFFFFu ? 0xFFFFFFFFu : size));
    if (!exif)
        return 1;
    int orientation = 1;
    ExifEntry *entry = exif_data_get_entry(exif, EXIF_TAG_ORIENTATION);
    if (entry && entry->format == EXIF_FORMAT_SHORT && entry->components >= 1) {
        int value = exif_get_short(entry->data, exif_data_get_byte_order(exif));
        if (value >= 1 && value <= 8)
            orientation = value;
    }
    exif_data_unref(exif);
    return orientation;
}

/* Applies an EXIF orientation so the image is as a viewer would show it. */
static PIX *apply_orientation(PIX *pix, int orientation)
{
    PIX *flipped = NULL, *result = NULL;
    switch (orientation) {
    case 2: return pixFlipLR(NULL, pix);
    case 3: return image_rotate_clockwise(pix, 180);
    case 4: return pixFlipTB(NULL, pix);
    case 5:
        flipped = pixFlipLR(NULL, pix);
        result = flipped ? image_rotate_clockwise(flipped, 270) : NULL;
        break;
    case 6: return image_rotate_clockwise(pix, 90);
    case 7:
        flipped = pixFlipLR(NULL, pix);
        result = flipped ? image_rotate_clockwise(flipped, 90) : NULL;
        break;
    case 8: return image_rotate_clockwise(pix, 270);
    default: return pixClone(pix);
    }
    pixDestroy(&flipped);
    return result;
}

ns_status load_check_pixels(int page, long width, long height, const load_limits *limits, char *err,
                            size_t errlen)
{
    char where[24] = "";
    if (page > 0)
        snprintf(where, sizeof where, "page %d: ", page);
    if (width <= 0 || height <= 0) {
        ns_error_set(err, errlen, "%simage has no pixels", where);
        return NS_ERR_IMAGE;
    }
    if (width > limits->max_pixels / height) { /* divided: width * height may overflow */
        long megapixels = (long)(((unsigned long)width * (unsigned long)height + 999999) / 1000000);
        ns_error_set(err, errlen, "%simage is %ldx%ld (%ld MP), over the %ld MP limit", where, width, height,
                     megapixels, limits->max_pixels / 1000000);
        return NS_ERR_TOO_LARGE;
    }
    if (width < 200 || height < 200) {
        ns_error_set(err, errlen, "%simage is %ldx%ld, too small to hold readable text", where, width,
                     height);
        return NS_ERR_IMAGE;
    }
    return NS_OK;
}

/* libheif's messages may end in a newline; the document's message is one line. */
static void heif_failure(struct heif_error result, char *err, size_t errlen)
{
    int n = (int)strcspn(result.message ? result.message : "", "\r\n");
    ns_error_set(err, errlen, "HEIC: %.*s", n, result.message ? result.message : "");
}

static ns_status decode_heif(const unsigned char *data, size_t size, const load_limits *limits,
                             loaded_pages *out, char *err, size_t errlen)
{
    struct heif_context *context = heif_context_alloc();
    struct heif_image_handle *handle = NULL;
    struct heif_image *image = NULL;
    ns_status status = NS_ERR_IMAGE;
    struct heif_error result = heif_context_read_from_memory_without_copy(context, data, size, NULL);
    if (result.code != heif_error_Ok) {
        heif_failure(result, err, errlen);
        goto done;
    }
    result = heif_context_get_primary_image_handle(context, &handle);
    if (result.code != heif_error_Ok) {
        heif_failure(result, err, errlen);
        goto done;
    }
    status = load_check_pixels(0, heif_image_handle_get_width(handle), heif_image_handle_get_height(handle),
                               limits, err, errlen);
    if (status != NS_OK)
        goto done;
    status = NS_ERR_IMAGE;
    /* libheif applies the file's rotation and mirroring while decoding. */
    result = heif_decode_image(handle, &image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, NULL);
    if (result.code != heif_error_Ok) {
        heif_failure(result, err, errlen);
        goto done;
    }
    int stride = 0;
    const uint8_t *pixels = heif_image_get_plane_readonly(image, heif_channel_interleaved, &stride);
    int width = heif_image_get_width(image, heif_channel_interleaved);
    int height = heif_image_get_height(image, heif_channel_interleaved);
    PIX *pix = pixels ? pixCreate(width, height, 32) : NULL;
    if (!pix) {
        ns_error_set(err, errlen, "HEIC: cannot decode the image planes");
        goto done;
    }
    for (int y = 0; y < height; y++) {
        const uint8_t *row = pixels + (size_t)y * stride;
        l_uint32 *line = pixGetData(pix) + (size_t)y * pixGetWpl(pix);
        for (size_t x = 0; x < (size_t)width; x++)
            composeRGBPixel(row[3 * x], row[3 * x + 1], row[3 * x + 2], &line[x]);
    }
    out->pages[out->count++] = pix;
    snprintf(out->format, sizeof out->format, "heic");
    status = NS_OK;
done:
    heif_image_release(image);
    heif_image_handle_release(handle);
    heif_context_free(context);
    return status;
}

static const char *format_name(l_int32 format)
{
    switch (format) {
    case IFF_PNG: return "png";
    case IFF_JFIF_JPEG: return "jpeg";
    case IFF_BMP: return "bmp";
    case IFF_PNM: return "pnm";
    case IFF_WEBP: return "webp";
    case IFF_GIF: return "gif";
    case IFF_JP2: return "jp2";
    case IFF_TIFF:
    case IFF_TIFF_PACKBITS:
    case IFF_TIFF_RLE:
    case IFF_TIFF_G3:
    case IFF_TIFF_G4:
    case IFF_TIFF_LZW:
    case IFF_TIFF_ZIP:
    case IFF_TIFF_JPEG: return "tiff";
    default: return NULL;
    }
}

const char *ns_file_type(const void *head, size_t size)
{
    unsigned char padded[16] = {0}; /* Leptonica's sniffer reads 12 bytes whatever the size */
    const unsigned char *bytes = head;
    if (!head)
        return NULL;
    if (size < sizeof padded) {
        memcpy(padded, head, size);
        bytes = padded;
    }
    if (is_heif(bytes, size))
        return "heic";
    if (size >= 5 && memcmp(bytes, "%PDF-", 5) == 0)
        return "pdf";
    l_int32 format = IFF_UNKNOWN;
    findFileFormatBuffer(bytes, &format);
    return format_name(format);
}

ns_status load_page_range(const char *kind, int page_count, const load_limits *limits, int *from, int *to,
                          char *err, size_t errlen)
{
    *from = limits->first_page > 0 ? limits->first_page - 1 : 0;
    *to = limits->last_page > 0 && limits->last_page < page_count ? limits->last_page : page_count;
    if (*from >= page_count) {
        ns_error_set(err, errlen, "page %d was asked for, the document has %d page%s", limits->first_page,
                     page_count, page_count == 1 ? "" : "s");
        return NS_ERR_ARGUMENT;
    }
    if (*to - *from > limits->max_pages && *to - *from == page_count) {
        ns_error_set(err, errlen, "%s has %d pages, over the %d page limit", kind, page_count, limits->max_pages);
        return NS_ERR_TOO_LARGE;
    }
    if (*to - *from > limits->max_pages) {
        ns_error_set(err, errlen, "%s pages %d-%d are %d pages, over the %d page limit", kind, *from + 1, *to,
                     *to - *from, limits->max_pages);
        return NS_ERR_TOO_LARGE;
    }
    return NS_OK;
}

/* Every page's header is checked before any page is decoded: a bomb on page 3 costs nothing. */
static ns_status check_tiff_pages(const unsigned char *data, size_t size, const load_limits *limits,
                                  int *from, int *to, char *err, size_t errlen)
{
    l_int32 pages = 0;
    FILE *stream = fmemopen((void *)data, size, "rb");
    if (!stream || tiffGetCount(stream, &pages) != 0 || pages < 1) {
        if (stream)
            fclose(stream);
        ns_error_set(err, errlen, "TIFF: cannot count pages (damaged file?)");
        return NS_ERR_IMAGE;
    }
    fclose(stream);
    ns_status range = load_page_range("TIFF", pages, limits, from, to, err, errlen);
    if (range != NS_OK)
        return range;
    for (int page = *from; page < *to; page++) {
        l_int32 width = 0, height = 0;
        if (readHeaderMemTiff(data, size, page, &width, &height, NULL, NULL, NULL, NULL, NULL) != 0) {
            ns_error_set(err, errlen, "page %d: TIFF page header cannot be read", page + 1);
            return NS_ERR_IMAGE;
        }
        ns_status status = load_check_pixels(page + 1, width, height, limits, err, errlen);
        if (status != NS_OK)
            return status;
    }
    return NS_OK;
}

static ns_status decode_tiff(const unsigned char *data, size_t size, const load_limits *limits,
                             loaded_pages *out, char *err, size_t errlen)
{
    int from = 0, to = 0;
    ns_status status = check_tiff_pages(data, size, limits, &from, &to, err, errlen);
    size_t offset = 0;
    for (int page = 0; status == NS_OK && page < to; page++) {
        PIX *pix = pixReadMemFromMultipageTiff(data, size, &offset);
        if (pix && page < from) { /* TIFF pages are found by walking the chain of directories */
            pixDestroy(&pix);
            continue;
        }
        if (!pix) {
            ns_error_set(err, errlen, "page %d: TIFF page cannot be decoded", page + 1);
            return NS_ERR_IMAGE;
        }
        out->pages[out->count++] = pix;
        if (offset == 0)
            break;
    }
    return status;
}

/*
 * For BMP and GIF, Leptonica's header reader decodes the whole image, so their
 * sizes are read here from the bytes. A GIF's is its logical screen: a frame
 * that claims more than its screen is not caught.
 */
static int read_header_size(l_int32 format, const unsigned char *data, size_t size, l_int32 *width,
                            l_int32 *height)
{
    if (format == IFF_GIF) {
        if (size < 10)
            return 0;
        *width = data[6] | data[7] << 8;
        *height = data[8] | data[9] << 8;
        return 1;
    }
    if (format == IFF_BMP) {
        if (size < 26)
            return 0;
        uint32_t info_size = data[14] | data[15] << 8 | data[16] << 16 | (uint32_t)data[17] << 24;
        if (info_size == 12) { /* OS/2 BITMAPCOREHEADER: 16-bit sizes */
            *width = data[18] | data[19] << 8;
            *height = data[20] | data[21] << 8;
            return 1;
        }
        int32_t w = (int32_t)(data[18] | data[19] << 8 | data[20] << 16 | (uint32_t)data[21] << 24);
        int32_t h = (int32_t)(data[22] | data[23] << 8 | data[24] << 16 | (uint32_t)data[25] << 24);
        *width = w;
        *height = h == INT32_MIN ? 0 : h < 0 ? -h : h; /* negative: rows stored top-down */
        return 1;
    }
    return pixReadHeaderMem(data, size, NULL, width, height, NULL, NULL, NULL) == 0;
}

/* One image of any other format: header first, then the pixels. */
static ns_status decode_single(const unsigned char *data, size_t size, l_int32 format, const char *name,
                               const load_limits *limits, loaded_pages *out, char *err, size_t errlen)
{
    PIX *pix = NULL;
    int from = 0, to = 0; /* a one-image file is page 1: asking for page 2 of it is an error as in a TIFF */
    ns_status status = load_page_range(name, 1, limits, &from, &to, err, errlen);
    if (status != NS_OK)
        return status;
    if (format == IFF_PNG) {
        status = load_png(data, size, limits, &pix, err, errlen);
    } else if (format == IFF_JFIF_JPEG) {
        status = load_jpeg(data, size, limits, &pix, err, errlen);
    } else {
        l_int32 width = 0, height = 0;
        if (!read_header_size(format, data, size, &width, &height)) {
            ns_error_set(err, errlen, "%s header cannot be read (damaged or truncated file)", name);
            return NS_ERR_IMAGE;
        }
        status = load_check_pixels(0, width, height, limits, err, errlen);
        pix = status == NS_OK ? pixReadMem(data, size) : NULL;
        if (status == NS_OK && !pix) {
            ns_error_set(err, errlen, "%s data cannot be decoded (damaged or truncated file)", name);
            status = NS_ERR_IMAGE;
        }
    }
    if (pix && format == IFF_JFIF_JPEG) {
        out->exif_orientation = jpeg_exif_orientation(data, size);
        PIX *upright = apply_orientation(pix, out->exif_orientation);
        pixDestroy(&pix);
        pix = upright;
    }
    if (pix)
        out->pages[out->count++] = pix;
    return status;
}

ns_status load_memory(const unsigned char *data, size_t size, const load_limits *limits, loaded_pages *out,
                      char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->exif_orientation = 1;
    if (size == 0) {
        ns_error_set(err, errlen, "file is empty");
        return NS_ERR_FORMAT;
    }
    if (size > limits->max_file_bytes) {
        ns_error_set(err, errlen, "file is %zu MB, over the %zu MB limit", (size + (1u << 20) - 1) >> 20,
                     limits->max_file_bytes >> 20);
        return NS_ERR_TOO_LARGE;
    }
    const char *name = ns_file_type(data, size);
    if (!name) {
        ns_error_set(err, errlen, "not a supported image or PDF (PNG, JPEG, TIFF, BMP, WebP, PNM, HEIC, PDF)");
        return NS_ERR_FORMAT;
    }
    l_int32 format = IFF_UNKNOWN;
    findFileFormatBuffer(data, &format);
    snprintf(out->format, sizeof out->format, "%s", name);
    ns_status status;
    if (strcmp(name, "heic") == 0)
        status = decode_heif(data, size, limits, out, err, errlen);
    else if (strcmp(name, "pdf") == 0)
        status = pdf_load(data, size, limits, out, err, errlen);
    else if (strcmp(name, "tiff") == 0)
        status = decode_tiff(data, size, limits, out, err, errlen);
    else
        status = decode_single(data, size, format, name, limits, out, err, errlen);
    if (status != NS_OK)
        loaded_pages_free(out);
    return status;
}

ns_status load_file(const char *path, const load_limits *limits, loaded_pages *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->exif_orientation = 1;
    unsigned char *data = NULL;
    size_t size = 0;
    ns_status status = file_read_limited(path, limits->max_file_bytes, &data, &size, err, errlen);
    if (status == NS_OK)
        status = load_memory(data, size, limits, out, err, errlen);
    free(data);
    return status;
}

void loaded_pages_free(loaded_pages *pages)
{
    for (int i = 0; i < pages->count; i++) {
        pixDestroy(&pages->pages[i]);
        free(pages->text[i]);
        pages->text[i] = NULL;
        free(pages->text_boxes[i]);
        pages->text_boxes[i] = NULL;
    }
    pages->count = 0;
}
