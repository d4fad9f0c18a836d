/*
 * second_look.c - a field whose value fails its own cross-check (a code the
 * catalog does not know, a date off the notice's window, an amount the
 * notice's other readings do not repeat) is read again from the crop of its
 * words, another way: enlarged, with only the characters its kind can hold,
 * as one line, and with Tesseract's alternative symbols tried against it.
 * A re-read value replaces the first only when it passes the check the
 * first failed; clean pages, whose values pass, pay nothing. When the code,
 * the notice date or the tax year is missing altogether, the rows holding ink
 * no word covers (a block Tesseract's layout took for a picture) are read
 * again on their own, and, when a field is still missing, as sparse text:
 * stacked, they are short lines in a narrow column, where Tesseract's page
 * layout can find no column at all and read nothing (measured on
 * photographed real-wording notices of set 202612031945: doc-0305's and
 * doc-0320's headers read whole this way, not a line of them in the page
 * mode; read only sparsely, doc-0084 lost a date the page mode had read),
 * and then the lost blocks alone, each its own column, as one block.
 */
#include "second_look.h"

#include "dates.h"
#include "preprocess.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * REREAD_CONFIDENCE  a re-read value is one reading that passed one check:
 *                    kept under the 0.8 that calls a value sure, so a
 *                    person still looks (its review says how it was read)
 * AGREEMENT_STEP     each further way that read the same value adds this
 * MARGIN_LINES       the crop's margin, in the value's line heights: room for
 *                    a character the first box cut off, not the next word
 */
#define REREAD_CONFIDENCE 0.6
#define AGREEMENT_STEP 0.05
#define REREAD_CONFIDENCE_MAX 0.75
#define MARGIN_LINES 0.5
/*
 * A label's garbled value read again has often nothing to be checked against: two ways must read the
 * same value, as read. On four evaluation sets (seeds 202612041500 to 202612042240), with one way
 * enough and alternative symbols tried, 10 dates were taken and 3 were wrong (each read one way);
 * with two ways alike, as read, 4 were taken, all right.
 */
#define MISREAD_LEAST_VOTES 2
/* A garbled value may end before the printed one ("August 27, 201"): its crop reaches a line further. */
#define MISREAD_WIDER_RIGHT 1.0
/*
 * The blocks the first reading skipped:
 *   LOST_LEAST        as extract.c's REVIEW_BELOW: under it a value is as likely wrong as right
 *   INK_THRESHOLD     the OCR image is evened out: paper near 255, strokes well under
 *   MOST_INK_DENSITY  text covers under half its block; a shadow or the table under the page more
 *   MOST_LOST_BLOCKS  a page has a dozen blocks; more is clutter, not text
 *   LOST_GAP_LINES    over PAIRED_BELOW_LINES (1.5): no label pairs with the next block's value
 */
#define LOST_LEAST 0.5
#define INK_THRESHOLD 128
#define MOST_INK_DENSITY 0.5
#define MOST_LOST_BLOCKS 16
#define LOST_GAP_LINES 3
/* A character is a fifth of a line high or wide at least (a period is less, and is never a value). */
#define SPECK_LINES 0.2
/* Paper measured as the image's median grey; under 40% of it is stroke, over 95% is paper. */
#define STROKE_FRACTION 0.4
#define PAPER_FRACTION 0.95
#define BORDER_PIXELS 16 /* white around the crop: Tesseract finds no line touching the edge */

/* One way of reading a crop again. */
typedef struct look_way {
    const char *name;
    float scale;
    int otsu;    /* 1: binarized by Otsu over the crop; 0: the grey with its paper made white */
    int sharpen; /* 1: unsharp-masked for the blur measured on the crop */
} look_way;

/*
 * Measured on two fresh sets of real-wording photos (126): each of these won
 * a code the other missed; 1.5x grey with every character won none, dropped.
 */
static const look_way WAYS[] = {
    {"2x grey, its characters", 2.0f, 0, 0},
    {"2x Otsu, its characters", 2.0f, 1, 0},
};
#define WAY_COUNT (sizeof WAYS / sizeof WAYS[0])
/*
 * A value no reading found at all is read a third way: sharpened. On a focus-blurred photo
 * (evaluation set 202612031945, doc-0297) the two ways read "CP13" as "CP" and "CP1"; sharpened,
 * two of its three places read CP13.
 */
static const look_way MISSING_WAYS[] = {
    {"2x grey, its characters", 2.0f, 0, 0},
    {"2x Otsu, its characters", 2.0f, 1, 0},
    {"2x grey sharpened, its characters", 2.0f, 0, 1},
};
#define MOST_WAYS (sizeof MISSING_WAYS / sizeof MISSING_WAYS[0])

