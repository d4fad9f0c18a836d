/* patterns.h - pattern sets kept as data (patterns.c). */
#ifndef NOTICESCAN_PATTERNS_H
#define NOTICESCAN_PATTERNS_H

#include "base.h"

typedef enum value_kind {
    VALUE_CODE,
    VALUE_YEAR,
    VALUE_MONEY,
    VALUE_DATE,
    VALUE_FORM,
    VALUE_ID,
    VALUE_PHONE,
    VALUE_NUMBER,
    VALUE_ADDRESS
} value_kind;

/* The longest prefix= a rule may put before its value: codes like "LTR" need 3; field values are < 128. */
#define PATTERN_PREFIX_MAX 32

typedef struct pattern_rule {
    char *name;
    double weight;     /* evidence strength 0..1; negative: a veto against the value it matches */
    char **only_codes; /* NULL, or the notice codes this rule applies to */
    size_t only_count;
    char *value_prefix; /* NULL, or text put before the captured value */
    int paired;         /* a label and its value: on a page, the value must sit beside or below the label */
    int misread;        /* the value garbled beside its label: a place to read again, never a value */
    void *regex;        /* pcre2_code * */
    char *origin;       /* "file.pat:12" for messages */
} pattern_rule;

typedef struct pattern_set {
    pattern_rule *rules;
    size_t count;
} pattern_set;

typedef struct pattern_library {
    pattern_set fields[NS_FIELD_ALL_COUNT];
    pattern_set signals; /* scam signs (positive weight) and marks of a real notice (negative) */
    pattern_set billing; /* billing summary lines, one rule per kind of line */
} pattern_library;

value_kind field_value_kind(ns_field_id field);
/* Loads every *.pat file in dir, or the embedded set when dir is NULL. */
ns_status patterns_load(pattern_library *library, const char *dir, char *err, size_t errlen);
void patterns_free(pattern_library *library);

#endif
