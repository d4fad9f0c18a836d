/* extract.h - candidates, scoring and cross-checks: document text -> fields (extract.c). */
#ifndef NOTICESCAN_EXTRACT_H
#define NOTICESCAN_EXTRACT_H

#include "catalog.h"
#include "patterns.h"
#include "text.h"

typedef enum page_region {
    REGION_UNKNOWN,
    REGION_HEADER, /* the top-right block of a page */
    REGION_BODY,
    REGION_STUB, /* the tear-off payment stub at the bottom */
} page_region;

/* Why a code was taken as another than it was read. */
typedef enum code_correction {
    CODE_AS_READ,
    CODE_FROM_CATALOG, /* read one OCR slip from a catalog code, taken as that code */
    CODE_FROM_PAGE,    /* read one OCR slip from the code printed elsewhere on the page */
} code_correction;

typedef struct field_candidate {
    char value[128];  /* normalized: "CP14", "2017", "1075.21", "2018-02-20", an address block */
    int64_t number;   /* cents, year, or days since epoch */
    char text[160];   /* the matched text as read */
    const char *rule; /* name of the rule that matched (owned by the library) */
    double weight;
    double score; /* weight plus agreement, minus vetoes */
    int repeats;  /* how many matches gave this value */
    int page;
    ns_box box;
    float ocr_confidence;
    page_region region;
    code_correction corrected;
    int labelled;        /* read by a rule that pairs a label with its value (a "paired" rule) */
    size_t first_offset; /* where in the text the value was first read, over all its readings */
} field_candidate;

/* Where a label's value was read too garbled to parse (a "misread" rule matched): a place to read again. */
typedef struct misread_place {
    ns_box box; /* the garbled value's words */
    int page;
    double weight; /* the rule's: the strongest label's place is read first */
    char text[48]; /* as read, identifiers masked */
} misread_place;

#define MOST_MISREAD_PLACES 3

typedef struct extracted_field {
    int found;
    field_candidate chosen;
    int has_runner_up;
    field_candidate runner_up;
    double confidence;
    char review[96]; /* why this field needs review, or "" */
    /* Set when a check between fields marked it: what it was before, to check again (extract_recheck). */
    int check_marked;
    double unchecked_confidence;
    char unchecked_review[96];
    misread_place misread[MOST_MISREAD_PLACES]; /* strongest first */
    int misread_count;
} extracted_field;

typedef struct signal_match {
    const char *rule; /* the signal rule's name (owned by the library) */
    double weight;
    char text[64]; /* as read, identifiers masked */
} signal_match;

#define MAX_SIGNALS 16
#define MAX_BILLING_LINES 12

typedef struct billing_line {
    const char *kind; /* the rule's name: "tax_owed", "credit_payments", ... */
    int64_t cents;    /* as it counts toward the total: credits negative */
    char text[48];
} billing_line;
typedef struct extraction {
    extracted_field fields[NS_FIELD_ALL_COUNT];
    signal_match signals[MAX_SIGNALS];
    int signal_count;
    billing_line billing[MAX_BILLING_LINES];
    int billing_count;
    int billing_agrees; /* 1 the lines add up to the amount due, -1 they do not, 0 not checked */
} extraction;

/* Runs every pattern set over the text and chooses each field. */
void extract_fields(const pattern_library *library, const struct notice_catalog *catalog,
                    const document_text *text, extraction *out);

/*
 * A catalog notice's printed window against a response date and a notice date
 * (days since the epoch, as dates.h counts them; either window, at home or
 * abroad): WINDOW_EXACT on the count as the IRS prints it (or on the business
 * day it rolls forward to), WINDOW_NEAR a few days off it, WINDOW_OFF further,
 * and WINDOW_UNKNOWN when the catalog prints no window counted from the notice date.
 */
typedef enum window_fit { WINDOW_UNKNOWN = -1, WINDOW_OFF, WINDOW_NEAR, WINDOW_EXACT } window_fit;
window_fit extract_window_fit(const catalog_notice *notice, long notice_day, long response_day);
/* The billing summary's lines added up; 0 when they are too few (or lack the tax) to check a total. */
int extract_billing_total(const extraction *fields, int64_t *total);
/*
 * Runs the cross-checks between fields again on their final values, after a
 * second look replaced or filled one: a mark a replaced value caused is taken
 * back, one it now causes is made. A field replaced since keeps its own review
 * (the replacing stage clears its check_marked). Last, every core value under
 * 0.8 without a review gets one: what comes out with no review is sure.
 */
void extract_recheck(extraction *fields, const notice_catalog *catalog);
/*
 * A catalog code one doubled or lost character from a catalog code read (CP111 for CP11, CP11
 * for CP111): which of the two was printed, the catalog cannot tell. NULL when it has no such twin.
 */
const char *extract_code_twin(const struct notice_catalog *catalog, const char *code);
/* Parses text as a value of the field's kind, as read (no catalog correction); 0 when it is not one. */
int extract_parse_value(ns_field_id field, const char *text, field_candidate *candidate);

/*
 * Sets a field to a value a person typed (a correction), parsed as the field's
 * kind: confidence 1, no review. NULL or "" clears the field. Returns 0 when
 * the text is not a value of that kind.
 */
int extract_correct_field(extraction *fields, ns_field_id id, const char *text);

#endif
