/*
 * cli_batch.c - read many documents on every core, write them in order.
 *
 * Each worker thread creates its own engine once (one Tesseract instance,
 * its OpenMP held to one thread) and reads one document at a time; all share
 * one knowledge. A worker renders its record itself, so the writer (the
 * calling thread) only writes: each record as soon as it and every record
 * before it are done. Records wait in a small ring (the reordering window);
 * a worker that runs too far ahead of the writer waits, so memory stays
 * bounded however long the batch.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Records that may wait for an earlier, slower one: enough that no worker idles behind one long page. */
#define WINDOW_PER_WORKER 4
#define MAX_JOBS 256

enum record_kind { RECORD_OK, RECORD_REVIEW, RECORD_ERROR };

typedef struct batch_record {
    int ready;
    char *text;    /* what goes to the output (NULL: nothing, an error in text mode) */
    char *problem; /* the error message for stderr, or NULL */
    enum record_kind kind;
    int pages;
    double stage_ms[5];
} batch_record;

typedef struct batch {
    const ns_knowledge *knowledge;
    const cli_options *opts;
    const input_list *inputs;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    size_t next_to_take, next_to_write;
    batch_record *window;
    size_t window_size;
    size_t workers;
    int stop;
    char setup_error[1024]; /* the first engine that could not be created, or "" */
} batch;

