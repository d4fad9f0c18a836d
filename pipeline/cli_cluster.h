/*
 * cli_cluster.h - running one batch as many shards on a cluster engine
 * (Slurm array jobs, Kubernetes Indexed Jobs), and merging their outputs.
 *
 * Part of the command line, not the library: the library reads documents,
 * the command decides which ones and where their records go.
 */
#ifndef NOTICESCAN_CLI_CLUSTER_H
#define NOTICESCAN_CLI_CLUSTER_H

#include <stddef.h>

/* Which part of the input this process reads: index in 0..count-1. */
typedef struct shard_spec {
    unsigned index, count; /* count 0: no sharding */
} shard_spec;

/*
 * Parses "K/N" (1-based K, as a person counts: "1/4" .. "4/4"), or "auto"
 * to read the engine's environment: SLURM_ARRAY_TASK_ID (minus
 * SLURM_ARRAY_TASK_MIN) of SLURM_ARRAY_TASK_COUNT, or, when shards_for_auto
 * (--shards N) is set, SLURM_ARRAY_TASK_ID itself of N (so a re-run of one
 * task knows N); or a Kubernetes Indexed Job's JOB_COMPLETION_INDEX of
 * shards_for_auto. On failure returns 0 with the reason in err.
 */
int shard_parse(const char *text, unsigned shards_for_auto, shard_spec *out, char *err, size_t errlen);

/*
 * Whether the input at path belongs to this shard. relative is the path
 * relative to the folder given on the command line (the file's own name
 * when it was given directly), so that adding files elsewhere never moves
 * old ones to another shard.
 */
int shard_holds(const shard_spec *shard, const char *relative);

struct input_list;

/*
 * Keeps in inputs only the files of this shard. roots are the files and
 * folders named on the command line: each input's path relative to the one
 * it was found under decides its shard.
 */
void shard_filter_inputs(const shard_spec *shard, struct input_list *inputs, char *const *roots, int root_count);

/*
 * Orders two paths as the folder walk reads them: component by component,
 * each compared byte-wise ("a/x" before "a-b" because "a" < "a-b").
 */
int path_compare_walk_order(const char *a, const char *b);

/*
 * `noticescan merge`: merges shard outputs (JSON Lines) into out_path, in
 * input order. expected (may be NULL) lists every input in order; then an
 * input missing from the shards is an error, as is a record for an input
 * not expected. A record that appears twice is always an error. Writes the
 * reasons to stderr, naming the inputs and shard files; writes out_path
 * atomically (a temporary file renamed into place) only when all is well.
 * Returns 0 on success, 1 when the shards are incomplete or inconsistent,
 * 2 on a usage or I/O problem.
 */
int cluster_merge(const char *out_path, char *const *shard_paths, size_t shard_count, char *const *expected,
                  size_t expected_count);

/* `noticescan merge OUT [--expect PATH]... SHARD...`: argv[0] is "merge". Returns the exit status. */
int cluster_merge_main(int argc, char **argv);

#endif
