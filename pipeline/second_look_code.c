/*
 * second_look_code.c - a notice code that no reading found. A blurred or
 * small photo turns "CP13" into "cri" and "CP503" into "cpsa3": too far from
 * any catalog code to correct, yet printed where every notice prints it,
 * beside or under its "Notice" label (header, page 2, stub), and on a line of
 * its own. Those few words are read again, enlarged, with only a code's
 * characters; a reading counts only when it is a catalog code, and the places
 * must agree. Pages whose code was read pay nothing.
 */
#include "second_look.h"

#include "normalize.h"

#include <ctype.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <string.h>

/*
 * LABEL_EDITS        "Notae", "Notke", "Notce": a blurred label is two slips from "notice" at most;
 *                    three turn "note" and "nation" into labels
 * LABEL_MIN_LENGTH   "Noti": shorter is another word
 * CODE_MAX_LENGTH    "CP504B" is 6; a misread adds or drops a character
 * BELOW_LINES        the value printed under its label: the next line, within this many heights
 * ALIGNED_LINES      ... starting within this many heights of the label's left edge
 * NEXT_LINE_GAP      ... and its top within this many heights of the label's bottom; farther, a line
 *                    between them was not read at all (Tesseract drops a short code line it cannot
 *                    read: "CP90" in Times on photos of set 2401), and the place is the band under
 *                    the label, where the image shows the line
 * BESIDE_LINES       the word after the label on its line is its value alone only this near: farther,
 *                    it may be a table's value column ("Notice      CP14") or the next column's, read
 *                    on the same line ("Notice  number (1040) on your payment"), and the line under
 *                    the label is looked at too
 * BAND_WIDER_LINES   the band under a label reaches this far past the label's right edge ("Notice" is
 *                    narrower than "CP2000" in some fonts)
 */
#define LABEL_EDITS 2
#define LABEL_MIN_LENGTH 4
#define CODE_MAX_LENGTH 7
#define BELOW_LINES 2.5
#define ALIGNED_LINES 1.5
#define NEXT_LINE_GAP 0.8
#define BESIDE_LINES 3.0
#define BAND_WIDER_LINES 2.0
#define GAP_MOST_LINES 6.0
#define GAP_LINES 3
#define CODE_BAND_LINES 4.0
/* A code read again is a guess confirmed once: under 0.8, as second_look's, one step per further reading. */
#define MIN_CODE_READINGS 2 /* ways and places together: a code read once is not taken */
#define CODE_CONFIDENCE 0.6
#define CODE_AGREEMENT_STEP 0.05
#define CODE_CONFIDENCE_MAX 0.75

/* The label as printed, capitalized ("Notice", "Notae"): a sentence's "this notice" names no code of its own.
 * (Edit distances here ignore case.) */
static int is_notice_label(const char *word)
{
    size_t length = strlen(word);
    return length >= LABEL_MIN_LENGTH && word[0] == 'N' &&
           normalize_edit_distance_at_most(word, length, "notice", 6, LABEL_EDITS);
}

/* "date", "dale", "dat e": the label is "Notice date", whose value is no code. */
static int is_date_word(const char *word)
{
    return normalize_edit_distance_at_most(word, strlen(word), "date", 4, 1);
}

/* How many words line holds on page, from the word at index first (a line's words are consecutive). */
static int words_on_line(const document_text *text, size_t first)
{
    int count = 0;
    for (size_t i = first; i < text->word_count && text->words[i].line == text->words[first].line; i++)
        count++;
    return count;
}

