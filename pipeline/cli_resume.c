/*
 * cli_resume.c - --skip-done: go on where an interrupted batch stopped.
 *
 * Records are written whole, one write per line, so a killed run leaves at
 * most its last line cut short. That line is ignored (and cut off before
 * appending), every whole record's source counts as done.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The source of every whole record in the file, sorted. Returns 0 when it cannot be read. */
static int read_done_sources(const char *path, input_list *done, FILE *diagnostics)
{
    FILE *file = fopen(path, "r");
    if (!file) {
        if (errno == ENOENT)
            return 1; /* the first run: nothing is done yet */
        fprintf(diagnostics, "noticescan: --skip-done %s: %s\n", path, strerror(errno));
        return 0;
    }
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    size_t number = 0;
    int ok = 1;
    while (ok && (length = getline(&line, &capacity, file)) > 0) {
        number++;
        int whole = line[length - 1] == '\n';
        json_t *record = json_loads(line, 0, NULL);
        const char *source = json_string_value(json_object_get(record, "source"));
        if (source && whole) /* a record without its line end was cut by the crash: read it again */
            ok = input_list_add(done, source);
        else if (whole && length > 1) /* a cut last line is expected after a crash; anything else is not */
            fprintf(diagnostics, "noticescan: --skip-done %s: line %zu is not a record, ignored\n", path,
                    number);
        json_decref(record);
    }
    free(line);
    fclose(file);
    if (done->count > 1) /* qsort's array must not be NULL, even when empty */
        qsort(done->paths, done->count, sizeof *done->paths, compare_paths);
    return ok;
}

int resume_skip_done(const char *path, input_list *inputs, size_t *already_done, FILE *diagnostics)
{
    *already_done = 0;
    input_list done = {0};
    if (!read_done_sources(path, &done, diagnostics)) {
        input_list_free(&done);
        return 0;
    }
    size_t kept = 0;
    for (size_t i = 0; i < inputs->count; i++) {
        /* Records name their source masked and as valid UTF-8: compare in that form. */
        char *shown = ns_source_name(inputs->paths[i]);
        if (!shown) {
            input_list_free(&done);
            return 0;
        }
        int found = done.count && bsearch(&shown, done.paths, done.count, sizeof *done.paths, compare_paths);
        free(shown);
        if (found) {
            free(inputs->paths[i]);
            (*already_done)++;
        } else {
            inputs->paths[kept++] = inputs->paths[i];
        }
    }
    inputs->count = kept;
    input_list_free(&done);
    return 1;
}

int resume_trim_partial_line(int fd)
{
    struct stat info;
    if (fstat(fd, &info) != 0)
        return 0;
    off_t end = info.st_size;
    char chunk[4096];
    while (end > 0) {
        size_t n = end < (off_t)sizeof chunk ? (size_t)end : sizeof chunk;
        if (pread(fd, chunk, n, end - (off_t)n) != (ssize_t)n)
            return 0;
        for (size_t i = n; i > 0; i--) {
            if (chunk[i - 1] == '\n') {
                off_t keep = end - (off_t)n + (off_t)i;
                return keep == info.st_size || ftruncate(fd, keep) == 0;
            }
        }
        end -= (off_t)n;
    }
    return info.st_size == 0 || ftruncate(fd, 0) == 0;
}
