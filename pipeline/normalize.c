/*
 * normalize.c - repair OCR tokens and turn matched text into exact values.
 *
 * Money is integer cents, never a binary float; dates are ns_date.
 */
#include "dates.h"
#include "normalize.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Typographic punctuation Tesseract emits even for plain ASCII on the page. */
static const struct {
    const char *utf8;
    const char *ascii;
} punctuation_map[] = {
    {"\xE2\x80\x98", "'"}, {"\xE2\x80\x99", "'"},   {"\xE2\x80\x9C", "\""}, {"\xE2\x80\x9D", "\""},
    {"\xE2\x80\x93", "-"}, {"\xE2\x80\x94", "-"},   {"\xE2\x80\x90", "-"},  {"\xE2\x80\x91", "-"},
    {"\xE2\x88\x92", "-"}, {"\xE2\x80\xA6", "..."}, {"\xEF\xAC\x81", "fi"}, {"\xEF\xAC\x82", "fl"},
    {"\xC2\xA0", " "},
};

/* The digit a letter is most often misread for, or 0. */
static char confusable_digit(char c)
{
    switch (c) {
    case 'O':
    case 'o':
    case 'D':
    case 'Q': return '0';
    case 'I':
    case 'l':
    case '|':
    case 'i':
    case '!': return '1';
    case 'Z':
    case 'z': return '2';
    case 'S':
    case 's': return '5';
    case 'B': return '8';
    case 'G': return '6';
    case 'T': return '7';
    default: return 0;
    }
}

static void replace_punctuation(const char *token, char *out, size_t cap)
{
    size_t used = 0;
    while (*token && used + 1 < cap) {
        size_t i, matched = 0;
        for (i = 0; i < sizeof punctuation_map / sizeof punctuation_map[0]; i++) {
            size_t n = strlen(punctuation_map[i].utf8);
            if (strncmp(token, punctuation_map[i].utf8, n) == 0) {
                size_t m = strlen(punctuation_map[i].ascii);
                if (used + m < cap) {
                    memcpy(out + used, punctuation_map[i].ascii, m);
                    used += m;
                }
                token += n;
                matched = 1;
                break;
            }
        }
        if (!matched)
            out[used++] = *token++;
    }
    out[used] = '\0';
}

/*
 * A token of digits and number punctuation with a few letters that look like
 * digits ("2O18", "$1,O75.2l", "S1,075.21") is a damaged number: fix it. A
 * token with any other letter is a word and stays as it is.
 */
static void repair_number(char *token)
{
    int digits = 0, confusables = 0;
    for (char *p = token; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (confusable_digit(*p))
            confusables++;
        else if (isalpha((unsigned char)*p))
            return;
    }
    if (digits == 0 || confusables == 0 || confusables > digits + 1)
        return;
    char *p = token;
    while (*p == '(')
        p++;
    /* A leading S or 5 before a digit group with cents is a misread dollar sign. */
    if ((*p == 'S' || *p == 's') && isdigit((unsigned char)p[1]))
        *p++ = '$';
    for (; *p; p++)
        if (confusable_digit(*p))
            *p = confusable_digit(*p);
}

/*
 * "CPI4" -> "CP14", "LTII" -> "LT11", "CP2OOO" -> "CP2000". A trailing letter
 * after two real digits is a variant suffix ("CP504B", "CP515I") and stays,
 * except O, which no notice code ends in.
 */
static void repair_code(char *token)
{
    size_t prefix = 0;
    if (strncmp(token, "LTR", 3) == 0)
        prefix = 3;
    else if (strncmp(token, "CP", 2) == 0 || strncmp(token, "LT", 2) == 0)
        prefix = 2;
    if (prefix == 0)
        return;
    char *body = token + prefix;
    size_t len = strlen(body);
    while (len > 0 &&
           (body[len - 1] == ',' || body[len - 1] == '.' || body[len - 1] == ':' || body[len - 1] == ')'))
        len--;
    if (len == 0 || len > 7)
        return;
    int real_digits = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        if (isdigit((unsigned char)body[i]))
            real_digits++;
        else if (!isupper((unsigned char)body[i]) && !confusable_digit(body[i]))
            return;
    }
    size_t digit_end = len;
    /* Keep up to two trailing letters when two digits (or digit look-alikes, "7IC") precede them. */
    while (real_digits > 0 && digit_end > 0 && len - digit_end < 2 &&
           isupper((unsigned char)body[digit_end - 1]) && body[digit_end - 1] != 'O') {
        int digits_before = 0;
        for (i = 0; i + 1 < digit_end; i++)
            digits_before += isdigit((unsigned char)body[i]) || confusable_digit(body[i]);
        if (digits_before < 2)
            break;
        digit_end--;
    }
    for (i = 0; i < digit_end; i++) {
        if (isdigit((unsigned char)body[i]))
            continue;
        if (!confusable_digit(body[i]))
            return;
    }
    if (real_digits == 0 && digit_end < 2)
        return; /* "CPA", "LTI": too little to call a code */
    for (i = 0; i < digit_end; i++)
        if (!isdigit((unsigned char)body[i]))
            body[i] = confusable_digit(body[i]);
}

