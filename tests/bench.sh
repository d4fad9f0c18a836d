#!/bin/sh
# bench.sh - time per page of noticescan against bare tesseract on the same
# images, in the same run, as a ratio (absolute times drift on shared machines).
#
#   tests/bench.sh build/noticescan [IMAGE...]      (make bench: the samples/ images)
#
# Each image is read ROUNDS times by each command, alternating, and the median
# is kept. Bare tesseract runs with OMP_THREAD_LIMIT=1 (its fastest setting on
# two cores) and once more with no limit (what a user gets out of the box).
set -eu
bin=${1:-build/noticescan}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-3}
if [ $# -eq 0 ]; then
    set -- $(ls "$root"/samples/*.png "$root"/samples/*.jpg "$root"/samples/*.tif "$root"/samples/*.tiff 2>/dev/null)
fi
now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
elapsed() { s=$(now); "$@" >/dev/null 2>&1 || true; e=$(now); awk "BEGIN { print $e - $s }"; }

printf '%-28s %10s %10s %10s %8s\n' image noticescan tess_omp1 tess_dflt ratio
total_ours=0; total_bare=0; total_default=0
for image in "$@"; do
    ours=""; bare=""
    i=0
    while [ $i -lt "$rounds" ]; do
        ours="$ours $(elapsed "$bin" --json "$image")"
        bare="$bare $(elapsed env OMP_THREAD_LIMIT=1 tesseract "$image" -)"
        i=$((i + 1))
    done
    default=$(elapsed tesseract "$image" -)
    m_ours=$(echo $ours | tr ' ' '\n' | median)
    m_bare=$(echo $bare | tr ' ' '\n' | median)
    printf '%-28s %9.2fs %9.2fs %9.2fs %8.2f\n' "$(basename "$image")" "$m_ours" "$m_bare" "$default" \
        "$(awk "BEGIN { print $m_ours / $m_bare }")"
    total_ours=$(awk "BEGIN { print $total_ours + $m_ours }")
    total_bare=$(awk "BEGIN { print $total_bare + $m_bare }")
    total_default=$(awk "BEGIN { print $total_default + $default }")
done
batch=$(elapsed "$bin" --json --quiet "$@")
awk -v ours="$total_ours" -v bare="$total_bare" -v dflt="$total_default" -v batch="$batch" -v n=$# 'BEGIN {
    printf "\nper image (median of runs): noticescan %.2f s, bare tesseract (OMP_THREAD_LIMIT=1) %.2f s, ratio %.2f\n",
        ours / n, bare / n, ours / bare
    printf "bare tesseract with no thread limit: %.2f s per image (noticescan is %.1fx faster)\n", dflt / n, dflt / ours
    printf "one noticescan process over all %d images (engine reused): %.2f s, %.2f s per image\n", n, batch, batch / n
}'
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "peak memory, noticescan on all images: %M KB" "$bin" --json --quiet "$@" >/dev/null 2>/tmp/noticescan-bench-mem || true
    tail -n 1 /tmp/noticescan-bench-mem
    /usr/bin/time -f "peak memory, bare tesseract on one image: %M KB" env OMP_THREAD_LIMIT=1 tesseract "$1" - >/dev/null 2>/tmp/noticescan-bench-mem || true
    tail -n 1 /tmp/noticescan-bench-mem
fi
