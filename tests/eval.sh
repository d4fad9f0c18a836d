#!/bin/sh
# eval.sh - per-field accuracy of noticescan on a generated evaluation set,
# side by side with bare tesseract (its text through the same patterns).
#
#   tests/eval.sh build/noticescan          (make eval)
#   EVAL_N=200 EVAL_SEED=11 tests/eval.sh build/noticescan
#
# The set is made by samples/make-samples.sh --eval (ImageMagick needed) into
# eval/set-SEED-N/ and reused on later runs.
set -eu
bin=${1:-build/noticescan}
n=${EVAL_N:-60}
seed=${EVAL_SEED:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
set_dir=$root/eval/set-$seed-$n
work=$root/eval/run-$seed-$n
mkdir -p "$work/bare"
if [ ! -f "$set_dir/.complete" ]; then
    bash "$root/samples/make-samples.sh" --eval "$n" --seed "$seed" --out "$set_dir"
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