/* The letter a digit stands for inside a word ("Ju1y", "0ctober", "Augu5t"), or 0. */
static char confusable_letter(char c)
{
    switch (c) {
    case '1': return 'l';
    case '0': return 'o';
    case '5': return 's';
    default: return 0;
    }
}

/*
 * A month name with a digit for a letter ("Ju1y", "Apri1", "0ct.") becomes
 * the name, but only when the result is a month: other words keep their digits.
 */
static void repair_month(char *token)
{
    size_t len = strlen(token);
    while (len > 0 && (token[len - 1] == '.' || token[len - 1] == ','))
        len--;
    if (len < 3 || len > 9)
        return;
    char candidate[16];
    int letters = 0, replaced = 0;
    for (size_t i = 0; i < len; i++) {
        char c = token[i];
        if (isalpha((unsigned char)c)) {
            letters++;
            candidate[i] = c;
        } else if (confusable_letter(c)) {
            replaced++;
            candidate[i] = (char)(i == 0 ? toupper((unsigned char)confusable_letter(c)) : confusable_letter(c));
        } else {
            return;
        }
    }
    candidate[len] = '\0';
    if (replaced == 0 || replaced > 1 || letters < 2)
        return;
    /* Exact month names and abbreviations only: no edit-distance guesses here. */
    for (int month = 1; month <= 12; month++) {
        const char *full = date_month_name(month);
        if (strncasecmp(candidate, full, len) == 0 && (len == strlen(full) || len <= 4)) {
            memcpy(token, candidate, len);
            return;
        }
    }
}

void normalize_token(const char *token, char *out, size_t cap)
{
    if (cap == 0)
        return;
    replace_punctuation(token, out, cap);
    repair_code(out);
    repair_month(out);
    repair_number(out);
}

/* Twelve digits of dollars (under a trillion) is more than any notice asks; it also keeps cents in int64_t.
 */
#define MONEY_MAX_WHOLE_DIGITS 12

int normalize_money(const char *text, int64_t *cents)
{
    int n = 0; /* digits before the decimal point */
    int negative = 0, seen_digit = 0;
    const char *last_separator = NULL;
    const char *p;
    for (p = text; *p; p++) {
        if (*p == '-' && !seen_digit)
            negative = 1;
        else if (isdigit((unsigned char)*p))
            seen_digit = 1;
        else if ((*p == '.' || *p == ',') && seen_digit)
            last_separator = p;
    }
    if (!seen_digit)
        return 0;
    /* The last separator is the decimal point only when exactly two digits follow it. */
    const char *decimal = NULL;
    if (last_separator) {
        int after = 0;
        for (p = last_separator + 1; *p; p++) {
            if (isdigit((unsigned char)*p))
                after++;
            else if (*p != ' ')
                break;
        }
        if (after == 2)
            decimal = last_separator;
    }
    int64_t whole = 0, fraction = 0;
    int fraction_digits = 0;
    for (p = text; *p; p++) {
        if (p == decimal) {
            for (p++; *p; p++) {
                if (isdigit((unsigned char)*p) && fraction_digits < 2) {
                    fraction = fraction * 10 + (*p - '0');
                    fraction_digits++;
                }
            }
            break;
        }
        if (isdigit((unsigned char)*p)) {
            if (++n > MONEY_MAX_WHOLE_DIGITS)
                return 0; /* not an amount; checked before multiplying, which would overflow */
            whole = whole * 10 + (*p - '0');
        }
    }
    if (n == 0)
        return 0;
    *cents = (whole * 100 + fraction) * (negative ? -1 : 1);
    return 1;
}

void format_money(int64_t cents, char *out, size_t len)
{
    int64_t magnitude = cents < 0 ? -cents : cents;
    snprintf(out, len, "%s%lld.%02lld", cents < 0 ? "-" : "", (long long)(magnitude / 100),
             (long long)(magnitude % 100));
}