/* The characters a field's value can be printed with. */
static const char *field_characters(ns_field_id field)
{
    switch (field) {
    case NS_FIELD_NOTICE_CODE: return "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    case NS_FIELD_TAX_YEAR: return "0123456789";
    case NS_FIELD_AMOUNT_DUE: return "$0123456789,.";
    default: /* dates: "January 30, 2019", "01/30/2019" */
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,/- ";
    }
}

int second_look_wanted(const extracted_field *field)
{
    return field->found && field->chosen.box.w > 0 && field->chosen.page >= 1 &&
           field->chosen.page <= SECOND_LOOK_PAGES;
}

ns_box second_look_region(ns_box value, int page_width, int page_height)
{
    int margin = (int)lround(value.h * MARGIN_LINES);
    int left = value.x - margin, top = value.y - margin;
    int right = value.x + value.w + margin, bottom = value.y + value.h + margin;
    left = left < 0 ? 0 : left;
    top = top < 0 ? 0 : top;
    right = right > page_width ? page_width : right;
    bottom = bottom > page_height ? page_height : bottom;
    ns_box region = {left, top, right > left ? right - left : 0, bottom > top ? bottom - top : 0};
    return region;
}

/* Appends a symbol's text to out; 0 when it does not fit. */
static int append(char *out, size_t size, size_t *length, const char *symbol)
{
    size_t n = strlen(symbol);
    if (*length + n + 1 > size)
        return 0;
    memcpy(out + *length, symbol, n + 1);
    *length += n;
    return 1;
}

/* The line with symbol `swap` read as its choice `choice` (-1: every symbol as its best). */
static int line_variant(const ocr_line *line, int swap, int choice, char *out, size_t size,
                        double *confidence)
{
    size_t length = 0;
    out[0] = '\0';
    *confidence = 0;
    for (int i = 0; i < line->symbol_count; i++) {
        int pick = i == swap ? choice : 0;
        if (i > 0 && line->symbols[i].starts_word && !append(out, size, &length, " "))
            return 0;
        if (!append(out, size, &length, line->symbols[i].text[pick]))
            return 0;
        *confidence += line->symbols[i].confidence[pick];
    }
    return line->symbol_count > 0;
}

int second_look_best_choice(const ocr_line *line, second_look_accept accept, void *context, char *value,
                            size_t value_size)
{
    double best = -1;
    int tied = 0;
    char candidate_value[128];
    value[0] = '\0';
    for (int swap = -1; swap < line->symbol_count; swap++) {
        int choices = swap < 0 ? 1 : line->symbols[swap].count;
        for (int choice = swap < 0 ? 0 : 1; choice < choices; choice++) {
            char text[160];
            double confidence;
            if (!line_variant(line, swap, choice, text, sizeof text, &confidence) ||
                !accept(text, context, candidate_value, sizeof candidate_value))
                continue;
            if (confidence > best + 1e-9) {
                best = confidence;
                tied = 0;
                snprintf(value, value_size, "%s", candidate_value);
            } else if (fabs(confidence - best) <= 1e-9 && strcmp(candidate_value, value) != 0) {
                tied = 1;
            }
        }
    }
    if (tied)
        value[0] = '\0';
    return value[0] != '\0';
}

/* What a field's value is checked against: the other fields, and the catalog's entry for the code. */
typedef struct field_check {
    ns_field_id field;
    extraction *fields;
    const notice_catalog *catalog;
    int64_t number; /* the accepted value's number, set by accept_value */
    int open;       /* 1: a value with no check to pass is taken too (a label's garbled value read again) */
} field_check;

/* A sure other field to check against: found and not itself in doubt. */
static const extracted_field *settled(const extraction *fields, ns_field_id id)
{
    const extracted_field *field = &fields->fields[id];
    return field->found && !field->review[0] ? field : NULL;
}

static const catalog_notice *notice_entry(const field_check *check)
{
    const extracted_field *code = &check->fields->fields[NS_FIELD_NOTICE_CODE];
    return code->found && check->catalog ? catalog_find(check->catalog, code->chosen.value) : NULL;
}

/* Collection notices come up to ten years after assessment (IRC 6502), itself after the tax year. */
#define MOST_YEARS_FROM_TAX_YEAR_TO_NOTICE 15

/*
 * The other date of the pair, to check a field against: found, and either
 * more likely right than wrong (LOST_LEAST) or at least as sure as the field.
 */
static const extracted_field *date_to_check_against(const extraction *fields, ns_field_id id,
                                                    double checked_confidence)
{
    const extracted_field *date = &fields->fields[id];
    return date->found && (date->confidence >= LOST_LEAST || date->confidence >= checked_confidence) ? date
                                                                                                     : NULL;
}

