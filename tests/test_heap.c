/*
 * test_heap.c - the batch's memory stays flat over a long run: what a worker
 * thread frees while reading a document goes back to the system at the trim
 * after it (batch_use_one_arena). A program of its own, since the setting is
 * process-wide and must come before any thread has allocated; not run under
 * valgrind or a sanitizer, which bring their own allocators.
 */
#include "testutil.h"

#include <malloc.h>
#include <pthread.h>

#include "cli.h"

/* Resident memory of this process in KB (the second field of /proc/self/statm, in pages). */
static long resident_kb(void)
{
    FILE *statm = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    assert_non_null(statm);
    assert_int_equal(fscanf(statm, "%ld %ld", &size, &resident), 2);
    fclose(statm);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

enum { PIECES = 32, PIECE_BYTES = 1 << 20, PHOTO_BYTES = 24 << 20 };

/* A worker's document: page-sized images made, written and freed, then the batch's trim. */
static void *read_one_document(void *unused)
{
    (void)unused;
    static char *pieces[PIECES];
    for (int i = 0; i < PIECES; i++) {
        pieces[i] = malloc(PIECE_BYTES);
        if (pieces[i])
            memset(pieces[i], 1, PIECE_BYTES);
    }
    for (int i = 0; i < PIECES; i++)
        free(pieces[i]);
    malloc_trim(0);
    return NULL;
}

static void memory_a_worker_freed_goes_back_at_the_trim(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    skip(); /* a sanitizer's allocator holds freed memory in quarantine: nothing to measure */
#endif
    batch_use_one_arena();
    /*
     * A photo-sized block, mapped and unmapped: glibc then raises its mmap threshold to 24 MB and its
     * trim threshold to 48 MB, as after the first page of a batch, so the 1 MB images below come from
     * an arena, and a thread's own arena would keep all 32 MB of them at its top.
     */
    char *photo = malloc(PHOTO_BYTES);
    assert_non_null(photo);
    memset(photo, 1, PHOTO_BYTES);
    free(photo);
    long before = resident_kb();
    pthread_t worker;
    assert_int_equal(pthread_create(&worker, NULL, read_one_document, NULL), 0);
    assert_int_equal(pthread_join(worker, NULL), 0);
    long kept = resident_kb() - before;
    if (kept >= 8 * 1024)
        fail_msg("%ld KB of the %d MB the worker freed stayed resident after malloc_trim", kept,
                 PIECES * PIECE_BYTES >> 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memory_a_worker_freed_goes_back_at_the_trim),
    };
    return cmocka_run_group_tests_name("heap", tests, NULL, NULL);
}
