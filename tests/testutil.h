/* testutil.h - small helpers shared by the cmocka test programs. */
#ifndef NOTICESCAN_TESTUTIL_H
#define NOTICESCAN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A new empty folder under $TMPDIR (else /tmp) named for the test, unique to this run (caller frees). */
static inline char *test_temp_folder(const char *name)
{
    const char *base = getenv("TMPDIR");
    char *path = NULL;
    if (asprintf(&path, "%s/noticescan-%s-XXXXXX", base && *base ? base : "/tmp", name) < 0)
        return NULL;
    if (!mkdtemp(path))
        fail_msg("cannot make a folder like %s", path);
    return path;
}

static inline int test_remove_entry(const char *path, const struct stat *info, int type, struct FTW *walk)
{
    (void)info;
    (void)walk;
    return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* Removes a folder and all it holds, links themselves rather than what they point to, and frees path. */
static inline void test_remove_tree(char *path)
{
    if (path && nftw(path, test_remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        print_error("cannot remove %s\n", path);
    free(path);
}

/* Writes size bytes to path, failing the test when it cannot. */
static inline void test_write_bytes(const char *path, const void *data, size_t size)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        fail_msg("cannot write %s", path);
    assert_int_equal(fwrite(data, 1, size, file), size);
    assert_int_equal(fclose(file), 0);
}

/* Big-endian 16 and 32-bit values, as PNG and JPEG headers hold them. */
static inline void test_put_u16be(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static inline void test_put_u32be(uint8_t *p, uint32_t v)
{
    test_put_u16be(p, v >> 16);
    test_put_u16be(p + 2, v & 0xffff);
}

/* PNG's chunk checksum (CRC-32, ISO 3309), so a patched header is still a valid chunk. */
static inline uint32_t test_png_crc(const uint8_t *bytes, size_t n)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= bytes[i];
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xffffffffu;
}

/*
 * Rewrites an encoded PNG's header to claim width x height, its checksum kept right: a small
 * file that says it is huge, a decompression bomb that costs nothing to make.
 */
static inline void test_png_claim_size(uint8_t *png, uint32_t width, uint32_t height)
{
    test_put_u32be(png + 16, width); /* IHDR: 8-byte signature, length, "IHDR", width, height */
    test_put_u32be(png + 20, height);
    test_put_u32be(png + 29, test_png_crc(png + 12, 17));
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