/* 1 when a response date is within the notice's window from the notice date, 0 off it, -1: none. */
static int window_agrees(const field_check *check, int64_t notice_day, int64_t response_day)
{
    window_fit fit = extract_window_fit(notice_entry(check), (long)notice_day, (long)response_day);
    return fit == WINDOW_UNKNOWN ? -1 : fit != WINDOW_OFF;
}

/* 1 when the candidate value agrees with the field's cross-check, 0 when not, -1 when there is none. */
static int value_agrees(const field_check *check, const field_candidate *value)
{
    const extraction *fields = check->fields;
    /*
     * The two dates check each other even when one is marked (a window hit by
     * chance is unlikely), but a weak date checks only a weaker one: a misread
     * date must not pull a labelled one to itself.
     */
    double own_confidence = fields->fields[check->field].confidence;
    const extracted_field *notice_date = date_to_check_against(fields, NS_FIELD_NOTICE_DATE, own_confidence);
    const extracted_field *response = date_to_check_against(fields, NS_FIELD_RESPONSE_DATE, own_confidence);
    switch (check->field) {
    case NS_FIELD_NOTICE_CODE:
        return check->catalog ? catalog_find(check->catalog, value->value) != NULL : -1;
    case NS_FIELD_TAX_YEAR: {
        notice_date = settled(fields, NS_FIELD_NOTICE_DATE);
        if (!notice_date)
            return -1;
        int notice_year = date_from_days((long)notice_date->chosen.number).year;
        return value->number <= notice_year &&
               notice_year - value->number <= MOST_YEARS_FROM_TAX_YEAR_TO_NOTICE;
    }
    case NS_FIELD_AMOUNT_DUE: {
        const extracted_field *amount = &fields->fields[NS_FIELD_AMOUNT_DUE];
        int64_t total;
        if (extract_billing_total(fields, &total) && total == value->number)
            return 1;
        return amount->has_runner_up ? strcmp(amount->runner_up.value, value->value) == 0 : -1;
    }
    case NS_FIELD_RESPONSE_DATE:
        return notice_date ? window_agrees(check, notice_date->chosen.number, value->number) : -1;
    case NS_FIELD_NOTICE_DATE:
        return response ? window_agrees(check, value->number, response->chosen.number) : -1;
    default: return -1;
    }
}

/*
 * 1 when the value as first read fails its check. A code counts as failed when it had to be corrected,
 * or when the catalog holds its twin: "CP11" read as "CP111" on clean scans (set 202612050305,
 * doc-0292), the same at all three places it is printed, so agreement could not tell.
 */
static int first_reading_fails(const field_check *check, const extracted_field *field)
{
    if (check->field == NS_FIELD_NOTICE_CODE &&
        (field->chosen.corrected != CODE_AS_READ || extract_code_twin(check->catalog, field->chosen.value)))
        return 1;
    /* A summary may hold lines no rule knows: the amount fails only when its readings disagree. */
    if (check->field == NS_FIELD_AMOUNT_DUE)
        return field->has_runner_up && field->review[0];
    return value_agrees(check, &field->chosen) == 0;
}

int second_look_fails_check(extraction *fields, const notice_catalog *catalog, ns_field_id field)
{
    field_check check = {field, fields, catalog, 0, 0};
    return fields->fields[field].found && first_reading_fails(&check, &fields->fields[field]);
}

/*
 * What a date with no window to check still has to fit: it falls in the years a notice for its tax
 * year can come in (the year itself, for a notice about an estimate, to
 * MOST_YEARS_FROM_TAX_YEAR_TO_NOTICE after, and a deadline a year on), whatever the tax year's
 * confidence (a blurred "2018" read again as "2038" beside a tax year 2017 read only on a second
 * look: set 202612041700, doc-0129). Its order against the other date is no test: the IRS's own
 * CP22A sample prints a pay-by date two years before its notice date. Any other value passes.
 */
static int fits_the_other_fields(const field_check *check, const field_candidate *value)
{
    if (check->field != NS_FIELD_NOTICE_DATE && check->field != NS_FIELD_RESPONSE_DATE)
        return 1;
    const extracted_field *year = &check->fields->fields[NS_FIELD_TAX_YEAR];
    int date_year = date_from_days((long)value->number).year;
    return !year->found || (date_year >= year->chosen.number &&
                            date_year <= year->chosen.number + MOST_YEARS_FROM_TAX_YEAR_TO_NOTICE + 1);
}

