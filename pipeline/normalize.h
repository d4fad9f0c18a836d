/* normalize.h - OCR repair and value parsing (normalize.c). */
#ifndef NOTICESCAN_NORMALIZE_H
#define NOTICESCAN_NORMALIZE_H

#include "base.h"

/*
 * Repairs one OCR token in place-style into out (cap bytes): typographic
 * punctuation to ASCII, and in tokens that are clearly numbers or notice
 * codes the classic confusions (O->0, l/I->1, S->5, B->8, Z->2, S$->$).
 */
void normalize_token(const char *token, char *out, size_t cap);

/* "Form 1040-SR" -> "1040-SR", "941" -> "941". */
int normalize_form(const char *text, char *out, size_t len);
/* An SSN, ITIN or EIN, masked to its last four digits: "XXX-XX-1234", "XX-XXX1234". */
int normalize_taxpayer_id(const char *text, char *out, size_t len);
/* "1-800-829-1040", "(800) 829 1040" -> "800-829-1040". */
int normalize_phone(const char *text, char *out, size_t len);
/* Masks SSNs, ITINs and EINs to their last four digits, in place. */
void mask_identifiers(char *text);
/* "$1,075.21", "1.075,21", "1 075.21" -> cents. Returns 1 on success. */
int normalize_money(const char *text, int64_t *cents);
/* Formats cents as "1075.21" (no sign for >= 0, "-" otherwise). */
void format_money(int64_t cents, char *out, size_t len);
/* Formats cents for a person: "$1,075.21". */
void format_money_for_people(int64_t cents, char *out, size_t len);
/* "February 20, 2018", "Feb. 20, 2018", "02/20/2018", "2/20/18", "2018-02-20". */
int normalize_date(const char *text, ns_date *date);
/* "2017" or a period such as "December 31, 2017" -> 2017 (1900..2199). */
int normalize_year(const char *text, int *year);
/* "CP 14", "cp14", "LTR 1058", "Letter 1058", "LT11" -> "CP14", "LTR1058", "LT11". */
int normalize_notice_code(const char *text, char *out, size_t len);
/*
 * "CPOLA" -> "CP01A" (suffix_letters 1): a code's look-alike letters taken as
 * digits, the last suffix_letters kept; for matching against the catalog only.
 */
int normalize_code_lookalikes(const char *text, size_t suffix_letters, char *out, size_t len);
/* 1 when a and b (not case-sensitive, under 31 bytes each) are at most limit edits apart. */
int normalize_edit_distance_at_most(const char *a, size_t alen, const char *b, size_t blen, int limit);

#endif
