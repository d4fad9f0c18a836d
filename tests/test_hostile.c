/*
 * test_hostile.c - a folder as people fill it, read by the real command
 * (`noticescan --json -j 2 DIR`) through real Tesseract: three good notices
 * among broken, foreign and hostile entries. Each good notice must be read
 * right, each bad file must get its own error code in a record that names it,
 * what is hidden or no document must be skipped (and said so when the README
 * says it is), every output line must be whole JSON, the run must end with exit
 * status 1 (some input failed) rather than a signal, and its peak memory must
 * stay under a bound. The folder is made at run time in a fresh temporary
 * folder; the table of results is printed for the record.
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <jpeglib.h>
#include <leptonica/allheaders.h>
#include <png.h>
#include <sys/resource.h>
#include <sys/wait.h>

typedef enum {
    EXPECT_FIELDS,  /* a notice: its five fields as expected */
    EXPECT_ERROR,   /* an error record with this code, its message naming the file */
    EXPECT_SCAM,    /* read, judged suspicious, and given the scam plan */
    EXPECT_SKIPPED, /* no record; stderr says why */
    EXPECT_HIDDEN,  /* no record and not a word: hidden entries are not looked at */
} expectation;

typedef struct hostile_entry {
    const char *kind; /* what the entry stands for, for the table */
    const char *name; /* its name in the folder */
    /* Makes it at path from argument; returns NULL, or why it could not be made here (the row is skipped). */
    const char *(*make)(const char *path, const char *argument);
    const char *argument;
    expectation expect;
    const char *expected; /* the error code(s, "|" between); expected-fields file or JSON; what stderr says */
    const char *shown;    /* the name as JSON shows it, when the name is not UTF-8 */
} hostile_entry;

/* The fields of rendered_notice, whatever its format. */
static const char rendered_fields[] =
    "{\"notice_code\": \"CP14\", \"tax_year\": 2023, \"amount_due\": \"2417.86\", "
    "\"response_date\": \"2024-04-01\", \"notice_date\": \"2024-03-11\"}";
static const char rendered_notice[] = "Department of the Treasury\nInternal Revenue Service\nNotice CP14\n"
                                      "Tax year 2023\nNotice date March 11, 2024\nAmount due: $2,417.86\n"
                                      "Amount due by April 1, 2024 $2,417.86\n";
static const char bank_letter[] =
    "First Example Bank\nAccount statement for March 2024\nDear customer,\n"
    "your checking account ending in 4417 had a balance\nof $1,203.55 on March 31.\n"
    "Thank you for banking with us.\n";
static const char gift_card_letter[] =
    "Department of the Treasury\nInternal Revenue Service\nNotice CP2000\n"
    "Tax year 2024\nNotice date May 6, 2025\nProposed amount due: $3,918.00\n"
    "This balance is overdue and must be paid today.\n"
    "Buy Google Play gift cards or Apple gift cards\n"
    "and call us with the card codes on the back.\n";

/* A letter-size page at 200 DPI with text in Leptonica's own bitmap font, one line per line of text. */
static PIX *render_page(const char *text)
{
    PIX *page = pixCreate(1700, 2200, 8);
    pixSetAllArbitrary(page, 255);
    L_BMF *font = bmfCreate(NULL, 20); /* the largest built-in size: about 12 pt at 200 DPI */
    assert_non_null(font);
    char *copy = strdup(text), *save = NULL;
    int y = 200;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        l_int32 width = 0, overflow = 0;
        assert_int_equal(pixSetTextline(page, font, line, 0, 150, y, &width, &overflow), 0);
        y += 2 * font->lineheight;
    }
    free(copy);
    bmfDestroy(&font);
    return page;
}

static const char *make_rendered_png(const char *path, const char *text)
{
    PIX *page = render_page(text);
    assert_int_equal(pixWrite(path, page, IFF_PNG), 0);
    pixDestroy(&page);
    return NULL;
}

