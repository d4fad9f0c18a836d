/* ocr.h - Tesseract: a clean page -> words with boxes (ocr.c). */
#ifndef NOTICESCAN_OCR_H
#define NOTICESCAN_OCR_H

#include "text.h"

typedef struct ocr_engine ocr_engine;

/* Tesseract's and OpenMP's process-wide settings; called once per process (see engine.c). */
void ocr_set_process_settings(void);

ns_status ocr_create(const char *tessdata_dir, const char *language, ocr_engine **out, char *err,
                     size_t errlen);
void ocr_free(ocr_engine *engine);
/*
 * Tesseract's orientation detection (osd.traineddata), for pages where the
 * cheap test was undecided: *degrees is the clockwise turn that sets the
 * page upright (0, 90, 180, 270). Returns 0 when OSD is unavailable or unsure.
 */
int ocr_detect_orientation(ocr_engine *engine, struct Pix *page, int *degrees);
/* Recognizes one page and appends its words to text; seconds_limit > 0 stops a page that takes longer. */
ns_status ocr_page(ocr_engine *engine, struct Pix *page, int seconds_limit, document_text *text, char *err,
                   size_t errlen);

#endif
