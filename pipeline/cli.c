/*
 * cli.c - the noticescan command: files and folders in, plans or JSON out.
 *
 * Data goes to stdout (or -o FILE), diagnostics to stderr. One bad file
 * never stops a batch: it becomes an error record and the exit status says
 * some inputs failed.
 */
#include "noticescan.h"

#include <jansson.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum exit_code {
    EXIT_ALL_READ = 0,    /* every input was read (some may need review) */
    EXIT_SOME_FAILED = 1, /* at least one input could not be read */
    EXIT_USAGE = 2,       /* bad command line */
    EXIT_SETUP = 3,       /* patterns, catalog or Tesseract data could not be loaded */
};

static const char usage_text[] =
    "Usage: noticescan [OPTIONS] FILE|DIR...\n"
    "       noticescan --explain CODE\n"
    "       noticescan --catalog\n"
    "\n"
    "Reads photos or scans of IRS notices (PNG, JPEG, TIFF incl. multi-page, BMP,\n"
    "WebP, PNM, HEIC), finds the notice code, tax year, amount due, response date\n"
    "and notice date, and explains what the notice means and what to do by when.\n"
    "A folder is read recursively, in name order.\n"
    "\n"
    "Options:\n"
    "  --json               JSON: one object for one file, JSON Lines (one object per\n"
    "                       document) for several files or a folder\n"
    "  -o, --output FILE    write to FILE instead of standard output\n"
    "  --today YYYY-MM-DD   count days left from this date (default: today)\n"
    "  --abroad             the notices were mailed to an address outside the U.S.\n"
    "                       (longer windows, such as 150 days to petition; images)\n"
    "  --explain CODE       print the plan for a notice code, without an image\n"
    "  --catalog            print the notice catalog as JSON\n"
    "  --explain-fields     with --json, show each field's evidence and runner-up\n"
    "  --letter KIND        write a filled-in response letter instead of the plan\n"
    "                       (refused, with the reason, when the notice does not allow\n"
    "                       it; with --json: {\"source\", \"kind\", \"letter\", \"refused\"}):\n"
    "                       dispute, abatement (penalty relief) or cdp (hearing)\n"
    "  --text               the inputs are plain text already read (OCR output, a\n"
    "                       PDF's text layer): skip the image stages\n"
    "  --patterns DIR       use the *.pat files in DIR instead of the built-in set\n"
    "  --catalog-file FILE  use this catalog JSON instead of the built-in one\n"
    "  --tessdata DIR       Tesseract language data (default: TESSDATA_PREFIX, then\n"
    "                       the system's tessdata)\n"
    "  --save-stages DIR    write the image after each preprocessing step to DIR\n"
    "  --max-megapixels N   refuse pages over N megapixels (default 100, at most 500)\n"
    "  --max-pages N        refuse files over N pages (default 64, at most 256)\n"
    "  --max-file-mb N      refuse files over N MB (default 256)\n"
    "  -q, --quiet          no progress on standard error\n"
    "  -h, --help           show this help\n"
    "  -V, --version        show the version\n"
    "\n"
    "Exit status: 0 every input was read (some may need review), 1 some input\n"
    "could not be read (its record says why), 2 usage error, 3 setup error\n"
    "(patterns, catalog or Tesseract data missing or invalid).\n";

typedef struct options {
    int json, explain_fields, quiet, catalog, text_input, abroad;
    const char *output_path, *explain_code, *letter, *patterns_dir, *catalog_path, *tessdata_dir, *stages_dir;
    ns_date today;
    int max_megapixels, max_pages, max_file_mb; /* 0: the library's defaults */
} options;

typedef struct input_list {
    char **paths;
    size_t count, capacity;
} input_list;

static int add_input(input_list *list, const char *path)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        char **grown = realloc(list->paths, capacity * sizeof *grown);
        if (!grown)
            return 0;
        list->paths = grown;
        list->capacity = capacity;
    }
    list->paths[list->count] = strdup(path);
    return list->paths[list->count++] != NULL;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the files under dir, recursively, in name order; hidden entries are skipped. */