/* --timings: the record gains "timings_ms", each stage's milliseconds. */
static char *add_timings(char *json, const double stage_ms[5])
{
    json_t *record = json_loads(json, 0, NULL);
    if (!record)
        return json;
    json_object_set_new(record, "timings_ms",
                        json_pack("{s:i, s:i, s:i, s:i, s:i}", "load", (int)(stage_ms[0] + 0.5), "preprocess",
                                  (int)(stage_ms[1] + 0.5), "ocr", (int)(stage_ms[2] + 0.5), "extract",
                                  (int)(stage_ms[3] + 0.5), "explain", (int)(stage_ms[4] + 0.5)));
    char *with_timings =
        json_dumps(record, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(record);
    if (!with_timings)
        return json;
    free(json);
    return with_timings;
}

char *cli_letter(const ns_document *document, const cli_options *opts, const char **refusal)
{
    *refusal = ns_document_letter_refusal(document, opts->letter);
    char *letter = *refusal ? NULL : ns_document_letter(document, opts->letter);
    if (!opts->json)
        return letter;
    /* the source as the library shows it: masked, valid UTF-8 (a raw name could hold a full SSN) */
    json_t *record = json_pack("{s:s, s:s, s:s?, s:s?}", "source", ns_document_source(document), "kind",
                               opts->letter, "letter", letter, "refused", *refusal);
    char *text = record ? json_dumps(record, JSON_COMPACT) : NULL;
    json_decref(record);
    free(letter);
    return text;
}

/* The record as it is written: the text for a person, a JSON line or a CSV row. */
static char *render_record(const ns_document *document, const cli_options *opts, const double stage_ms[5])
{
    ns_render_options render = {opts->explain_fields};
    if (!opts->letter && !opts->json && !opts->csv)
        return ns_document_to_text(document);
    char *json = ns_document_to_json(document, &render);
    if (json && opts->timings)
        json = add_timings(json, stage_ms);
    if (!opts->csv || !json)
        return json;
    char *row = csv_row_from_json(json);
    free(json);
    return row;
}

/*
 * What the process may hold per worker between documents before free heap goes back to the system.
 * glibc keeps a page's freed images in the worker's arena for the next page; handing them back after
 * every document (malloc_trim) cost 6% more wall time at -j 2 on the bench set (4 s more system time
 * over 60 documents: pages given back, then faulted in again), for RSS 160-186 MB instead of 188-243
 * over 1,000 documents (188-225 with this budget). Above it the trim runs: a run of unusually large
 * pages cannot leave the process holding their memory.
 */
#define KEPT_HEAP_MB_PER_WORKER 128

/*
 * Page images (3-14 MB) come from the workers' heaps, not from maps of their own. Over glibc's
 * threshold every image was mapped afresh and unmapped when freed, so each of a page's dozen
 * images was faulted in page by page again (on a virtual machine a fault costs a hypervisor call).
 * 32 MB is the most glibc takes; heap kept above the trim level goes back as above.
 */
#define IMAGE_HEAP_THRESHOLD (32 * 1024 * 1024)
#define HEAP_TRIM_THRESHOLD (64 * 1024 * 1024)

/* Resident memory of this process in MB (0 where /proc cannot tell): statm's second field, in pages. */
static long resident_mb(void)
{
    char line[128] = "";
    FILE *statm = fopen("/proc/self/statm", "r");
    if (!statm)
        return 0;
    char *read = fgets(line, sizeof line, statm);
    fclose(statm);
    if (!read)
        return 0;
    char *after_size = NULL;
    (void)strtol(line, &after_size, 10);
    long resident = strtol(after_size, NULL, 10);
    return resident * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

static void give_back_heap_above_budget(size_t workers)
{
    if (resident_mb() > (long)(KEPT_HEAP_MB_PER_WORKER * workers))
        malloc_trim(0);
}

/* Reads one input into a record: the rendered text, its kind, pages and stage times. */
static void read_one(batch *work, ns_engine *engine, const char *path, batch_record *out)
{
    const cli_options *opts = work->opts;
    memset(out, 0, sizeof *out);
    ns_document *document = opts->text_input
                                ? ns_read_text_file(work->knowledge, path, opts->today, opts->abroad)
                                : ns_engine_read_file(engine, path);
    if (!document) {
        out->kind = RECORD_ERROR;
        if (asprintf(&out->problem, "%s: out of memory", path) < 0)
            out->problem = NULL;
        return;
    }
    int failed = ns_document_status(document) != NS_OK;
    out->kind = failed ? RECORD_ERROR : ns_document_needs_review(document) ? RECORD_REVIEW : RECORD_OK;
    out->pages = ns_document_pages(document);
    ns_timings timings = ns_document_timings(document);
    double stages[5] = {timings.load_ms, timings.preprocess_ms, timings.ocr_ms, timings.extract_ms,
                        timings.explain_ms};
    memcpy(out->stage_ms, stages, sizeof stages);
    if (failed)
        out->problem = strdup(ns_document_error(document) ? ns_document_error(document) : path);
    const char *refusal = NULL;
    /* In text mode an unreadable file is only a diagnostic; JSON and CSV keep its record. */
    if (opts->letter && (!failed || opts->json))
        out->text = cli_letter(document, opts, &refusal);
    else if (!failed || opts->json || opts->csv)
        out->text = render_record(document, opts, out->stage_ms);
    if (refusal && !failed &&
        asprintf(&out->problem, "%s: no %s letter: %s", path, opts->letter, refusal) < 0)
        out->problem = NULL; /* the letter does not fit this notice: said, and the exit status shows it */
    ns_document_free(document);
}

/* The next input to read, or SIZE_MAX when none is left; waits while the window is full. */
static size_t take_next(batch *work)
{
    pthread_mutex_lock(&work->lock);
    while (!work->stop && work->next_to_take < work->inputs->count &&
           work->next_to_take >= work->next_to_write + work->window_size)
        pthread_cond_wait(&work->changed, &work->lock);
    size_t index = SIZE_MAX;
    if (!work->stop && work->next_to_take < work->inputs->count)
        index = work->next_to_take++;
    pthread_mutex_unlock(&work->lock);
    return index;
}

static void *worker_main(void *argument)
{
    batch *work = argument;
    ns_engine *engine = NULL;
    if (!work->opts->text_input) {
        char error[1024] = "";
        ns_engine_options options = {.tessdata_dir = work->opts->tessdata_dir,
                                     .save_stages_dir = work->opts->stages_dir,
                                     .max_megapixels = work->opts->max_megapixels,
                                     .max_pages = work->opts->max_pages,
                                     .max_file_bytes = (size_t)work->opts->max_file_mb * 1024 * 1024,
                                     .today = work->opts->today,
                                     .abroad = work->opts->abroad,
                                     .first_page = work->opts->first_page,
                                     .last_page = work->opts->last_page};
        ns_status status = ns_engine_create(work->knowledge, &options, &engine, error, sizeof error);
        if (status != NS_OK) {
            pthread_mutex_lock(&work->lock);
            if (!work->setup_error[0])
                snprintf(work->setup_error, sizeof work->setup_error, "%s",
                         error[0] ? error : ns_strerror(status));
            pthread_cond_broadcast(&work->changed);
            pthread_mutex_unlock(&work->lock);
            return NULL;
        }
    }
    size_t index;
    while ((index = take_next(work)) != SIZE_MAX) {
        batch_record done;
        read_one(work, engine, work->inputs->paths[index], &done);
        give_back_heap_above_budget(work->workers);
        done.ready = 1;
        pthread_mutex_lock(&work->lock);
        work->window[index % work->window_size] = done;
        pthread_cond_broadcast(&work->changed);
        pthread_mutex_unlock(&work->lock);
    }
    ns_engine_free(engine);
    return NULL;
}

/* Writes all of text in one write where the system allows, so a kill leaves whole lines. */
static int write_whole(int fd, const char *text, size_t length)
{
    while (length > 0) {
        ssize_t written = write(fd, text, length);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return 0;
        text += written;
        length -= (size_t)written;
    }
    return 1;
}

/* The bytes of one record as written: JSON and CSV end with their line break, text is separated. */
static int emit_record(int fd, const batch_record *done, const cli_options *opts, size_t emitted)
{
    if (!done->text)
        return 1;
    static const char separator[] =
        "\n========================================================================\n\n";
    int json_line = opts->json && !opts->csv;
    char *bytes = NULL;
    int length = asprintf(&bytes, "%s%s%s", !json_line && !opts->csv && emitted > 0 ? separator : "",
                          done->text, json_line ? "\n" : "");
    if (length < 0)
        return 0;
    int ok = write_whole(fd, bytes, (size_t)length);
    free(bytes);
    return ok;
}

static void count_record(batch_summary *summary, const batch_record *done)
{
    summary->documents++;
    summary->pages += (size_t)done->pages;
    if (done->kind == RECORD_ERROR)
        summary->errors++;
    else if (done->kind == RECORD_REVIEW)
        summary->review++;
    else
        summary->ok++;
    for (int stage = 0; stage < 5; stage++)
        summary->stage_ms[stage] += done->stage_ms[stage];
}

/* The writer: each record in input order, as soon as it is there. */
static int write_in_order(batch *work, int fd, progress *shown, batch_summary *summary)
{
    int exit_code = EXIT_ALL_READ;
    size_t emitted = 0;
    while (work->next_to_write < work->inputs->count) {
        pthread_mutex_lock(&work->lock);
        batch_record *slot = &work->window[work->next_to_write % work->window_size];
        while (!slot->ready && !work->setup_error[0])
            pthread_cond_wait(&work->changed, &work->lock);
        if (work->setup_error[0]) {
            pthread_mutex_unlock(&work->lock);
            return EXIT_SETUP;
        }
        batch_record done = *slot;
        memset(slot, 0, sizeof *slot);
        work->next_to_write++;
        pthread_cond_broadcast(&work->changed);
        pthread_mutex_unlock(&work->lock);

        count_record(summary, &done);
        if (done.problem) {
            progress_clear(shown);
            fprintf(stderr, "noticescan: %s\n", done.problem);
            exit_code = EXIT_SOME_FAILED;
        }
        int written = emit_record(fd, &done, work->opts, emitted);
        emitted += done.text != NULL;
        free(done.text);
        free(done.problem);
        if (!written) {
            progress_clear(shown);
            fprintf(stderr, "noticescan: cannot write output: %s\n", strerror(errno));
            return EXIT_SOME_FAILED;
        }
        progress_step(shown, done.pages);
    }
    return exit_code;
}

static int default_jobs(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 ? (int)cores : 1;
}

int batch_run(const ns_knowledge *knowledge, const cli_options *opts, const input_list *inputs, int fd,
              batch_summary *summary)
{
    double started = clock_seconds();
    size_t jobs = (size_t)(opts->jobs > 0 ? opts->jobs : default_jobs());
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    if (jobs > inputs->count)
        jobs = inputs->count > 0 ? inputs->count : 1;
    batch work = {.knowledge = knowledge, .opts = opts, .inputs = inputs, .workers = jobs};
    work.window_size = jobs * WINDOW_PER_WORKER;
    work.window = calloc(work.window_size, sizeof *work.window);
    pthread_t *threads = calloc(jobs, sizeof *threads);
    if (!work.window || !threads) {
        free(work.window);
        free(threads);
        fputs("noticescan: out of memory\n", stderr);
        return EXIT_SOME_FAILED;
    }
    mallopt(M_MMAP_THRESHOLD, IMAGE_HEAP_THRESHOLD);
    mallopt(M_TRIM_THRESHOLD, HEAP_TRIM_THRESHOLD);
    pthread_mutex_init(&work.lock, NULL);
    pthread_cond_init(&work.changed, NULL);
    size_t started_threads = 0;
    while (started_threads < jobs && pthread_create(&threads[started_threads], NULL, worker_main, &work) == 0)
        started_threads++;
    progress shown;
    progress_start(&shown, stderr, inputs->count, opts->quiet, opts->progress);
    int exit_code = started_threads > 0 ? write_in_order(&work, fd, &shown, summary) : EXIT_SETUP;
    progress_clear(&shown);
    pthread_mutex_lock(&work.lock);
    work.stop = 1; /* on a setup or write error the workers still running stop at their next document */
    pthread_cond_broadcast(&work.changed);
    pthread_mutex_unlock(&work.lock);
    for (size_t i = 0; i < started_threads; i++)
        pthread_join(threads[i], NULL);
    if (exit_code == EXIT_SETUP)
        fprintf(stderr, "noticescan: %s\n", work.setup_error[0] ? work.setup_error : "cannot start a worker");
    for (size_t i = 0; i < work.window_size; i++) {
        free(work.window[i].text);
        free(work.window[i].problem);
    }
    pthread_mutex_destroy(&work.lock);
    pthread_cond_destroy(&work.changed);
    free(work.window);
    free(threads);
    summary->seconds = clock_seconds() - started;
    return exit_code;
}

void batch_print_summary(FILE *stream, const batch_summary *summary, int timings)
{
    fprintf(stream, "noticescan: %zu document%s, %zu page%s: %zu ok, %zu review, %zu error%s, %zu skipped",
            summary->documents, summary->documents == 1 ? "" : "s", summary->pages,
            summary->pages == 1 ? "" : "s", summary->ok, summary->review, summary->errors,
            summary->errors == 1 ? "" : "s", summary->skipped);
    if (summary->already_done)
        fprintf(stream, ", %zu already done", summary->already_done);
    fprintf(stream, "; %.1f s, %.2f pages/s\n", summary->seconds,
            summary->seconds > 0 ? (double)summary->pages / summary->seconds : 0.0);
    if (timings)
        fprintf(stream,
                "noticescan: time in stages (ms, all workers): load %.0f, preprocess %.0f, ocr %.0f, extract "
                "%.0f, "
                "explain %.0f\n",
                summary->stage_ms[0], summary->stage_ms[1], summary->stage_ms[2], summary->stage_ms[3],
                summary->stage_ms[4]);
}
