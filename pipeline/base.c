/* base.c - the helpers every stage shares (see base.h). */
#include "base.h"

#include <errno.h>
#include <leptonica/allheaders.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void ns_error_set(char *buf, size_t len, const char *fmt, ...)
{
    if (!buf || len == 0)
        return;
    va_list args;
    va_start(args, fmt);
    vsnprintf(buf, len, fmt, args);
    va_end(args);
}

ns_status file_read_all(const char *path, unsigned char **data, size_t *size, char *err, size_t errlen)
{
    return file_read_limited(path, NS_MAX_FILE_BYTES, data, size, err, errlen);
}

ns_status file_read_limited(const char *path, size_t max_bytes, unsigned char **data, size_t *size, char *err,
                            size_t errlen)
{
    FILE *file = fopen(path, "rb");
    if (!file) {
        ns_error_set(err, errlen, "cannot open: %s", strerror(errno));
        return NS_ERR_IO;
    }
    struct stat info;
    if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) {
        ns_error_set(err, errlen, "not a regular file");
        fclose(file);
        return NS_ERR_IO;
    }
    if ((unsigned long long)info.st_size > max_bytes) {
        /* In MB, rounded up, when the limit is: a nine-digit byte count would look like a masked SSN. */
        const unsigned long long megabyte = 1024ULL * 1024, file_size = (unsigned long long)info.st_size;
        if (max_bytes >= megabyte)
            ns_error_set(err, errlen, "file is %llu MB, over the %llu MB limit",
                         (file_size + megabyte - 1) / megabyte, (unsigned long long)max_bytes / megabyte);
        else
            ns_error_set(err, errlen, "file is %llu bytes, over the %zu byte limit", file_size, max_bytes);
        fclose(file);
        return NS_ERR_TOO_LARGE;
    }
    *size = (size_t)info.st_size;
    *data = malloc(*size + 1); /* one more byte: text callers get a terminating NUL */
    if (!*data) {
        fclose(file);
        return NS_ERR_NOMEM;
    }
    size_t got = fread(*data, 1, *size, file);
    int failed = ferror(file);
    fclose(file);
    if (got != *size || failed) {
        ns_error_set(err, errlen, "read error: %s", failed ? strerror(errno) : "file shrank");
        free(*data);
        *data = NULL;
        return NS_ERR_IO;
    }
    (*data)[*size] = '\0';
    return NS_OK;
}

const embedded_file *embedded_file_find(const char *name)
{
    for (size_t i = 0; i < embedded_file_count; i++)
        if (strcmp(embedded_files[i].name, name) == 0)
            return &embedded_files[i];
    return NULL;
}

char *text_fill_placeholders(const char *text, size_t length, const placeholder *table, size_t count)
{
    char *out = NULL;
    size_t out_length = 0;
    FILE *stream = open_memstream(&out, &out_length);
    if (!stream)
        return NULL;
    const char *p = text, *end = text + length;
    while (p < end) {
        size_t i, n = 0;
        for (i = 0; i < count; i++) {
            n = strlen(table[i].name);
            if ((size_t)(end - p) >= n && strncmp(p, table[i].name, n) == 0)
                break;
        }
        if (i < count) {
            fputs(table[i].value, stream);
            p += n;
        } else {
            fputc(*p++, stream);
        }
    }
    fclose(stream);
    return out;
}

PIX *image_rotate_clockwise(PIX *pix, int degrees)
{
    switch (degrees) {
    case 90: return pixRotate90(pix, 1);
    case 180: return pixRotate180(NULL, pix);
    case 270: return pixRotate90(pix, -1);
    default: return NULL;
    }
}

void text_write_wrapped(FILE *out, const char *text, const char *indent, const char *first_indent, int width)
{
    const char *lead = first_indent;
    const char *p = text;
    while (*p) {
        int room = width - (int)strlen(lead);
        const char *line_end = p;
        const char *last_space = NULL;
        while (*line_end && line_end - p < room) {
            if (*line_end == ' ')
                last_space = line_end;
            line_end++;
        }
        if (*line_end && last_space)
            line_end = last_space;
        fprintf(out, "%s%.*s\n", lead, (int)(line_end - p), p);
        p = line_end;
        while (*p == ' ')
            p++;
        lead = indent;
    }
}

/*
 * Length of the valid UTF-8 character at text, 0 if none: the Unicode standard's table of
 * well-formed byte sequences (no overlong form, no surrogate, nothing past U+10FFFF).
 */
static size_t utf8_sequence_length(const unsigned char *text)
{
    unsigned char lead = text[0];
    if (lead < 0x80)
        return 1;
    if (lead < 0xc2 || lead > 0xf4)
        return 0;
    size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    unsigned char low = 0x80, high = 0xbf; /* the second byte's range, narrower after four leads */
    if (lead == 0xe0)
        low = 0xa0; /* below: an overlong 3-byte form */
    else if (lead == 0xed)
        high = 0x9f; /* above: a UTF-16 surrogate */
    else if (lead == 0xf0)
        low = 0x90; /* below: an overlong 4-byte form */
    else if (lead == 0xf4)
        high = 0x8f; /* above: past U+10FFFF */
    if (text[1] < low || text[1] > high)
        return 0;
    for (size_t i = 2; i < length; i++)
        if ((text[i] & 0xc0) != 0x80)
            return 0;
    return length;
}

char *text_repair_utf8(const char *text)
{
    size_t size = strlen(text), used = 0;
    char *repaired = malloc(3 * size + 1); /* at worst each byte becomes the 3-byte U+FFFD */
    if (!repaired)
        return NULL;
    for (const unsigned char *at = (const unsigned char *)text; *at;) {
        size_t length = utf8_sequence_length(at);
        if (length) {
            memcpy(repaired + used, at, length);
            used += length;
            at += length;
        } else {
            memcpy(repaired + used, "\xef\xbf\xbd", 3);
            used += 3;
            at++;
        }
    }
    repaired[used] = '\0';
    return repaired;
}

/* Windows-1252's bytes 0x80-0x9f (its others are Latin-1's, the same numbers as Unicode); 0: undefined. */
static const unsigned short WINDOWS_1252_HIGH[32] = {
    0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017d, 0,      0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};

static int is_utf8(const char *text)
{
    for (const unsigned char *at = (const unsigned char *)text; *at;) {
        size_t length = utf8_sequence_length(at);
        if (!length)
            return 0;
        at += length;
    }
    return 1;
}

char *text_decode_file_text(const char *text)
{
    if (is_utf8(text))
        return strdup(text);
    size_t size = strlen(text), used = 0;
    char *decoded = malloc(3 * size + 1); /* every code point here fits in three UTF-8 bytes */
    if (!decoded)
        return NULL;
    for (const unsigned char *at = (const unsigned char *)text; *at; at++) {
        unsigned code = *at >= 0x80 && *at < 0xa0 ? WINDOWS_1252_HIGH[*at - 0x80] : *at;
        if (!code)
            code = 0xfffd;
        if (code < 0x80) {
            decoded[used++] = (char)code;
        } else if (code < 0x800) {
            decoded[used++] = (char)(0xc0 | code >> 6);
            decoded[used++] = (char)(0x80 | (code & 0x3f));
        } else {
            decoded[used++] = (char)(0xe0 | code >> 12);
            decoded[used++] = (char)(0x80 | ((code >> 6) & 0x3f));
            decoded[used++] = (char)(0x80 | (code & 0x3f));
        }
    }
    decoded[used] = '\0';
    return decoded;
}