static int same_box(ns_box a, ns_box b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

/* Adds place to places unless it is there already (the row view repeats every word); 0 when full. */
static int add_place(second_look_place place, second_look_place *places, int *count, int room)
{
    for (int i = 0; i < *count; i++)
        if (same_box(places[i].box, place.box))
            return 1;
    if (*count == room)
        return 0;
    places[(*count)++] = place;
    return 1;
}

/* The word after the label at index i on its line, or NULL; *near 1 when it is near enough to be its value
 * alone. */
static const text_word *word_beside_label(const document_text *text, size_t i, int *near)
{
    const text_word *label = &text->words[i];
    *near = 0;
    if (i + 1 >= text->word_count || text->words[i + 1].line != label->line)
        return NULL;
    const text_word *beside = &text->words[i + 1];
    int line_height = label->box.h > 0 ? label->box.h : 1;
    *near = beside->box.x - (label->box.x + label->box.w) <= BESIDE_LINES * line_height;
    return beside;
}

/*
 * The word of the next line that starts under the label at index i, or NULL. When the line under
 * the label may not have been read (no word there, or the word lies lower than the next line would),
 * band is set to the stretch under the label where the image may show that line (h 0: none).
 */
static const text_word *word_below_label(const document_text *text, size_t i, ns_box *band)
{
    const text_word *label = &text->words[i];
    int line_height = label->box.h > 0 ? label->box.h : 1;
    *band = (ns_box){0, 0, 0, 0};
    size_t next = i + 1;
    while (next < text->word_count && text->words[next].line == label->line)
        next++; /* the rest of the line: a table's value column or another column's words */
    int label_bottom = label->box.y + label->box.h;
    int band_bottom = label_bottom + (int)(BELOW_LINES * line_height);
    const text_word *value = NULL;
    for (; next < text->word_count && text->words[next].line == label->line + 1; next++) {
        const text_word *below = &text->words[next];
        int gap = below->box.y - label_bottom;
        int shift = below->box.x - label->box.x;
        if (below->page == label->page && gap >= 0 && gap <= BELOW_LINES * line_height &&
            shift >= -ALIGNED_LINES * line_height && shift <= ALIGNED_LINES * line_height) {
            if (gap <= NEXT_LINE_GAP * line_height)
                return below;
            band_bottom = below->box.y; /* the band ends where the next line read begins */
            value = below;
            break;
        }
    }
    int left = label->box.x - (int)(ALIGNED_LINES * line_height);
    left = left < 0 ? 0 : left;
    int right = label->box.x + label->box.w + (int)(BAND_WIDER_LINES * line_height);
    *band = (ns_box){left, label_bottom, right - left, band_bottom - label_bottom};
    return value;
}

/* 1 when a word read as value may be a misread code: not "date" ("Notice date") and short. */
static int may_be_code(const document_text *text, const text_word *value)
{
    char word[32];
    document_text_word(text, value, word, sizeof word);
    return !is_date_word(word) && strlen(word) <= CODE_MAX_LENGTH;
}

/*
 * Adds the places of the "Notice" label at index i: the word beside it (a table's value column may
 * stand far to its right: "Notice      CP14"); unless that word is near, also the word under it,
 * and the band under it when the line there may not have been read. 0 when places is full.
 */
static int add_label_places(const document_text *text, size_t i, second_look_place *places, int *count,
                            int room)
{
    int near;
    const text_word *beside = word_beside_label(text, i, &near);
    if (beside && may_be_code(text, beside) &&
        !add_place((second_look_place){beside->box, 0, 0}, places, count, room))
        return 0;
    if (beside && near)
        return 1;
    ns_box band;
    const text_word *below = word_below_label(text, i, &band);
    if (below && may_be_code(text, below) &&
        !add_place((second_look_place){below->box, 0, 0}, places, count, room))
        return 0;
    return band.h <= 0 || add_place((second_look_place){band, text->words[i].box.h, 1}, places, count, room);
}

/* A word shaped like a code read badly: on a line of its own, short, starting as "CP" does. */
static int looks_like_lost_code(const document_text *text, size_t i, const char *word)
{
    size_t length = strlen(word);
    int line_start = i == 0 || text->words[i - 1].line != text->words[i].line;
    return line_start && words_on_line(text, i) == 1 && length >= 2 && length <= CODE_MAX_LENGTH &&
           tolower((unsigned char)word[0]) == 'c';
}

/*
 * When the word at index i starts a line and the next line of its column begins further below than
 * the next line would (GAP_MOST_LINES at most), the band between them, whose lines were not read;
 * else a place with box.w 0.
 */
static second_look_place unread_gap_after(const document_text *text, size_t i)
{
    second_look_place none = {{0, 0, 0, 0}, 0, 0};
    const text_word *at = &text->words[i];
    if (i > 0 && text->words[i - 1].line == at->line)
        return none;
    size_t next = i + 1;
    while (next < text->word_count && text->words[next].line == at->line)
        next++;
    if (next == text->word_count || text->words[next].line != at->line + 1)
        return none;
    const text_word *below = &text->words[next];
    int line_height = 1; /* the line's tallest word: a bullet or a dash starting it is short */
    for (size_t k = i; k < next; k++)
        line_height = text->words[k].box.h > line_height ? text->words[k].box.h : line_height;
    int bottom = at->box.y + at->box.h, gap = below->box.y - bottom, shift = below->box.x - at->box.x;
    if (below->page != at->page || gap <= NEXT_LINE_GAP * line_height || gap > GAP_MOST_LINES * line_height ||
        shift < -ALIGNED_LINES * line_height || shift > ALIGNED_LINES * line_height)
        return none;
    int left = at->box.x - (int)(ALIGNED_LINES * line_height);
    left = left < 0 ? 0 : left;
    int width = at->box.w > CODE_BAND_LINES * line_height ? at->box.w : (int)(CODE_BAND_LINES * line_height);
    int right = at->box.x + width + (int)(BAND_WIDER_LINES * line_height);
    return (second_look_place){{left, bottom, right - left, gap}, line_height, GAP_LINES};
}

int second_look_code_places(const document_text *text, int page, second_look_place *places, int room)
{
    int count = 0;
    char word[32];
    /*
     * The label's values first: they are where a code is printed; own-line words, then the lines
     * dropped between two lines of a column, fill what room is left.
     */
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < text->word_count; i++) {
            const text_word *at = &text->words[i];
            if (at->page != page || at->box.w == 0)
                continue;
            document_text_word(text, at, word, sizeof word);
            second_look_place place = {{0, 0, 0, 0}, 0, 0};
            if (pass == 0 && is_notice_label(word)) {
                if (!add_label_places(text, i, places, &count, room))
                    return count;
            } else if (pass == 1 && looks_like_lost_code(text, i, word)) {
                place = (second_look_place){at->box, 0, 0};
            } else if (pass == 2) {
                place = unread_gap_after(text, i);
            }
            if (place.box.w > 0 && place.box.h > 0 && !add_place(place, places, &count, room))
                return count;
        }
    }
    return count;
}

