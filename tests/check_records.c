/*
 * check_records.c - checks a batch's JSON Lines output against the expected
 * fields kept beside the samples: every expected document appears exactly
 * once, with its five fields right, and no record is left unexplained.
 *
 *   check_records EXPECTED_DIR RESULTS.jsonl
 *
 * A record matches NAME.expected.json when its "source" ends in "/" plus
 * the expected file's "source" (or equals it). Prints one line per problem
 * and a closing "N passed, N failed" line; exits 1 when anything failed.
 * Used by the cluster test, where the records come back through shards.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const core_fields[] = {"notice_code", "tax_year", "amount_due", "response_date", "notice_date"};

typedef struct expectation {
    char *source;
    json_t *fields;
    int seen;
} expectation;

static int ends_with_source(const char *path, const char *source)
{
    size_t path_length = strlen(path), source_length = strlen(source);
    if (path_length == source_length)
        return strcmp(path, source) == 0;
    return path_length > source_length && path[path_length - source_length - 1] == '/' &&
           strcmp(path + path_length - source_length, source) == 0;
}

static size_t load_expectations(const char *dir, expectation **out)
{
    DIR *handle = opendir(dir);
    if (!handle) {
        fprintf(stderr, "check_records: %s: cannot open\n", dir);
        exit(2);
    }
    expectation *list = NULL;
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(handle)) != NULL) {
        size_t length = strlen(entry->d_name);
        if (length < 14 || strcmp(entry->d_name + length - 14, ".expected.json") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        json_error_t error;
        json_t *root = json_load_file(path, 0, &error);
        const char *source = json_string_value(json_object_get(root, "source"));
        if (!source || !json_is_object(json_object_get(root, "expected"))) {
            fprintf(stderr, "check_records: %s: not an expected-fields file\n", path);
            exit(2);
        }
        list = realloc(list, (count + 1) * sizeof *list);
        list[count].source = strdup(source);
        list[count].fields = json_incref(json_object_get(root, "expected"));
        list[count].seen = 0;
        count++;
        json_decref(root);
    }
    closedir(handle);
    *out = list;
    return count;
}

/* Compares one record with its expectation; prints each wrong field. */
static int record_is_right(json_t *record, const expectation *expected)
{
    int right = 1;
    for (size_t i = 0; i < sizeof core_fields / sizeof *core_fields; i++) {
        json_t *want = json_object_get(expected->fields, core_fields[i]);
        json_t *field = json_object_get(json_object_get(record, "fields"), core_fields[i]);
        json_t *got = json_is_object(field) ? json_object_get(field, "value") : json_null();
        int same = (!want || json_is_null(want)) ? (!got || json_is_null(got)) : json_equal(want, got);
        if (!same) {
            char *want_text = json_dumps(want ? want : json_null(), JSON_ENCODE_ANY);
            char *got_text = json_dumps(got ? got : json_null(), JSON_ENCODE_ANY);
            printf("WRONG %s: %s is %s, expected %s\n", expected->source, core_fields[i], got_text, want_text);
            free(want_text);
            free(got_text);
            right = 0;
        }
    }
    return right;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: check_records EXPECTED_DIR RESULTS.jsonl\n");
        return 2;
    }
    expectation *expected = NULL;
    size_t expected_count = load_expectations(argv[1], &expected);
    FILE *results = fopen(argv[2], "rb");
    if (!results) {
        fprintf(stderr, "check_records: %s: cannot open\n", argv[2]);
        return 2;
    }
    int passed = 0, failed = 0;
    char *line = NULL;
    size_t capacity = 0;
    while (getline(&line, &capacity, results) != -1) {
        json_error_t error;
        json_t *record = json_loads(line, 0, &error);
        const char *source = json_string_value(json_object_get(record, "source"));
        expectation *match = NULL;
        /* The longest expected name that the source ends in: "x.heic" must not match "x.heic.jpg"'s rule. */
        for (size_t i = 0; source && i < expected_count; i++)
            if (ends_with_source(source, expected[i].source) &&
                (!match || strlen(expected[i].source) > strlen(match->source)))
                match = &expected[i];
        if (!record || !source) {
            printf("BAD LINE: not a record: %.80s\n", line);
            failed++;
        } else if (!match) {
            printf("UNEXPECTED %s\n", source);
            failed++;
        } else if (match->seen++) {
            printf("TWICE %s\n", source);
            failed++;
        } else if (record_is_right(record, match)) {
            passed++;
        } else {
            failed++;
        }
        json_decref(record);
    }
    free(line);
    fclose(results);
    for (size_t i = 0; i < expected_count; i++) {
        if (!expected[i].seen) {
            printf("MISSING %s\n", expected[i].source);
            failed++;
        }
        free(expected[i].source);
        json_decref(expected[i].fields);
    }
    free(expected);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
