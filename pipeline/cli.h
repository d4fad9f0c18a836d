/*
 * cli.h - the pieces of the noticescan command. They wrap the library (the
 * pipeline never sees a batch): walk the inputs, schedule workers, write
 * records in input order, show progress, resume an interrupted run.
 */
#ifndef NOTICESCAN_CLI_H
#define NOTICESCAN_CLI_H

#include "noticescan.h"

#include "cli_cluster.h"

#include <stdio.h>

enum exit_code {
    EXIT_ALL_READ = 0,    /* every input was read (some may need review) */
    EXIT_SOME_FAILED = 1, /* at least one input could not be read */
    EXIT_USAGE = 2,       /* bad command line */
    EXIT_SETUP = 3,       /* patterns, catalog or Tesseract data could not be loaded */
};

typedef struct cli_options {
    int json, csv, explain_fields, quiet, progress, catalog, text_input, timings;
    int jobs;                                   /* worker threads; 0: one per core */
    int first_page, last_page;                  /* --pages; 0: open end */
    int max_megapixels, max_pages, max_file_mb; /* 0: the library's defaults */
    const char *output_path, *explain_code, *letter, *patterns_dir, *catalog_path, *tessdata_dir, *stages_dir;
    const char *skip_done_path;
    const char *shard_text;    /* --shard K/N or auto; NULL: read every input */
    unsigned shards_for_auto;  /* --shards N, for --shard auto under Kubernetes */
    shard_spec shard;          /* parsed from shard_text; count 0: no sharding */
    ns_date today;
    int abroad; /* --abroad: the notices were mailed outside the United States */
} cli_options;

/*
 * The letter asked for (opts->letter) as written, or with --json as a JSON
 * object {"source", "kind", "letter", "refused"}. *refusal gets why the
 * notice allows no such letter, NULL when it does. NULL when there is nothing
 * to write (a refused letter as text) or memory runs out.
 */
char *cli_letter(const ns_document *document, const cli_options *opts, const char **refusal);

/* ---- cli_walk.c: the inputs ------------------------------------------- */

typedef struct input_list {
    char **paths;
    size_t count, capacity;
    size_t skipped; /* files in folders that are neither images nor PDFs */
} input_list;

/*
 * Lists the inputs: a file named on the command line is always read; a
 * folder is walked recursively in byte-wise name order, hidden entries
 * skipped, each directory (device and inode) visited once, and files whose
 * name and bytes both say they are not documents skipped (named on
 * diagnostics). With every_file, folders give every file (--text input).
 * Returns 0 when something could not be listed (the rest still is).
 */
int walk_inputs(char *const *paths, int count, int every_file, input_list *inputs, FILE *diagnostics);
/* qsort/bsearch order of two char * paths: byte-wise, the same in every locale. */
int compare_paths(const void *a, const void *b);
/* Appends a copy of path; returns 0 when memory runs out. */
int input_list_add(input_list *list, const char *path);
void input_list_free(input_list *list);

/* ---- cli_resume.c: --skip-done ----------------------------------------- */

/*
 * Reads an earlier JSON Lines output and removes from inputs every source
 * already recorded there. A last line cut short by a crash is ignored.
 * *already_done gets how many inputs were removed. Returns 0 when the file
 * cannot be read (a missing file is not an error: nothing was done yet).
 */
int resume_skip_done(const char *path, input_list *inputs, size_t *already_done, FILE *diagnostics);
/*
 * When the output file is the --skip-done file, cuts a half-written last
 * line so new records start on a line of their own. Returns 0 on failure.
 */
int resume_trim_partial_line(int fd);

/* ---- cli_csv.c: one spreadsheet row per document ---------------------- */

/*
 * Appends one RFC 4180 field to buf (a growable string): quoted when it holds
 * a comma, quote, CR or LF; a text starting with = + - @ (or a tab/CR) gets a
 * leading apostrophe so a spreadsheet does not run it as a formula.
 * Returns 0 when memory runs out.
 */
typedef struct csv_line {
    char *text;
    size_t length, capacity;
    int fields; /* fields written so far on this line */
} csv_line;

int csv_add_field(csv_line *line, const char *value);
/* Ends the line with CRLF (RFC 4180). */
int csv_end_line(csv_line *line);
void csv_line_free(csv_line *line);
/* The header row. Caller frees. */
char *csv_header(void);
/* One row from a document's JSON record (as ns_document_to_json gives it). Caller frees. */
char *csv_row_from_json(const char *json_record);

/* ---- cli_progress.c: progress on stderr ------------------------------- */

typedef struct progress {
    FILE *stream;
    int bar; /* 1: redraw a bar on a terminal; 0: a line every `every` documents */
    int enabled;
    size_t total, done, pages, every;
    double started; /* seconds, monotonic */
} progress;

/* Seconds on a monotonic clock. */
double clock_seconds(void);
void progress_start(progress *state, FILE *stream, size_t total, int quiet, int lines_wanted);
/* One more document written, with its page count. */
void progress_step(progress *state, int pages);
/* Clears the bar (before a diagnostic or at the end). */
void progress_clear(progress *state);

/* ---- cli_batch.c: workers and ordered output -------------------------- */

typedef struct batch_summary {
    size_t documents, pages, ok, review, errors, skipped, already_done;
    double seconds;
    double stage_ms[5]; /* load, preprocess, ocr, extract, explain (see --timings) */
} batch_summary;

/*
 * Reads every input with opts->jobs workers (one engine each, one shared
 * knowledge) and writes each record to fd in input order as soon as it and
 * all before it are done. Returns an exit_code.
 */
int batch_run(const ns_knowledge *knowledge, const cli_options *opts, const input_list *inputs, int fd,
              batch_summary *summary);
/* Writes the end-of-run summary to stream. */
void batch_print_summary(FILE *stream, const batch_summary *summary, int timings);

#endif
