/*
 * patterns.c - load pattern sets (the .pat files in patterns/) and compile them with PCRE2 JIT.
 *
 * The format is line based (see patterns/README.md):
 *
 *   # comment
 *   define MONEY   \$?\s?\d{1,3}(?:,\d{3})*\.\d{2}
 *   field amount_due
 *   rule box_label 0.90 (?:amount\s+due)\s*:\s*(?<v>{MONEY})
 *   rule cp504_now 0.95 @CP504,CP504B amount\s+due\s+immediately\s*(?<v>{MONEY})
 *   rule not_refund -1 (?:refund|overpayment)\s*(?<v>{MONEY})
 *   rule letter_no 0.85 prefix=LTR number\s+of\s+this\s+letter:\s*(?<v>\d{3,4}[A-Z]?)
 *
 * Every rule captures its value in the group named "v". {NAME} expands a
 * define from any file. A negative weight is a veto: it lowers any candidate
 * of the same value. @CODES limits a rule to those notices; prefix=TEXT is
 * put before the captured value ("Number of this letter: 1058" -> LTR1058);
 * "paired" says the rule pairs a label with its value, so on a page read by
 * OCR the value must sit in the label's row or just below it (extract.c).
 * "misread" says the capture is the value as OCR garbles it ("January *, 2019"
 * under "Notice date"): it is never taken as a value; when the field is still
 * missing, the second look reads that place again (second_look.c).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "patterns.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RUNNING_ON_VALGRIND is a no-op instruction sequence outside valgrind; without the header, never. */
#if defined(__has_include) && __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif

static const char *const field_names[NS_FIELD_ALL_COUNT] = {
    "notice_code", "tax_year",    "amount_due", "response_date", "notice_date",     "form",
    "tax_period",  "taxpayer_id", "phone",      "caller_id",     "mailing_address",
};

const char *ns_field_name(ns_field_id field)
{
    return (unsigned)field < NS_FIELD_ALL_COUNT ? field_names[field] : "unknown";
}

value_kind field_value_kind(ns_field_id field)
{
    switch (field) {
    case NS_FIELD_NOTICE_CODE: return VALUE_CODE;
    case NS_FIELD_TAX_YEAR: return VALUE_YEAR;
    case NS_FIELD_AMOUNT_DUE: return VALUE_MONEY;
    case NS_FIELD_FORM: return VALUE_FORM;
    case NS_FIELD_TAXPAYER_ID: return VALUE_ID;
    case NS_FIELD_PHONE: return VALUE_PHONE;
    case NS_FIELD_CALLER_ID: return VALUE_NUMBER;
    case NS_FIELD_MAILING_ADDRESS: return VALUE_ADDRESS;
    default: return VALUE_DATE;
    }
}

typedef struct source_file {
    char *name;
    char *text;
} source_file;

typedef struct macro {
    char name[32];
    char *body;
    char *origin;
} macro;

typedef struct loader {
    source_file *files;
    size_t file_count;
    macro *macros;
    size_t macro_count;
    char *err;
    size_t errlen;
} loader;

static char *duplicate_text(const char *text, size_t n)
{
    char *copy = malloc(n + 1);
    if (copy) {
        memcpy(copy, text, n);
        copy[n] = '\0';
    }
    return copy;
}

static int compare_files(const void *a, const void *b)
{
    return strcmp(((const source_file *)a)->name, ((const source_file *)b)->name);
}

static int ends_with(const char *text, const char *suffix)
{
    size_t n = strlen(text), m = strlen(suffix);
    return n >= m && strcmp(text + n - m, suffix) == 0;
}

static ns_status add_file(loader *state, const char *name, const char *text, size_t n)
{
    source_file *grown = realloc(state->files, (state->file_count + 1) * sizeof *grown);
    if (!grown)
        return NS_ERR_NOMEM;
    state->files = grown;
    source_file *file = &state->files[state->file_count];
    file->name = duplicate_text(name, strlen(name));
    file->text = duplicate_text(text, n);
    if (!file->name || !file->text) {
        free(file->name);
        free(file->text);
        return NS_ERR_NOMEM;
    }
    state->file_count++;
    return NS_OK;
}