static int add_directory(input_list *list, const char *dir, int depth)
{
    if (depth > 32) {
        fprintf(stderr, "noticescan: %s: folders nest too deep, skipped\n", dir);
        return 1;
    }
    DIR *handle = opendir(dir);
    if (!handle) {
        fprintf(stderr, "noticescan: %s: cannot open folder: %s\n", dir, strerror(errno));
        return 0;
    }
    input_list names = {NULL, 0, 0};
    struct dirent *entry;
    int ok = 1;
    while (ok && (entry = readdir(handle)) != NULL)
        if (entry->d_name[0] != '.')
            ok = add_input(&names, entry->d_name);
    closedir(handle);
    qsort(names.paths, names.count, sizeof *names.paths, compare_names);
    for (size_t i = 0; ok && i < names.count; i++) {
        char *path = NULL;
        if (asprintf(&path, "%s/%s", dir, names.paths[i]) < 0) {
            ok = 0;
            break;
        }
        struct stat info;
        if (stat(path, &info) == 0 && S_ISDIR(info.st_mode))
            ok = add_directory(list, path, depth + 1) || ok;
        else
            ok = add_input(list, path);
        free(path);
    }
    for (size_t i = 0; i < names.count; i++)
        free(names.paths[i]);
    free(names.paths);
    return ok;
}

/* A limit's value: a whole number from 1 to most (the library's ceiling for it). */
static int parse_limit(const char *option, int most, int *out)
{
    char *end = NULL;
    long value = strtol(optarg, &end, 10);
    if (end == optarg || *end || value < 1 || value > most) {
        fprintf(stderr, "noticescan: %s: '%s' is not a whole number from 1 to %d\n", option, optarg, most);
        return 0;
    }
    *out = (int)value;
    return 1;
}