/* second_look_accept for a field: the text parses as its kind and agrees with its cross-check. */
static int accept_value(const char *text, void *context, char *value, size_t value_size)
{
    field_check *check = context;
    field_candidate candidate;
    if (!extract_parse_value(check->field, text, &candidate))
        return 0;
    int agrees = value_agrees(check, &candidate);
    if (agrees == 0 || (agrees < 0 && !(check->open && fits_the_other_fields(check, &candidate))))
        return 0;
    if (check->field == NS_FIELD_NOTICE_CODE) /* the catalog's spelling: "CP01A" */
        snprintf(candidate.value, sizeof candidate.value, "%s",
                 catalog_find(check->catalog, candidate.value)->code);
    check->number = candidate.number;
    snprintf(value, value_size, "%s", candidate.value);
    return 1;
}

/*
 * An image with its paper stretched to white and its strokes to black: on
 * white around them, blocks left at the paper's grey look like pictures and
 * Tesseract's threshold splits paper from border instead of ink from paper.
 */
static PIX *paper_white(PIX *page)
{
    PIX *grey = pixConvertTo8(page, 0);
    l_uint32 paper = 0;
    if (!grey || pixGetRankValue(grey, 1, 0.5f, &paper) != 0 || paper < 64) {
        pixDestroy(&grey); /* a page that is mostly dark has no paper to measure */
        return NULL;
    }
    PIX *stretched =
        pixGammaTRC(NULL, grey, 1.0f, (l_int32)(paper * STROKE_FRACTION), (l_int32)(paper * PAPER_FRACTION));
    pixDestroy(&grey);
    return stretched;
}

/* The crop of region made ready for one way: enlarged, binarized or not, with a white border. */
static PIX *prepare_crop(PIX *page, ns_box region, const look_way *way)
{
    BOX *box = boxCreate(region.x, region.y, region.w, region.h);
    PIX *crop = box ? pixClipRectangle(page, box, NULL) : NULL;
    boxDestroy(&box);
    /* Otsu finds its own split between ink and paper; the grey ways need the paper made white. */
    PIX *grey = !crop ? NULL : way->otsu ? pixConvertTo8(crop, 0) : paper_white(crop);
    pixDestroy(&crop);
    PIX *scaled = grey ? pixScale(grey, way->scale, way->scale) : NULL;
    pixDestroy(&grey);
    int edge_width = scaled && way->sharpen ? preprocess_edge_width(scaled) : 0;
    PIX *sharp = edge_width > 0 ? preprocess_sharpen(scaled, edge_width) : NULL;
    if (sharp) {
        pixDestroy(&scaled);
        scaled = sharp;
    }
    if (scaled && way->otsu) {
        PIX *binary = NULL;
        pixOtsuAdaptiveThreshold(scaled, pixGetWidth(scaled), pixGetHeight(scaled), 0, 0, 0.1f, NULL,
                                 &binary);
        pixDestroy(&scaled);
        scaled = binary;
    }
    PIX *bordered = scaled ? pixAddBorder(scaled, BORDER_PIXELS, pixGetDepth(scaled) == 1 ? 0 : 255) : NULL;
    pixDestroy(&scaled);
    return bordered;
}

/* accept_value on the line as read, every symbol its best choice. */
static int line_as_read_accepted(const ocr_line *line, field_check *check, char *value, size_t value_size)
{
    char text[160];
    double confidence;
    return line_variant(line, -1, 0, text, sizeof text, &confidence) &&
           accept_value(text, check, value, value_size);
}

/* The field's value read again each way; the value most ways agree on, with how many. */
static int reread_field(ocr_engine *ocr, PIX *page, ns_box region, field_check *check, const look_way *ways,
                        size_t way_count, char *value, size_t value_size, int64_t *number,
                        const char **way_name)
{
    char read[MOST_WAYS][128];
    int64_t numbers[MOST_WAYS] = {0};
    int best_votes = 0;
    for (size_t i = 0; i < way_count; i++) {
        read[i][0] = '\0';
        PIX *crop = prepare_crop(page, region, &ways[i]);
        ocr_line line;
        /* With no check to steer them, alternative symbols could make any value: only the line as read. */
        if (crop && ocr_read_line(ocr, crop, field_characters(check->field), &line) &&
            (check->open ? line_as_read_accepted(&line, check, read[i], sizeof read[i])
                         : second_look_best_choice(&line, accept_value, check, read[i], sizeof read[i])))
            numbers[i] = check->number;
        else
            read[i][0] = '\0'; /* only a reading that passes the check votes */
        pixDestroy(&crop);
        if (!read[i][0])
            continue;
        int votes = 0;
        for (size_t j = 0; j <= i; j++)
            votes += strcmp(read[j], read[i]) == 0;
        if (votes > best_votes) {
            best_votes = votes;
            snprintf(value, value_size, "%.127s", read[i]);
            *number = numbers[i];
            *way_name = ways[i].name;
        }
    }
    for (size_t i = 0; i < way_count; i++)
        if (read[i][0] && strcmp(read[i], value) != 0)
            return 0; /* two ways read two values that both pass: no basis to pick */
    return best_votes;
}

