/*
 * explain_address.c - where the mailing address read from a notice lies: in the
 * States, in a territory, abroad, or not known.
 */
#include "explain_address.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The rule in patterns/details.pat that ends an address block with a country's name. */
#define ABROAD_RULE "address_abroad"

/* States, DC and military mail (APO/FPO/DPO: AA, AE, AP), which are addressed inside the United States. */
static const char *const STATE_MAIL_CODES[] = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
    "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
    "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AA", "AE", "AP"};

/*
 * Territories with ZIP codes. In the Code's geographic sense the United
 * States is the States and DC (IRC 7701(a)(9)), so whether a notice to one of
 * these counts as addressed abroad is a question for the reader, not a guess.
 */
static const char *const TERRITORY_MAIL_CODES[] = {"PR", "GU", "VI", "AS", "MP"};

static int code_in(const char *code, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strncmp(code, list[i], 2) == 0)
            return 1;
    return 0;
}

/* The two-letter code before a trailing ZIP ("ST 12345" or "ST 12345-6789"), NULL when the line has none. */
static const char *mail_code_before_zip(const char *line, size_t length)
{
    while (length > 0 && isspace((unsigned char)line[length - 1]))
        length--;
    size_t zip_end = length;
    while (length > 0 && (isdigit((unsigned char)line[length - 1]) || line[length - 1] == '-'))
        length--;
    size_t zip_length = zip_end - length;
    if ((zip_length != 5 && zip_length != 10) || length < 3 || !isspace((unsigned char)line[length - 1]))
        return NULL;
    while (length > 0 && isspace((unsigned char)line[length - 1]))
        length--;
    if (length < 2 || (length > 2 && isalpha((unsigned char)line[length - 3])))
        return NULL;
    return line + length - 2;
}

address_location explain_locate_address(const extracted_field *address, char *last_line, size_t len)
{
    if (len)
        last_line[0] = '\0';
    if (!address || !address->found || !address->chosen.value[0])
        return ADDRESS_NOT_READ;
    const char *last = strrchr(address->chosen.value, '\n');
    last = last ? last + 1 : address->chosen.value;
    if (len)
        snprintf(last_line, len, "%s", last);
    const char *code = mail_code_before_zip(last, strlen(last));
    if (code && code_in(code, STATE_MAIL_CODES, sizeof STATE_MAIL_CODES / sizeof STATE_MAIL_CODES[0]))
        return ADDRESS_IN_STATES;
    if (code &&
        code_in(code, TERRITORY_MAIL_CODES, sizeof TERRITORY_MAIL_CODES / sizeof TERRITORY_MAIL_CODES[0]))
        return ADDRESS_TERRITORY;
    if (address->chosen.rule && strcmp(address->chosen.rule, ABROAD_RULE) == 0)
        return ADDRESS_ABROAD;
    return ADDRESS_UNCERTAIN;
}