/* "$1,075.21" */
void format_money_for_people(int64_t cents, char *out, size_t len)
{
    uint64_t magnitude = cents < 0 ? (uint64_t)-cents : (uint64_t)cents;
    char digits[24];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)(magnitude / 100));
    size_t n = strlen(digits), used = 0;
    char grouped[32];
    for (size_t i = 0; i < n && used + 2 < sizeof grouped; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[used++] = ',';
        grouped[used++] = digits[i];
    }
    grouped[used] = '\0';
    snprintf(out, len, "$%s.%02u", grouped, (unsigned)(magnitude % 100));
}

int normalize_edit_distance_at_most(const char *a, size_t alen, const char *b, size_t blen, int limit)
{
    int previous[32], current[32];
    if (alen >= 31 || blen >= 31)
        return 0;
    for (size_t j = 0; j <= blen; j++)
        previous[j] = (int)j;
    for (size_t i = 1; i <= alen; i++) {
        current[0] = (int)i;
        int row_min = current[0];
        for (size_t j = 1; j <= blen; j++) {
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int best = previous[j - 1] + cost;
            if (previous[j] + 1 < best)
                best = previous[j] + 1;
            if (current[j - 1] + 1 < best)
                best = current[j - 1] + 1;
            current[j] = best;
            if (best < row_min)
                row_min = best;
        }
        if (row_min > limit)
            return 0;
        memcpy(previous, current, sizeof current);
    }
    return previous[blen] <= limit;
}

/* "Feb", "February", "Sept", and OCR-damaged names such as "Februarv" or "Jarmary". */
static int month_from_name(const char *name, size_t len)
{
    if (len < 3)
        return 0;
    for (int month = 1; month <= 12; month++) {
        const char *full = date_month_name(month);
        size_t i = 0;
        while (i < len && full[i] && tolower((unsigned char)name[i]) == tolower((unsigned char)full[i]))
            i++;
        if (i == len)
            return month;
    }
    /* "ri" read as "n" ("Apnl" beside "Notice date" on a photo of seed 202612042240): taken back, exactly */
    for (size_t i = 0; i < len && len < 15; i++) {
        if (tolower((unsigned char)name[i]) != 'n')
            continue;
        char split[16];
        snprintf(split, sizeof split, "%.*sri%.*s", (int)i, name, (int)(len - i - 1), name + i + 1);
        for (int month = 1; month <= 12; month++)
            if (strcasecmp(split, date_month_name(month)) == 0)
                return month;
    }
    if (len == 4) {
        /* "Jone", "dune", "Juty": the four-letter names with one letter misread, when only one fits */
        int found = 0, matches = 0;
        for (int month = 1; month <= 12; month++) {
            const char *full = date_month_name(month);
            if (strlen(full) == 4 && normalize_edit_distance_at_most(name, len, full, 4, 1)) {
                found = month;
                matches++;
            }
        }
        return matches == 1 ? found : 0;
    }
    if (len >= 5 && len < 16) {
        /* "rn" read for "m" ("Novernbet", three edits from November): taken back first */
        char merged[16];
        size_t merged_length = 0;
        for (size_t i = 0; i < len; i++) {
            int rn = tolower((unsigned char)name[i]) == 'r' && i + 1 < len &&
                     tolower((unsigned char)name[i + 1]) == 'n';
            merged[merged_length++] = (char)(rn ? 'm' : name[i]);
            i += rn;
        }
        int unmerged = merged_length < len ? month_from_name(merged, merged_length) : 0;
        if (unmerged)
            return unmerged;
        int limit = len >= 7 ? 2 : 1;
        for (int month = 1; month <= 12; month++) {
            const char *full = date_month_name(month);
            if (normalize_edit_distance_at_most(name, len, full, strlen(full), limit))
                return month;
        }
    }
    return 0;
}

static int read_number(const char **p, int max_digits)
{
    int value = 0, count = 0;
    while (isdigit((unsigned char)**p) && count < max_digits) {
        value = value * 10 + (**p - '0');
        (*p)++;
        count++;
    }
    if (isdigit((unsigned char)**p))
        return -1; /* too many digits */
    return count ? value : -1;
}

static int expand_year(int year, const char *start, const char *end)
{
    if (end - start == 2)
        return year < 70 ? 2000 + year : 1900 + year;
    return year;
}