int second_look_reread(ocr_engine *ocr, struct Pix *image, ns_box region, extraction *fields,
                       const notice_catalog *catalog, ns_field_id field, char *value, size_t value_size)
{
    field_check check = {field, fields, catalog, 0, 0};
    int64_t number = 0;
    const char *way = NULL;
    value[0] = '\0';
    return reread_field(ocr, image, region, &check, MISSING_WAYS, MOST_WAYS, value, value_size, &number,
                        &way);
}

/*
 * Takes a value read again as the field's: under REREAD_CONFIDENCE_MAX, more with each way that agreed;
 * the caller writes its review, and extract_recheck checks it against the other fields.
 */
static void take_reread(extracted_field *field, const char *value, int64_t number, int votes)
{
    snprintf(field->chosen.value, sizeof field->chosen.value, "%s", value);
    snprintf(field->chosen.text, sizeof field->chosen.text, "%s", value);
    field->chosen.number = number;
    field->chosen.corrected = CODE_AS_READ;
    field->chosen.rule = "second look";
    field->found = 1;
    field->check_marked = 0;
    double confidence = REREAD_CONFIDENCE + AGREEMENT_STEP * (votes - 1);
    field->confidence = confidence < REREAD_CONFIDENCE_MAX ? confidence : REREAD_CONFIDENCE_MAX;
}

/* Reads one field again when its value fails its cross-check; the re-read value replaces it when it passes.
 */
static void look_again(ocr_engine *ocr, struct Pix *const *pages, int page_count, field_check *check)
{
    extracted_field *field = &check->fields->fields[check->field];
    if (!second_look_wanted(field) || field->chosen.page > page_count || !first_reading_fails(check, field))
        return;
    PIX *page = pages[field->chosen.page - 1];
    if (!page)
        return;
    ns_box words = field->chosen.box;
    /*
     * A code read short may have lost its last character with its box ("CP4" for CP49, the box
     * ending before the 9: set 2401 doc-0071); second_look_code widens the same way.
     */
    if (check->field == NS_FIELD_NOTICE_CODE)
        words.w += (int)(SECOND_LOOK_CODE_WIDER_RIGHT * words.h);
    ns_box region = second_look_region(words, pixGetWidth(page), pixGetHeight(page));
    if (region.w == 0 || region.h == 0)
        return;
    char value[128] = "";
    int64_t number = 0;
    const char *way = NULL;
    int votes = reread_field(ocr, page, region, check, WAYS, WAY_COUNT, value, sizeof value, &number, &way);
    if (votes == 0 || strcmp(value, field->chosen.value) == 0)
        return;
    /*
     * A catalog code read as printed gives way to its twin alone, read so by every way: the crop
     * reaching past a code once read "CP11" as "CP11A" by both ways (set 202612050400 doc-0141).
     */
    const char *twin = check->field == NS_FIELD_NOTICE_CODE && field->chosen.corrected == CODE_AS_READ
                           ? extract_code_twin(check->catalog, field->chosen.value)
                           : NULL;
    if (twin && (votes < (int)WAY_COUNT || strcmp(value, twin) != 0))
        return;
    char first[20];
    snprintf(first, sizeof first, "%.16s", field->chosen.text);
    take_reread(field, value, number, votes);
    snprintf(field->review, sizeof field->review, "%.16s %s; read again (%.24s), %d/%d ways agree", first,
             twin ? "has a twin code" : "failed its check", way, votes, (int)WAY_COUNT);
}

/*
 * A field missing, or taken from weak evidence, whose label was read with its value too garbled to
 * parse ("Notice date January *, 2019" on a soft photo): that place is read again, the strongest
 * label's first, and a value that parses and passes what checks there are is taken, under 0.8 and
 * with a review.
 */
static void read_misread_value(ocr_engine *ocr, struct Pix *const *pages, int page_count, field_check *check)
{
    extracted_field *field = &check->fields->fields[check->field];
    if (field->found && field->confidence >= LOST_LEAST)
        return;
    for (int i = 0; i < field->misread_count; i++) {
        const misread_place *place = &field->misread[i];
        PIX *page = place->page >= 1 && place->page <= page_count ? pages[place->page - 1] : NULL;
        if (!page)
            continue;
        ns_box words = place->box;
        words.w += (int)(MISREAD_WIDER_RIGHT * words.h);
        ns_box region = second_look_region(words, pixGetWidth(page), pixGetHeight(page));
        char value[128] = "";
        int64_t number = 0;
        const char *way = NULL;
        check->open = 1;
        int votes = region.w && region.h ? reread_field(ocr, page, region, check, MISSING_WAYS, MOST_WAYS,
                                                        value, sizeof value, &number, &way)
                                         : 0;
        check->open = 0;
        if (votes < MISREAD_LEAST_VOTES)
            continue;
        memset(&field->chosen, 0, sizeof field->chosen);
        field->chosen.page = place->page;
        field->chosen.box = place->box;
        field->chosen.labelled = 1;
        field->chosen.repeats = 1;
        field->has_runner_up = 0;
        take_reread(field, value, number, votes);
        char as_read[20];
        snprintf(as_read, sizeof as_read, "%.18s", place->text);
        snprintf(field->review, sizeof field->review,
                 "read as \"%s\" by its label; %d of %d ways read it again alike", as_read, votes,
                 (int)MOST_WAYS);
        return;
    }
}

