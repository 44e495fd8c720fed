#!/usr/bin/env bash
# The Python package's benchmark: Scorer.score_many on 100k generated
# replies versus the CLI on the same replies (`eqscore score --lines --format
# jsonl`) and versus vaderSentiment from Python; import + Scorer() time.
# Writes bench/PYTHON.md.
#
#   bench/python.sh [--replies N] [--vader N] [--runs N]
#
#   --replies N  replies scored by eqscore (default 100000)
#   --vader N    replies timed for VADER, per-reply figure (default 20000)
#   --runs N     runs of each row, best CPU time kept (default 3)
#
# Builds the release CLI and a release wheel into a venv under
# target/bench/pyvenv (maturin, vaderSentiment from PyPI), generates the
# corpus with bench/gen_corpus.py (fixed seed) and runs
# bench/python_bench.py. About 5 minutes on 2 shared cores after the builds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
work=$CARGO_TARGET_DIR/bench
mkdir -p "$work"
venv=$work/pyvenv
log() { echo "bench/python.sh: $*" >&2; }

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check maturin vaderSentiment
log "building the CLI and the wheel (release)"
cargo build --release --quiet --locked
PATH=$venv/bin:$PATH CARGO_TARGET_DIR=$CARGO_TARGET_DIR/python \
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./python

corpus=$work/corpus-25mb.jsonl
if [ ! -s "$corpus" ] || [ bench/gen_corpus.py -nt "$corpus" ]; then
  log "generating $corpus"
  python3 bench/gen_corpus.py --mb 25 --out "$corpus"
fi
replies=$work/replies-25mb.txt
[ "$replies" -nt "$corpus" ] || python3 bench/baselines.py extract "$corpus" "$replies"
"$venv/bin/python" bench/python_bench.py --cli "$CARGO_TARGET_DIR/release/eqscore" \
  --replies-file "$replies" --out bench/PYTHON.md "$@"
