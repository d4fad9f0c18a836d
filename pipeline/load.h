/* load.h - read a file and decode its pages (load.c). */
#ifndef NOTICESCAN_LOAD_H
#define NOTICESCAN_LOAD_H

#include "base.h"

typedef struct loaded_pages {
    struct Pix *pages[NS_MAX_PAGES];
    int count;
    int exif_orientation; /* 1..8 as read (1 when absent); already applied */
    char format[16];      /* "png", "jpeg", "tiff", "heic", ... */
} loaded_pages;

/* Reads and decodes a file; on failure writes the reason (without the path) to err. */
ns_status load_file(const char *path, loaded_pages *out, char *err, size_t errlen);
void loaded_pages_free(loaded_pages *pages);

#endif