static int parse_options(int argc, char **argv, options *opts, int *first_input)
{
    enum {
        OPT_JSON = 256,
        OPT_TODAY,
        OPT_EXPLAIN,
        OPT_CATALOG,
        OPT_EXPLAIN_FIELDS,
        OPT_PATTERNS,
        OPT_CATALOG_FILE,
        OPT_TESSDATA,
        OPT_STAGES,
        OPT_TEXT,
        OPT_LETTER,
        OPT_MAX_MEGAPIXELS,
        OPT_MAX_PAGES,
        OPT_MAX_FILE_MB,
        OPT_ABROAD
    };
    static const struct option long_options[] = {
        {"json", no_argument, NULL, OPT_JSON},
        {"output", required_argument, NULL, 'o'},
        {"today", required_argument, NULL, OPT_TODAY},
        {"abroad", no_argument, NULL, OPT_ABROAD},
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"catalog", no_argument, NULL, OPT_CATALOG},
        {"explain-fields", no_argument, NULL, OPT_EXPLAIN_FIELDS},
        {"text", no_argument, NULL, OPT_TEXT},
        {"letter", required_argument, NULL, OPT_LETTER},
        {"patterns", required_argument, NULL, OPT_PATTERNS},
        {"catalog-file", required_argument, NULL, OPT_CATALOG_FILE},
        {"tessdata", required_argument, NULL, OPT_TESSDATA},
        {"save-stages", required_argument, NULL, OPT_STAGES},
        {"max-megapixels", required_argument, NULL, OPT_MAX_MEGAPIXELS},
        {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
        {"max-file-mb", required_argument, NULL, OPT_MAX_FILE_MB},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    memset(opts, 0, sizeof *opts);
    opts->today = ns_date_today();
    int c;
    while ((c = getopt_long(argc, argv, "o:qhV", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_JSON: opts->json = 1; break;
        case OPT_ABROAD: opts->abroad = 1; break;
        case 'o': opts->output_path = optarg; break;
        case OPT_TODAY:
            if (!ns_date_parse_iso(optarg, &opts->today)) {
                fprintf(stderr, "noticescan: --today: '%s' is not a date like 2026-03-31\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_EXPLAIN: opts->explain_code = optarg; break;
        case OPT_CATALOG: opts->catalog = 1; break;
        case OPT_EXPLAIN_FIELDS: opts->explain_fields = 1; break;
        case OPT_TEXT: opts->text_input = 1; break;
        case OPT_LETTER:
            if (strcmp(optarg, "dispute") != 0 && strcmp(optarg, "abatement") != 0 &&
                strcmp(optarg, "cdp") != 0) {
                fprintf(stderr, "noticescan: --letter: '%s' is not dispute, abatement or cdp\n", optarg);
                return EXIT_USAGE;
            }
            opts->letter = optarg;
            break;
        case OPT_PATTERNS: opts->patterns_dir = optarg; break;
        case OPT_CATALOG_FILE: opts->catalog_path = optarg; break;
        case OPT_TESSDATA: opts->tessdata_dir = optarg; break;
        case OPT_STAGES: opts->stages_dir = optarg; break;
        case OPT_MAX_MEGAPIXELS:
            if (!parse_limit("--max-megapixels", 500, &opts->max_megapixels))
                return EXIT_USAGE;
            break;
        case OPT_MAX_PAGES:
            if (!parse_limit("--max-pages", 256, &opts->max_pages))
                return EXIT_USAGE;
            break;
        case OPT_MAX_FILE_MB:
            if (!parse_limit("--max-file-mb", 1000000, &opts->max_file_mb))
                return EXIT_USAGE;
            break;
        case 'q': opts->quiet = 1; break;
        case 'h': fputs(usage_text, stdout); return -1;
        case 'V': printf("noticescan %s\n", ns_version()); return -1;
        default: fputs("Try 'noticescan --help'.\n", stderr); return EXIT_USAGE;
        }
    }
    *first_input = optind;
    if (optind == argc && !opts->explain_code && !opts->catalog) {
        fputs("noticescan: no input files\nTry 'noticescan --help'.\n", stderr);
        return EXIT_USAGE;
    }
    return EXIT_ALL_READ;
}

/*
 * The letter asked for, as text or as a JSON object {"source", "kind",
 * "letter", "refused"}; NULL when the notice does not allow it (the reason
 * then goes to stderr, and into "refused" in JSON) or memory runs out.
 */
static char *letter_output(const ns_document *document, const char *source, const options *opts)
{
    const char *refusal = ns_document_letter_refusal(document, opts->letter);
    if (refusal)
        fprintf(stderr, "noticescan: %s: no %s letter: %s\n", source, opts->letter, refusal);
    char *letter = refusal ? NULL : ns_document_letter(document, opts->letter);
    if (!opts->json)
        return letter;
    json_t *record = json_pack("{s:s, s:s, s:s?, s:s?}", "source", source, "kind", opts->letter, "letter",
                               letter, "refused", refusal);
    char *text = record ? json_dumps(record, JSON_COMPACT) : NULL;
    json_decref(record);
    free(letter);
    return text;
}

/* Writes one document; returns 0 when the output itself failed, -1 when a letter was refused. */
static int emit(FILE *out, const ns_document *document, const char *source, const options *opts, int index)
{
    ns_render_options render = {opts->explain_fields};
    char *text = opts->letter ? letter_output(document, source, opts)
                 : opts->json ? ns_document_to_json(document, &render)
                              : ns_document_to_text(document);
    int refused = opts->letter && ns_document_letter_refusal(document, opts->letter);
    if (!text)
        return refused ? -1 : 0;
    if (!opts->json && index > 0)
        fputs("\n========================================================================\n\n", out);
    int ok = fputs(text, out) >= 0 && (!opts->json || fputc('\n', out) != EOF);
    free(text);
    fflush(out);
    return !ok ? 0 : refused ? -1 : 1;
}

int main(int argc, char **argv)
{
    options opts;
    int first_input = 0;
    int parsed = parse_options(argc, argv, &opts, &first_input);
    if (parsed != EXIT_ALL_READ)
        return parsed < 0 ? EXIT_ALL_READ : parsed;

    char error[1024] = "";
    ns_knowledge *knowledge = NULL;
    ns_status status =
        ns_knowledge_load(opts.patterns_dir, opts.catalog_path, &knowledge, error, sizeof error);
    if (status != NS_OK) {
        fprintf(stderr, "noticescan: %s\n", error[0] ? error : ns_strerror(status));
        return EXIT_SETUP;
    }
    FILE *out = stdout;
    if (opts.output_path && !(out = fopen(opts.output_path, "w"))) {
        fprintf(stderr, "noticescan: %s: cannot write: %s\n", opts.output_path, strerror(errno));
        ns_knowledge_free(knowledge);
        return EXIT_USAGE;
    }
    int exit_code = EXIT_ALL_READ;
    if (opts.catalog) {
        char *catalog = ns_knowledge_catalog_json(knowledge);
        if (catalog)
            fprintf(out, "%s\n", catalog);
        free(catalog);
    } else if (opts.explain_code) {
        ns_document *document = ns_document_for_code(knowledge, opts.explain_code, opts.today);
        if (!document || ns_document_status(document) != NS_OK) {
            fprintf(stderr, "noticescan: --explain %s: %s\n", opts.explain_code,
                    document ? ns_document_error(document) : "out of memory");
            exit_code = EXIT_USAGE;
        } else if (emit(out, document, opts.explain_code, &opts, 0) < 0) {
            exit_code = EXIT_SOME_FAILED; /* the letter asked for does not fit this notice */
        }
        ns_document_free(document);
    } else {
        input_list inputs = {NULL, 0, 0};
        int listing_ok = 1;
        for (int i = first_input; i < argc; i++) {
            struct stat info;
            if (stat(argv[i], &info) == 0 && S_ISDIR(info.st_mode))
                listing_ok &= add_directory(&inputs, argv[i], 0);
            else
                listing_ok &= add_input(&inputs, argv[i]);
        }
        if (!listing_ok)
            exit_code = EXIT_SOME_FAILED;
        ns_engine_options engine_options = {opts.tessdata_dir, NULL,
                                            opts.stages_dir,   opts.max_megapixels,
                                            opts.max_pages,    (size_t)opts.max_file_mb * 1024 * 1024,
                                            opts.today,        opts.abroad};
        ns_engine *engine = NULL;
        if (inputs.count > 0 && !opts.text_input &&
            (status = ns_engine_create(knowledge, &engine_options, &engine, error, sizeof error)) != NS_OK) {
            fprintf(stderr, "noticescan: %s\n", error[0] ? error : ns_strerror(status));
            exit_code = EXIT_SETUP;
        }
        int progress = !opts.quiet && inputs.count > 1 && isatty(STDERR_FILENO);
        size_t failed = 0;
        int emitted = 0;
        for (size_t i = 0; (engine || opts.text_input) && i < inputs.count; i++) {
            if (progress)
                fprintf(stderr, "\r[%zu/%zu] %-60.60s", i + 1, inputs.count, inputs.paths[i]);
            ns_document *document = opts.text_input
                                        ? ns_read_text_file(knowledge, inputs.paths[i], opts.today)
                                        : ns_engine_read_file(engine, inputs.paths[i]);
            if (!document) {
                fprintf(stderr, "noticescan: %s: out of memory\n", inputs.paths[i]);
                exit_code = EXIT_SOME_FAILED;
                break;
            }
            if (ns_document_status(document) != NS_OK) {
                failed++;
                exit_code = EXIT_SOME_FAILED;
                if (progress)
                    fputc('\n', stderr);
                fprintf(stderr, "noticescan: %s\n", ns_document_error(document));
            }
            /* In text mode an unreadable file is only a diagnostic; JSON keeps its record. */
            int wanted = opts.json || ns_document_status(document) == NS_OK;
            int emitted_ok = wanted ? emit(out, document, inputs.paths[i], &opts, emitted++) : 1;
            if (emitted_ok < 0)
                exit_code = EXIT_SOME_FAILED; /* the letter asked for does not fit this notice */
            if (!emitted_ok) {
                fprintf(stderr, "noticescan: cannot write output: %s\n", strerror(errno));
                exit_code = EXIT_SOME_FAILED;
                ns_document_free(document);
                break;
            }
            ns_document_free(document);
        }
        if (progress)
            fprintf(stderr, "\r%-70s\r", "");
        if ((engine || opts.text_input) && inputs.count > 1 && !opts.quiet)
            fprintf(stderr, "noticescan: %zu document%s, %zu could not be read\n", inputs.count,
                    inputs.count == 1 ? "" : "s", failed);
        ns_engine_free(engine);
        for (size_t i = 0; i < inputs.count; i++)
            free(inputs.paths[i]);
        free(inputs.paths);
    }
    if (out != stdout && fclose(out) != 0) {
        fprintf(stderr, "noticescan: %s: cannot write: %s\n", opts.output_path, strerror(errno));
        exit_code = EXIT_SOME_FAILED;
    }
    ns_knowledge_free(knowledge);
    return exit_code;
}