void second_look(ocr_engine *ocr, struct Pix *const *pages, int page_count, const notice_catalog *catalog,
                 extraction *fields)
{
    /* The code first: the dates are checked against its window in the catalog. */
    static const ns_field_id order[] = {NS_FIELD_NOTICE_CODE, NS_FIELD_NOTICE_DATE, NS_FIELD_RESPONSE_DATE,
                                        NS_FIELD_TAX_YEAR, NS_FIELD_AMOUNT_DUE};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        field_check check = {order[i], fields, catalog, 0, 0};
        look_again(ocr, pages, page_count, &check);
        read_misread_value(ocr, pages, page_count, &check);
    }
}

/* A field missing, or taken only from weak evidence (a date alone on a line, a year in a sentence). */
static int unsure(const extracted_field *field)
{
    return !field->found || field->confidence < LOST_LEAST;
}

/*
 * Every notice prints its code and its date, and nearly every one its tax
 * year; a notice the catalog says asks for payment prints its amount, and
 * one with a printed deadline its date. When one of these is missing or
 * unsure, a block of the page may be lost. (A value printed blank stays null:
 * fill_missing leaves a missing field with a review.)
 */
static int printed_field_unsure(const extraction *fields, const notice_catalog *catalog)
{
    const extracted_field *code = &fields->fields[NS_FIELD_NOTICE_CODE];
    if (unsure(code) || unsure(&fields->fields[NS_FIELD_NOTICE_DATE]) ||
        unsure(&fields->fields[NS_FIELD_TAX_YEAR]))
        return 1;
    const catalog_notice *notice = catalog ? catalog_find(catalog, code->chosen.value) : NULL;
    if (!notice)
        return 0;
    return (notice->asks_payment && unsure(&fields->fields[NS_FIELD_AMOUNT_DUE])) ||
           (notice->deadline && notice->deadline->printed && unsure(&fields->fields[NS_FIELD_RESPONSE_DATE]));
}

/*
 * Fills each missing field (not one whose label was printed blank) from the
 * lost blocks' reading, and replaces one read from weak evidence by a surer
 * reading there.
 */
static void fill_missing(extraction *fields, const extraction *lost)
{
    const extracted_field *code = &fields->fields[NS_FIELD_NOTICE_CODE];
    const extracted_field *lost_code = &lost->fields[NS_FIELD_NOTICE_CODE];
    if (code->found && lost_code->found && strcmp(code->chosen.value, lost_code->chosen.value) != 0)
        return; /* the two readings disagree on which notice it is: its other values may not apply */
    for (int i = 0; i < NS_FIELD_COUNT; i++) {
        extracted_field *field = &fields->fields[i];
        const extracted_field *found = &lost->fields[i];
        if (!found->found || found->review[0] || found->confidence < LOST_LEAST)
            continue;
        int weak = field->found && field->confidence < LOST_LEAST && found->confidence > field->confidence;
        if ((field->found || field->review[0]) && !weak)
            continue;
        *field = *found;
        field->check_marked = 0;
        field->chosen.box.w = 0; /* its place was on the mosaic, not the page */
        field->confidence =
            found->confidence < REREAD_CONFIDENCE_MAX ? found->confidence : REREAD_CONFIDENCE_MAX;
        snprintf(field->review, sizeof field->review,
                 "found in a block of the page the first reading skipped");
    }
}

/*
 * The stack read as one block, for the code alone: sparse text dropped a blurred header's "Notice"
 * and "CP05" lines whole (doc-0172 of set 202612031640, doc-0284 of set 202612031945), which one
 * block reads, with a row's two columns run together. Only the code is taken from it: a code
 * pairs with its label the same way in a run-together row, a date or an amount may not.
 */
