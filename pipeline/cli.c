/*
 * cli.c - the noticescan command: files and folders in, plans or JSON out.
 *
 * Data goes to stdout (or -o FILE), diagnostics to stderr. One bad file
 * never stops a batch: it becomes an error record and the exit status says
 * some inputs failed. The batch itself (workers, order, resume) is in
 * cli_batch.c and its helpers; this file reads the command line.
 */
#include "cli.h"

#include "cli_cluster.h"
#include "cli_serve.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "Usage: noticescan [OPTIONS] FILE|DIR...\n"
    "       noticescan --explain CODE\n"
    "       noticescan --catalog\n"
    "\n"
    "Reads photos, scans and PDFs of IRS notices (PNG, JPEG, TIFF incl. multi-page,\n"
    "BMP, WebP, PNM, HEIC, PDF), finds the notice code, tax year, amount due,\n"
    "response date and notice date, and explains what the notice means and what to\n"
    "do by when. A folder is read recursively, in name order; files in it that are\n"
    "neither images nor PDFs are skipped (and listed on standard error).\n"
    "\n"
    "Options:\n"
    "  --json               JSON: one object for one file, JSON Lines (one object per\n"
    "                       document) for several files or a folder\n"
    "  --csv                one spreadsheet row per document (RFC 4180), with a\n"
    "                       header row\n"
    "  -o, --output FILE    write to FILE instead of standard output\n"
    "  -j, --jobs N         read N documents at a time (default: one per core);\n"
    "                       records still come out in input order\n"
    "  --pages RANGE        read only these pages of multi-page inputs: 2, 1-3, 2-\n"
    "  --skip-done FILE     skip inputs already recorded in FILE (an earlier JSON\n"
    "                       Lines output, e.g. of a run that was interrupted); with\n"
    "                       -o FILE the new records are appended to it\n"
    "  --shard K/N          read only the K-th of N parts of the inputs (by a hash of\n"
    "                       each path below the folder given, so adding files moves\n"
    "                       no old one); -o FILE is then written as FILE.partial and\n"
    "                       renamed when the shard is done. --shard auto takes K and\n"
    "                       N from a Slurm array job, or from a Kubernetes Indexed\n"
    "                       Job with --shards N\n"
    "  noticescan merge OUT [--expect PATH]... SHARD...\n"
    "                       merge shard outputs in input order (see merge --help)\n"
    "  noticescan serve     a page for phones on this network (see serve --help)\n"
    "  --timings            add each stage's milliseconds to every record and the\n"
    "                       summary\n"
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
    "  --progress           when standard error is not a terminal, a progress line\n"
    "                       every 20 documents (on a terminal a bar is shown anyway)\n"
    "  -q, --quiet          no progress and no summary on standard error\n"
    "  -h, --help           show this help\n"
    "  -V, --version        show the version\n"
    "\n"
    "Exit status: 0 every input was read (some may need review), 1 some input\n"
    "could not be read (its record says why), 2 usage error, 3 setup error\n"
    "(patterns, catalog or Tesseract data missing or invalid).\n";

/* "3", "1-2", "2-" (to the last page) into first and last (0: open end). */
static int parse_page_range(const char *text, int *first, int *last)
{
    char *end = NULL;
    long from = strtol(text, &end, 10), to = from;
    if (end == text || from < 1 || from > INT_MAX)
        return 0;
    if (*end == '-') {
        const char *rest = end + 1;
        to = *rest ? strtol(rest, &end, 10) : 0;
        if (*rest && (end == rest || to < from || to > INT_MAX))
            return 0;
        if (!*rest)
            end = (char *)rest;
    }
    if (*end != '\0')
        return 0;
    *first = (int)from;
    *last = (int)to;
    return 1;
}

enum long_only_option {
    OPT_JSON = 256,
    OPT_CSV,
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
    OPT_PAGES,
    OPT_SKIP_DONE,
    OPT_TIMINGS,
    OPT_PROGRESS,
    OPT_MAX_MEGAPIXELS,
    OPT_MAX_PAGES,
    OPT_MAX_FILE_MB,
    OPT_SHARD,
    OPT_SHARDS,
    OPT_ABROAD
};

