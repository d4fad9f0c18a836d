/*
 * test_threads.c - four threads, each with its own engine and one shared
 * knowledge, read the same images at once and must each get exactly what one
 * thread alone gets (the whole JSON: fields and the plan from the shared catalog). Built under
 * ThreadSanitizer it also proves the engines' process-wide settings are made once, not raced
 * (include/noticescan.h).
 */
#include "testutil.h"

#include <pthread.h>

enum { THREADS = 4 };

/* Two notices, so that two threads read each and not all take the same path. */
static const char *const samples[] = {"samples/cp14-scan.png", "samples/ltr1058-scan.png"};
enum { SAMPLES = sizeof samples / sizeof samples[0] };

static const ns_render_options render = {1};
static const ns_engine_options dated = {.today = {2024, 3, 20}};

typedef struct reader {
    pthread_barrier_t *start;
    int first, count;    /* the samples it reads: a thread reads one, to keep the test short */
    char *json[SAMPLES]; /* each sample's whole JSON, fields and plan */
    char error[512];
} reader;

/* Creates an engine (all threads at once, after the barrier) and reads its samples with it. */
static void *read_samples(void *argument)
{
    reader *self = argument;
    if (self->start)
        pthread_barrier_wait(self->start);
    ns_engine *engine = NULL;
    if (ns_engine_create(test_knowledge(), &dated, &engine, self->error, sizeof self->error) != NS_OK)
        return NULL;
    for (int i = self->first; i < self->first + self->count; i++) {
        char *path = test_path(samples[i]);
        ns_document *document = ns_engine_read_file(engine, path);
        self->json[i] = ns_document_to_json(document, &render);
        ns_document_free(document);
        free(path);
    }
    ns_engine_free(engine);
    return NULL;
}

static void reader_free(reader *self)
{
    for (int i = 0; i < SAMPLES; i++)
        free(self->json[i]);
}

static void four_threads_read_what_one_thread_reads(void **state)
{
    (void)state;
    reader alone = {.first = 0, .count = SAMPLES};
    read_samples(&alone);
    for (int i = 0; i < SAMPLES; i++) {
        if (!alone.json[i])
            fail_msg("one thread could not read %s: %s", samples[i], alone.error);
        assert_non_null(strstr(alone.json[i], "\"status\":\"ok\"")); /* a real result, not an error twice */
    }
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, THREADS);
    reader readers[THREADS];
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++) {
        memset(&readers[t], 0, sizeof readers[t]);
        readers[t].start = &start;
        readers[t].first = t % SAMPLES;
        readers[t].count = 1;
        assert_int_equal(pthread_create(&threads[t], NULL, read_samples, &readers[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        assert_int_equal(pthread_join(threads[t], NULL), 0);
    pthread_barrier_destroy(&start);
    for (int t = 0; t < THREADS; t++) {
        for (int i = readers[t].first; i < readers[t].first + readers[t].count; i++) {
            if (!readers[t].json[i])
                fail_msg("thread %d could not read %s: %s", t, samples[i], readers[t].error);
            if (strcmp(readers[t].json[i], alone.json[i]) != 0)
                fail_msg("thread %d read %s differently:\n%s\nalone:\n%s", t, samples[i], readers[t].json[i],
                         alone.json[i]);
        }
        reader_free(&readers[t]);
    }
    reader_free(&alone);
}

static int teardown(void **state)
{
    (void)state;
    return test_free_engine_and_knowledge(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(four_threads_read_what_one_thread_reads),
    };
    return cmocka_run_group_tests_name("threads", tests, NULL, teardown);
}