static void fill_code_from_one_block(ocr_engine *ocr, PIX *stack, const pattern_library *patterns,
                                     const notice_catalog *catalog, extraction *fields, extraction *found)
{
    document_text block;
    document_text_init(&block);
    char reason[256];
    if (ocr_page_as(ocr, stack, OCR_SINGLE_BLOCK, &block, reason, sizeof reason) == NS_OK &&
        block.word_count > 0) {
        extract_fields(patterns, catalog, &block, found);
        for (int i = 0; i < NS_FIELD_ALL_COUNT; i++)
            if (i != NS_FIELD_NOTICE_CODE)
                found->fields[i].found = 0;
        fill_missing(fields, found);
    }
    document_text_free(&block);
}

/* The median height of page 1's words: the page's line height. */
static int median_word_height(const document_text *text)
{
    int heights[512], count = 0;
    for (size_t i = 0; i < text->word_count && count < 512; i++)
        if (text->words[i].page == 1 && text->words[i].box.h > 0)
            heights[count++] = text->words[i].box.h;
    for (int i = 1; i < count; i++) /* insertion sort: a few hundred words */
        for (int j = i; j > 0 && heights[j - 1] > heights[j]; j--) {
            int swap = heights[j];
            heights[j] = heights[j - 1];
            heights[j - 1] = swap;
        }
    return count ? heights[count / 2] : 0;
}

/*
 * The page, grey, with specks smaller than any character (under SPECK_LINES of a line either way)
 * painted white: a scanner's speckle, closed into blocks and read, gave thousands of one-mark words,
 * and Tesseract's result iterator took minutes over them (set 202612050135 doc-0226, a whole batch
 * held up behind it); left in the stacked rows, it broke their lines.
 */
static PIX *without_specks(PIX *page, int line)
{
    PIX *grey = pixConvertTo8(page, 0);
    PIX *marks = grey ? pixThresholdToBinary(grey, INK_THRESHOLD) : NULL;
    int least = (int)(SPECK_LINES * line) > 1 ? (int)(SPECK_LINES * line) : 1;
    PIX *kept =
        marks ? pixSelectBySize(marks, least, least, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL) : NULL;
    PIX *specks = kept ? pixXor(NULL, marks, kept) : NULL;
    if (!specks || pixPaintThroughMask(grey, specks, 0, 0, 255) != 0)
        pixDestroy(&grey);
    pixDestroy(&marks);
    pixDestroy(&kept);
    pixDestroy(&specks);
    return grey;
}

/* Page 1's ink that no word read covers, binary, with every word's box cleared. */
static PIX *unread_ink(PIX *page, const document_text *text, int line)
{
    PIX *grey = pixConvertTo8(page, 0);
    PIX *ink = grey ? pixThresholdToBinary(grey, INK_THRESHOLD) : NULL;
    pixDestroy(&grey);
    for (size_t i = 0; ink && i < text->word_count; i++) {
        const text_word *word = &text->words[i];
        if (word->page != 1 || word->box.w == 0)
            continue;
        BOX *box =
            boxCreate(word->box.x - line / 2, word->box.y - line / 2, word->box.w + line, word->box.h + line);
        pixClearInRect(ink, box);
        boxDestroy(&box);
    }
    return ink;
}

/* The blocks of unread text: ink closed into lines and paragraphs, kept when text-sized and not solid. */
static BOXA *lost_blocks(PIX *ink, int line)
{
    PIX *closed = pixCloseBrick(NULL, ink, 3 * line, 2 * line);
    BOXA *all = closed ? pixConnComp(closed, NULL, 8) : NULL;
    pixDestroy(&closed);
    BOXA *kept = boxaCreate(0);
    int page_height = pixGetHeight(ink);
    for (int i = 0; all && kept && i < boxaGetCount(all) && boxaGetCount(kept) < MOST_LOST_BLOCKS; i++) {
        BOX *box = boxaGetBox(all, i, L_CLONE);
        l_int32 x, y, w, h, pixels = 0;
        boxGetGeometry(box, &x, &y, &w, &h);
        PIX *inside = pixClipRectangle(ink, box, NULL);
        if (inside)
            pixCountPixels(inside, &pixels, NULL);
        pixDestroy(&inside);
        double density = (double)pixels / ((double)w * h);
        /* two words' width and a line's height, not a page-tall margin or a solid shadow */
        if (w >= 6 * line && h >= line && h < page_height / 2 && density < MOST_INK_DENSITY)
            boxaAddBox(kept, box, L_COPY);
        boxDestroy(&box);
    }
    boxaDestroy(&all);
    return kept;
}

/*
 * Each block widened to the page's rows it spans, from edge to edge, and
 * overlapping rows joined: a header's values lost as a column are read again
 * beside their labels ("Notice date" left, "October 12, 2026" right), so the
 * labelled rules pair them as on the page.
 */
