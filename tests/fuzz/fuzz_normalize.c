/*
 * fuzz_normalize.c - the value normalizers (money, dates, years, notice codes, form numbers, phone
 * numbers, taxpayer ids, identifier masking, OCR token repair) over arbitrary text.
 * Promises checked: money read back from its own formatting is the same number of cents; a date
 * read is a valid date; a masked id keeps at most four digits; masking leaves no full SSN.
 */
#include "fuzz.h"
#include "dates.h"
#include "normalize.h"

static void check_money(const char *text)
{
    int64_t cents = 0, again = 0;
    if (!normalize_money(text, &cents))
        return;
    char formatted[64];
    format_money(cents, formatted, sizeof formatted);
    if (!normalize_money(formatted, &again) || again != cents)
        fuzz_fail("money does not read back from its own formatting", formatted);
    format_money_for_people(cents, formatted, sizeof formatted);
}

static void check_date(const char *text)
{
    ns_date date;
    if (normalize_date(text, &date) && !date_is_valid(date))
        fuzz_fail("normalize_date returned an invalid date for", text);
    int year;
    if (normalize_year(text, &year) && (year < 1900 || year > 2199))
        fuzz_fail("normalize_year returned a year out of 1900..2199 for", text);
}

static void check_identifiers(const char *text)
{
    char out[256];
    if (normalize_taxpayer_id(text, out, sizeof out)) {
        int digits = 0;
        for (const char *p = out; *p; p++)
            digits += isdigit((unsigned char)*p) != 0;
        if (digits > 4)
            fuzz_fail("a masked taxpayer id keeps more than four digits", out);
    }
    char *masked = strdup(text);
    if (!masked)
        fuzz_fail("out of memory", "copying the input");
    mask_identifiers(masked);
    if (fuzz_find_full_ssn(masked))
        fuzz_fail("mask_identifiers leaves a full SSN", masked);
    free(masked);
}

static int fuzz_normalize(const uint8_t *data, size_t size)
{
    char *text = fuzz_text_copy(data, size);
    char out[256];
    check_money(text);
    check_date(text);
    check_identifiers(text);
    normalize_notice_code(text, out, sizeof out);
    normalize_form(text, out, sizeof out);
    normalize_phone(text, out, sizeof out);
    normalize_token(text, out, sizeof out);
    free(text);
    return 0;
}
FUZZ_ENTRY(fuzz_normalize)
