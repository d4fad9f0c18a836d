/*
 * cli_cluster.c - shards of one batch and the merge of their outputs.
 *
 * A shard is chosen by a hash of each input's path relative to the folder
 * given, not by its position in the list: adding files to the folder then
 * never moves an old file to another shard, so a re-run of one failed shard
 * reads the same files as the first run (and --skip-done finds them done).
 */
#include "cli_cluster.h"

#include "cli.h"
#include "noticescan.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- shards ---------------------------------------------------------- */

static int parse_unsigned(const char *text, unsigned *out)
{
    if (!text || *text < '0' || *text > '9')
        return 0;
    char *end = NULL;
    errno = 0;
    unsigned long value = strtoul(text, &end, 10);
    if (errno || *end || value > 1000000)
        return 0;
    *out = (unsigned)value;
    return 1;
}

static int shard_from_environment(unsigned shards_for_auto, shard_spec *out, char *err, size_t errlen)
{
    unsigned id, count, min = 0;
    const char *slurm_id = getenv("SLURM_ARRAY_TASK_ID");
    if (slurm_id) {
        if (!parse_unsigned(slurm_id, &id) || !parse_unsigned(getenv("SLURM_ARRAY_TASK_COUNT"), &count)) {
            snprintf(err, errlen, "--shard auto: SLURM_ARRAY_TASK_ID or SLURM_ARRAY_TASK_COUNT is not a number");
            return 0;
        }
        /* An array may start anywhere (--array=1-4); its first task is shard 0. */
        if (getenv("SLURM_ARRAY_TASK_MIN") && !parse_unsigned(getenv("SLURM_ARRAY_TASK_MIN"), &min)) {
            snprintf(err, errlen, "--shard auto: SLURM_ARRAY_TASK_MIN is not a number");
            return 0;
        }
        /* With --shards N the task ID is the shard (0..N-1): a re-run of one task (--array=K) still knows N. */
        if (shards_for_auto > 0) {
            min = 0;
            count = shards_for_auto;
        }
        if (id < min || id - min >= count) {
            snprintf(err, errlen, "--shard auto: Slurm task %u is outside an array of %u tasks from %u", id, count,
                     min);
            return 0;
        }
        out->index = id - min;
        out->count = count;
        return 1;
    }
    const char *k8s_index = getenv("JOB_COMPLETION_INDEX");
    if (k8s_index) {
        if (!parse_unsigned(k8s_index, &id)) {
            snprintf(err, errlen, "--shard auto: JOB_COMPLETION_INDEX is not a number");
            return 0;
        }
        if (shards_for_auto == 0 || id >= shards_for_auto) {
            snprintf(err, errlen, "--shard auto: JOB_COMPLETION_INDEX %u needs --shards N with N > %u", id, id);
            return 0;
        }
        out->index = id;
        out->count = shards_for_auto;
        return 1;
    }
    snprintf(err, errlen,
             "--shard auto: neither SLURM_ARRAY_TASK_ID (Slurm array job) nor JOB_COMPLETION_INDEX "
             "(Kubernetes Indexed Job) is set");
    return 0;
}

int shard_parse(const char *text, unsigned shards_for_auto, shard_spec *out, char *err, size_t errlen)
{
    if (strcmp(text, "auto") == 0)
        return shard_from_environment(shards_for_auto, out, err, errlen);
    const char *slash = strchr(text, '/');
    char number[16];
    unsigned k, n;
    size_t k_length = slash ? (size_t)(slash - text) : 0;
    if (!slash || k_length == 0 || k_length >= sizeof number) {
        snprintf(err, errlen, "--shard %s: expected K/N (for example 2/8) or auto", text);
        return 0;
    }
    memcpy(number, text, k_length);
    number[k_length] = '\0';
    if (!parse_unsigned(number, &k) || !parse_unsigned(slash + 1, &n) || n == 0 || k == 0 || k > n) {
        snprintf(err, errlen, "--shard %s: expected K/N with 1 <= K <= N", text);
        return 0;
    }
    out->index = k - 1;
    out->count = n;
    return 1;
}

/* FNV-1a, 64 bits: stable across machines and runs, which is all a shard needs. */
static uint64_t hash_path(const char *text)
{
    uint64_t hash = 14695981039346656037ULL;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        hash ^= *p;
        hash *= 1099511628211ULL;
    }
    return hash;
}

int shard_holds(const shard_spec *shard, const char *relative)
{
    if (!shard || shard->count <= 1)
        return 1;
    return hash_path(relative) % shard->count == shard->index;
}

/* The part of path below root ("a/b.png" for root "in/" and path "in/a/b.png"); NULL when not under it. */
static const char *path_below(const char *path, const char *root)
{
    size_t length = strlen(root);
    while (length > 1 && root[length - 1] == '/')
        length--;
    if (strncmp(path, root, length) != 0)
        return NULL;
    if (path[length] == '\0') {
        const char *base = strrchr(path, '/');
        return base && base[1] ? base + 1 : path; /* a file named on the command line: its own name */
    }
    return path[length] == '/' ? path + length + 1 : NULL;
}

