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
 */
#define LABEL_EDITS 2
#define LABEL_MIN_LENGTH 4
#define CODE_MAX_LENGTH 7
#define BELOW_LINES 2.5
#define ALIGNED_LINES 1.5
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

/* Adds box to places unless it is there already (the row view repeats every word); 0 when full. */
static int add_place(ns_box box, ns_box *places, int *count, int room)
{
    for (int i = 0; i < *count; i++)
        if (same_box(places[i], box))
            return 1;
    if (*count == room)
        return 0;
    places[(*count)++] = box;
    return 1;
}

/*
 * Where the value of the label at index i lies: the next word on its line, or, when the label ends
 * its line, the word of the next line that starts under it.
 */
static const text_word *value_of_label(const document_text *text, size_t i)
{
    const text_word *label = &text->words[i];
    size_t next = i + 1;
    if (next < text->word_count && text->words[next].line == label->line)
        return &text->words[next];
    int line_height = label->box.h > 0 ? label->box.h : 1;
    for (; next < text->word_count && text->words[next].line == label->line + 1; next++) {
        const text_word *below = &text->words[next];
        int gap = below->box.y - (label->box.y + label->box.h);
        int shift = below->box.x - label->box.x;
        if (below->page == label->page && gap >= 0 && gap <= BELOW_LINES * line_height &&
            shift >= -ALIGNED_LINES * line_height && shift <= ALIGNED_LINES * line_height)
            return below;
    }
    return NULL;
}

/* A word shaped like a code read badly: on a line of its own, short, starting as "CP" does. */
static int looks_like_lost_code(const document_text *text, size_t i, const char *word)
{
    size_t length = strlen(word);
    int line_start = i == 0 || text->words[i - 1].line != text->words[i].line;
    return line_start && words_on_line(text, i) == 1 && length >= 2 && length <= CODE_MAX_LENGTH &&
           tolower((unsigned char)word[0]) == 'c';
}

int second_look_code_places(const document_text *text, int page, ns_box *places, int room)
{
    int count = 0;
    char word[32];
    /* The label's values first: they are where a code is printed; own-line words fill what room is left. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < text->word_count; i++) {
            const text_word *at = &text->words[i];
            if (at->page != page || at->box.w == 0)
                continue;
            document_text_word(text, at, word, sizeof word);
            const text_word *value = NULL;
            if (pass == 0 && is_notice_label(word)) {
                value = value_of_label(text, i);
                char value_word[32];
                if (value)
                    document_text_word(text, value, value_word, sizeof value_word);
                if (value && (is_date_word(value_word) || strlen(value_word) > CODE_MAX_LENGTH))
                    value = NULL;
            } else if (pass == 1 && looks_like_lost_code(text, i, word)) {
                value = at;
            }
            if (value && value->box.w > 0 && !add_place(value->box, places, &count, room))
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

#define MOST_CODE_PLACES 8 /* each costs two small line readings; a page prints its code 2-4 times */

int second_look_code(ocr_engine *ocr, struct Pix *image, int on_page, const document_text *text,
                     const notice_catalog *catalog, extraction *fields)
{
    extracted_field *field = &fields->fields[NS_FIELD_NOTICE_CODE];
    if (field->found || !image || !catalog)
        return 0;
    ns_box places[MOST_CODE_PLACES];
    int count = second_look_code_places(text, 1, places, MOST_CODE_PLACES);
    char readings[MOST_CODE_PLACES][16];
    int ways[MOST_CODE_PLACES];
    for (int i = 0; i < count; i++) {
        ns_box wider = places[i];
        wider.w += (int)(SECOND_LOOK_CODE_WIDER_RIGHT * wider.h);
        ns_box region = second_look_region(wider, pixGetWidth(image), pixGetHeight(image));
        char value[128];
        readings[i][0] = '\0';
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
