/*
 * eval_score.c - score JSON Lines results against expected fields.
 *
 *   eval_score EXPECTED_DIR RESULTS.jsonl [LABEL] [RESULTS2.jsonl LABEL2 ...]
 *
 * EXPECTED_DIR holds NAME.expected.json files ({"source", "kind",
 * "expected": {...}}). A result matches an expected file by the stem of its
 * "source" (the file name without directories and extension), so the same
 * table scores image runs and text runs of the same documents. Prints, per
 * label and kind, each field's accuracy and the share of documents with all
 * five fields right; then how well confidence predicts errors.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "noticescan.h"

#define MAX_KINDS 8

typedef struct tally {
    char kind[16];
    int documents, all_right, field_right[NS_FIELD_COUNT];
} tally;

typedef struct calibration {
    int high_total, high_right, low_total, low_right, wrong, wrong_flagged;
} calibration;

static void stem_of(const char *path, char *out, size_t len)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(out, len, "%s", base);
    char *dot = strchr(out, '.');
    if (dot)
        *dot = '\0';
}

static int value_matches(json_t *expected, json_t *field)
{
    json_t *got = json_is_object(field) ? json_object_get(field, "value") : json_null();
    if (json_is_null(expected) || !expected)
        return json_is_null(got);
    return json_equal(expected, got);
}

static tally *tally_for(tally *tallies, int *count, const char *kind)
{
    for (int i = 0; i < *count; i++)
        if (strcmp(tallies[i].kind, kind) == 0)
            return &tallies[i];
    if (*count == MAX_KINDS)
        return &tallies[MAX_KINDS - 1];
    tally *t = &tallies[(*count)++];
    memset(t, 0, sizeof *t);
    snprintf(t->kind, sizeof t->kind, "%s", kind);
    return t;
}

static int score(const char *expected_dir, const char *results_path, const char *label)
{
    FILE *results = fopen(results_path, "r");
    if (!results) {
        fprintf(stderr, "eval_score: %s: cannot open\n", results_path);
        return 1;
    }
    json_t *by_stem = json_object();
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, results) > 0) {
        json_t *record = json_loads(line, 0, NULL);
        if (!record) {
            fprintf(stderr, "eval_score: %s: a line is not JSON\n", results_path);
            continue;
        }
        char stem[256];
        stem_of(json_string_value(json_object_get(record, "source")), stem, sizeof stem);
        json_object_set_new(by_stem, stem, record);
    }
    free(line);
    fclose(results);

    tally tallies[MAX_KINDS];
    int kinds = 0;
    calibration cal = {0, 0, 0, 0, 0, 0};
    DIR *dir = opendir(expected_dir);
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL) {
        size_t n = strlen(entry->d_name);
        if (n < 15 || strcmp(entry->d_name + n - 14, ".expected.json") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", expected_dir, entry->d_name);
        json_t *spec = json_load_file(path, 0, NULL);
        if (!spec)
            continue;
        char stem[256];
        stem_of(json_string_value(json_object_get(spec, "source")), stem, sizeof stem);
        const char *kind = json_string_value(json_object_get(spec, "kind"));
        json_t *record = json_object_get(by_stem, stem);
        json_t *fields = json_object_get(record, "fields");
        tally *all = tally_for(tallies, &kinds, "all");
        tally *mine = tally_for(tallies, &kinds, kind ? kind : "unknown");
        int right = 0;
        for (int field = 0; field < NS_FIELD_COUNT; field++) {
            json_t *got = json_object_get(fields, ns_field_name(field));
            int read = record && strcmp(json_string_value(json_object_get(record, "status")), "error") != 0;
            int ok =
                read &&
                value_matches(json_object_get(json_object_get(spec, "expected"), ns_field_name(field)), got);
            right += ok;
            all->field_right[field] += ok;
            mine->field_right[field] += ok;
            if (json_is_object(got)) {
                double confidence = json_real_value(json_object_get(got, "confidence"));
                if (confidence >= 0.8) {
                    cal.high_total++;
                    cal.high_right += ok;
                } else {
                    cal.low_total++;
                    cal.low_right += ok;
                }
            }
            if (!ok) {
                cal.wrong++;
                int flagged =
                    json_is_object(got) && (json_real_value(json_object_get(got, "confidence")) < 0.8 ||
                                            json_object_get(got, "review"));
                flagged |= record && strcmp(json_string_value(json_object_get(record, "status")), "ok") != 0;
                cal.wrong_flagged += flagged;
            }
        }
        all->documents++;
        mine->documents++;
        all->all_right += right == NS_FIELD_COUNT;
        mine->all_right += right == NS_FIELD_COUNT;
        json_decref(spec);
    }
    if (dir)
        closedir(dir);
    printf("\n%s (%s)\n", label, results_path);
    printf("  %-12s %5s %8s %8s %8s %8s %8s %9s\n", "kind", "docs", "code", "year", "amount", "respond",
           "date", "all five");
    for (int i = 0; i < kinds; i++) {
        tally *t = &tallies[i];
        if (t->documents == 0)
            continue;
        printf("  %-12s %5d", t->kind, t->documents);
        for (int field = 0; field < NS_FIELD_COUNT; field++)
            printf(" %7.1f%%", 100.0 * t->field_right[field] / t->documents);
        printf(" %8.1f%%\n", 100.0 * t->all_right / t->documents);
    }
    printf("  confidence >= 0.8: %d fields, %.1f%% right; < 0.8: %d fields, %.1f%% right\n", cal.high_total,
           cal.high_total ? 100.0 * cal.high_right / cal.high_total : 0, cal.low_total,
           cal.low_total ? 100.0 * cal.low_right / cal.low_total : 0);
    printf("  wrong fields: %d, of which flagged (confidence < 0.8, review, or not ok): %d\n", cal.wrong,
           cal.wrong_flagged);
    json_decref(by_stem);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: eval_score EXPECTED_DIR RESULTS.jsonl [LABEL] [RESULTS2.jsonl LABEL2 ...]\n");
        return 2;
    }
    int status = 0;
    for (int i = 2; i < argc; i += 2)
        status |= score(argv[1], argv[i], i + 1 < argc ? argv[i + 1] : argv[i]);
    return status;
}
