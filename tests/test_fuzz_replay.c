/*
 * test_fuzz_replay.c - every fuzz target's seeds (tests/fuzz/corpus/TARGET/) and past findings
 * (tests/fuzz/regressions/TARGET/) run again through the same entry points, without libFuzzer.
 * A finding stays fixed: under `make sanitize` a returning overflow or leak fails here, and a
 * broken promise (output that is not JSON, a full SSN in an output) aborts in any build.
 *
 * The targets are included as source so that each keeps its one entry point and its checks in
 * one place; built by `make fuzz`, the same files become libFuzzer programs.
 */
#include "testutil.h"

#include <dirent.h>

#include "fuzz/fuzz_catalog.c"
#include "fuzz/fuzz_image.c"
#include "fuzz/fuzz_normalize.c"
#include "fuzz/fuzz_patterns.c"
#include "fuzz/fuzz_text.c"

typedef int (*fuzz_entry)(const uint8_t *data, size_t size);

/* A whole file as bytes (they may hold NULs, so its size comes back too); NULL when unreadable. */
static unsigned char *read_bytes(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    unsigned char *data = NULL;
    if (fseek(file, 0, SEEK_END) == 0) {
        long length = ftell(file);
        data = length >= 0 ? malloc((size_t)length + 1) : NULL;
        rewind(file);
        if (data && fread(data, 1, (size_t)length, file) == (size_t)length) {
            *size = (size_t)length;
        } else {
            free(data);
            data = NULL;
        }
    }
    fclose(file);
    return data;
}

/* Runs every file of tests/fuzz/FOLDER/TARGET through entry, in name order; returns how many. */
static size_t replay_folder(const char *folder, const char *target, fuzz_entry entry)
{
    char relative[256];
    snprintf(relative, sizeof relative, "tests/fuzz/%s/%s", folder, target);
    char *dir = test_path(relative);
    struct dirent **names = NULL;
    int count = scandir(dir, &names, NULL, alphasort);
    size_t replayed = 0;
    for (int i = 0; i < count; i++) {
        char *path = NULL;
        if (names[i]->d_name[0] != '.' && asprintf(&path, "%s/%s", dir, names[i]->d_name) >= 0) {
            size_t size = 0;
            unsigned char *data = read_bytes(path, &size);
            if (!data)
                fail_msg("cannot read %s", path);
            entry(data, size);
            free(data);
            replayed++;
        }
        free(path);
        free(names[i]);
    }
    free(names);
    free(dir);
    return replayed;
}

typedef struct fuzz_target {
    const char *name; /* its folder under tests/fuzz/corpus/ and tests/fuzz/regressions/ */
    fuzz_entry entry;
} fuzz_target;

static const fuzz_target targets[] = {
    {"text", fuzz_text},           {"patterns", fuzz_patterns}, {"catalog", fuzz_catalog},
    {"normalize", fuzz_normalize}, {"image", fuzz_image},
};

static void replays_seeds_and_past_findings(void **state)
{
    const fuzz_target *target = *state;
    size_t seeds = replay_folder("corpus", target->name, target->entry);
    size_t findings = replay_folder("regressions", target->name, target->entry);
    print_message("  %-10s %zu seeds, %zu past findings\n", target->name, seeds, findings);
    assert_true(seeds > 0); /* a target without seeds would be fuzzed from nothing */
}

#define REPLAY_TEST(title, index)                                                                            \
    {                                                                                                        \
        title, replays_seeds_and_past_findings, NULL, NULL, (void *)&targets[index]                          \
    }

int main(void)
{
    const struct CMUnitTest tests[] = {
        REPLAY_TEST("text_extraction_replays", 0), REPLAY_TEST("pattern_parser_replays", 1),
        REPLAY_TEST("catalog_parser_replays", 2),  REPLAY_TEST("normalizers_replay", 3),
        REPLAY_TEST("image_loader_replays", 4),
    };
    int failed = cmocka_run_group_tests_name("fuzz replay", tests, NULL, NULL);
    ns_knowledge_free((ns_knowledge *)fuzz_knowledge());
    return failed;
}