static ns_status read_directory(loader *state, const char *dir)
{
    DIR *handle = opendir(dir);
    if (!handle) {
        ns_error_set(state->err, state->errlen, "%s: cannot open pattern directory: %s", dir,
                     strerror(errno));
        return NS_ERR_PATTERNS;
    }
    ns_status status = NS_OK;
    struct dirent *entry;
    while (status == NS_OK && (entry = readdir(handle)) != NULL) {
        if (!ends_with(entry->d_name, ".pat"))
            continue;
        char path[4096], reason[256];
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        unsigned char *text = NULL;
        size_t length = 0;
        status = file_read_all(path, &text, &length, reason, sizeof reason);
        if (status == NS_OK)
            status = add_file(state, path, (const char *)text, length);
        else if (status != NS_ERR_NOMEM)
            ns_error_set(state->err, state->errlen, "%s: %s", path, reason);
        if (status != NS_OK && status != NS_ERR_NOMEM)
            status = NS_ERR_PATTERNS;
        free(text);
    }
    closedir(handle);
    if (status == NS_OK && state->file_count == 0) {
        ns_error_set(state->err, state->errlen, "%s: no *.pat files", dir);
        status = NS_ERR_PATTERNS;
    }
    return status;
}

static ns_status read_embedded(loader *state)
{
    for (size_t i = 0; i < embedded_file_count; i++) {
        const embedded_file *file = &embedded_files[i];
        if (strncmp(file->name, "patterns/", 9) != 0 || !ends_with(file->name, ".pat"))
            continue;
        ns_status status = add_file(state, file->name, (const char *)file->data, file->size);
        if (status != NS_OK)
            return status;
    }
    return NS_OK;
}

/* Splits the next whitespace-separated word off *line. */
static char *next_word(char **line)
{
    char *p = *line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return NULL;
    char *start = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    if (*p)
        *p++ = '\0';
    *line = p;
    return start;
}

static char *rest_of_line(char *line)
{
    while (*line == ' ' || *line == '\t')
        line++;
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

static int valid_macro_name(const char *name)
{
    if (!*name || strlen(name) >= sizeof((macro *)0)->name)
        return 0;
    for (; *name; name++)
        if (!isupper((unsigned char)*name) && *name != '_' && !isdigit((unsigned char)*name))
            return 0;
    return 1;
}

/* Expands {NAME} references (recursively, to a small depth) into a new string. */
static char *expand_macros(const loader *state, const char *regex, const char *origin, int depth)
{
    if (depth > 8) {
        ns_error_set(state->err, state->errlen, "%s: defines nest too deep (a loop?)", origin);
        return NULL;
    }
    char *out = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&out, &length);
    if (!stream)
        return NULL;
    const char *p = regex;
    int ok = 1;
    while (*p && ok) {
        if (*p == '{' && isupper((unsigned char)p[1])) {
            const char *close = strchr(p, '}');
            char name[32];
            size_t n = close ? (size_t)(close - p - 1) : 0;
            if (close && n < sizeof name) {
                memcpy(name, p + 1, n);
                name[n] = '\0';
                if (valid_macro_name(name)) {
                    const macro *found = NULL;
                    for (size_t i = 0; i < state->macro_count; i++)
                        if (strcmp(state->macros[i].name, name) == 0)
                            found = &state->macros[i];
                    if (!found) {
                        ns_error_set(state->err, state->errlen, "%s: unknown define {%s}", origin, name);
                        ok = 0;
                        break;
                    }
                    char *inner = expand_macros(state, found->body, origin, depth + 1);
                    if (!inner) {
                        ok = 0;
                        break;
                    }
                    fprintf(stream, "(?:%s)", inner);
                    free(inner);
                    p = close + 1;
                    continue;
                }
            }
        }
        fputc(*p++, stream);
    }
    fclose(stream);
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}