/* The page as a 16-bit gray PNG (libpng's simplified API; linear light, as 16-bit files often are). */
static const char *make_png16(const char *path, const char *text)
{
    PIX *page = render_page(text);
    png_image image = {.version = PNG_IMAGE_VERSION, .format = PNG_FORMAT_LINEAR_Y};
    image.width = (png_uint_32)pixGetWidth(page);
    image.height = (png_uint_32)pixGetHeight(page);
    uint16_t *pixels = malloc((size_t)image.width * image.height * sizeof *pixels);
    for (png_uint_32 y = 0; y < image.height; y++)
        for (png_uint_32 x = 0; x < image.width; x++) {
            l_uint32 value = 0;
            pixGetPixel(page, (l_int32)x, (l_int32)y, &value);
            pixels[(size_t)y * image.width + x] = (uint16_t)(value * 257); /* 8 bits to 16 */
        }
    assert_true(png_image_write_to_file(&image, path, 0, pixels, 0, NULL));
    free(pixels);
    pixDestroy(&page);
    return NULL;
}

/* The page as a CMYK JPEG the way Adobe writes it (inverted: 255 is no ink), black ink only. */
static const char *make_cmyk_jpeg(const char *path, const char *text)
{
    PIX *page = render_page(text);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    struct jpeg_compress_struct jpeg;
    struct jpeg_error_mgr errors;
    jpeg.err = jpeg_std_error(&errors);
    jpeg_create_compress(&jpeg);
    jpeg_stdio_dest(&jpeg, file);
    jpeg.image_width = (JDIMENSION)pixGetWidth(page);
    jpeg.image_height = (JDIMENSION)pixGetHeight(page);
    jpeg.input_components = 4;
    jpeg.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&jpeg); /* CMYK input: a CMYK file with Adobe's marker */
    jpeg_set_quality(&jpeg, 90, TRUE);
    jpeg_start_compress(&jpeg, TRUE);
    JSAMPLE *row = malloc((size_t)jpeg.image_width * 4);
    while (jpeg.next_scanline < jpeg.image_height) {
        for (JDIMENSION x = 0; x < jpeg.image_width; x++) {
            l_uint32 value = 0;
            pixGetPixel(page, (l_int32)x, (l_int32)jpeg.next_scanline, &value);
            row[4 * x] = row[4 * x + 1] = row[4 * x + 2] = 255;
            row[4 * x + 3] = (JSAMPLE)value;
        }
        jpeg_write_scanlines(&jpeg, &row, 1);
    }
    jpeg_finish_compress(&jpeg);
    jpeg_destroy_compress(&jpeg);
    fclose(file);
    free(row);
    pixDestroy(&page);
    return NULL;
}

static const char *copy_sample(const char *path, const char *sample)
{
    char *source = test_path(sample);
    size_t size = 0;
    unsigned char *bytes = test_read_bytes(source, &size);
    assert_non_null(bytes);
    test_write_bytes(path, bytes, size);
    free(bytes);
    free(source);
    return NULL;
}

/* The first bytes of a sample ("samples/x.png:20000"), as a download cut short leaves it. */
static const char *copy_sample_head(const char *path, const char *sample_and_size)
{
    char *sample = strdup(sample_and_size);
    char *colon = strrchr(sample, ':');
    *colon = '\0';
    char *source = test_path(sample);
    size_t size = 0, keep = strtoul(colon + 1, NULL, 10);
    unsigned char *bytes = test_read_bytes(source, &size);
    assert_true(bytes && size > keep);
    test_write_bytes(path, bytes, keep);
    free(bytes);
    free(source);
    free(sample);
    return NULL;
}

static const char *write_text(const char *path, const char *text)
{
    test_write_bytes(path, text, strlen(text));
    return NULL;
}

/* A PIX as PNG bytes (caller frees). */
static uint8_t *png_bytes(PIX *pix, size_t *size)
{
    uint8_t *data = NULL;
    assert_int_equal(pixWriteMemPng(&data, size, pix, 0), 0);
    return data;
}

