/*
 * text.c - the document text that patterns run over, with a map from every
 * byte back to the OCR word (page, box, confidence) it came from.
 *
 * Words of one line are joined by a space, lines by '\n', pages by "\n\f\n",
 * so patterns can span a label and a value on the next line (\s matches both).
 *
 * An OCR page is written twice: in Tesseract's reading order, then row by
 * row by position. Reading order keeps paragraphs whole; rows pair a label
 * with the value printed beside it when Tesseract put them in different
 * blocks (a notice's header is two columns: labels, then values). Plain text
 * (a text layer, or OCR text given as text) has no positions: a header read
 * column by column is paired again by the order of its labels and values.
 */
#include "normalize.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void document_text_init(document_text *text)
{
    memset(text, 0, sizeof *text);
}

void document_text_free(document_text *text)
{
    free(text->text);
    free(text->words);
    memset(text, 0, sizeof *text);
}

static int append_bytes(document_text *text, const char *bytes, size_t n)
{
    if (text->length + n + 1 > text->capacity) {
        size_t capacity = text->capacity ? text->capacity * 2 : 4096;
        while (capacity < text->length + n + 1)
            capacity *= 2;
        char *grown = realloc(text->text, capacity);
        if (!grown)
            return 0;
        text->text = grown;
        text->capacity = capacity;
    }
    memcpy(text->text + text->length, bytes, n);
    text->length += n;
    text->text[text->length] = '\0';
    return 1;
}

document_text_mark document_text_get_mark(const document_text *text)
{
    return (document_text_mark){text->length, text->word_count, text->page_count, text->line_count};
}

void document_text_rewind(document_text *text, document_text_mark mark)
{
    text->length = mark.length;
    if (text->text)
        text->text[text->length] = '\0';
    text->word_count = mark.word_count;
    text->page_count = mark.page_count;
    text->line_count = mark.line_count;
}

int document_text_begin_page(document_text *text, int width, int height)
{
    if (text->page_count >= NS_MAX_PAGES)
        return 0;
    if (text->page_count > 0) {
        text->pages[text->page_count - 1].end = text->length;
        if (!append_bytes(text, "\n\f\n", 3))
            return 0;
    }
    text_page *page = &text->pages[text->page_count++];
    page->width = width;
    page->height = height;
    page->start = page->end = text->length;
    return 1;
}

int document_text_add_word(document_text *text, const char *word, ns_box box, float confidence,
                           int starts_line)
{
    char repaired[256];
    normalize_token(word, repaired, sizeof repaired);
    size_t n = strlen(repaired);
    /* A blank "word" is how Tesseract reports a picture or a rule: no text, a box up to the whole page. */
    if (strspn(repaired, " \t\n\r\f\v") == n)
        return 1;
    if (text->page_count == 0 && !document_text_begin_page(text, 0, 0))
        return 0;
    text_page *page = &text->pages[text->page_count - 1];
    /* A word hyphenated at the end of a line ("Re-" / "spond by") is joined again. */
    int rejoin = starts_line && text->length > page->start + 1 && text->text[text->length - 1] == '-' &&
                 isalpha((unsigned char)text->text[text->length - 2]) && islower((unsigned char)repaired[0]);
    if (rejoin) {
        text->length--;
        text->words[text->word_count - 1].end--;
    } else if (text->length > page->start && !append_bytes(text, starts_line ? "\n" : " ", 1)) {
        return 0;
    }
    if (text->word_count == text->word_capacity) {
        size_t capacity = text->word_capacity ? text->word_capacity * 2 : 512;
        text_word *grown = realloc(text->words, capacity * sizeof *grown);
        if (!grown)
            return 0;
        text->words = grown;
        text->word_capacity = capacity;
    }
    if (starts_line || text->word_count == 0 || text->words[text->word_count - 1].page != text->page_count)
        text->line_count++;
    text_word *entry = &text->words[text->word_count++];
    entry->line = text->line_count;
    entry->start = text->length;
    entry->page = text->page_count;
    entry->box = box;
    entry->confidence = confidence;
    if (!append_bytes(text, repaired, n))
        return 0;
    entry->end = text->length;
    page->end = text->length;
    return 1;
}

