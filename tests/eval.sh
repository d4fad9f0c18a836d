#!/bin/sh
# eval.sh - per-tier, per-damage and per-field accuracy of noticescan on a
# generated evaluation set, side by side with bare tesseract (its text through
# the same patterns).
#
#   tests/eval.sh build/noticescan                        (make eval: a fresh seed)
#   EVAL_SEED=202612030715 tests/eval.sh build/noticescan  (repeat that set)
#   EVAL_N=1 EVAL_REAL_PHOTOS=1 EVAL_REAL_SCANS=0 tests/eval.sh build/noticescan   (a quick run)
#
# EVAL_SEED  the set's seed; default: a fresh one from the UTC date and time,
#            so each measurement meets documents nobody tuned to. It is printed.
# EVAL_N     hard-tier documents per kind of damage (default 20); the other
#            tiers follow: N clean scans, N office scans, 2N ordinary phone
#            photos, 2N photos with combined damage.
# EVAL_REAL_DIR     the IRS sample texts (default ../shared/reference/irs-samples);
#                   when absent, the real-wording tiers are skipped, with a message.
# EVAL_REAL_PHOTOS  photographed renderings per real sample (default 2)
# EVAL_REAL_SCANS   clean scans of a rendering per real sample (default 1)
# EVAL_JOBS  documents generated in parallel (default 2)
#
# The set is made by tools/notice-gen (Debian's python3 with python3-pil and
# python3-numpy) into eval/set-SEED-.../ (git-ignored) and reused on later runs
# with the same settings.
set -eu
bin=${1:-build/noticescan}
root=$(cd "$(dirname "$0")/.." && pwd)
seed=${EVAL_SEED:-$(date -u +%Y%m%d%H%M)}
n=${EVAL_N:-20}
real_photos=${EVAL_REAL_PHOTOS:-2}
real_scans=${EVAL_REAL_SCANS:-1}
real_dir=${EVAL_REAL_DIR:-$root/../shared/reference/irs-samples}
jobs=${EVAL_JOBS:-2}
python=/usr/bin/python3
if ! "$python" -c 'import PIL, numpy' 2>/dev/null; then
    echo "eval.sh: $python needs python3-pil and python3-numpy: apt-get install python3-pil python3-numpy" >&2
    exit 2
fi
if [ -d "$real_dir" ]; then
    real_tag=r$real_photos-$real_scans
else
    echo "eval.sh: $real_dir not found: skipping the real-wording tiers (set EVAL_REAL_DIR)" >&2
    real_tag=r0-0
fi
echo "eval.sh: seed $seed (repeat with EVAL_SEED=$seed EVAL_N=$n), $n documents per kind of damage"
set_dir=$root/eval/set-$seed-n$n-$real_tag
work=$root/eval/run-$seed-n$n-$real_tag
mkdir -p "$work/bare"
if [ ! -f "$set_dir/.complete" ]; then
    nice "$python" "$root/tools/notice-gen/notice-gen" eval --out "$set_dir" --seed "$seed" \
        --per-kind "$n" --scan "$n" --office "$n" --phone $((2 * n)) --combined $((2 * n)) \
        --real-dir "$real_dir" --real-photos "$real_photos" --real-scans "$real_scans" --jobs "$jobs"
    touch "$set_dir/.complete"
fi
images=$(for f in "$set_dir"/*.expected.json; do
    sed -n 's/.*"source": *"\([^"]*\)".*/\1/p' "$f" | head -n 1 | sed "s|^|$set_dir/|"
done)
count=$(echo "$images" | wc -l)

echo "noticescan on $count documents..."
start=$(date +%s.%N)
# shellcheck disable=SC2086
"$bin" --json --quiet --today 2026-01-01 $images > "$work/noticescan.jsonl" || true
end=$(date +%s.%N)
ours=$(awk "BEGIN{print $end - $start}")

echo "bare tesseract on the same images..."
start=$(date +%s.%N)
for image in $images; do
    stem=$(basename "$image"); stem=${stem%%.*}
    OMP_THREAD_LIMIT=1 tesseract "$image" "$work/bare/$stem" >/dev/null 2>&1 || : > "$work/bare/$stem.txt"
done
end=$(date +%s.%N)
bare=$(awk "BEGIN{print $end - $start}")
"$bin" --text --json --quiet --today 2026-01-01 "$work"/bare/*.txt > "$work/tesseract.jsonl" || true

cc -O1 -std=c11 -D_GNU_SOURCE -I"$root/include" -o "$work/eval_score" "$root/tests/eval_score.c" \
    "$root/build/libnoticescan.a" $(pkg-config --cflags --libs jansson tesseract lept libpcre2-8 libexif libheif) -ldl -lm
"$work/eval_score" "$set_dir" "$work/noticescan.jsonl" noticescan "$work/tesseract.jsonl" "bare tesseract + same patterns"
awk -v n="$count" -v ours="$ours" -v bare="$bare" 'BEGIN {
    printf "\ntime for %d documents: noticescan %.1f s (%.2f s each), bare tesseract %.1f s (%.2f s each), ratio %.2f\n",
        n, ours, ours / n, bare, bare / n, ours / bare }'
echo "seed $seed; set in $set_dir (manifest.tsv says what was done to each document)"