/* First pass: every define of every file, so a rule may use a define from any file. */
static ns_status collect_macros(loader *state)
{
    for (size_t f = 0; f < state->file_count; f++) {
        char *copy = duplicate_text(state->files[f].text, strlen(state->files[f].text));
        if (!copy)
            return NS_ERR_NOMEM;
        int line_number = 0;
        ns_status status = NS_OK;
        /* Not strtok_r: it skips empty lines, and every message after a blank line named the wrong one. */
        for (char *line = copy, *newline; line && status == NS_OK; line = newline ? newline + 1 : NULL) {
            newline = strchr(line, '\n');
            if (newline)
                *newline = '\0';
            line_number++;
            char *cursor = line;
            char *keyword = next_word(&cursor);
            if (!keyword || strcmp(keyword, "define") != 0)
                continue;
            char *name = next_word(&cursor);
            char *body = rest_of_line(cursor);
            char origin[512];
            snprintf(origin, sizeof origin, "%s:%d", state->files[f].name, line_number);
            if (!name || !valid_macro_name(name) || !*body) {
                ns_error_set(state->err, state->errlen, "%s: define needs an UPPER_CASE name and a body",
                             origin);
                status = NS_ERR_PATTERNS;
                break;
            }
            for (size_t i = 0; i < state->macro_count; i++) {
                if (strcmp(state->macros[i].name, name) == 0) {
                    ns_error_set(state->err, state->errlen, "%s: {%s} is already defined at %s", origin, name,
                                 state->macros[i].origin);
                    status = NS_ERR_PATTERNS;
                }
            }
            if (status != NS_OK)
                break;
            macro *grown = realloc(state->macros, (state->macro_count + 1) * sizeof *grown);
            if (!grown) {
                status = NS_ERR_NOMEM;
                break;
            }
            state->macros = grown;
            macro *entry = &state->macros[state->macro_count++];
            snprintf(entry->name, sizeof entry->name, "%s", name);
            entry->body = duplicate_text(body, strlen(body));
            entry->origin = duplicate_text(origin, strlen(origin));
            if (!entry->body || !entry->origin)
                status = NS_ERR_NOMEM;
        }
        free(copy);
        if (status != NS_OK)
            return status;
    }
    return NS_OK;
}

static int field_from_name(const char *name)
{
    for (int i = 0; i < NS_FIELD_ALL_COUNT; i++)
        if (strcmp(field_names[i], name) == 0)
            return i;
    return -1;
}

static ns_status parse_codes(pattern_rule *rule, const char *list)
{
    char *copy = duplicate_text(list, strlen(list));
    if (!copy)
        return NS_ERR_NOMEM;
    char *save = NULL;
    for (char *code = strtok_r(copy, ",", &save); code; code = strtok_r(NULL, ",", &save)) {
        char **grown = realloc(rule->only_codes, (rule->only_count + 1) * sizeof *grown);
        if (!grown) {
            free(copy);
            return NS_ERR_NOMEM;
        }
        rule->only_codes = grown;
        rule->only_codes[rule->only_count] = duplicate_text(code, strlen(code));
        if (!rule->only_codes[rule->only_count]) {
            free(copy);
            return NS_ERR_NOMEM;
        }
        rule->only_count++;
    }
    free(copy);
    return NS_OK;
}

/*
 * "-0.85" -> -0.85. Not strtod: under a locale whose decimal mark is a comma
 * (de_DE) strtod stops at the '.', and the built-in patterns would not load.
 */
static int parse_weight(const char *text, double *weight)
{
    const char *p = text;
    int negative = *p == '-';
    if (negative)
        p++;
    double value = 0, scale = 1;
    int digits = 0, seen_point = 0;
    for (; *p; p++) {
        if (*p == '.' && !seen_point) {
            seen_point = 1;
        } else if (isdigit((unsigned char)*p) && digits < 9) { /* 9 digits: more than a weight needs */
            if (seen_point)
                scale /= 10;
            value = seen_point ? value + (*p - '0') * scale : value * 10 + (*p - '0');
            digits++;
        } else {
            return 0;
        }
    }
    *weight = negative ? -value : value;
    return digits > 0;
}