/*
 * A header read column by column lists its labels one per line, then their
 * values in the same order ("Date:" "Letter Number:" "Tax year:" ...
 * "June 23, 2020" "5071C" "2019" ...), so no label has its value beside it.
 * The label-list view pairs them again: the i-th label with the i-th value,
 * one "label value" line each.
 *   LABEL_LIST_MIN    3 labels: two stacked labels with a blank value between
 *                     them are common ("Tax year" / "Notice date"), three or
 *                     more with no value among them are a column
 *   LABEL_MAX_LENGTH  the longest header label ("Toll-free telephone number:")
 *                     is 27 characters; a sentence is longer
 *   LABEL_MAX_WORDS   idem, 5 words
 */
#define LABEL_LIST_MIN 3
#define LABEL_LIST_MAX 12
#define LABEL_MAX_LENGTH 40
#define LABEL_MAX_WORDS 5

typedef struct text_line {
    size_t start, end;
} text_line;

/* A header label: a few words, letters and no digit, not a sentence's end. */
static int looks_like_label(const char *text, text_line line)
{
    size_t length = line.end - line.start;
    if (length == 0 || length > LABEL_MAX_LENGTH || text[line.end - 1] == '.' || text[line.end - 1] == ',')
        return 0;
    int words = 1, letters = 0;
    for (size_t i = line.start; i < line.end; i++) {
        if (isdigit((unsigned char)text[i]))
            return 0;
        letters += isalpha((unsigned char)text[i]) != 0;
        words += text[i] == ' ';
    }
    return letters > 0 && words <= LABEL_MAX_WORDS;
}

/* Skips the digits at text; NULL when there are none. */
static const char *skip_digits(const char *text)
{
    const char *end = text;
    while (isdigit((unsigned char)*end))
        end++;
    return end > text ? end : NULL;
}

/* "Page 1 of 3": printed among the header's lines, neither a label nor a value. */
static int is_page_number(const char *text, text_line line)
{
    const char *start = text + line.start, *end = text + line.end;
    if (end - start < 9 || strncmp(start, "Page ", 5) != 0)
        return 0;
    const char *cursor = skip_digits(start + 5);
    if (!cursor || end - cursor < 5 || strncmp(cursor, " of ", 4) != 0)
        return 0;
    return skip_digits(cursor + 4) == end;
}

/* The words of each line from word index first on: lines[i] holds word indexes [start, end). */
static size_t split_lines(const document_text *text, size_t first, text_line *lines)
{
    size_t count = 0;
    for (size_t i = first; i < text->word_count; i++) {
        if (count == 0 || text->words[i].line != text->words[lines[count - 1].start].line) {
            lines[count].start = i;
            count++;
        }
        lines[count - 1].end = i + 1;
    }
    return count;
}

/* The bytes a line's words span. */
static text_line line_bytes(const document_text *text, text_line words)
{
    text_line bytes = {text->words[words.start].start, text->words[words.end - 1].end};
    return bytes;
}

static int line_has_digit(const document_text *text, text_line words)
{
    text_line bytes = line_bytes(text, words);
    for (size_t i = bytes.start; i < bytes.end; i++)
        if (isdigit((unsigned char)text->text[i]))
            return 1;
    return 0;
}

/* Appends a line's words again (copied: appending may move the arrays); starts_line for the first. */
static int append_line_words(document_text *text, text_line words, int starts_line)
{
    for (size_t i = words.start; i < words.end; i++) {
        text_word word = text->words[i];
        char copy[256];
        size_t n = word.end - word.start < sizeof copy - 1 ? word.end - word.start : sizeof copy - 1;
        memcpy(copy, text->text + word.start, n);
        copy[n] = '\0';
        if (!document_text_add_word(text, copy, word.box, word.confidence, starts_line && i == words.start))
            return 0;
    }
    return 1;
}

/*
 * The values of the label run lines[first, first + count): the next count
 * lines after any page numbers, when they read as values (the first has a
 * digit, as a code or date does, and at least half have one; none is a
 * label ending in a colon). Returns the index of the first value, or 0.
 */
static size_t label_run_values(const document_text *text, const text_line *lines, size_t line_count,
                               size_t first, size_t count)
{
    size_t values = first + count;
    while (values < line_count && is_page_number(text->text, line_bytes(text, lines[values])))
        values++;
    if (values + count > line_count || !line_has_digit(text, lines[values]))
        return 0;
    size_t with_digits = 0;
    for (size_t i = values; i < values + count; i++) {
        text_line bytes = line_bytes(text, lines[i]);
        if (text->text[bytes.end - 1] == ':' ||
            text->words[lines[i].start].page != text->words[lines[first].start].page)
            return 0;
        with_digits += line_has_digit(text, lines[i]);
    }
    return 2 * with_digits >= count ? values : 0;
}