/* How many readings (ways at each place) read value. */
static int readings_of(const char (*readings)[16], const int *ways, int count, const char *value)
{
    int total = 0;
    for (int i = 0; i < count; i++)
        total += value[0] && strcmp(readings[i], value) == 0 ? ways[i] : 0;
    return total;
}

int second_look_code_vote(const char (*readings)[16], const int *ways, int count, char *code,
                          size_t code_size)
{
    int best = 0, runner_up = 0;
    code[0] = '\0';
    for (int i = 0; i < count; i++) {
        int votes = readings_of(readings, ways, count, readings[i]);
        if (votes > best) {
            best = votes;
            snprintf(code, code_size, "%s", readings[i]);
        }
    }
    for (int i = 0; i < count; i++) {
        int votes = strcmp(readings[i], code) != 0 ? readings_of(readings, ways, count, readings[i]) : 0;
        runner_up = votes > runner_up ? votes : runner_up;
    }
    /* one way at one place is one reading of a blurred word: CP08 for a CP504B (doc-0122 of set 202612031945)
     */
    if (best < MIN_CODE_READINGS || best == runner_up)
        code[0] = '\0';
    return code[0] ? best : 0;
}

#define MOST_CODE_PLACES 8       /* each costs two small line readings; a page prints its code 2-4 times */
#define MOST_CANDIDATE_PLACES 32 /* bands among them may show no line: a paragraph's gap */
/*
 * A line found in a band under a label: ink is under INK_SHARE of the band's paper grey (the OCR image is
 * evened out, its strokes well under its paper); a row holds ink from INK_ROW_PIXELS dark pixels (one is
 * noise); a line is at least LINE_LEAST_SHARE of the label's height (a speck or a rule is not).
 */
#define INK_SHARE 0.7
#define INK_ROW_PIXELS 2
#define LINE_LEAST_SHARE 0.4

/* The first and last index of counts at or over least, from first on; 0 when none. */
static int ink_run(NUMA *counts, int first, int least, int *start, int *end)
{
    int n = numaGetCount(counts);
    *start = -1;
    for (int i = first; i < n; i++) {
        l_int32 value = 0;
        numaGetIValue(counts, i, &value);
        if (value >= least && *start < 0)
            *start = i;
        if (value < least && *start >= 0) {
            *end = i - 1;
            return 1;
        }
    }
    if (*start < 0)
        return 0;
    *end = n - 1;
    return 1;
}

static int column_has_ink(NUMA *columns, int x)
{
    l_int32 value = 0;
    numaGetIValue(columns, x, &value);
    return value > 0;
}