static ns_status compile_rule(loader *state, pattern_set *set, char *cursor, const char *origin)
{
    char *name = next_word(&cursor);
    char *weight_text = next_word(&cursor);
    double weight = 0;
    if (!name || !weight_text || !parse_weight(weight_text, &weight) || weight < -1.0 || weight > 1.0 ||
        weight == 0) {
        ns_error_set(state->err, state->errlen,
                     "%s: expected 'rule NAME WEIGHT [@CODES] REGEX' with WEIGHT in [-1, 1], not 0", origin);
        return NS_ERR_PATTERNS;
    }
    if (!set) {
        ns_error_set(state->err, state->errlen, "%s: rule before any 'field' line", origin);
        return NS_ERR_PATTERNS;
    }
    char *codes = NULL, *prefix = NULL;
    int paired = 0, misread = 0;
    for (;;) { /* options before the regex: @CODE,CODE, prefix=TEXT, paired and misread */
        while (*cursor == ' ' || *cursor == '\t')
            cursor++;
        if (*cursor == '@')
            codes = next_word(&cursor) + 1;
        else if (strncmp(cursor, "prefix=", 7) == 0)
            prefix = next_word(&cursor) + 7;
        else if (strncmp(cursor, "paired", 6) == 0 && (cursor[6] == ' ' || cursor[6] == '\t'))
            paired = next_word(&cursor) != NULL;
        else if (strncmp(cursor, "misread", 7) == 0 && (cursor[7] == ' ' || cursor[7] == '\t'))
            misread = next_word(&cursor) != NULL;
        else
            break;
    }
    if (misread && weight < 0) {
        ns_error_set(state->err, state->errlen, "%s: rule %s: a misread rule gives a place, never a veto",
                     origin, name);
        return NS_ERR_PATTERNS;
    }
    if (prefix && strlen(prefix) > PATTERN_PREFIX_MAX) {
        ns_error_set(state->err, state->errlen, "%s: rule %s: prefix= is %zu characters, over the %d allowed",
                     origin, name, strlen(prefix), PATTERN_PREFIX_MAX);
        return NS_ERR_PATTERNS;
    }
    char *regex_text = rest_of_line(cursor);
    if (!*regex_text) {
        ns_error_set(state->err, state->errlen, "%s: rule %s has no regex", origin, name);
        return NS_ERR_PATTERNS;
    }
    char *expanded = expand_macros(state, regex_text, origin, 0);
    if (!expanded)
        return NS_ERR_PATTERNS;
    int error_code;
    PCRE2_SIZE error_offset;
    pcre2_code *regex = pcre2_compile((PCRE2_SPTR)expanded, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS,
                                      &error_code, &error_offset, NULL);
    if (!regex) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error_code, message, sizeof message);
        ns_error_set(state->err, state->errlen, "%s: rule %s: %s at offset %zu of the expanded regex", origin,
                     name, (const char *)message, (size_t)error_offset);
        free(expanded);
        return NS_ERR_PATTERNS;
    }
    free(expanded);
    if (pcre2_substring_number_from_name(regex, (PCRE2_SPTR) "v") < 0) {
        ns_error_set(state->err, state->errlen, "%s: rule %s must capture its value as (?<v>...)", origin,
                     name);
        pcre2_code_free(regex);
        return NS_ERR_PATTERNS;
    }
    /* Without JIT it works the same, only slower. JIT code reads a little past what it needs by
     * design, which valgrind would report on every match (make memcheck), so there it is left out. */
    if (!RUNNING_ON_VALGRIND)
        pcre2_jit_compile(regex, PCRE2_JIT_COMPLETE);

    pattern_rule *grown = realloc(set->rules, (set->count + 1) * sizeof *grown);
    if (!grown) {
        pcre2_code_free(regex);
        return NS_ERR_NOMEM;
    }
    set->rules = grown;
    pattern_rule *rule = &set->rules[set->count++];
    memset(rule, 0, sizeof *rule);
    rule->regex = regex;
    rule->weight = weight;
    rule->name = duplicate_text(name, strlen(name));
    rule->origin = duplicate_text(origin, strlen(origin));
    rule->value_prefix = prefix ? duplicate_text(prefix, strlen(prefix)) : NULL;
    rule->paired = paired;
    rule->misread = misread;
    if (!rule->name || !rule->origin || (prefix && !rule->value_prefix))
        return NS_ERR_NOMEM;
    return codes ? parse_codes(rule, codes) : NS_OK;
}