static int document_text_add_label_list_view(document_text *text, size_t first_word)
{
    text_line *lines = malloc((text->word_count - first_word + 1) * sizeof *lines);
    if (!lines)
        return 0;
    size_t line_count = split_lines(text, first_word, lines);
    int ok = 1, started = 0;
    for (size_t i = 0; ok && i < line_count;) {
        size_t run = 0;
        while (i + run < line_count && looks_like_label(text->text, line_bytes(text, lines[i + run])))
            run++;
        size_t values = run >= LABEL_LIST_MIN && run <= LABEL_LIST_MAX
                            ? label_run_values(text, lines, line_count, i, run)
                            : 0;
        if (!values) {
            i += run ? run : 1;
            continue;
        }
        if (!started)
            ok = append_bytes(text, "\n", 1); /* a blank line between the views */
        started = 1;
        for (size_t k = 0; ok && k < run; k++)
            ok = append_line_words(text, lines[i + k], 1) && append_line_words(text, lines[values + k], 0);
        i = values + run;
    }
    free(lines);
    return ok;
}

/* The union of two boxes; an empty box (w == 0) adds nothing. */
static ns_box box_union(ns_box a, ns_box b)
{
    if (!a.w)
        return b;
    if (!b.w)
        return a;
    int right = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int bottom = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    ns_box out = {a.x < b.x ? a.x : b.x, a.y < b.y ? a.y : b.y, 0, 0};
    out.w = right - out.x;
    out.h = bottom - out.y;
    return out;
}

/* The box of the UTF-8 characters in [start, end) of plain, char_index being start's character number. */
static ns_box characters_box(const char *start, const char *end, size_t char_index, const ns_box *char_boxes)
{
    ns_box area = {0, 0, 0, 0};
    if (!char_boxes)
        return area;
    for (const char *c = start; c < end; c++)
        if (((unsigned char)*c & 0xC0) != 0x80) /* not a continuation byte: a character starts here */
            area = box_union(area, char_boxes[char_index++]);
    return area;
}

ns_status document_text_add_plain(document_text *text, const char *plain)
{
    return document_text_add_laid_out(text, plain, NULL);
}

ns_status document_text_add_laid_out(document_text *text, const char *plain, const ns_box *char_boxes)
{
    size_t first_word = text->word_count;
    size_t char_index = 0; /* the UTF-8 character p is at, for char_boxes */
    const char *p = plain;
    int starts_line = 1;
    while (*p) {
        if (*p == '\f') { /* a form feed starts a new page */
            if (text->page_count >= NS_MAX_PAGES)
                return NS_ERR_TOO_LARGE;
            if (!document_text_begin_page(text, 0, 0))
                return NS_ERR_NOMEM;
            p++;
            char_index++;
            starts_line = 1;
            continue;
        }
        if (isspace((unsigned char)*p)) {
            starts_line |= *p == '\n';
            p++;
            char_index++;
            continue;
        }
        const char *start = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        ns_box box = characters_box(start, p, char_index, char_boxes);
        for (const char *c = start; c < p; c++)
            char_index += ((unsigned char)*c & 0xC0) != 0x80;
        char word[256];
        size_t n = (size_t)(p - start) < sizeof word - 1 ? (size_t)(p - start) : sizeof word - 1;
        memcpy(word, start, n);
        word[n] = '\0';
        if (!document_text_add_word(text, word, box, 1.0f, starts_line))
            return NS_ERR_NOMEM;
        starts_line = 0;
    }
    return document_text_add_label_list_view(text, first_word) ? NS_OK : NS_ERR_NOMEM;
}

