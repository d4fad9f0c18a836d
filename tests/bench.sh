#!/bin/sh
# bench.sh - pages per second and CPU seconds per page of noticescan against
# bare tesseract on the same set of notice images, in the same run (absolute
# times drift on shared machines; CPU seconds and the ratio are what to compare).
#
#   tests/bench.sh build/noticescan                       (make bench)
#   BENCH_LONG_DOCS=100 tests/bench.sh build/noticescan   (a shorter memory run)
#
# BENCH_SEED       the generated set's seed (default 1414: the same set every run)
# BENCH_SCANS, BENCH_OFFICE, BENCH_PHONES, BENCH_PDFS
#                  generated documents of each kind (default 14, 14, 14, 8): clean
#                  scans (PNG, TIFF, fax TIFF), office scans (TIFF, some two pages),
#                  phone photos (JPEG) and scanned PDFs (a generated scan in a PDF,
#                  no text layer, so both programs OCR it)
# BENCH_BASELINE   another noticescan binary (an earlier build) to time on the clean
#                  scans beside this one
# BENCH_LONG_DOCS  documents read by one process for the memory run, the set over
#                  and over (default 1000; RSS is sampled at 10, 100 and 1000, and
#                  the peak RSS of each whole pass through the set is printed)
#
# The set (build/bench-set-SEED-.../) is made by tools/notice-gen (Debian's
# python3 with python3-pil and python3-numpy) and reused; the committed
# samples/ images are added once. Every file is decoded and read afresh:
# neither program caches anything between files. Bare tesseract reads every
# image with OMP_THREAD_LIMIT=1, one process per core through xargs -P (and once one
# process at a time, to show how far this machine scales with cores at all); PDFs
# are given to it as PNGs rendered at 300 DPI beforehand (untimed) since it
# cannot read PDF. Then noticescan -j (one worker per core), -j 1 (and -j 2
# when there are not two cores), peak RSS, and RSS along the long run.
set -eu
bin=$(cd "$(dirname "${1:-build/noticescan}")" && pwd)/$(basename "${1:-build/noticescan}")
root=$(cd "$(dirname "$0")/.." && pwd)
seed=${BENCH_SEED:-1414}
scans=${BENCH_SCANS:-14}
office=${BENCH_OFFICE:-14}
phones=${BENCH_PHONES:-14}
pdfs=${BENCH_PDFS:-8}
long_docs=${BENCH_LONG_DOCS:-1000}
cores=$(nproc)
python=/usr/bin/python3
for tool in pdftoppm /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench.sh: $tool not found: apt-get install poppler-utils time" >&2; exit 2; }
done
set_dir=$root/build/bench-set-$seed-s$scans-o$office-p$phones-d$pdfs
work=$root/build/bench-run
mkdir -p "$work"

