/*
 * test_cluster.c - shards of a batch and the merge of their outputs
 * (pipeline/cli_cluster.c): which shard holds which input, and a merge that
 * refuses to lose or double a record.
 */
#include "testutil.h"

#include "cli_cluster.h"

#include <unistd.h>

static void shard_k_of_n_is_one_based(void **state)
{
    (void)state;
    shard_spec shard;
    char err[200];
    assert_true(shard_parse("1/4", 0, &shard, err, sizeof err));
    assert_int_equal(shard.index, 0);
    assert_int_equal(shard.count, 4);
    assert_true(shard_parse("4/4", 0, &shard, err, sizeof err));
    assert_int_equal(shard.index, 3);
}

static void shard_rejects_what_is_not_k_of_n(void **state)
{
    (void)state;
    shard_spec shard;
    char err[200];
    const char *bad[] = {"0/4", "5/4", "4", "/4", "1/", "1/0", "a/b", "-1/4", "1/4x", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = '\0';
        assert_false(shard_parse(bad[i], 0, &shard, err, sizeof err));
        assert_non_null(strstr(err, "--shard"));
    }
}

static void shard_auto_reads_slurm_array_from_its_first_task(void **state)
{
    (void)state;
    shard_spec shard;
    char err[200];
    unsetenv("JOB_COMPLETION_INDEX");
    setenv("SLURM_ARRAY_TASK_ID", "7", 1);
    setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
    setenv("SLURM_ARRAY_TASK_MIN", "5", 1);
    assert_true(shard_parse("auto", 0, &shard, err, sizeof err));
    assert_int_equal(shard.index, 2);
    assert_int_equal(shard.count, 4);
    setenv("SLURM_ARRAY_TASK_ID", "9", 1); /* 9 - 5 = 4: outside 4 tasks */
    assert_false(shard_parse("auto", 0, &shard, err, sizeof err));
    /* A re-run of task 2 alone (--array=2): Slurm says 1 task from 2, --shards says there are 4. */
    setenv("SLURM_ARRAY_TASK_ID", "2", 1);
    setenv("SLURM_ARRAY_TASK_MIN", "2", 1);
    setenv("SLURM_ARRAY_TASK_COUNT", "1", 1);
    assert_true(shard_parse("auto", 4, &shard, err, sizeof err));
    assert_int_equal(shard.index, 2);
    assert_int_equal(shard.count, 4);
    unsetenv("SLURM_ARRAY_TASK_ID");
    unsetenv("SLURM_ARRAY_TASK_COUNT");
    unsetenv("SLURM_ARRAY_TASK_MIN");
}

static void shard_auto_reads_kubernetes_index_with_shards(void **state)
{
    (void)state;
    shard_spec shard;
    char err[200];
    setenv("JOB_COMPLETION_INDEX", "3", 1);
    assert_false(shard_parse("auto", 0, &shard, err, sizeof err)); /* needs --shards */
    assert_non_null(strstr(err, "--shards"));
    assert_true(shard_parse("auto", 8, &shard, err, sizeof err));
    assert_int_equal(shard.index, 3);
    assert_int_equal(shard.count, 8);
    unsetenv("JOB_COMPLETION_INDEX");
    assert_false(shard_parse("auto", 8, &shard, err, sizeof err));
}

/* Every input is in exactly one shard, the parts are not lopsided, and adding inputs moves none. */
static void shards_partition_inputs_stably(void **state)
{
    (void)state;
    enum { SHARDS = 4, FILES = 2000 };
    int holders_before[FILES], per_shard[SHARDS] = {0};
    char name[64];
    for (int i = 0; i < FILES; i++) {
        snprintf(name, sizeof name, "client-%04d/scan-%d.pdf", i / 7, i);
        int holders = 0;
        for (unsigned k = 0; k < SHARDS; k++) {
            shard_spec shard = {k, SHARDS};
            if (shard_holds(&shard, name)) {
                holders++;
                holders_before[i] = (int)k;
                per_shard[k]++;
            }
        }
        assert_int_equal(holders, 1);
    }
    for (unsigned k = 0; k < SHARDS; k++) /* 500 expected each; 400 would be a poor hash */
        assert_in_range(per_shard[k], 420, 580);
    /* The same names again, after "adding" others: the shard of each is a function of its name only. */
    for (int i = 0; i < FILES; i++) {
        snprintf(name, sizeof name, "client-%04d/scan-%d.pdf", i / 7, i);
        shard_spec shard = {(unsigned)holders_before[i], SHARDS};
        assert_true(shard_holds(&shard, name));
    }
}

static void walk_order_compares_component_by_component(void **state)
{
    (void)state;
    assert_true(path_compare_walk_order("a/x.png", "a-b.png") < 0); /* "a" < "a-b", though '/' > '-' */
    assert_true(path_compare_walk_order("a-b.png", "a/x.png") > 0);
    assert_true(path_compare_walk_order("a/b/c.png", "a/b/d.png") < 0);
    assert_true(path_compare_walk_order("a/b/c.png", "a/b.png") < 0); /* folder "b" sorts before "b.png" */
    assert_int_equal(path_compare_walk_order("same/one", "same/one"), 0);
}

/* ---- merge ---- */

typedef struct merge_fixture {
    char dir[64];
    char *out;
} merge_fixture;