/* Binary search: the first word whose end is after offset. */
static size_t first_word_ending_after(const document_text *text, size_t offset)
{
    size_t low = 0, high = text->word_count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        if (text->words[mid].end <= offset)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

void document_text_word(const document_text *text, const text_word *word, char *out, size_t size)
{
    size_t length = word->end - word->start < size ? word->end - word->start : size - 1;
    memcpy(out, text->text + word->start, length);
    out[length] = '\0';
}

int document_text_line_at(const document_text *text, size_t offset)
{
    size_t word = first_word_ending_after(text, offset);
    return word < text->word_count && text->words[word].start <= offset ? text->words[word].line : -1;
}

static int holds_letter_or_digit(const document_text *text, const text_word *word)
{
    for (size_t i = word->start; i < word->end; i++)
        if (isalnum((unsigned char)text->text[i]))
            return 1;
    return 0;
}

ns_box document_text_box_before(const document_text *text, size_t offset)
{
    size_t word = first_word_ending_after(text, offset);
    if (word >= text->word_count || text->words[word].start > offset)
        return (ns_box){0, 0, 0, 0};
    const text_word *at = &text->words[word];
    while (word-- > 0) {
        const text_word *before = &text->words[word];
        if (before->line != at->line || before->page != at->page)
            break;
        if (holds_letter_or_digit(text, before)) /* a speck ("~", ".") is no word of a sentence */
            return before->box;
    }
    return (ns_box){0, 0, 0, 0};
}

void document_text_locate(const document_text *text, size_t start, size_t end, ns_box *box, float *confidence,
                          int *page)
{
    ns_box area = {0, 0, 0, 0};
    float confidence_sum = 0;
    int count = 0, first_page = 0;
    for (size_t i = first_word_ending_after(text, start); i < text->word_count; i++) {
        const text_word *word = &text->words[i];
        if (word->start >= end)
            break;
        if (!first_page)
            first_page = word->page;
        if (word->page != first_page)
            break;
        confidence_sum += word->confidence;
        count++;
        area = box_union(area, word->box);
    }
    *box = area;
    *confidence = count ? confidence_sum / (float)count : 0.0f;
    *page = first_page ? first_page : 1;
}

/* One OCR line of the current page, as placed on it. */
typedef struct placed_line {
    size_t first, last; /* word indexes, inclusive */
    int top, bottom, left;
} placed_line;

static int compare_by_center(const void *a, const void *b)
{
    const placed_line *left = a, *right = b;
    return (left->top + left->bottom) - (right->top + right->bottom);
}

static int compare_by_left(const void *a, const void *b)
{
    const placed_line *left = a, *right = b;
    return left->left - right->left;
}

int document_text_add_row_view(document_text *text)
{
    if (text->page_count == 0)
        return 1;
    int page = text->page_count;
    size_t first = text->word_count;
    while (first > 0 && text->words[first - 1].page == page)
        first--;
    size_t end = text->word_count;
    placed_line *lines = malloc((end - first + 1) * sizeof *lines);
    if (!lines)
        return 0;
    size_t line_count = 0;
    for (size_t i = first; i < end; i++) {
        const text_word *word = &text->words[i];
        if (word->box.w == 0)
            continue;
        placed_line *line = line_count ? &lines[line_count - 1] : NULL;
        if (!line || text->words[line->last].line != word->line) {
            line = &lines[line_count++];
            line->first = i;
            line->top = word->box.y;
            line->bottom = word->box.y + word->box.h;
            line->left = word->box.x;
        }
        line->last = i;
        if (word->box.y < line->top)
            line->top = word->box.y;
        if (word->box.y + word->box.h > line->bottom)
            line->bottom = word->box.y + word->box.h;
    }
    qsort(lines, line_count, sizeof *lines, compare_by_center);
    int ok = append_bytes(text, "\n", 1); /* a blank line between the two views */
    for (size_t row_start = 0; ok && row_start < line_count;) {
        /* Lines whose centres differ by under half the smaller height share a row. */
        const placed_line *anchor = &lines[row_start];
        size_t row_end = row_start + 1;
        while (row_end < line_count) {
            const placed_line *next = &lines[row_end];
            int height = anchor->bottom - anchor->top;
            if (next->bottom - next->top < height)
                height = next->bottom - next->top;
            if ((next->top + next->bottom) - (anchor->top + anchor->bottom) > height)
                break; /* centres more than height/2 apart (both doubled) */
            row_end++;
        }
        qsort(lines + row_start, row_end - row_start, sizeof *lines, compare_by_left);
        for (size_t l = row_start; ok && l < row_end; l++) {
            for (size_t i = lines[l].first; ok && i <= lines[l].last; i++) {
                text_word word = text->words[i]; /* copy: appending may move the array */
                if (word.box.w == 0)
                    continue;
                char copy[256];
                size_t n = word.end - word.start < sizeof copy - 1 ? word.end - word.start : sizeof copy - 1;
                memcpy(copy, text->text + word.start, n);
                copy[n] = '\0';
                ok = document_text_add_word(text, copy, word.box, word.confidence,
                                            l == row_start && i == lines[l].first);
            }
        }
        row_start = row_end;
    }
    free(lines);
    return ok;
}
