/*
 * fuzz_image.c - the image loader and the preprocessing stage, without OCR (too slow to fuzz):
 * the input is written to a file and read as ns_engine_read_file reads it (type from the bytes,
 * EXIF orientation, every page of a TIFF), then each page is cleaned as for OCR.
 * Promise checked: a file that does not load says why.
 */
#include "fuzz.h"
#include "load.h"
#include "preprocess.h"

#include <leptonica/allheaders.h>

/*
 * The default limits but 4 megapixels a page: preprocessing time grows with the pixels, so bigger
 * pages would only slow the search down (the limit checks run the same at any value).
 */
static const load_limits fuzz_limits = {
    .max_pixels = 4L * 1000L * 1000L, .max_pages = NS_DEFAULT_MAX_PAGES, .max_file_bytes = NS_MAX_FILE_BYTES};

static int fuzz_image(const uint8_t *data, size_t size)
{
    setMsgSeverity(L_SEVERITY_NONE); /* as ns_engine_create does: the library never prints */
    const char *path = fuzz_write_scratch("input.img", data, size);
    loaded_pages pages;
    char error[512] = "";
    if (load_file(path, &fuzz_limits, &pages, error, sizeof error) != NS_OK) {
        if (!error[0])
            fuzz_fail("load_file", "failed without a message");
        return 0;
    }
    for (int i = 0; i < pages.count; i++) {
        preprocess_report report;
        memset(&report, 0, sizeof report);
        PIX *clean = preprocess_page(pages.pages[i], &report, NULL, "fuzz", error, sizeof error);
        pixDestroy(&clean);
    }
    loaded_pages_free(&pages);
    return 0;
}
FUZZ_ENTRY(fuzz_image)