static ns_status compile_file(loader *state, pattern_library *library, const source_file *file)
{
    char *copy = duplicate_text(file->text, strlen(file->text));
    if (!copy)
        return NS_ERR_NOMEM;
    ns_status status = NS_OK;
    pattern_set *set = NULL;
    int line_number = 0;
    char *line = copy;
    while (line && status == NS_OK) {
        char *newline = strchr(line, '\n');
        if (newline)
            *newline = '\0';
        line_number++;
        char origin[512];
        snprintf(origin, sizeof origin, "%s:%d", file->name, line_number);
        char *cursor = line;
        char *keyword = next_word(&cursor);
        if (!keyword || keyword[0] == '#' || strcmp(keyword, "define") == 0) {
            /* blank, comment, or a define (already collected) */
        } else if (strcmp(keyword, "field") == 0) {
            char *name = next_word(&cursor);
            int field = name ? field_from_name(name) : -1;
            /* "authenticity" and "billing" hold rules whose matches are reported, not chosen. */
            set = field >= 0                                  ? &library->fields[field]
                  : name && strcmp(name, "authenticity") == 0 ? &library->signals
                  : name && strcmp(name, "billing") == 0      ? &library->billing
                                                              : NULL;
            if (!set) {
                ns_error_set(state->err, state->errlen,
                             "%s: unknown field '%s' (notice_code, tax_year, amount_due, "
                             "response_date, notice_date, form, tax_period, taxpayer_id, phone, caller_id, "
                             "mailing_address, "
                             "authenticity, billing)",
                             origin, name ? name : "");
                status = NS_ERR_PATTERNS;
            }
        } else if (strcmp(keyword, "rule") == 0) {
            status = compile_rule(state, set, cursor, origin);
        } else {
            ns_error_set(state->err, state->errlen,
                         "%s: unknown keyword '%s' (expected define, field or rule)", origin, keyword);
            status = NS_ERR_PATTERNS;
        }
        line = newline ? newline + 1 : NULL;
    }
    free(copy);
    return status;
}

static void loader_free(loader *state)
{
    for (size_t i = 0; i < state->file_count; i++) {
        free(state->files[i].name);
        free(state->files[i].text);
    }
    for (size_t i = 0; i < state->macro_count; i++) {
        free(state->macros[i].body);
        free(state->macros[i].origin);
    }
    free(state->files);
    free(state->macros);
}

ns_status patterns_load(pattern_library *library, const char *dir, char *err, size_t errlen)
{
    memset(library, 0, sizeof *library);
    loader state = {NULL, 0, NULL, 0, err, errlen};
    ns_status status = dir ? read_directory(&state, dir) : read_embedded(&state);
    if (status == NS_OK) {
        if (state.file_count > 1) /* qsort's array must not be NULL, even when empty */
            qsort(state.files, state.file_count, sizeof *state.files, compare_files);
        status = collect_macros(&state);
    }
    for (size_t i = 0; status == NS_OK && i < state.file_count; i++)
        status = compile_file(&state, library, &state.files[i]);
    for (int field = 0; status == NS_OK && field < NS_FIELD_COUNT; field++) {
        if (library->fields[field].count == 0) {
            ns_error_set(err, errlen, "%s: no rules for field %s", dir ? dir : "built-in patterns",
                         field_names[field]);
            status = NS_ERR_PATTERNS;
        }
    }
    if (status == NS_ERR_NOMEM)
        ns_error_set(err, errlen, "out of memory while loading patterns");
    loader_free(&state);
    if (status != NS_OK)
        patterns_free(library);
    return status;
}

void patterns_free(pattern_library *library)
{
    pattern_set *extra[2] = {&library->signals, &library->billing};
    for (int field = 0; field < NS_FIELD_ALL_COUNT + 2; field++) {
        pattern_set *set =
            field < NS_FIELD_ALL_COUNT ? &library->fields[field] : extra[field - NS_FIELD_ALL_COUNT];
        for (size_t i = 0; i < set->count; i++) {
            pattern_rule *rule = &set->rules[i];
            pcre2_code_free(rule->regex);
            free(rule->name);
            free(rule->origin);
            free(rule->value_prefix);
            for (size_t c = 0; c < rule->only_count; c++)
                free(rule->only_codes[c]);
            free(rule->only_codes);
        }
        free(set->rules);
    }
    memset(library, 0, sizeof *library);
}
