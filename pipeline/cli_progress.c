/*
 * cli_progress.c - how far a batch is, on stderr: a bar redrawn in place on
 * a terminal (done/total, rate, time left), a plain line every few documents
 * when stderr is a log file and --progress asks for it, nothing with -q.
 */
#include "cli.h"

#include <time.h>
#include <unistd.h>

/* Between lines in a log: at one to two pages a second, a line every 10-20 s. */
#define DOCUMENTS_PER_LINE 20
#define BAR_WIDTH 30

double clock_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

void progress_start(progress *state, FILE *stream, size_t total, int quiet, int lines_wanted)
{
    state->stream = stream;
    state->bar = isatty(fileno(stream));
    state->enabled = !quiet && total > 1 && (state->bar || lines_wanted);
    state->total = total;
    state->done = state->pages = 0;
    state->every = DOCUMENTS_PER_LINE;
    state->started = clock_seconds();
}

/* "1:02:03" or "2:03": the time left, for people. */
static void format_duration(double seconds, char *out, size_t len)
{
    long whole = seconds > 0 ? (long)(seconds + 0.5) : 0;
    if (whole >= 3600)
        snprintf(out, len, "%ld:%02ld:%02ld", whole / 3600, whole / 60 % 60, whole % 60);
    else
        snprintf(out, len, "%ld:%02ld", whole / 60, whole % 60);
}

void progress_step(progress *state, int pages)
{
    state->done++;
    state->pages += (size_t)(pages > 0 ? pages : 0);
    if (!state->enabled || (!state->bar && state->done % state->every != 0 && state->done != state->total))
        return;
    double elapsed = clock_seconds() - state->started;
    double rate = elapsed > 0 ? (double)state->done / elapsed : 0;
    char left[32];
    format_duration(rate > 0 ? (double)(state->total - state->done) / rate : 0, left, sizeof left);
    if (!state->bar) {
        fprintf(state->stream, "noticescan: %zu/%zu documents, %.2f documents/s, %s left\n", state->done,
                state->total, rate, left);
        return;
    }
    char bar[BAR_WIDTH + 1];
    size_t filled = state->total ? state->done * BAR_WIDTH / state->total : 0;
    for (size_t i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    fprintf(state->stream, "\r[%s] %zu/%zu  %.2f doc/s  ETA %s ", bar, state->done, state->total, rate, left);
    fflush(state->stream);
}

void progress_clear(progress *state)
{
    if (state->enabled && state->bar && state->done > 0) {
        fprintf(state->stream, "\r%*s\r", BAR_WIDTH + 50, "");
        fflush(state->stream);
    }
}