# Generates the set: notice-gen's scan, office and phone tiers, the last BENCH_PDFS scans put
# into PDFs, and the samples; the expected fields go beside it, not into it.
make_set() {
    if ! "$python" -c 'import PIL, numpy' 2>/dev/null; then
        echo "bench.sh: $python needs python3-pil and python3-numpy: apt-get install python3-pil python3-numpy" >&2
        exit 2
    fi
    rm -rf "$set_dir.tmp" && mkdir -p "$set_dir.tmp/generated" "$set_dir.tmp/set"
    echo "bench.sh: generating the bench set (seed $seed; once, then reused)..."
    nice "$python" "$root/tools/notice-gen/notice-gen" eval --out "$set_dir.tmp/generated" --seed "$seed" \
        --per-kind 0 --scan $((scans + pdfs)) --office "$office" --phone "$phones" --combined 0 \
        --real-photos 0 --real-scans 0 >/dev/null
    mkdir -p "$set_dir.tmp/expected" && mv "$set_dir.tmp/generated"/*.expected.json "$set_dir.tmp/expected/"
    mv "$set_dir.tmp/generated"/doc-* "$set_dir.tmp/set/"
    # Scans come first in notice-gen's numbering: the last BENCH_PDFS of them become PDFs.
    ls "$set_dir.tmp/set" | head -n $((scans + pdfs)) | tail -n "$pdfs" | while read -r name; do
        "$python" -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).save(sys.argv[2], "PDF", resolution=300)' \
            "$set_dir.tmp/set/$name" "$set_dir.tmp/set/${name%.*}.pdf"
        rm "$set_dir.tmp/set/$name"
    done
    for image in "$root"/samples/*.png "$root"/samples/*.jpg "$root"/samples/*.tif; do
        cp "$image" "$set_dir.tmp/set/"
    done
    rm -rf "$set_dir.tmp/generated" && mv "$set_dir.tmp" "$set_dir"
}
[ -d "$set_dir" ] || make_set
inputs=$set_dir/set

# What bare tesseract reads: every image as it is, each PDF rendered to PNG at 300 DPI.
rm -rf "$work/bare-inputs" && mkdir -p "$work/bare-inputs"
for file in "$inputs"/*; do
    case "$file" in
    *.pdf) pdftoppm -r 300 -png "$file" "$work/bare-inputs/$(basename "$file" .pdf)" ;;
    *) ln -s "$file" "$work/bare-inputs/" ;;
    esac
done
# Pages: every frame of every image bare tesseract reads (a two-page TIFF is two).
pages=$("$python" -c 'import sys
from PIL import Image
print(sum(getattr(Image.open(name), "n_frames", 1) for name in sys.argv[1:]))' "$work"/bare-inputs/*)
documents=$(ls "$inputs" | wc -l)
kinds=$(ls "$inputs" | sed 's/.*\.//' | sort | uniq -c | awk '{ printf "%s%d %s", sep, $1, $2; sep = ", " }')

echo "bench set: $documents documents ($kinds), $pages pages ($inputs), $cores cores"

# Each run's wall seconds, CPU seconds (user + system, children included) and peak RSS in KB.
measure() { # name command... -> $work/time-NAME
    name=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$work/time-$name" "$@" || true
}
bare_tesseract() { # processes -> the command that reads every bare input, that many at a time
    echo "ls '$work'/bare-inputs/* | OMP_THREAD_LIMIT=1 xargs -P $1 -I{} sh -c 'tesseract \"\$1\" - >/dev/null 2>&1' _ {}"
}
measure bare sh -c "$(bare_tesseract "$cores")"
# Bare tesseract one process at a time: how far two processes scale on this machine at all
# (shared caches, memory bandwidth, a busy host), the ceiling for noticescan's -j 2 / -j 1.
[ "$cores" -eq 1 ] || measure bare1 sh -c "$(bare_tesseract 1)"
job_counts=$cores
[ "$cores" -eq 1 ] || job_counts="$job_counts 1"
[ "$cores" -eq 2 ] || job_counts="$job_counts 2"
for jobs in $job_counts; do
    measure "j$jobs" "$bin" --json -q -j "$jobs" -o "$work/out-$jobs.jsonl" "$inputs"
done
records=$(wc -l <"$work/out-$cores.jsonl")

row() { # label name
    awk -v label="$1" -v pages="$pages" '{
        printf "%-46s %7.1f %8.2f %8.1f %10.2f %9d\n", label, $1, pages / $1, $2 + $3, ($2 + $3) / pages, $4
    }' "$work/time-$2"
}
cpu() { awk '{ print $2 + $3 }' "$work/time-$1"; }
wall() { cut -d' ' -f1 "$work/time-$1"; }
printf '\n%-46s %7s %8s %8s %10s %9s\n' "" "wall s" "pages/s" "CPU s" "CPU s/page" "peak KB"
row "bare tesseract (xargs -P $cores, OMP_THREAD_LIMIT=1)" bare
[ "$cores" -eq 1 ] || row "bare tesseract (one process at a time)" bare1
row "noticescan -j $cores ($records records)" "j$cores"
row "noticescan -j 1" j1
[ "$cores" -eq 2 ] || row "noticescan -j 2" j2
awk -v bare_wall="$(wall bare)" -v ours_wall="$(wall "j$cores")" -v bare_cpu="$(cpu bare)" \
    -v ours_cpu="$(cpu "j$cores")" -v one="$(wall j1)" -v two="$(wall j2)" -v cores="$cores" \
    -v bare_one="$(wall bare1 2>/dev/null || echo 0)" -v bare_cores="$(wall bare)" \
    -v peak="$(cut -d' ' -f4 "$work/time-j$cores")" 'BEGIN {
    printf "noticescan -j %d / bare tesseract, pages per second: %.2fx; per CPU second: %.2fx\n", cores,
        bare_wall / ours_wall, bare_cpu / ours_cpu
    printf "-j 2 / -j 1, pages per second: %.2fx", one / two
    if (bare_one > 0) printf " (bare tesseract, %d processes / 1: %.2fx)", cores, bare_one / bare_cores
    printf "\n"
    printf "peak RSS per worker at -j %d: %.0f MB\n", cores, peak / cores / 1024
}'
echo "load average (other work on the machine skews wall times; CPU seconds much less): $(cut -d' ' -f1-3 /proc/loadavg)"

# Clean scans alone, one at a time: what a scan costs, since work for hard photos must not slow
# them. BENCH_BASELINE (another noticescan binary, e.g. an earlier build) is timed on the same scans.
scan_files=$(ls "$inputs"/doc-* | head -n "$scans") # notice-gen numbers the clean scans first
cpu_of() { # command... -> CPU seconds (user + system)
    /usr/bin/time -f '%U %S' -o "$work/time-scans" env OMP_THREAD_LIMIT=1 "$@" >/dev/null 2>&1 || true
    awk '{ print $1 + $2 }' "$work/time-scans"
}
# shellcheck disable=SC2086
scans_ours=$(cpu_of "$bin" --json -q -j 1 $scan_files)
# shellcheck disable=SC2016,SC2086
scans_bare=$(cpu_of sh -c 'for f; do tesseract "$f" - >/dev/null 2>&1; done' _ $scan_files)
scans_baseline=0
# shellcheck disable=SC2086
[ -z "${BENCH_BASELINE:-}" ] || scans_baseline=$(cpu_of "$BENCH_BASELINE" --json -q -j 1 $scan_files)
awk -v n="$scans" -v ours="$scans_ours" -v bare="$scans_bare" -v base="$scans_baseline" 'BEGIN {
    printf "clean scans (%d, one at a time): noticescan %.2f CPU s/page, bare tesseract %.2f (noticescan / bare %.2fx)", n,
        ours / n, bare / n, ours / bare
    if (base > 0) printf "; BENCH_BASELINE %.2f (noticescan / baseline %.2fx)", base / n, ours / base
    printf "\n"
}'

# Memory over a long run: BENCH_LONG_DOCS documents, the set over and over, in one process
# (and a few more, so the process is still there to be sampled at the last mark). The set is
# taken every 6th file in turn, so any ten documents in a row mix scans, office scans, photos
# and PDFs alike: an RSS sample then compares the same kind of work at each mark.
list=$work/long-inputs
: >"$list"
while [ "$(wc -l <"$list")" -lt $((long_docs + 10)) ]; do
    for offset in 0 1 2 3 4 5; do
        ls "$inputs"/* | awk -v offset=$offset 'NR % 6 == offset'
    done >>"$list"
done
head -n $((long_docs + 10)) "$list" >"$list.cut" && mv "$list.cut" "$list"
echo "long run: $((long_docs + 10)) documents in one process (-j $cores), RSS as records appear"
: >"$work/long.jsonl" # there before the first sample reads it (the job's own redirect may come later)
# shellcheck disable=SC2046
"$bin" --json -q -j "$cores" -o "$work/long.jsonl" $(cat "$list") &
pid=$!
# A single RSS sample depends on what the other workers hold at that moment (a big page or none);
# the peak over a whole pass through the set compares the same work, so it is what must stay flat.
# Writing 5 to clear_refs starts a new peak (VmHWM) at each pass.
status_kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$pid/status" 2>/dev/null; }
marks="10 100 1000"
pass_end=$documents
pass_peaks=""
while kill -0 "$pid" 2>/dev/null; do
    done_count=$(wc -l <"$work/long.jsonl")
    for mark in $marks; do
        if [ "$mark" -le "$long_docs" ] && [ "$done_count" -ge "$mark" ]; then
            echo "RSS after $mark documents: $(status_kb VmRSS) KB"
            marks=$(echo "$marks" | sed "s/^$mark *//")
        fi
    done
    if [ "$done_count" -ge "$pass_end" ] && [ "$pass_end" -le "$long_docs" ]; then
        peak=$(status_kb VmHWM)
        pass_peaks="$pass_peaks $((${peak:-0} / 1024))"
        echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true
        pass_end=$((pass_end + documents))
    fi
    sleep 0.5
done
wait "$pid" || true
echo "long run: $(wc -l <"$work/long.jsonl") records"
echo "peak RSS in each pass through the $documents documents, MB:$pass_peaks"
