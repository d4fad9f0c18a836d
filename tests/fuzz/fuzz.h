/*
 * fuzz.h - what the fuzz targets in tests/fuzz/ share.
 *
 * Each target file defines one entry point, `static int fuzz_NAME(const uint8_t *data, size_t size)`,
 * and names it with FUZZ_ENTRY(fuzz_NAME). Built by `make fuzz` (NS_LIBFUZZER defined), that becomes
 * libFuzzer's LLVMFuzzerTestOneInput. Without NS_LIBFUZZER the same functions are called by
 * tests/test_fuzz_replay.c on every seed and every past finding, so `make check` replays them.
 *
 * A target reports a broken promise (an output that is not JSON, a full SSN in an output, an
 * error without a message) with fuzz_fail(), which aborts: libFuzzer saves the input as a finding.
 */
#ifndef NOTICESCAN_FUZZ_H
#define NOTICESCAN_FUZZ_H

#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "noticescan.h"

#ifdef NS_LIBFUZZER
#define FUZZ_ENTRY(function)                                                                                 \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                                            \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                                             \
    {                                                                                                        \
        return function(data, size);                                                                         \
    }
#else
#define FUZZ_ENTRY(function)
#endif

/* The date "days left" counts from, fixed so that runs are repeatable. */
#define FUZZ_TODAY ((ns_date){2024, 3, 20})

/* Render options that include each field's evidence, so that all of the JSON writer runs. */
static inline const ns_render_options *fuzz_render_options(void)
{
    static const ns_render_options options = {1};
    return &options;
}

/* A short notice that the targets which vary the knowledge read with it. */
#define FUZZ_NOTICE_TEXT                                                                                     \
    "Internal Revenue Service\nNotice CP14\nTax year 2023\nNotice date March 4, 2024\n"                      \
    "Social security number 123-45-6789\nAmount due: $1,075.21\nPay by March 25, 2024\nCall 800-829-1040\n"

static inline void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s: %s\n", what, detail ? detail : "(null)");
    abort();
}

/* The input as a NUL-terminated string (an embedded NUL ends it early, as it would for a caller). */
static inline char *fuzz_text_copy(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        fuzz_fail("out of memory", "copying the input");
    memcpy(text, data, size);
    text[size] = '\0';
    return text;
}

/* The built-in patterns and catalog, loaded once per process. */
static inline const ns_knowledge *fuzz_knowledge(void)
{
    static ns_knowledge *knowledge;
    if (!knowledge) {
        char error[512] = "";
        if (ns_knowledge_load(NULL, NULL, &knowledge, error, sizeof error) != NS_OK)
            fuzz_fail("cannot load the built-in knowledge", error);
    }
    return knowledge;
}

static char fuzz_scratch_path[64];

static void fuzz_remove_scratch(void)
{
    DIR *handle = opendir(fuzz_scratch_path);
    if (!handle)
        return;
    struct dirent *entry;
    while ((entry = readdir(handle)) != NULL) {
        char path[512];
        if (entry->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", fuzz_scratch_path, entry->d_name);
        unlink(path);
    }
    closedir(handle);
    rmdir(fuzz_scratch_path);
}

/* A private folder for the files a target writes, made once and removed when the process ends. */
static inline const char *fuzz_scratch_dir(void)
{
    if (!fuzz_scratch_path[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(fuzz_scratch_path, sizeof fuzz_scratch_path, "%.40s/nsfuzz.XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(fuzz_scratch_path))
            fuzz_fail("cannot make a scratch folder", fuzz_scratch_path);
        atexit(fuzz_remove_scratch);
    }
    return fuzz_scratch_path;
}

/* Writes bytes to NAME inside the scratch folder and returns the path (a static buffer). */
static inline const char *fuzz_write_scratch(const char *name, const void *data, size_t size)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", fuzz_scratch_dir(), name);
    FILE *file = fopen(path, "wb");
    if (!file || fwrite(data, 1, size, file) != size || fclose(file) != 0)
        fuzz_fail("cannot write", path);
    return path;
}

/* Whether text holds an SSN written in full (ddd-dd-dddd with no digit on either side). */
static inline const char *fuzz_find_full_ssn(const char *text)
{
    static const char shape[] = "ddd-dd-dddd";
    for (const char *p = text; *p; p++) {
        if (p > text && isdigit((unsigned char)p[-1]))
            continue;
        size_t i = 0;
        for (; shape[i]; i++)
            if (shape[i] == 'd' ? !isdigit((unsigned char)p[i]) : p[i] != '-')
                break;
        if (!shape[i] && !isdigit((unsigned char)p[i]))
            return p;
    }
    return NULL;
}

/* Fails when an output repeats a full SSN that the input holds (outputs keep only the last four). */
static inline void fuzz_check_no_full_ssn(const char *output, const char *input, const char *what)
{
    for (const char *found = output ? fuzz_find_full_ssn(output) : NULL; found;
         found = fuzz_find_full_ssn(found + 1)) {
        char number[12];
        memcpy(number, found, 11);
        number[11] = '\0';
        if (strstr(input, number))
            fuzz_fail(what, "repeats a full SSN from its input");
    }
}

#endif
