#!/bin/sh
# bench.sh - pages per second of noticescan against bare tesseract on the
# same set of notice images, in the same run (absolute times drift on shared
# machines; the ratio is what to compare).
#
#   tests/bench.sh build/noticescan              (make bench)
#   BENCH_COPIES=5 BENCH_REPEAT=20 tests/bench.sh build/noticescan
#
# The set (build/bench-set-COPIES/) is the samples/ images plus BENCH_COPIES
# copies of each (every copy is decoded and read afresh: neither program
# caches anything between files), plus the scanned PDF fixture: 61 documents,
# 67 pages with the default 5 copies. Bare tesseract
# reads every image with OMP_THREAD_LIMIT=1, one process per core through
# xargs -P; PDFs are given to it as PNGs rendered beforehand (untimed) since
# it cannot read PDF. Then noticescan -j (one worker per core), -j 1 and -j 2,
# peak RSS, and RSS after 10, 100 and 1000 documents of one process reading
# the set BENCH_REPEAT times over.
set -eu
bin=$(cd "$(dirname "${1:-build/noticescan}")" && pwd)/$(basename "${1:-build/noticescan}")
root=$(cd "$(dirname "$0")/.." && pwd)
copies=${BENCH_COPIES:-5}
repeat=${BENCH_REPEAT:-20}
cores=$(nproc)
set_dir=$root/build/bench-set-$copies
work=$root/build/bench-run
mkdir -p "$work"

make_set() {
    mkdir -p "$set_dir.tmp"
    for image in "$root"/samples/*.png "$root"/samples/*.jpg "$root"/samples/*.tif; do
        name=$(basename "$image")
        cp "$image" "$set_dir.tmp/$name"
        i=1
        while [ "$i" -le "$copies" ]; do
            cp "$image" "$set_dir.tmp/copy$i-$name" # read afresh each time: nothing is cached between documents
            i=$((i + 1))
        done
    done
    cp "$root/tests/fixtures/cp14-scanned.pdf" "$set_dir.tmp/"
    mv "$set_dir.tmp" "$set_dir"
}
[ -d "$set_dir" ] || make_set

# What bare tesseract reads: every image as it is, each PDF rendered to PNG at 300 DPI.
rm -rf "$work/bare-inputs" && mkdir -p "$work/bare-inputs"
for file in "$set_dir"/*; do
    case "$file" in
    *.pdf) pdftoppm -r 300 -png "$file" "$work/bare-inputs/$(basename "$file" .pdf)" ;;
    *) ln -s "$file" "$work/bare-inputs/" ;;
    esac
done
pages=0
for file in "$work"/bare-inputs/*; do
    n=$(identify "$file" 2>/dev/null | wc -l)
    pages=$((pages + n))
done
documents=$(ls "$set_dir" | wc -l)

echo "bench set: $documents documents, $pages pages ($set_dir), $cores cores"

# Each run's wall seconds, CPU seconds (user + system, children included) and peak RSS in KB.
measure() { # name command... -> $work/time-NAME
    name=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$work/time-$name" "$@" || true
}
measure bare sh -c "ls '$work'/bare-inputs/* | OMP_THREAD_LIMIT=1 xargs -P $cores -I{} sh -c 'tesseract \"\$1\" - >/dev/null 2>&1' _ {}"
for jobs in "$cores" 1 2; do
    measure "j$jobs" "$bin" --json -q -j "$jobs" -o "$work/out-$jobs.jsonl" "$set_dir"
done
records=$(wc -l <"$work/out-$cores.jsonl")

row() { # label name
    awk -v label="$1" -v pages="$pages" '{
        printf "%-46s %7.1f %8.2f %8.1f %10.2f %9d\n", label, $1, pages / $1, $2 + $3, ($2 + $3) / pages, $4
    }' "$work/time-$2"
}
printf '\n%-46s %7s %8s %8s %10s %9s\n' "" "wall s" "pages/s" "CPU s" "CPU s/page" "peak KB"
row "bare tesseract (xargs -P $cores, OMP_THREAD_LIMIT=1)" bare
row "noticescan -j $cores ($records records)" "j$cores"
row "noticescan -j 1" j1
row "noticescan -j 2" j2
awk -v bare="$(cut -d' ' -f1 "$work/time-bare")" -v ours="$(cut -d' ' -f1 "$work/time-j$cores")" \
    -v one="$(cut -d' ' -f1 "$work/time-j1")" -v two="$(cut -d' ' -f1 "$work/time-j2")" 'BEGIN {
    printf "noticescan -j %d / bare tesseract, pages per second: %.2fx\n", '"$cores"', bare / ours
    printf "-j 2 / -j 1, pages per second: %.2fx\n", one / two
}'
echo "load average (other work on the machine skews wall times; CPU seconds much less): $(cut -d' ' -f1-3 /proc/loadavg)"

# Memory over a long run: the set BENCH_REPEAT times over in one process, RSS sampled as records appear.
list=$work/long-inputs
: >"$list"
i=0
while [ "$i" -lt "$repeat" ]; do
    ls "$set_dir"/* >>"$list"
    i=$((i + 1))
done
total=$(wc -l <"$list")
echo "long run: $total documents in one process (-j $cores)"
: >"$work/long.jsonl" # there before the first sample reads it (the job's own redirect may come later)
# shellcheck disable=SC2046
"$bin" --json -q -j "$cores" -o "$work/long.jsonl" $(cat "$list") &
pid=$!
for mark in 10 100 1000; do
    [ "$mark" -le "$total" ] || break
    while kill -0 "$pid" 2>/dev/null && [ "$(wc -l <"$work/long.jsonl")" -lt "$mark" ]; do sleep 0.5; done
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    echo "RSS after $mark documents: ${rss:-?} KB"
done
wait "$pid" || true