void shard_filter_inputs(const shard_spec *shard, input_list *inputs, char *const *roots, int root_count)
{
    if (!shard || shard->count <= 1)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < inputs->count; i++) {
        const char *relative = NULL;
        for (int r = 0; r < root_count && !relative; r++)
            relative = path_below(inputs->paths[i], roots[r]);
        if (shard_holds(shard, relative ? relative : inputs->paths[i]))
            inputs->paths[kept++] = inputs->paths[i];
        else
            free(inputs->paths[i]);
    }
    inputs->count = kept;
}

int path_compare_walk_order(const char *a, const char *b)
{
    for (;;) {
        size_t a_length = strcspn(a, "/"), b_length = strcspn(b, "/");
        size_t common = a_length < b_length ? a_length : b_length;
        int order = memcmp(a, b, common);
        if (order != 0)
            return order;
        if (a_length != b_length)
            return a_length < b_length ? -1 : 1;
        a += a_length;
        b += b_length;
        if (!*a || !*b)
            return (*a != 0) - (*b != 0);
        a++, b++;
    }
}

/* ---- merge ----------------------------------------------------------- */

typedef struct merge_record {
    char *source;
    char *line; /* the record as the shard wrote it, without its newline */
    const char *shard_path;
    size_t expected_at; /* position in the expected list; SIZE_MAX when not expected */
} merge_record;

typedef struct merge_state {
    merge_record *records;
    size_t count, capacity;
} merge_state;

static int merge_add(merge_state *state, char *source, char *line, const char *shard_path)
{
    if (state->count == state->capacity) {
        size_t capacity = state->capacity ? state->capacity * 2 : 256;
        merge_record *grown = realloc(state->records, capacity * sizeof *grown);
        if (!grown)
            return 0;
        state->records = grown;
        state->capacity = capacity;
    }
    state->records[state->count++] = (merge_record){source, line, shard_path, SIZE_MAX};
    return 1;
}

/* The record's "source", or NULL when the line is not a JSON object with one. */
static char *record_source(const char *line)
{
    json_error_t error;
    json_t *record = json_loads(line, JSON_REJECT_DUPLICATES, &error);
    const char *source = json_string_value(json_object_get(record, "source"));
    char *copy = source ? strdup(source) : NULL;
    json_decref(record);
    return copy;
}

/* Reads one shard's records; 0 and a message on stderr when it is damaged. */
static int merge_read_shard(merge_state *state, const char *shard_path)
{
    FILE *file = fopen(shard_path, "rb");
    if (!file) {
        fprintf(stderr, "noticescan merge: %s: cannot open: %s\n", shard_path, strerror(errno));
        return 0;
    }
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    long number = 0;
    int ok = 1;
    while (ok && (length = getline(&line, &capacity, file)) != -1) {
        number++;
        if (length == 0 || line[length - 1] != '\n') {
            fprintf(stderr, "noticescan merge: %s: line %ld is cut off (the shard did not finish)\n", shard_path,
                    number);
            ok = 0;
            break;
        }
        line[length - 1] = '\0';
        if (line[0] == '\0')
            continue;
        char *source = record_source(line);
        char *copy = source ? strdup(line) : NULL;
        if (!source)
            fprintf(stderr, "noticescan merge: %s: line %ld is not a noticescan record\n", shard_path, number);
        ok = source && copy && merge_add(state, source, copy, shard_path);
        if (!ok) {
            free(source);
            free(copy);
        }
    }
    if (ok && ferror(file)) {
        fprintf(stderr, "noticescan merge: %s: read error\n", shard_path);
        ok = 0;
    }
    free(line);
    fclose(file);
    return ok;
}

static int compare_records(const void *a, const void *b)
{
    const merge_record *x = a, *y = b;
    if (x->expected_at != y->expected_at)
        return x->expected_at < y->expected_at ? -1 : 1;
    return path_compare_walk_order(x->source, y->source);
}

typedef struct expected_entry {
    const char *source;
    size_t position;
    int seen;
} expected_entry;

static int compare_expected(const void *a, const void *b)
{
    return strcmp(((const expected_entry *)a)->source, ((const expected_entry *)b)->source);
}

/* Places each record in the expected order; names inputs missing or not expected. */
static int merge_match_expected(merge_state *state, char *const *expected, size_t expected_count)
{
    expected_entry *index = calloc(expected_count ? expected_count : 1, sizeof *index);
    if (!index)
        return 0;
    for (size_t i = 0; i < expected_count; i++)
        index[i] = (expected_entry){expected[i], i, 0};
    qsort(index, expected_count, sizeof *index, compare_expected);
    int ok = 1;
    for (size_t i = 0; i < state->count; i++) {
        expected_entry key = {state->records[i].source, 0, 0};
        expected_entry *found = bsearch(&key, index, expected_count, sizeof *index, compare_expected);
        if (!found) {
            fprintf(stderr, "noticescan merge: %s: in %s, but not one of the inputs\n", state->records[i].source,
                    state->records[i].shard_path);
            ok = 0;
            continue;
        }
        found->seen = 1;
        state->records[i].expected_at = found->position;
    }
    size_t missing = 0;
    for (size_t i = 0; i < expected_count; i++)
        if (!index[i].seen) {
            if (missing++ < 20)
                fprintf(stderr, "noticescan merge: %s: missing from every shard\n", index[i].source);
        }
    if (missing > 20)
        fprintf(stderr, "noticescan merge: ... and %zu more inputs missing\n", missing - 20);
    free(index);
    return ok && missing == 0;
}

