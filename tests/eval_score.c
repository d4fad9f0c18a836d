/*
 * eval_score.c - score JSON Lines results against expected fields.
 *
 *   eval_score EXPECTED_DIR RESULTS.jsonl [LABEL] [RESULTS2.jsonl LABEL2 ...]
 *
 * EXPECTED_DIR holds NAME.expected.json files ({"source", "kind", "damage": [...],
 * "expected": {...}}). A result matches an expected file by the stem of its
 * "source" (the file name without directories and extension), so the same
 * table scores image runs and text runs of the same documents. Prints, per
 * label: per tier ("kind") and per kind of damage, each field's accuracy and
 * the share of documents with all five fields right; how many values were
 * invented (a value given where the notice prints none); and, per tier, how
 * often values with confidence >= 0.8 are right (calibration).
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "noticescan.h"

#define MAX_GROUPS 96
#define HIGH_CONFIDENCE 0.8 /* the line the issue draws: values above it must be right 99% of the time */

typedef struct tally {
    char name[48];
    int documents, all_right, field_right[NS_FIELD_COUNT];
    int invented, high_total, high_right, low_total, low_right, wrong, wrong_flagged;
} tally;

typedef struct tally_set {
    tally groups[MAX_GROUPS];
    int count;
} tally_set;

static void stem_of(const char *path, char *out, size_t len)
{
    const char *base = path ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : (path ? path : "");
    snprintf(out, len, "%s", base);
    char *dot = strchr(out, '.');
    if (dot)
        *dot = '\0';
}

static int value_matches(json_t *expected, json_t *field)
{
    json_t *got = json_is_object(field) ? json_object_get(field, "value") : json_null();
    if (json_is_null(expected) || !expected)
        return json_is_null(got) || !got;
    return json_equal(expected, got);
}

static tally *tally_for(tally_set *set, const char *name)
{
    for (int i = 0; i < set->count; i++)
        if (strcmp(set->groups[i].name, name) == 0)
            return &set->groups[i];
    if (set->count == MAX_GROUPS)
        return &set->groups[MAX_GROUPS - 1];
    tally *t = &set->groups[set->count++];
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    return t;
}

/* One field of one document, counted into every group the document belongs to. */
typedef struct field_outcome {
    int right, invented, has_value, flagged;
    double confidence;
} field_outcome;

static void count_field(tally *t, int field, const field_outcome *o)
{
    t->field_right[field] += o->right;
    t->invented += o->invented;
    if (o->has_value && o->confidence >= HIGH_CONFIDENCE) {
        t->high_total++;
        t->high_right += o->right;
    } else if (o->has_value) {
        t->low_total++;
        t->low_right += o->right;
    }
    if (!o->right) {
        t->wrong++;
        t->wrong_flagged += o->flagged;
    }
}

