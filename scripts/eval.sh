#!/usr/bin/env bash
# Scores address search and eligibility on the evaluation files of ../shared/eval.
# Usage: scripts/eval.sh [EVAL_DIR]   (assets must be built: parcours-data build)
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${1:-../shared/eval}
out=target/eval
mkdir -p "$out"
cargo build --release -q -p parcours-data
bin=target/release/parcours-data
tail -n +2 "$eval_dir/address-queries-dev.tsv" | cut -f2 | "$bin" search > "$out/search.jsonl"
python3 "$eval_dir/score.py" "$eval_dir/address-queries-dev.tsv" "$out/search.jsonl" --misses "$out/misses.tsv"
python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip(): print(json.dumps(json.loads(l)["input"], ensure_ascii=False))' \
  "$eval_dir/check-cases-dev.jsonl" > "$out/check-in.jsonl"
"$bin" check < "$out/check-in.jsonl" > "$out/check-out.jsonl"
python3 "$eval_dir/score_check.py" "$eval_dir/check-cases-dev.jsonl" "$out/check-out.jsonl"
