/*
 * document.h - the insides of the public objects ns_knowledge and
 * ns_document: engine.c builds them, the output files render them.
 */
#ifndef NOTICESCAN_DOCUMENT_H
#define NOTICESCAN_DOCUMENT_H

#include "catalog.h"
#include "explain.h"
#include "extract.h"
#include "patterns.h"
#include "preprocess.h"

struct ns_knowledge {
    pattern_library patterns;
    notice_catalog catalog;
};

struct ns_document {
    char *source;
    ns_status status;
    char *error;
    int pages;
    int first_page; /* the source's number for pages[0]: 1, or where --pages started */
    char format[16];
    int exif_orientation; /* the EXIF Orientation tag (1..8) applied when the image was loaded; 1 when none */
    preprocess_report preprocess[NS_MAX_PAGES];
    int preprocessed; /* 1 when the document came from an image */
    int from_code;    /* 1 when made from a notice code alone (--explain) */
    extraction extraction;
    /* The explain stage's results, made once when the document is read (status NS_OK only). */
    const struct ns_knowledge *knowledge; /* borrowed: what the plan was made with, for corrections */
    int abroad;                           /* the plan used the longer windows for an address abroad */
    ns_date today;        /* the date days left were counted from */
    action_plan plan;     /* borrows from the knowledge's catalog */
    int has_authenticity; /* 0 for a document made from a code alone */
    authenticity authenticity;
    unsigned char text_layer[NS_MAX_PAGES]; /* 1: the page was read from a PDF's text layer, not OCR */
    ns_timings timings;
};

#endif