static int merge_check_duplicates(const merge_state *state)
{
    int ok = 1;
    for (size_t i = 1; i < state->count; i++) {
        const merge_record *a = &state->records[i - 1], *b = &state->records[i];
        if (strcmp(a->source, b->source) == 0) {
            fprintf(stderr, "noticescan merge: %s: appears twice (%s and %s)\n", b->source, a->shard_path,
                    b->shard_path);
            ok = 0;
        }
    }
    return ok;
}

/* Writes every record to a temporary file beside out_path, then renames it into place. */
static int merge_write(const merge_state *state, const char *out_path)
{
    char *temporary = NULL;
    if (asprintf(&temporary, "%s.partial.%ld", out_path, (long)getpid()) < 0)
        return 0;
    FILE *out = fopen(temporary, "wb");
    int ok = out != NULL;
    for (size_t i = 0; ok && i < state->count; i++)
        ok = fprintf(out, "%s\n", state->records[i].line) >= 0;
    if (out && fclose(out) != 0)
        ok = 0;
    if (ok && rename(temporary, out_path) != 0)
        ok = 0;
    if (!ok) {
        fprintf(stderr, "noticescan merge: %s: cannot write: %s\n", out_path, strerror(errno));
        unlink(temporary);
    }
    free(temporary);
    return ok;
}

int cluster_merge(const char *out_path, char *const *shard_paths, size_t shard_count, char *const *expected,
                  size_t expected_count)
{
    merge_state state = {NULL, 0, 0};
    int status = 0;
    for (size_t i = 0; i < shard_count; i++)
        if (!merge_read_shard(&state, shard_paths[i]))
            status = 1;
    if (status == 0) {
        if (expected && !merge_match_expected(&state, expected, expected_count))
            status = 1;
        if (state.count > 1)
            qsort(state.records, state.count, sizeof *state.records, compare_records);
        if (!merge_check_duplicates(&state))
            status = 1;
    }
    if (status == 0 && !merge_write(&state, out_path))
        status = 2;
    if (status == 0)
        fprintf(stderr, "noticescan merge: %zu records from %zu shards into %s\n", state.count, shard_count,
                out_path);
    for (size_t i = 0; i < state.count; i++) {
        free(state.records[i].source);
        free(state.records[i].line);
    }
    free(state.records);
    return status;
}

/* The merge, with the inputs under roots (walked as a batch walks them) as the expected list. */
static int merge_with_expected(const char *out_path, char **shards, size_t shard_count, char **roots,
                               size_t root_count)
{
    if (root_count == 0)
        return cluster_merge(out_path, shards, shard_count, NULL, 0);
    input_list expected = {0};
    int listed = walk_inputs(roots, (int)root_count, 0, &expected, stderr);
    for (size_t i = 0; listed && i < expected.count; i++) { /* as the records name them */
        char *shown = ns_source_name(expected.paths[i]);
        listed = shown != NULL;
        if (shown) {
            free(expected.paths[i]);
            expected.paths[i] = shown;
        }
    }
    int status = listed ? cluster_merge(out_path, shards, shard_count, expected.paths, expected.count) : 2;
    input_list_free(&expected);
    return status;
}

static const char merge_usage[] =
    "Usage: noticescan merge OUT [--expect PATH]... SHARD...\n"
    "\n"
    "Merges the JSON Lines outputs of a sharded run (--shard) into OUT, in input\n"
    "order. Fails, naming them, when a record appears twice or a shard line is cut;\n"
    "with --expect (the files and folders the shards read), also when an input is\n"
    "missing from every shard. OUT is written only when all is well.\n";

int cluster_merge_main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(merge_usage, stdout);
        return 0;
    }
    if (argc < 3) {
        fputs(merge_usage, stderr);
        return 2;
    }
    const char *out_path = argv[1];
    char **shards = calloc((size_t)argc, sizeof *shards), **roots = calloc((size_t)argc, sizeof *roots);
    size_t shard_count = 0, root_count = 0;
    int status = shards && roots ? 0 : 2;
    for (int i = 2; status == 0 && i < argc; i++) {
        if (strcmp(argv[i], "--expect") == 0) {
            if (i + 1 == argc) {
                fputs(merge_usage, stderr);
                status = 2;
            } else {
                roots[root_count++] = argv[++i];
            }
        } else {
            shards[shard_count++] = argv[i];
        }
    }
    if (status == 0 && shard_count == 0) {
        fputs(merge_usage, stderr);
        status = 2;
    }
    if (status == 0)
        status = merge_with_expected(out_path, shards, shard_count, roots, root_count);
    free(shards);
    free(roots);
    return status;
}
