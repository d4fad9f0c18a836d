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
cd "${1:-.}" || exit 2

STAGES="base dates normalize calendar text patterns catalog extract explain load preprocess ocr document output engine cli"

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
