/*
 * document.h - the insides of the public objects ns_knowledge and
 * ns_document: engine.c builds them, the output files render them.
 */
#ifndef NOTICESCAN_DOCUMENT_H
#define NOTICESCAN_DOCUMENT_H

#include "catalog.h"
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
    char format[16];
    preprocess_report preprocess[NS_MAX_PAGES];
    int preprocessed; /* 1 when the document came from an image */
    int from_code;    /* 1 when made from a notice code alone (--explain) */
    extraction extraction;
};

#endif
