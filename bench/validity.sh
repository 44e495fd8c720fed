#!/usr/bin/env bash
# Regenerates the agreement table of docs/validity.md: runs `eqscore calibrate`
# on every labelled development set in ../shared/data (the labelled public data
# sets are not part of this repository; see docs/validity.md) and prints one
# Markdown row per set and criterion, then the full calibrate reports.
#
#   bench/validity.sh [DATA_DIR] > /tmp/validity.md
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
if [ ! -d "$data" ]; then
  echo "bench/validity.sh: no labelled data at $data; nothing to measure (pass the folder as the first argument)" >&2
  exit 0
fi
cargo build --release --quiet
eqscore=target/release/eqscore

echo "| set | criterion | n | positives | fired | precision | recall | F1 | kappa |"
echo "|---|---|---|---|---|---|---|---|---|"
for set in esconv davidson diasafety cold cped; do
  file="$data/$set.dev.jsonl"
  [ -f "$file" ] || { echo "bench/validity.sh: $file is missing, skipped" >&2; continue; }
  "$eqscore" calibrate --labels "$file" --format json --top 0 | python3 bench/validity_rows.py "$set"
done
echo
for set in esconv davidson diasafety cold cped; do
  file="$data/$set.dev.jsonl"
  [ -f "$file" ] || continue
  echo '```text'
  echo "\$ eqscore calibrate --labels $file --top 0"
  "$eqscore" calibrate --labels "$file" --top 0
  echo '```'
  echo
done