static char *write_shard(const merge_fixture *fixture, const char *name, const char *content)
{
    char *path = NULL;
    assert_true(asprintf(&path, "%s/%s", fixture->dir, name) > 0);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fputs(content, file);
    fclose(file);
    return path;
}

static int merge_setup(void **state)
{
    merge_fixture *fixture = calloc(1, sizeof *fixture);
    strcpy(fixture->dir, "/tmp/ns-merge-XXXXXX");
    assert_non_null(mkdtemp(fixture->dir));
    assert_true(asprintf(&fixture->out, "%s/merged.jsonl", fixture->dir) > 0);
    *state = fixture;
    return 0;
}

static int merge_teardown(void **state)
{
    merge_fixture *fixture = *state;
    char *command = NULL;
    assert_true(asprintf(&command, "rm -rf '%s'", fixture->dir) > 0);
    assert_int_equal(system(command), 0);
    free(command);
    free(fixture->out);
    free(fixture);
    return 0;
}

#define RECORD(source) "{\"source\": \"" source "\", \"status\": \"ok\"}\n"

static void merge_puts_records_in_input_order(void **state)
{
    merge_fixture *fixture = *state;
    char *shards[2] = {write_shard(fixture, "s1.jsonl", RECORD("in/b.png") RECORD("in/a-b.png")),
                       write_shard(fixture, "s2.jsonl", RECORD("in/a/z.png") RECORD("in/c.pdf"))};
    assert_int_equal(cluster_merge(fixture->out, shards, 2, NULL, 0), 0);
    char *merged = test_read_file(fixture->out);
    assert_string_equal(merged, RECORD("in/a/z.png") RECORD("in/a-b.png") RECORD("in/b.png") RECORD("in/c.pdf"));
    free(merged);
    free(shards[0]);
    free(shards[1]);
}

static void merge_follows_the_expected_list_and_names_what_is_missing(void **state)
{
    merge_fixture *fixture = *state;
    char *shards[1] = {write_shard(fixture, "s1.jsonl", RECORD("z.png") RECORD("a.png"))};
    char *expected[] = {"z.png", "a.png"};
    assert_int_equal(cluster_merge(fixture->out, shards, 1, expected, 2), 0);
    char *merged = test_read_file(fixture->out);
    assert_string_equal(merged, RECORD("z.png") RECORD("a.png")); /* as listed, not by name */
    free(merged);
    assert_int_equal(unlink(fixture->out), 0);
    char *three[] = {"z.png", "a.png", "m.png"};
    assert_int_equal(cluster_merge(fixture->out, shards, 1, three, 3), 1);
    assert_int_equal(access(fixture->out, F_OK), -1); /* nothing written when incomplete */
    char *one[] = {"z.png"};
    assert_int_equal(cluster_merge(fixture->out, shards, 1, one, 1), 1); /* a.png was not an input */
    free(shards[0]);
}

static void merge_refuses_a_record_that_appears_twice(void **state)
{
    merge_fixture *fixture = *state;
    char *shards[2] = {write_shard(fixture, "s1.jsonl", RECORD("a.png") RECORD("b.png")),
                       write_shard(fixture, "s2.jsonl", RECORD("b.png"))};
    assert_int_equal(cluster_merge(fixture->out, shards, 2, NULL, 0), 1);
    assert_int_equal(access(fixture->out, F_OK), -1);
    free(shards[0]);
    free(shards[1]);
}

static void merge_refuses_a_cut_line_a_missing_shard_and_a_foreign_line(void **state)
{
    merge_fixture *fixture = *state;
    char *cut[1] = {write_shard(fixture, "cut.jsonl", RECORD("a.png") "{\"source\": \"b.p")};
    assert_int_equal(cluster_merge(fixture->out, cut, 1, NULL, 0), 1);
    char *missing[1] = {"/nonexistent/shard.jsonl"};
    assert_int_equal(cluster_merge(fixture->out, missing, 1, NULL, 0), 1);
    char *foreign[1] = {write_shard(fixture, "foreign.jsonl", "{\"name\": \"x\"}\n")};
    assert_int_equal(cluster_merge(fixture->out, foreign, 1, NULL, 0), 1);
    assert_int_equal(access(fixture->out, F_OK), -1);
    free(cut[0]);
    free(foreign[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shard_k_of_n_is_one_based),
        cmocka_unit_test(shard_rejects_what_is_not_k_of_n),
        cmocka_unit_test(shard_auto_reads_slurm_array_from_its_first_task),
        cmocka_unit_test(shard_auto_reads_kubernetes_index_with_shards),
        cmocka_unit_test(shards_partition_inputs_stably),
        cmocka_unit_test(walk_order_compares_component_by_component),
        cmocka_unit_test_setup_teardown(merge_puts_records_in_input_order, merge_setup, merge_teardown),
        cmocka_unit_test_setup_teardown(merge_follows_the_expected_list_and_names_what_is_missing, merge_setup,
                                        merge_teardown),
        cmocka_unit_test_setup_teardown(merge_refuses_a_record_that_appears_twice, merge_setup, merge_teardown),
        cmocka_unit_test_setup_teardown(merge_refuses_a_cut_line_a_missing_shard_and_a_foreign_line, merge_setup,
                                        merge_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