static json_t *load_results(const char *results_path)
{
    FILE *results = fopen(results_path, "r");
    if (!results) {
        fprintf(stderr, "eval_score: %s: cannot open\n", results_path);
        return NULL;
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
    return by_stem;
}

/* The groups one document counts in: "all", its tier, and (in the damage set) each kind of damage
 * and each kind/variant it has. */
static int groups_of(json_t *spec, tally_set *tiers, tally_set *damages, tally *out[], int max)
{
    int n = 0;
    const char *kind = json_string_value(json_object_get(spec, "kind"));
    out[n++] = tally_for(tiers, "all");
    out[n++] = tally_for(tiers, kind ? kind : "unknown");
    size_t index;
    json_t *entry;
    json_array_foreach(json_object_get(spec, "damage"), index, entry)
    {
        const char *name = json_string_value(entry);
        if (!name || n + 2 > max)
            continue;
        char prefix[48];
        snprintf(prefix, sizeof prefix, "%s", name);
        char *slash = strchr(prefix, '/');
        char label[64];
        if (slash) { /* "lighting/shadow": counted as lighting and as lighting/shadow */
            *slash = '\0';
            snprintf(label, sizeof label, "%s:%s", kind ? kind : "?", prefix);
            out[n++] = tally_for(damages, label);
        }
        snprintf(label, sizeof label, "%s:%s", kind ? kind : "?", name);
        out[n++] = tally_for(damages, label);
    }
    return n;
}

static void score_document(json_t *spec, json_t *record, tally *groups[], int group_count)
{
    json_t *fields = json_object_get(record, "fields");
    const char *status = json_string_value(json_object_get(record, "status"));
    int read = record && status && strcmp(status, "error") != 0;
    int right = 0;
    for (int field = 0; field < NS_FIELD_COUNT; field++) {
        json_t *got = json_object_get(fields, ns_field_name(field));
        json_t *want = json_object_get(json_object_get(spec, "expected"), ns_field_name(field));
        json_t *value = json_is_object(got) ? json_object_get(got, "value") : NULL;
        field_outcome o = {0, 0, 0, 0, 0.0};
        o.has_value = read && value && !json_is_null(value);
        o.right = read && value_matches(want, got);
        o.invented = o.has_value && (!want || json_is_null(want));
        o.confidence = o.has_value ? json_real_value(json_object_get(got, "confidence")) : 0.0;
        o.flagged = (o.has_value && (o.confidence < HIGH_CONFIDENCE || json_object_get(got, "review"))) ||
                    !status || strcmp(status, "ok") != 0;
        right += o.right;
        for (int g = 0; g < group_count; g++)
            count_field(groups[g], field, &o);
    }
    for (int g = 0; g < group_count; g++) {
        groups[g]->documents++;
        groups[g]->all_right += right == NS_FIELD_COUNT;
    }
}

static void print_table(const char *title, const tally_set *set)
{
    if (set->count == 0)
        return;
    printf("  %-28s %5s %7s %7s %7s %7s %7s %8s %8s %12s\n", title, "docs", "code", "year", "amount",
           "respond", "date", "all 5", "invented", "conf>=0.8 ok");
    for (int i = 0; i < set->count; i++) {
        const tally *t = &set->groups[i];
        printf("  %-28s %5d", t->name, t->documents);
        for (int field = 0; field < NS_FIELD_COUNT; field++)
            printf(" %6.1f%%", 100.0 * t->field_right[field] / t->documents);
        printf(" %7.1f%% %8d", 100.0 * t->all_right / t->documents, t->invented);
        if (t->high_total)
            printf(" %6.1f%% of %d\n", 100.0 * t->high_right / t->high_total, t->high_total);
        else
            printf(" %12s\n", "-");
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const tally *)a)->name, ((const tally *)b)->name);
}

static int score(const char *expected_dir, const char *results_path, const char *label)
{
    json_t *by_stem = load_results(results_path);
    if (!by_stem)
        return 1;
    static tally_set tiers, damages;
    memset(&tiers, 0, sizeof tiers);
    memset(&damages, 0, sizeof damages);
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
        tally *groups[16];
        int group_count = groups_of(spec, &tiers, &damages, groups, 16);
        score_document(spec, json_object_get(by_stem, stem), groups, group_count);
        json_decref(spec);
    }
    if (dir)
        closedir(dir);
    qsort(damages.groups, (size_t)damages.count, sizeof damages.groups[0], by_name);
    if (tiers.count > 2) /* "all" stays first */
        qsort(tiers.groups + 1, (size_t)tiers.count - 1, sizeof tiers.groups[0], by_name);
    printf("\n%s (%s)\n", label, results_path);
    print_table("tier", &tiers);
    print_table("tier:damage (/variant)", &damages);
    const tally *all = &tiers.groups[0];
    printf("  confidence >= %.1f: %d fields, %.1f%% right; below: %d fields, %.1f%% right\n", HIGH_CONFIDENCE,
           all->high_total, all->high_total ? 100.0 * all->high_right / all->high_total : 0, all->low_total,
           all->low_total ? 100.0 * all->low_right / all->low_total : 0);
    printf("  wrong fields: %d, of which flagged (confidence < %.1f, review, or not ok): %d; invented "
           "values: %d\n",
           all->wrong, HIGH_CONFIDENCE, all->wrong_flagged, all->invented);
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