static const struct option long_options[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"csv", no_argument, NULL, OPT_CSV},
    {"output", required_argument, NULL, 'o'},
    {"jobs", required_argument, NULL, 'j'},
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
    {"pages", required_argument, NULL, OPT_PAGES},
    {"skip-done", required_argument, NULL, OPT_SKIP_DONE},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"shards", required_argument, NULL, OPT_SHARDS},
    {"timings", no_argument, NULL, OPT_TIMINGS},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"max-megapixels", required_argument, NULL, OPT_MAX_MEGAPIXELS},
    {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
    {"max-file-mb", required_argument, NULL, OPT_MAX_FILE_MB},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* A whole number from 1 to most (the library's ceiling for it) into *out; else a message. */
static int parse_number(const char *option, const char *argument, int most, int *out)
{
    char *end = NULL;
    long value = strtol(argument, &end, 10);
    if (end == argument || *end || value < 1 || value > most) {
        fprintf(stderr, "noticescan: %s: '%s' is not a whole number from 1 to %d\n", option, argument, most);
        return EXIT_USAGE;
    }
    *out = (int)value;
    return EXIT_ALL_READ;
}

/* One option with an argument that must be checked; returns EXIT_ALL_READ or EXIT_USAGE. */
static int parse_checked_option(int option, const char *argument, cli_options *opts)
{
    switch (option) {
    case OPT_TODAY:
        if (ns_date_parse_iso(argument, &opts->today))
            return EXIT_ALL_READ;
        fprintf(stderr, "noticescan: --today: '%s' is not a date like 2026-03-31\n", argument);
        return EXIT_USAGE;
    case OPT_LETTER:
        opts->letter = argument;
        if (strcmp(argument, "dispute") == 0 || strcmp(argument, "abatement") == 0 ||
            strcmp(argument, "cdp") == 0)
            return EXIT_ALL_READ;
        fprintf(stderr, "noticescan: --letter: '%s' is not dispute, abatement or cdp\n", argument);
        return EXIT_USAGE;
    case OPT_PAGES:
        if (parse_page_range(argument, &opts->first_page, &opts->last_page))
            return EXIT_ALL_READ;
        fprintf(stderr, "noticescan: --pages: '%s' is not a page range like 2, 1-3 or 2-\n", argument);
        return EXIT_USAGE;
    case OPT_MAX_MEGAPIXELS: return parse_number("--max-megapixels", argument, 500, &opts->max_megapixels);
    case OPT_MAX_PAGES: return parse_number("--max-pages", argument, 256, &opts->max_pages);
    case OPT_MAX_FILE_MB: return parse_number("--max-file-mb", argument, 1000000, &opts->max_file_mb);
    case OPT_SHARDS: {
        int shards = 0;
        int result = parse_number("--shards", argument, 1000000, &shards);
        opts->shards_for_auto = (unsigned)shards;
        return result;
    }
    default: return parse_number("--jobs", argument, 256, &opts->jobs); /* -j */
    }
}

/* Returns EXIT_ALL_READ to go on, -1 after --help or --version, or EXIT_USAGE. */
static int parse_options(int argc, char **argv, cli_options *opts, int *first_input)
{
    memset(opts, 0, sizeof *opts);
    opts->today = ns_date_today();
    int c, result = EXIT_ALL_READ;
    while (result == EXIT_ALL_READ && (c = getopt_long(argc, argv, "o:j:qhV", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_JSON: opts->json = 1; break;
        case OPT_ABROAD: opts->abroad = 1; break;
        case OPT_CSV: opts->csv = 1; break;
        case 'o': opts->output_path = optarg; break;
        case OPT_EXPLAIN: opts->explain_code = optarg; break;
        case OPT_CATALOG: opts->catalog = 1; break;
        case OPT_EXPLAIN_FIELDS: opts->explain_fields = 1; break;
        case OPT_TEXT: opts->text_input = 1; break;
        case OPT_PATTERNS: opts->patterns_dir = optarg; break;
        case OPT_CATALOG_FILE: opts->catalog_path = optarg; break;
        case OPT_TESSDATA: opts->tessdata_dir = optarg; break;
        case OPT_STAGES: opts->stages_dir = optarg; break;
        case OPT_SKIP_DONE: opts->skip_done_path = optarg; break;
        case OPT_SHARD: opts->shard_text = optarg; break;
        case OPT_TIMINGS: opts->timings = 1; break;
        case OPT_PROGRESS: opts->progress = 1; break;
        case 'q': opts->quiet = 1; break;
        case OPT_TODAY:
        case OPT_LETTER:
        case OPT_PAGES:
        case OPT_MAX_MEGAPIXELS:
        case OPT_MAX_PAGES:
        case OPT_MAX_FILE_MB:
        case OPT_SHARDS:
        case 'j': result = parse_checked_option(c, optarg, opts); break;
        case 'h': fputs(usage_text, stdout); return -1;
        case 'V': printf("noticescan %s\n", ns_version()); return -1;
        default: fputs("Try 'noticescan --help'.\n", stderr); return EXIT_USAGE;
        }
    }
    *first_input = optind;
    char why[256];
    if (result == EXIT_ALL_READ && opts->shard_text &&
        !shard_parse(opts->shard_text, opts->shards_for_auto, &opts->shard, why, sizeof why)) {
        fprintf(stderr, "noticescan: %s\n", why);
        return EXIT_USAGE;
    }
    if (result == EXIT_ALL_READ && optind == argc && !opts->explain_code && !opts->catalog) {
        fputs("noticescan: no input files\nTry 'noticescan --help'.\n", stderr);
        return EXIT_USAGE;
    }
    return result;
}

/* Whether two paths name the same existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat first, second;
    return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev &&
           first.st_ino == second.st_ino;
}

/*
 * The output descriptor: stdout, or -o FILE; when FILE is also the
 * --skip-done file, records are appended after its last whole line.
 * *appending says whether earlier records are already there.
 */
static int open_output(const cli_options *opts, int *appending)
{
    *appending = 0;
    if (!opts->output_path)
        return STDOUT_FILENO;
    int resume = opts->skip_done_path && same_file(opts->output_path, opts->skip_done_path);
    int fd = open(opts->output_path, (resume ? O_RDWR | O_APPEND : O_WRONLY | O_TRUNC) | O_CREAT | O_CLOEXEC,
                  0644);
    if (fd < 0 || (resume && !resume_trim_partial_line(fd))) {
        fprintf(stderr, "noticescan: %s: cannot write: %s\n", opts->output_path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    struct stat info;
    *appending = resume && fstat(fd, &info) == 0 && info.st_size > 0;
    return fd;
}

/* --catalog and --explain CODE: one answer, no input files. */
static int answer_without_inputs(const ns_knowledge *knowledge, const cli_options *opts, FILE *out)
{
    if (opts->catalog) {
        char *catalog = ns_knowledge_catalog_json(knowledge);
        if (catalog)
            fprintf(out, "%s\n", catalog);
        free(catalog);
        return catalog ? EXIT_ALL_READ : EXIT_SOME_FAILED;
    }
    ns_document *document = ns_document_for_code(knowledge, opts->explain_code, opts->today, opts->abroad);
    if (!document || ns_document_status(document) != NS_OK) {
        fprintf(stderr, "noticescan: --explain %s: %s\n", opts->explain_code,
                document ? ns_document_error(document) : "out of memory");
        ns_document_free(document);
        return EXIT_USAGE;
    }
    ns_render_options render = {opts->explain_fields};
    const char *refusal = NULL;
    char *text = opts->letter ? cli_letter(document, opts, &refusal)
                 : opts->json ? ns_document_to_json(document, &render)
                              : ns_document_to_text(document);
    if (refusal)
        fprintf(stderr, "noticescan: %s: no %s letter: %s\n", opts->explain_code, opts->letter, refusal);
    if (text)
        fprintf(out, "%s%s", text, opts->json ? "\n" : "");
    free(text);
    ns_document_free(document);
    return text && !refusal ? EXIT_ALL_READ : EXIT_SOME_FAILED;
}

/* Walks the inputs, leaves out those already done, and reads the rest. */
static int read_inputs(const ns_knowledge *knowledge, const cli_options *opts, char *const *paths, int count,
                       int fd, int appending)
{
    input_list inputs = {0};
    int exit_code =
        walk_inputs(paths, count, opts->text_input, &inputs, stderr) ? EXIT_ALL_READ : EXIT_SOME_FAILED;
    shard_filter_inputs(&opts->shard, &inputs, paths, count);
    batch_summary summary = {.skipped = inputs.skipped};
    if (opts->skip_done_path &&
        !resume_skip_done(opts->skip_done_path, &inputs, &summary.already_done, stderr)) {
        input_list_free(&inputs);
        return EXIT_USAGE;
    }
    char *header = opts->csv && !appending ? csv_header() : NULL;
    if (header && write(fd, header, strlen(header)) < 0)
        exit_code = EXIT_SOME_FAILED;
    free(header);
    int batch_code = batch_run(knowledge, opts, &inputs, fd, &summary);
    if (batch_code != EXIT_ALL_READ)
        exit_code = batch_code;
    if (!opts->quiet && batch_code != EXIT_SETUP &&
        (count > 1 || summary.documents != 1 || summary.skipped > 0))
        batch_print_summary(stderr, &summary, opts->timings);
    input_list_free(&inputs);
    return exit_code;
}

int main(int argc, char **argv)
{
    /* Subcommands first: they have options of their own. */
    if (argc > 1 && strcmp(argv[1], "serve") == 0)
        return serve_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "merge") == 0)
        return cluster_merge_main(argc - 1, argv + 1);
    cli_options opts;
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
    /* A shard's output is written beside its name and renamed when whole: a shard file that exists is done. */
    char *final_path = NULL, *partial_path = NULL;
    if (opts.shard.count > 0 && opts.output_path) {
        final_path = (char *)opts.output_path;
        if (asprintf(&partial_path, "%s.partial", final_path) < 0) {
            ns_knowledge_free(knowledge);
            return EXIT_SETUP;
        }
        if (opts.skip_done_path && strcmp(opts.skip_done_path, final_path) == 0 && access(final_path, F_OK) != 0)
            opts.skip_done_path = partial_path;
        opts.output_path = partial_path;
        if (opts.skip_done_path != partial_path)
            unlink(partial_path); /* not resuming: start the shard afresh */
    }
    int appending = 0;
    int fd = open_output(&opts, &appending);
    int exit_code = EXIT_USAGE;
    if (fd >= 0 && (opts.catalog || opts.explain_code)) {
        FILE *out = fd == STDOUT_FILENO ? stdout : fdopen(fd, "w");
        exit_code = out ? answer_without_inputs(knowledge, &opts, out) : EXIT_SOME_FAILED;
        if (out && fflush(out) != 0)
            exit_code = EXIT_SOME_FAILED;
        if (out && out != stdout)
            fclose(out);
    } else if (fd >= 0) {
        exit_code = read_inputs(knowledge, &opts, argv + first_input, argc - first_input, fd, appending);
        if (fd != STDOUT_FILENO && close(fd) != 0) {
            fprintf(stderr, "noticescan: %s: cannot write: %s\n", opts.output_path, strerror(errno));
            exit_code = EXIT_SOME_FAILED;
        }
        if (final_path && exit_code <= EXIT_SOME_FAILED && rename(partial_path, final_path) != 0) {
            fprintf(stderr, "noticescan: %s: cannot rename into place: %s\n", final_path, strerror(errno));
            exit_code = EXIT_SETUP;
        }
    }
    free(partial_path);
    ns_knowledge_free(knowledge);
    return exit_code;
}