/* A small white PNG of the size in argument ("1x1"); "60000x60000" claims it in a 64x64 file. */
static const char *make_png_claiming(const char *path, const char *size_text)
{
    unsigned width = 0, height = 0;
    assert_int_equal(sscanf(size_text, "%ux%u", &width, &height), 2);
    int small = width <= 64 && height <= 64;
    PIX *pix = pixCreate(small ? (l_int32)width : 64, small ? (l_int32)height : 64, 8);
    pixSetAllArbitrary(pix, 255);
    size_t size = 0;
    uint8_t *data = png_bytes(pix, &size);
    if (!small)
        test_png_claim_size(data, width, height);
    test_write_bytes(path, data, size);
    free(data);
    pixDestroy(&pix);
    return NULL;
}

/* The PNG signature and its IHDR chunk (33 bytes), then nothing: no pixel data at all. */
static const char *make_header_only_png(const char *path, const char *unused)
{
    (void)unused;
    PIX *pix = pixCreate(800, 1000, 8);
    size_t size = 0;
    uint8_t *data = png_bytes(pix, &size);
    test_write_bytes(path, data, 33);
    free(data);
    pixDestroy(&pix);
    return NULL;
}

/* A white page, fully transparent too: RGBA with alpha 0 everywhere. */
static const char *make_transparent_png(const char *path, const char *unused)
{
    (void)unused;
    png_image image = {.version = PNG_IMAGE_VERSION, .format = PNG_FORMAT_RGBA, .width = 600, .height = 800};
    uint8_t *pixels = calloc((size_t)image.width * image.height, 4);
    assert_true(png_image_write_to_file(&image, path, 0, pixels, 0, NULL));
    free(pixels);
    return NULL;
}

/* A colour photo of nothing: each pixel random (a fixed seed, so every run reads the same picture). */
static const char *make_noise_photo(const char *path, const char *unused)
{
    (void)unused;
    PIX *photo = pixCreate(800, 600, 32);
    uint32_t state = 2463534242u; /* xorshift32 */
    for (l_int32 y = 0; y < 600; y++)
        for (l_int32 x = 0; x < 800; x++) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            pixSetPixel(photo, x, y, state & 0xffffff00u); /* Leptonica's RGBA: alpha byte last */
        }
    assert_int_equal(pixWrite(path, photo, IFF_JFIF_JPEG), 0);
    pixDestroy(&photo);
    return NULL;
}

static const char *make_random_bytes(const char *path, const char *unused)
{
    (void)unused;
    uint8_t bytes[4096];
    uint32_t state = 88172645u;
    for (size_t i = 0; i < sizeof bytes; i++) {
        state = state * 1664525u + 1013904223u; /* Numerical Recipes' LCG */
        bytes[i] = (uint8_t)(state >> 24);
    }
    test_write_bytes(path, bytes, sizeof bytes);
    return NULL;
}

/* 300 MB that take no disk: a sparse file over the 256 MB default limit. */
static const char *make_sparse_file(const char *path, const char *unused)
{
    (void)unused;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 300L * 1024 * 1024), 0);
    close(fd);
    return NULL;
}

static const char *make_link(const char *path, const char *target)
{
    assert_int_equal(symlink(target, path), 0);
    return NULL;
}

static const char *make_fifo(const char *path, const char *unused)
{
    (void)unused;
    assert_int_equal(mkfifo(path, 0644), 0);
    return NULL;
}

/*
 * A file this user may not read. chmod 000 stops any user but root, and CI runs as root; for root,
 * a link to a kernel file that is write-only even for root (/proc/sys/vm/drop_caches, mode 0200)
 * fails to open the same way, with "Permission denied".
 */
static const char *make_unreadable(const char *path, const char *unused)
{
    (void)unused;
    if (geteuid() != 0) {
        write_text(path, "a scan someone else owns");
        assert_int_equal(chmod(path, 0), 0);
        return NULL;
    }
    const char *write_only = "/proc/sys/vm/drop_caches";
    int fd = open(write_only, O_RDONLY);
    if (fd >= 0 || errno != EACCES) {
        if (fd >= 0)
            close(fd);
        return "running as root, and no write-only file to stand for an unreadable one";
    }
    return make_link(path, write_only);
}