int normalize_date(const char *text, ns_date *date)
{
    const char *p = text;
    while (*p && !isalnum((unsigned char)*p))
        p++;
    ns_date result = {0, 0, 0};
    if (isalpha((unsigned char)*p)) {
        /* Month D, YYYY */
        const char *name = p;
        while (isalpha((unsigned char)*p))
            p++;
        result.month = month_from_name(name, (size_t)(p - name));
        while (*p == '.' || *p == ' ' || *p == '\n')
            p++;
        result.day = read_number(&p, 2);
        /* the comma as a photo's OCR may read it (";" or ")"; see DATE in patterns/common.pat) */
        while (*p && strchr(",.;) \n", *p))
            p++;
        const char *year_start = p;
        result.year = read_number(&p, 4);
        if (result.year >= 0 && p - year_start != 4)
            return 0;
    } else {
        const char *first_start = p;
        int first = read_number(&p, 4);
        const char *first_end = p;
        char separator = *p;
        if (first < 0 || (separator != '/' && separator != '-' && separator != '.'))
            return 0;
        p++;
        int second = read_number(&p, 2);
        if (*p != separator)
            return 0;
        p++;
        const char *third_start = p;
        int third = read_number(&p, 4);
        if (second < 0 || third < 0)
            return 0;
        if (first_end - first_start == 4) { /* YYYY-MM-DD */
            result.year = first;
            result.month = second;
            result.day = third;
        } else { /* US order: MM/DD/YYYY */
            if (p - third_start != 2 && p - third_start != 4)
                return 0;
            result.month = first;
            result.day = second;
            result.year = expand_year(third, third_start, p);
        }
    }
    if (!date_is_valid(result))
        return 0;
    *date = result;
    return 1;
}

int normalize_year(const char *text, int *year)
{
    ns_date date;
    if (normalize_date(text, &date)) {
        *year = date.year;
        return 1;
    }
    const char *p = text;
    while (*p && !isdigit((unsigned char)*p))
        p++;
    const char *start = p;
    int value = read_number(&p, 4);
    if (value < 1900 || value > 2199 || p - start != 4)
        return 0;
    *year = value;
    return 1;
}

int normalize_notice_code(const char *text, char *out, size_t len)
{
    char compact[32];
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof compact; p++)
        if (isalnum((unsigned char)*p))
            compact[n++] = (char)toupper((unsigned char)*p);
    compact[n] = '\0';
    const char *prefix = NULL;
    const char *rest = NULL;
    if (strncmp(compact, "LETTER", 6) == 0)
        prefix = "LTR", rest = compact + 6;
    else if (strncmp(compact, "LTR", 3) == 0)
        prefix = "LTR", rest = compact + 3;
    else if (strncmp(compact, "LT", 2) == 0)
        prefix = "LT", rest = compact + 2;
    else if (strncmp(compact, "CP", 2) == 0)
        prefix = "CP", rest = compact + 2;
    else
        return 0;
    char repaired[40];
    snprintf(repaired, sizeof repaired, "%s%s", prefix, rest);
    repair_code(repaired);
    rest = repaired + strlen(prefix);
    size_t digits = 0, letters = 0;
    for (const char *p = rest; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (letters)
                return 0;
            digits++;
        } else {
            letters++;
        }
    }
    if (digits < 1 || digits > 5 || letters > 2)
        return 0;
    if (strlen(repaired) + 1 > len)
        return 0;
    memcpy(out, repaired, strlen(repaired) + 1);
    return 1;
}

/*
 * The code a header shows with letters for its digits ("CPOLA", "CP0ILA" for
 * CP01A): every look-alike letter of the body taken as its digit, except the
 * last suffix_letters characters, which are kept as printed (a variant
 * letter). 'L' counts as a 1 here, not in numbers: a serif 1 with its foot
 * reads as L inside a code, while "L" beside an amount is a word.
 * Returns 0 when the text is no code shape (no CP/LT prefix, another letter
 * among the digits, or a body under two characters, too little to call a code).
 */
