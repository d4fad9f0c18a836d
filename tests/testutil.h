/* testutil.h - small helpers shared by the cmocka test programs. */
#ifndef NOTICESCAN_TESTUTIL_H
#define NOTICESCAN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "noticescan.h"

/* The project root: NOTICESCAN_ROOT (set by make check), else the current directory. */
static inline const char *test_root(void)
{
    const char *root = getenv("NOTICESCAN_ROOT");
    return root && *root ? root : ".";
}

/* A path under the project root, in a static buffer per call site's copy. */
static inline char *test_path(const char *relative)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", test_root(), relative) < 0)
        return NULL;
    return path;
}

/* Everything left in stream, NUL-terminated, its length (without the NUL) in *size. */
static inline unsigned char *test_read_stream(FILE *stream, size_t *size)
{
    char *text = NULL;
    size_t length = 0;
    FILE *memory = open_memstream(&text, &length);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stream)) > 0)
        fwrite(chunk, 1, n, memory);
    fclose(memory);
    if (size)
        *size = length;
    return (unsigned char *)text;
}

/* Whole file, NUL-terminated, its length (without the NUL) in *size; NULL when it cannot be read. */
static inline unsigned char *test_read_bytes(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    unsigned char *bytes = test_read_stream(file, size);
    fclose(file);
    return bytes;
}

/* Whole file as a NUL-terminated string; NULL when it cannot be read. */
static inline char *test_read_file(const char *path)
{
    return (char *)test_read_bytes(path, NULL);
}

/* The built-in knowledge, loaded once per test program. */
static inline ns_knowledge *test_knowledge(void)
{
    static ns_knowledge *knowledge;
    if (!knowledge) {
        char error[512] = "";
        if (ns_knowledge_load(NULL, NULL, &knowledge, error, sizeof error) != NS_OK)
            fail_msg("cannot load built-in knowledge: %s", error);
    }
    return knowledge;
}

/* A group teardown's work: the group's engine (may be NULL) and the built-in knowledge. Returns 0. */
static inline int test_free_engine_and_knowledge(ns_engine *engine)
{
    ns_engine_free(engine);
    ns_knowledge_free(test_knowledge());
    return 0;
}

/* Asserts a field's value (NULL: not found), naming the field on failure. */
#define assert_field(document, field, expected)                                                              \
    do {                                                                                                     \
        const char *actual_ = ns_document_field((document), (field), NULL);                                  \
        const char *expected_ = (expected);                                                                  \
        if ((actual_ == NULL) != (expected_ == NULL) || (actual_ && strcmp(actual_, expected_) != 0))        \
            fail_msg("%s: expected %s, got %s", ns_field_name(field), expected_ ? expected_ : "null",        \
                     actual_ ? actual_ : "null");                                                            \
    } while (0)

#endif