static const hostile_entry entries[] = {
    {"good notice, name with spaces", "IRS notice from March.png", copy_sample, "samples/cp14-scan.png",
     EXPECT_FIELDS, "samples/cp14-scan.expected.json", NULL},
    {"good notice, non-ASCII name", "re\xc3\xa7u fiscal \xc3\xbc.png", copy_sample,
     "samples/ltr1058-scan.png", EXPECT_FIELDS, "samples/ltr1058-scan.expected.json", NULL},
    {"good notice, leading dash", "-rf --json.png", copy_sample, "samples/cp12-scan.png", EXPECT_FIELDS,
     "samples/cp12-scan.expected.json", NULL},
    {"CMYK JPEG (Adobe, inverted)", "cmyk.jpg", make_cmyk_jpeg, rendered_notice, EXPECT_FIELDS,
     rendered_fields, NULL},
    {"16-bit gray PNG", "gray16.png", make_png16, rendered_notice, EXPECT_FIELDS, rendered_fields, NULL},
    {"gift-card scam letter", "urgent.png", make_rendered_png, gift_card_letter, EXPECT_SCAM, "scam", NULL},
    {"bank letter", "bank.png", make_rendered_png, bank_letter, EXPECT_ERROR, "not_a_notice", NULL},
    /* OCR reads noise as a couple of stray "words" or as none (Tesseract's arithmetic differs between
       CPUs): either code says no notice was found, and neither gives a plan. */
    {"noise photo", "noise.jpg", make_noise_photo, NULL, EXPECT_ERROR, "not_a_notice|no_text", NULL},
    {"blank page", "blank.png", make_rendered_png, "", EXPECT_ERROR, "no_text", NULL},
    {"fully transparent PNG", "transparent.png", make_transparent_png, NULL, EXPECT_ERROR, "no_text", NULL},
    {"1x1 image", "dot.png", make_png_claiming, "1x1", EXPECT_ERROR, "bad_image", NULL},
    {"zero bytes", "empty.jpg", write_text, "", EXPECT_ERROR, "unsupported_format", NULL},
    {"truncated JPEG", "cut.jpg", copy_sample_head, "samples/cp90-phone-exif.jpg:20000", EXPECT_ERROR,
     "bad_image", NULL},
    {"truncated PNG", "cut.png", copy_sample_head, "samples/cp14-scan.png:20000", EXPECT_ERROR, "bad_image",
     NULL},
    {"header-only PNG", "header-only.png", make_header_only_png, NULL, EXPECT_ERROR, "bad_image", NULL},
    {"PNG bomb 60000x60000", "bomb.png", make_png_claiming, "60000x60000", EXPECT_ERROR, "too_large", NULL},
    {"300 MB sparse file", "huge.jpg", make_sparse_file, NULL, EXPECT_ERROR, "too_large", NULL},
    {"text named .jpg", "letter.jpg", write_text, "Dear IRS, please find my scan attached.\n", EXPECT_ERROR,
     "unsupported_format", NULL},
    {"random bytes named .tif", "random.tif", make_random_bytes, NULL, EXPECT_ERROR, "unsupported_format",
     NULL},
    {"fake PDF", "fake.pdf", write_text, "%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF\n", EXPECT_ERROR,
     "bad_pdf", NULL},
    {"name not UTF-8 (Latin-1)", "\xe9t\xe9.jpg", write_text, "not an image", EXPECT_ERROR,
     "unsupported_format", "\xef\xbf\xbdt\xef\xbf\xbd.jpg"},
    {"symlink loop (to itself)", "loop.png", make_link, "loop.png", EXPECT_ERROR, "io", NULL},
    {"dangling symlink", "gone.png", make_link, "moved-away.png", EXPECT_ERROR, "io", NULL},
    {"unreadable file", "locked.png", make_unreadable, NULL, EXPECT_ERROR, "io", NULL},
    {"folder link loop (to itself)", "again", make_link, ".", EXPECT_SKIPPED, "again: folder already read",
     NULL},
    {"pipe named .png", "stuck.png", make_fifo, NULL, EXPECT_SKIPPED, "stuck.png: not a regular file", NULL},
    {"not a document", "README.txt", write_text, "scans from the tax office\n", EXPECT_SKIPPED,
     "README.txt: not an image or PDF", NULL},
    {"hidden file", ".scan.png", copy_sample_head, "samples/cp14-scan.png:20000", EXPECT_HIDDEN, NULL, NULL},
};
enum { ENTRY_COUNT = sizeof entries / sizeof entries[0] };