int second_look_lines_in_band(struct Pix *image, ns_box band, int line_height, ns_box *lines, int room)
{
    BOX *box = boxCreate(band.x, band.y, band.w, band.h);
    PIX *crop = box ? pixClipRectangle(image, box, NULL) : NULL;
    boxDestroy(&box);
    PIX *grey = crop ? pixConvertTo8(crop, 0) : NULL;
    pixDestroy(&crop);
    l_uint32 paper = 0;
    PIX *ink = grey && pixGetRankValue(grey, 1, 0.5f, &paper) == 0
                   ? pixThresholdToBinary(grey, (l_int32)(paper * INK_SHARE))
                   : NULL;
    pixDestroy(&grey);
    NUMA *rows = ink ? pixCountPixelsByRow(ink, NULL) : NULL;
    int count = 0, top = 0, bottom = -1;
    while (rows && count < room && ink_run(rows, bottom + 1, INK_ROW_PIXELS, &top, &bottom)) {
        /* ink touching the band's top is the line above's tails; a short run is a speck or a rule */
        if (top == 0 || bottom - top + 1 < LINE_LEAST_SHARE * line_height)
            continue;
        BOX *run = boxCreate(0, top, pixGetWidth(ink), bottom - top + 1);
        PIX *strip = run ? pixClipRectangle(ink, run, NULL) : NULL;
        boxDestroy(&run);
        NUMA *columns = strip ? pixCountPixelsByColumn(strip) : NULL;
        int left = 0, right = 0;
        /* a line running out of the band is longer than a code: not one to read */
        if (columns && ink_run(columns, 0, 1, &left, &right) &&
            !column_has_ink(columns, numaGetCount(columns) - 1)) {
            int last = left;
            for (int x = numaGetCount(columns) - 1; x > left && last == left; x--)
                last = column_has_ink(columns, x) ? x : last;
            lines[count++] = (ns_box){band.x + left, band.y + top, last - left + 1, bottom - top + 1};
        }
        numaDestroy(&columns);
        pixDestroy(&strip);
    }
    numaDestroy(&rows);
    pixDestroy(&ink);
    return count;
}

/* places without the ones already among those before them: how many are left. */
static int drop_repeated_places(ns_box *places, int count)
{
    int kept = 0;
    for (int i = 0; i < count; i++) {
        int repeated = 0;
        for (int j = 0; j < kept && !repeated; j++)
            repeated = same_box(places[j], places[i]);
        if (!repeated)
            places[kept++] = places[i];
    }
    return kept;
}

int second_look_code(ocr_engine *ocr, struct Pix *image, int on_page, const document_text *text,
                     const notice_catalog *catalog, extraction *fields)
{
    extracted_field *field = &fields->fields[NS_FIELD_NOTICE_CODE];
    if (field->found || !image || !catalog)
        return 0;
    second_look_place found[MOST_CANDIDATE_PLACES];
    int candidates = second_look_code_places(text, 1, found, MOST_CANDIDATE_PLACES);
    ns_box places[MOST_CODE_PLACES];
    int count = 0;
    for (int i = 0; i < candidates && count < MOST_CODE_PLACES; i++) {
        int room = found[i].lines < MOST_CODE_PLACES - count ? found[i].lines : MOST_CODE_PLACES - count;
        if (found[i].label_height == 0)
            places[count++] = found[i].box;
        else /* a band: the lines the image shows there */
            count +=
                second_look_lines_in_band(image, found[i].box, found[i].label_height, places + count, room);
        count = drop_repeated_places(places, count); /* a label's band and a column's gap find one line */
    }
    char readings[MOST_CODE_PLACES][16];
    int ways[MOST_CODE_PLACES];
    for (int i = 0; i < count; i++) {
        readings[i][0] = '\0';
        ns_box wider = places[i];
        wider.w += (int)(SECOND_LOOK_CODE_WIDER_RIGHT * wider.h);
        ns_box region = second_look_region(wider, pixGetWidth(image), pixGetHeight(image));
        char value[128];
        ways[i] = region.w > 0 && region.h > 0 ? second_look_reread(ocr, image, region, fields, catalog,
                                                                    NS_FIELD_NOTICE_CODE, value, sizeof value)
                                               : 0;
        if (ways[i] > 0)
            snprintf(readings[i], sizeof readings[i], "%.15s", value);
    }
    char code[16];
    int agreeing = second_look_code_vote((const char(*)[16])readings, ways, count, code, sizeof code);
    if (!agreeing)
        return 0;
    int place = 0;
    while (strcmp(readings[place], code) != 0)
        place++;
    memset(field, 0, sizeof *field);
    field->found = 1;
    snprintf(field->chosen.value, sizeof field->chosen.value, "%s", code);
    snprintf(field->chosen.text, sizeof field->chosen.text, "%s", code);
    field->chosen.rule = "second look";
    field->chosen.page = 1;
    field->chosen.box = on_page ? places[place] : (ns_box){0, 0, 0, 0}; /* a mosaic's place is no page's */
    double confidence = CODE_CONFIDENCE + CODE_AGREEMENT_STEP * (agreeing - MIN_CODE_READINGS);
    field->confidence = confidence < CODE_CONFIDENCE_MAX ? confidence : CODE_CONFIDENCE_MAX;
    snprintf(field->review, sizeof field->review,
             "no code was read; read again where notices print it, %d readings agree, of %d places", agreeing,
             count);
    return 1;
}