static BOXA *lost_rows(BOXA *blocks, int page_width)
{
    BOXA *rows = boxaCreate(0);
    for (int i = 0; rows && i < boxaGetCount(blocks); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(blocks, i, &x, &y, &w, &h);
        BOX *row = boxCreate(0, y, page_width, h);
        if (row)
            boxaAddBox(rows, row, L_INSERT);
    }
    BOXA *joined = rows ? boxaCombineOverlaps(rows, NULL) : NULL;
    boxaDestroy(&rows);
    return joined;
}

/* The regions (rows or blocks) stacked on one white image, LOST_GAP_LINES apart so no label pairs across. */
static PIX *stack_regions(PIX *page, BOXA *regions, int line)
{
    int count = boxaGetCount(regions), width = 0, height = 0, gap = LOST_GAP_LINES * line;
    for (int i = 0; i < count; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(regions, i, &x, &y, &w, &h);
        width = w > width ? w : width;
        height += h + gap;
    }
    PIX *grey = paper_white(page);
    PIX *stack = count && grey ? pixCreate(width + 2 * gap, height + gap, 8) : NULL;
    if (stack)
        pixSetAll(stack);
    int top = gap;
    for (int i = 0; stack && i < count; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(regions, i, &x, &y, &w, &h);
        pixRasterop(stack, gap, top, w, h, PIX_SRC, grey, x, y);
        top += h + gap;
    }
    pixDestroy(&grey);
    return stack;
}

/*
 * The lost blocks themselves, each its own column, stacked and read as one block: Tesseract's page
 * layout, in the page mode and as sparse text, read nothing of a column of short header lines
 * ("Notice / CP12 / Tax year / Notice date / February 9, 2011") on photographed real-wording
 * notices (set 202612050100 doc-0293, set 202612042240 doc-0297), which one block reads line by line,
 * each value under its label as printed.
 */
static void fill_from_lost_blocks(ocr_engine *ocr, PIX *page, BOXA *blocks, int line,
                                  const pattern_library *patterns, const notice_catalog *catalog,
                                  extraction *fields, extraction *found)
{
    PIX *stack = blocks && boxaGetCount(blocks) > 0 ? stack_regions(page, blocks, line) : NULL;
    document_text lost;
    document_text_init(&lost);
    char reason[256];
    if (stack && ocr_page_as(ocr, stack, OCR_SINGLE_BLOCK, &lost, reason, sizeof reason) == NS_OK &&
        lost.word_count > 0) {
        extract_fields(patterns, catalog, &lost, found);
        fill_missing(fields, found);
    }
    document_text_free(&lost);
    pixDestroy(&stack);
}

void second_look_missing(ocr_engine *ocr, struct Pix *page, const document_text *text,
                         const pattern_library *patterns, const notice_catalog *catalog, extraction *fields)
{
    int line = page && printed_field_unsure(fields, catalog) ? median_word_height(text) : 0;
    if (line <= 0)
        return;
    PIX *clean = without_specks(page, line);
    PIX *ink = clean ? unread_ink(clean, text, line) : NULL;
    BOXA *blocks = ink ? lost_blocks(ink, line) : NULL;
    BOXA *rows = blocks ? lost_rows(blocks, pixGetWidth(page)) : NULL;
    PIX *stack = rows && boxaGetCount(rows) > 0 ? stack_regions(clean, rows, line) : NULL;
    pixDestroy(&ink);
    boxaDestroy(&rows);
    document_text lost;
    document_text_init(&lost);
    extraction *found = stack ? malloc(sizeof *found) : NULL;
    /* The page mode first (it keeps a row's label and value in order), then sparse text for what it lost. */
    for (int sparse = 0; found && sparse <= 1 && printed_field_unsure(fields, catalog); sparse++) {
        char reason[256];
        document_text_free(&lost);
        document_text_init(&lost);
        ns_status read = sparse ? ocr_page_as(ocr, stack, OCR_SPARSE_TEXT, &lost, reason, sizeof reason)
                                : ocr_page(ocr, stack, 0, &lost, reason, sizeof reason);
        if (read != NS_OK || lost.word_count == 0)
            continue;
        extract_fields(patterns, catalog, &lost, found);
        fill_missing(fields, found);
    }
    if (found && printed_field_unsure(fields, catalog))
        fill_from_lost_blocks(ocr, clean, blocks, line, patterns, catalog, fields, found);
    boxaDestroy(&blocks);
    pixDestroy(&clean);
    if (found && !fields->fields[NS_FIELD_NOTICE_CODE].found)
        fill_code_from_one_block(ocr, stack, patterns, catalog, fields, found);
    /* A code read too badly to match any: read again where notices print it, on the page, then the rows. */
    if (!second_look_code(ocr, page, 1, text, catalog, fields) && lost.word_count > 0)
        second_look_code(ocr, stack, 0, &lost, catalog, fields);
    free(found);
    document_text_free(&lost);
    pixDestroy(&stack);
}