/*
 * The bound on the run's peak memory. Two engines (about 30 MB each) and a page in a few copies
 * (a 2550x3300 sample is 8 MB a copy in gray, 34 MB in colour) measured 166 MB for this folder;
 * 400 MB leaves room for a busier allocator yet fails if the bomb were decoded (3.6 GB) or the
 * sparse file read whole (300 MB more). AddressSanitizer keeps freed memory in quarantine and
 * shadows all of it, so its build gets three times as much.
 */
#if defined(__SANITIZE_ADDRESS__)
enum { MAX_RSS_MB = 1200 };
#else
enum { MAX_RSS_MB = 400 };
#endif
/* A guard against a hang (a pipe opened and waited on, say): far over the slowest run seen. */
enum { TIME_LIMIT_SECONDS = 600 };

typedef struct cli_run {
    int status;      /* the exit status, or -1 when a signal ended it */
    int signal;      /* the signal that ended it, or 0 */
    long max_rss_kb; /* peak resident memory */
    char *out, *err;
} cli_run;

/* Runs `noticescan --json -j 2 DIR` from the project root, stdout and stderr to files in work. */
static cli_run run_cli_on(const char *folder, const char *work)
{
    char *out_path = NULL, *err_path = NULL, *command = NULL;
    assert_true(asprintf(&out_path, "%s/out.jsonl", work) > 0 && asprintf(&err_path, "%s/err.txt", work) > 0);
    const char *binary = getenv("NOTICESCAN_BIN");
    assert_true(asprintf(&command, "exec %s --json -j 2 --today 2024-03-20 '%s' >'%s' 2>'%s'",
                         binary ? binary : "build/noticescan", folder, out_path, err_path) > 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (chdir(test_root()) != 0)
            _exit(126);
        alarm(TIME_LIMIT_SECONDS); /* kept across exec: a hang ends as SIGALRM */
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    assert_int_equal(wait4(pid, &status, 0, &usage), pid);
    cli_run run = {WIFEXITED(status) ? WEXITSTATUS(status) : -1, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                   usage.ru_maxrss, test_read_file(out_path), test_read_file(err_path)};
    assert_non_null(run.out);
    assert_non_null(run.err);
    free(out_path);
    free(err_path);
    free(command);
    return run;
}

/* Every line of out as a JSON record (an object with a "source"); fails on a line that is not. */
static json_t *parse_records(const char *out)
{
    json_t *records = json_array();
    const char *line = out;
    for (size_t number = 1; *line; number++) {
        const char *end = strchr(line, '\n');
        if (!end)
            fail_msg("line %zu has no line end: a record cut short", number);
        json_error_t error;
        json_t *record = json_loadb(line, (size_t)(end - line), 0, &error);
        if (!record || !json_is_string(json_object_get(record, "source")))
            fail_msg("line %zu is not a JSON record (%s): %.120s", number, record ? "no source" : error.text,
                     line);
        json_array_append_new(records, record);
        line = end + 1;
    }
    return records;
}

/* The expected fields: a JSON object in the entry, or the "expected" of a samples/ file. */
static json_t *expected_fields(const char *expected)
{
    if (expected[0] == '{')
        return json_loads(expected, 0, NULL);
    char *path = test_path(expected);
    json_t *spec = json_load_file(path, 0, NULL);
    free(path);
    assert_non_null(spec);
    json_t *fields = json_incref(json_object_get(spec, "expected"));
    json_decref(spec);
    return fields;
}

/* Says in got which of the five fields is wrong; returns 1 when all are as expected. */
static int fields_right(json_t *record, const char *expected, char *got, size_t got_size)
{
    json_t *want_all = expected_fields(expected);
    int right = 1;
    for (int field = 0; right && field < NS_FIELD_COUNT; field++) {
        const char *name = ns_field_name((ns_field_id)field);
        json_t *want = json_object_get(want_all, name);
        json_t *value = json_object_get(json_object_get(json_object_get(record, "fields"), name), "value");
        int both_null = (!want || json_is_null(want)) && (!value || json_is_null(value));
        if (!both_null && !json_equal(want, value)) {
            char *shown = json_dumps(value ? value : json_null(), JSON_ENCODE_ANY);
            snprintf(got, got_size, "%s is %s", name, shown);
            free(shown);
            right = 0;
        }
    }
    if (right)
        snprintf(got, got_size, "ok, 5 fields right");
    json_decref(want_all);
    return right;
}

static const char *record_text(json_t *record, const char *object, const char *key)
{
    return json_string_value(json_object_get(object ? json_object_get(record, object) : record, key));
}

/* Whether code is one of the codes in list ("not_a_notice|no_text"). */
static int code_listed(const char *code, const char *list)
{
    size_t length = strlen(code);
    for (const char *at = list;; at++) {
        if (strncmp(at, code, length) == 0 && (at[length] == '|' || at[length] == '\0'))
            return 1;
        at = strchr(at, '|');
        if (!at)
            return 0;
    }
}

/* Checks what the run gave for entry (its record, or NULL); says it in got. Returns 1 when right. */
static int entry_right(const hostile_entry *entry, const char *source, json_t *record, const char *err,
                       char *got, size_t got_size)
{
    const char *status = record ? record_text(record, NULL, "status") : NULL;
    const char *code = record ? record_text(record, "error", "code") : NULL;
    if (entry->expect == EXPECT_SKIPPED || entry->expect == EXPECT_HIDDEN) {
        char said[600];
        snprintf(said, sizeof said, "%.*s/%s", (int)(strrchr(source, '/') - source), source,
                 entry->expect == EXPECT_SKIPPED ? entry->expected : entry->name);
        int mentioned = strstr(err, said) != NULL;
        snprintf(got, got_size, "%s, %s", record ? "READ" : "not read",
                 mentioned ? "said so" : "not mentioned");
        return !record && (entry->expect == EXPECT_SKIPPED) == mentioned;
    }
    if (!record) {
        snprintf(got, got_size, "NO RECORD");
        return 0;
    }
    if (entry->expect == EXPECT_ERROR) {
        const char *message = record_text(record, "error", "message");
        snprintf(got, got_size, "%s%s", code ? code : status,
                 message && strstr(message, source) ? "" : " (unnamed)");
        return code && code_listed(code, entry->expected) && strstr(message, source);
    }
    if (code) {
        snprintf(got, got_size, "%s", code);
        return 0;
    }
    if (entry->expect == EXPECT_FIELDS)
        return fields_right(record, entry->expected, got, got_size);
    const char *verdict = record_text(record, "authenticity", "verdict");
    const char *category = record_text(record, "plan", "category");
    snprintf(got, got_size, "%s, %s plan", verdict ? verdict : "no verdict", category ? category : "no");
    return verdict && strcmp(verdict, "suspicious") == 0 && category && strcmp(category, "scam") == 0;
}

static const char *expected_label(const hostile_entry *entry)
{
    switch (entry->expect) {
    case EXPECT_FIELDS: return "ok, 5 fields right";
    case EXPECT_ERROR: return entry->expected;
    case EXPECT_SCAM: return "suspicious, scam plan";
    case EXPECT_SKIPPED: return "not read, said so";
    default: return "not read, not mentioned";
    }
}

/* The record whose source is source, or NULL; counts how many there were in *count. */
static json_t *record_for(json_t *records, const char *source, int *count)
{
    json_t *found = NULL, *record;
    size_t i;
    *count = 0;
    json_array_foreach(records, i, record) if (strcmp(record_text(record, NULL, "source"), source) == 0)
    {
        found = record;
        ++*count;
    }
    return found;
}

/* Makes every entry in folder; not_made[i] is why entry i could not be made here, or NULL. */
static void make_folder(const char *folder, const char *not_made[ENTRY_COUNT])
{
    for (int i = 0; i < ENTRY_COUNT; i++) {
        char *path = NULL;
        assert_true(asprintf(&path, "%s/%s", folder, entries[i].name) > 0);
        not_made[i] = entries[i].make(path, entries[i].argument);
        free(path);
    }
}

/* Checks each entry against the run and prints the table; returns how many are wrong. */
static int check_entries(const char *folder, json_t *records, const char *err,
                         const char *not_made[ENTRY_COUNT])
{
    int wrong = 0;
    size_t matched = 0;
    print_message("  %-30s %-26s %-24s %s\n", "kind", "file", "expected", "got");
    for (int i = 0; i < ENTRY_COUNT; i++) {
        const hostile_entry *entry = &entries[i];
        char source[600], got[160];
        snprintf(source, sizeof source, "%s/%s", folder, entry->shown ? entry->shown : entry->name);
        int count = 0;
        json_t *record = record_for(records, source, &count);
        matched += (size_t)count;
        int right = 1;
        if (not_made[i])
            snprintf(got, sizeof got, "SKIPPED: %s", not_made[i]);
        else if (count > 1)
            snprintf(got, sizeof got, "%d RECORDS", count), right = 0;
        else
            right = entry_right(entry, source, record, err, got, sizeof got);
        wrong += !right;
        print_message("  %-30s %-26s %-24s %s%s\n", entry->kind, entry->shown ? entry->shown : entry->name,
                      expected_label(entry), got, right ? "" : "   <-- WRONG");
    }
    if (matched != json_array_size(records)) {
        print_message("  %zu records name no entry of the folder\n", json_array_size(records) - matched);
        wrong++;
    }
    return wrong;
}

/* The temporary folder of the run: the hostile folder "in", and the output beside it. */
static char *work;

static int make_work_folder(void **state)
{
    (void)state;
    work = test_temp_folder("hostile");
    return 0;
}

/* Removed even when a check failed (cmocka then leaves the test at the failing line). */
static int remove_work_folder(void **state)
{
    (void)state;
    test_remove_tree(work);
    return 0;
}

static void a_hostile_folder_fails_file_by_file_and_reads_every_good_notice(void **state)
{
    (void)state;
    char *folder = NULL;
    assert_true(asprintf(&folder, "%s/in", work) > 0);
    assert_int_equal(mkdir(folder, 0755), 0);
    const char *not_made[ENTRY_COUNT];
    make_folder(folder, not_made);

    cli_run run = run_cli_on(folder, work);
    if (run.signal)
        fail_msg("noticescan was ended by signal %d (%s); stderr:\n%s", run.signal, strsignal(run.signal),
                 run.err);
    json_t *records = parse_records(run.out);
    int wrong = check_entries(folder, records, run.err, not_made);
    print_message("  exit status %d, %zu records, peak memory %ld MB (bound %d MB)\n", run.status,
                  json_array_size(records), run.max_rss_kb / 1024, MAX_RSS_MB);
    if (run.status != 1)
        fail_msg("exit status %d, expected 1 (some input could not be read); stderr:\n%s", run.status,
                 run.err);
    assert_int_equal(wrong, 0);
    assert_true(run.max_rss_kb / 1024 < MAX_RSS_MB);

    json_decref(records);
    free(run.out);
    free(run.err);
    free(folder);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_hostile_folder_fails_file_by_file_and_reads_every_good_notice),
    };
    return cmocka_run_group_tests_name("hostile", tests, make_work_folder, remove_work_folder);
}
