#!/usr/bin/env bash
# Scoring throughput of the release binary with the built-in rubric, on one
# core: replies/s and MB/s over real, non-repeating replies, plus the time of
# one reply from the command line (start-up included).
#
# The replies come from the labelled public data sets beside the repository
# (../shared/data: ESConv and CPED, shuffled with a fixed seed and repeated in
# a new order each round, so the lazy DFA cannot warm up on repeated text);
# they are not part of this repository.
#
#   bench/throughput.sh [DATA_DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
rounds=${2:-20}
if [ ! -f "$data/esconv.dev.jsonl" ] || [ ! -f "$data/cped.dev.jsonl" ]; then
  echo "bench/throughput.sh: no ESConv/CPED data in $data; nothing to measure" >&2
  exit 0
fi
cargo build --release --quiet
corpus=$(mktemp --suffix=.jsonl)
trap 'rm -f "$corpus"' EXIT
python3 - "$data" "$rounds" > "$corpus" <<'PY'
import json, random, sys
data, rounds = sys.argv[1], int(sys.argv[2])
rows = [json.loads(l) for f in ("esconv", "cped") for l in open(f"{data}/{f}.dev.jsonl")]
random.seed(7)
for _ in range(rounds):
    random.shuffle(rows)
    for r in rows:
        print(json.dumps({"context": r["context"], "reply": r["reply"]}, ensure_ascii=False))
PY
replies=$(wc -l < "$corpus")
bytes=$(stat -c %s "$corpus")
start=$(date +%s.%N)
taskset -c 0 target/release/eqscore score "$corpus" --format jsonl > /dev/null || true
end=$(date +%s.%N)
python3 - "$replies" "$bytes" "$start" "$end" <<'PY'
import sys
n, size, t0, t1 = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
s = t1 - t0
print(f"{n} replies, {size / 1e6:.1f} MB in {s:.2f} s: {n / s:,.0f} replies/s, {size / 1e6 / s:.1f} MB/s (one core)")
PY
best=999
for _ in 1 2 3 4 5; do
  t0=$(date +%s%N)
  target/release/eqscore score --text "That sounds really hard." > /dev/null || true
  t=$(( ($(date +%s%N) - t0) / 1000000 ))
  [ "$t" -lt "$best" ] && best=$t
done
echo "one reply from the command line: ${best} ms (best of 5, rubric compile included)"
