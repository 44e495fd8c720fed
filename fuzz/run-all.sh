#!/usr/bin/env bash
# Runs every fuzz target in turn, one at a time, niced, for SECONDS each
# (default 600), logging to fuzz/logs/<target>.log. Needs nightly and
# cargo-fuzz (`cargo install cargo-fuzz --locked`). Crashes land in
# fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
./seed-corpus.sh >/dev/null
mkdir -p logs
cargo +nightly fuzz build
for target in score_builtin transcript rubric_structured rubric_json template; do
  extra=()
  [ "$target" = rubric_json ] && extra=(-max_len=16384)
  nice -n 10 cargo +nightly fuzz run "$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}" \
    >"logs/$target.log" 2>&1
  echo "$target: exit $? ($(grep -E "^#[0-9]+" "logs/$target.log" | tail -1))"
done