int normalize_code_lookalikes(const char *text, size_t suffix_letters, char *out, size_t len)
{
    char compact[32];
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof compact; p++)
        if (isalnum((unsigned char)*p) || *p == '|' || *p == '!')
            compact[n++] = (char)toupper((unsigned char)*p);
    compact[n] = '\0';
    if (n < 4 || n > 9 || (strncmp(compact, "CP", 2) != 0 && strncmp(compact, "LT", 2) != 0) ||
        suffix_letters + 3 > n)
        return 0;
    size_t prefix = strncmp(compact, "LTR", 3) == 0 ? 3 : 2; /* a letter's "LTRSO7IC" as well as "CPOLA" */
    for (size_t i = prefix; i < n - suffix_letters; i++) {
        char digit = confusable_digit(compact[i]);
        if (compact[i] == 'L') /* reads as 1 in a code, though not in money */
            digit = '1';
        if (isdigit((unsigned char)compact[i]))
            continue;
        if (!digit)
            return 0;
        compact[i] = digit;
    }
    for (size_t i = n - suffix_letters; i < n; i++)
        if (!isupper((unsigned char)compact[i]))
            return 0;
    if (n + 1 > len)
        return 0;
    memcpy(out, compact, n + 1);
    return 1;
}

int normalize_form(const char *text, char *out, size_t len)
{
    const char *p = text;
    while (*p && !isdigit((unsigned char)*p))
        p++; /* skip "Form " */
    size_t n = 0;
    int digits = 0;
    for (; *p && n + 1 < len; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (!isalpha((unsigned char)*p) && *p != '-')
            break;
        out[n++] = (char)toupper((unsigned char)*p);
    }
    while (n > 0 && out[n - 1] == '-')
        n--;
    out[n] = '\0';
    return digits >= 3 && digits <= 5;
}

int normalize_taxpayer_id(const char *text, char *out, size_t len)
{
    char shape[16];
    size_t n = 0;
    int symbols = 0, digits = 0, dash_after = -1;
    for (const char *p = text; *p && n + 1 < sizeof shape; p++) {
        if (isdigit((unsigned char)*p) || strchr("nNxX*", *p)) {
            digits += isdigit((unsigned char)*p) != 0;
            shape[n++] = *p;
            symbols++;
        } else if (*p == '-' && dash_after < 0) {
            dash_after = symbols;
        } else if (*p != '-' && *p != ' ') {
            break;
        }
    }
    shape[n] = '\0';
    /* Nine places, and at least the last four digits readable. */
    if (symbols != 9 || digits < 4)
        return 0;
    for (int i = 5; i < 9; i++)
        if (!isdigit((unsigned char)shape[i]))
            return 0;
    if (dash_after == 2)
        snprintf(out, len, "XX-XXX%s", shape + 5);
    else
        snprintf(out, len, "XXX-XX-%s", shape + 5);
    return 1;
}

int normalize_phone(const char *text, char *out, size_t len)
{
    char digits[16];
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof digits; p++)
        if (isdigit((unsigned char)*p))
            digits[n++] = *p;
    digits[n] = '\0';
    const char *number = digits;
    if (n == 11 && digits[0] == '1')
        number++, n--;
    if (n != 10)
        return 0;
    snprintf(out, len, "%.3s-%.3s-%.4s", number, number + 3, number + 6);
    return 1;
}

/*
 * Masks taxpayer identifiers in place: an SSN or ITIN (123-45-6789), an EIN
 * (12-3456789) or nine digits in a row keep only their last four digits.
 * Nothing noticescan prints or stores may hold a full identifier.
 */
/* The shapes of an SSN or ITIN, an EIN and a bare nine-digit number ('d' is a digit). */
static const char *const identifier_shapes[] = {"ddd-dd-dddd", "dd-ddddddd", "ddddddddd"};

/*
 * The length of the identifier shape text starts with, or 0. Only a digit right after the shape
 * makes it a longer number: "123-45-6789 2023" still holds an SSN.
 */
static size_t identifier_length(const char *text)
{
    for (size_t s = 0; s < sizeof identifier_shapes / sizeof *identifier_shapes; s++) {
        const char *shape = identifier_shapes[s];
        size_t i = 0;
        while (shape[i] && (shape[i] == 'd' ? isdigit((unsigned char)text[i]) != 0 : text[i] == shape[i]))
            i++;
        if (!shape[i] && !isdigit((unsigned char)text[i]))
            return i;
    }
    return 0;
}

void mask_identifiers(char *text)
{
    for (char *p = text; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > text && isdigit((unsigned char)p[-1])))
            continue;
        size_t length = identifier_length(p);
        /* Nine digits: the first five become X, the last four stay. */
        for (size_t i = 0, masked = 0; i < length && masked < 5; i++)
            if (isdigit((unsigned char)p[i])) {
                p[i] = 'X';
                masked++;
            }
        if (length > 0)
            p += length - 1;
    }
}
