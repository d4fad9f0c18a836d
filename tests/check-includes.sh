#!/bin/sh
# check-includes.sh - the pipeline's include graph runs one way.
#
# Every file in pipeline/ belongs to a stage (by its name: base.c and base.h
# are "base", output_json.c is "output"). A file may include the headers of
# its own stage and of earlier ones, never a later stage's header, and the
# graph of pipeline headers must have no cycle. Run by `make check`.
#
# A new file needs its stage in STAGES below (in data-flow order).
set -u

# --self-test: the check must fail on a later stage's header and on a cycle.
if [ "${1:-}" = "--self-test" ]; then
    tree=$(mktemp -d)
    trap 'rm -rf "$tree"' EXIT
    mkdir "$tree/pipeline"
    printf '#include "base.h"\n' >"$tree/pipeline/text.h"
    printf '#include "text.h"\n' >"$tree/pipeline/base.h"
    if sh "$0" "$tree" >"$tree/out"; then
        echo "check-includes self-test: a later stage's header and a cycle were not caught"
        exit 1
    fi
    grep -q "base.h: includes text.h, a later stage's header" "$tree/out" &&
        grep -q "cycle" "$tree/out" || {
        echo "check-includes self-test: unexpected report:"
        cat "$tree/out"
        exit 1
    }
    echo "check-includes self-test: a later stage's header and a cycle are caught"
    exit 0
fi

cd "${1:-.}" || exit 2

STAGES="base dates normalize calendar text patterns catalog extract explain load deblur preprocess ocr second document output engine cli"

rank_of() {
    stem=$(basename "$1")
    stem=${stem%.*}
    stem=${stem%%_*}
    rank=0
    for stage in $STAGES; do
        if [ "$stage" = "$stem" ]; then
            echo "$rank"
            return
        fi
        rank=$((rank + 1))
    done
    echo -1
}

failed=0
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for file in pipeline/*.c pipeline/*.h; do
    [ -e "$file" ] || continue
    own=$(rank_of "$file")
    if [ "$own" -lt 0 ]; then
        echo "$file: not assigned to a pipeline stage (add its name to STAGES in $0)"
        failed=1
        continue
    fi
    # Only quoted includes of files that live in pipeline/ are edges.
    for header in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file"); do
        [ -e "pipeline/$header" ] || continue
        echo "$file pipeline/$header" >>"$edges"
        theirs=$(rank_of "$header")
        if [ "$theirs" -gt "$own" ]; then
            echo "$file: includes $header, a later stage's header"
            failed=1
        fi
    done
done
# tsort reports a loop in a graph with a cycle.
if ! tsort "$edges" >/dev/null 2>"$edges.err" || [ -s "$edges.err" ]; then
    echo "pipeline include graph has a cycle:"
    cat "$edges.err"
    failed=1
fi
rm -f "$edges.err"
[ "$failed" -eq 0 ] && echo "pipeline includes run one way"
exit "$failed"
