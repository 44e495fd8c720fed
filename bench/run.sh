#!/usr/bin/env bash
# The benchmark, in one command: eqscore's built-in rubric against ripgrep,
# VADER and a Python `re` scorer on the same generated replies, written to
# bench/RESULTS.md.
#
#   bench/run.sh [--mb N] [--sample N] [--runs N] [--skip-big]
#
#   --mb N       corpus size in MB (default 100; the targets are stated for 100)
#   --sample N   replies timed for the slow Python tools (default 20000)
#   --runs N     runs of each throughput row, best kept (default 3)
#   --skip-big   skip the 1 GB streamed run (peak RSS flatness; ~230 CPU-seconds)
#
# What it does (16 minutes on a shared 2-core machine at load ~9, 10 of them
# the 1 GB run; --skip-big for a quick look):
#   1. installs what is missing: ripgrep into bench/.tools (cargo install
#      --locked, from crates.io), vaderSentiment into a venv under
#      target/bench, hyperfine and GNU time with apt-get when run as root
#      (latency falls back to a Python timing loop without hyperfine);
#   2. builds eqscore --release; generates the corpus with
#      bench/gen_corpus.py (fixed seed, cached in target/bench) and a file of
#      its replies, one per line, for the line-oriented tools;
#   3. exports the rubric's cues with `eqscore rubric patterns` (adapted so
#      `rg --no-unicode` parses them, translated for Python `re`);
#   4. times every tool on one core (taskset -c 0, rg -j1, eqscore --jobs 1
#      when it has the flag), eqscore --jobs 2 when it has the flag, peak RSS
#      on 10 MB, the corpus and a streamed 1 GB, and one-reply latency;
#   5. writes bench/RESULTS.md (bench/report.py) with the machine and commands.
# Optional: bench/throughput.sh's row on real replies when its data is there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mb=100 sample=20000 runs=3 big=1
while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift ;;
    --sample) sample=$2; shift ;;
    --runs) runs=$2; shift ;;
    --skip-big) big=0 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
work=$CARGO_TARGET_DIR/bench
tools=$root/bench/.tools
mkdir -p "$work" "$tools"
results=$work/results.jsonl
: > "$results"
cut -d' ' -f1-3 /proc/loadavg > "$work/load-start"
log() { echo "bench: $*" >&2; }

# 1. Prerequisites.
rg=$tools/bin/rg
if [ ! -x "$rg" ]; then
  log "installing ripgrep into bench/.tools"
  cargo install ripgrep --locked --quiet --root "$tools"
fi
venv=$work/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import vaderSentiment' 2>/dev/null; then
  log "installing vaderSentiment into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet vaderSentiment
fi
py=$venv/bin/python
apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null || return 1
  apt-get install -y -qq "$1" > /dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$1"; } > /dev/null 2>&1
}
command -v hyperfine > /dev/null || apt_install hyperfine || log "no hyperfine: latency by a Python loop"
[ -x /usr/bin/time ] || apt_install time || { log "needs GNU time (/usr/bin/time)"; exit 2; }

# 2. Build, corpus, replies.
cargo build --release --quiet --locked
eq=$CARGO_TARGET_DIR/release/eqscore
corpus=$work/corpus-${mb}mb.jsonl
small=$work/corpus-10mb.jsonl
for pair in "$mb:$corpus" "10:$small"; do
  size=${pair%%:*} file=${pair#*:}
  if [ ! -s "$file" ] || [ "$root/bench/gen_corpus.py" -nt "$file" ]; then
    log "generating $file"
    python3 bench/gen_corpus.py --mb "$size" --out "$file"
  fi
done
replies=$work/replies-${mb}mb.txt
[ "$replies" -nt "$corpus" ] || python3 bench/baselines.py extract "$corpus" "$replies"
head -n "$sample" "$replies" > "$work/sample.txt"

# 3. The cues as patterns.
"$eq" rubric patterns > "$work/cues.rg"
"$eq" rubric patterns --format json > "$work/cues.json"
python3 bench/baselines.py rg-patterns "$work/cues.rg" "$rg" "$work/cues.nu.rg" > "$work/rg-adapt.json"
python3 bench/baselines.py rg-patterns "$work/cues.rg" "$rg" "$work/cues.u.rg" --unicode > /dev/null
python3 bench/baselines.py re-patterns "$work/cues.json" "$work/cues.re.json" > "$work/re-translate.json"

# 4. Measurements. measure NAME INPUT NOTE -- COMMAND...: best wall time of
# $runs runs, with that run's peak RSS; stdout is discarded; exit 0 or 1.
measure() {
  local name=$1 input=$2 note=$3 best="" usage="" i t0 t1 rc
  shift 4
  log "$name"
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    rc=0
    /usr/bin/time -f "%M %U %S" -o "$work/usage" "$@" > /dev/null 2> "$work/stderr" || rc=$?
    t1=$(date +%s%N)
    if [ "$rc" -gt 1 ]; then
      log "$name failed ($rc): $(head -c 300 "$work/stderr")"
      return 1
    fi
    if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then
      best=$((t1 - t0)) usage=$(tail -n 1 "$work/usage")
    fi
  done
  row "$name" "$input" "$note" "$best" "$usage" "$*"
}
row() {
  python3 - "$@" >> "$results" <<'PY'
import json, os, sys
name, path, note, ns, usage, cmd = sys.argv[1:]
rss, user, system = usage.split()
replies = sum(1 for _ in open(path, "rb"))
print(json.dumps({"name": name, "input": os.path.basename(path), "bytes": os.path.getsize(path),
                  "replies": replies, "seconds": int(ns) / 1e9, "cpu_seconds": float(user) + float(system),
                  "rss_kb": int(rss), "note": note, "cmd": cmd}))
PY
}
# A Python tool times its own scoring loop; its RSS comes from GNU time.
measure_py() {
  local name=$1 note=$2
  shift 3
  log "$name"
  /usr/bin/time -f %M -o "$work/usage" "$@" > "$work/py.json"
  python3 - "$name" "$note" "$(tail -n 1 "$work/usage")" "$*" "$work/py.json" >> "$results" <<'PY'
import json, sys
name, note, rss, cmd, out = sys.argv[1:]
m = json.load(open(out))
print(json.dumps({"name": name, "input": "sample.txt", "bytes": m["bytes"], "replies": m["replies"],
                  "seconds": m["seconds"], "cpu_seconds": m["cpu_seconds"], "rss_kb": int(rss),
                  "note": note, "cmd": cmd}))
PY
}

jobs1=() jobs2=""
if "$eq" score --help | grep -q -- '--jobs'; then
  jobs1=(--jobs 1) jobs2=1
fi
one=(taskset -c 0)
measure "cat" "$replies" "reading speed" -- "${one[@]}" cat "$replies"
measure "eqscore --lines" "$replies" "1 core" -- "${one[@]}" "$eq" score "${jobs1[@]}" --lines --format jsonl "$replies"
measure "eqscore JSONL" "$corpus" "1 core; context + reply" -- "${one[@]}" "$eq" score "${jobs1[@]}" --format jsonl "$corpus"
measure "rg --no-unicode" "$replies" "1 core" -- "${one[@]}" "$rg" --no-unicode -j1 -c -i -f "$work/cues.nu.rg" "$replies"
measure "rg (Unicode)" "$replies" "1 core" -- "${one[@]}" "$rg" -j1 -c -i -f "$work/cues.u.rg" "$replies"
if [ -n "$jobs2" ]; then
  measure "eqscore --lines --jobs 2" "$replies" "2 cores" -- "$eq" score --jobs 2 --lines --format jsonl "$replies"
  measure "eqscore JSONL --jobs 2" "$corpus" "2 cores; context + reply" -- "$eq" score --jobs 2 --format jsonl "$corpus"
else
  log "eqscore score has no --jobs: no 2-core rows"
fi
measure_py "Python re" "1 core; first $sample replies" -- "${one[@]}" python3 bench/baselines.py re "$work/sample.txt" "$sample" "$work/cues.re.json"
measure_py "VADER" "1 core; first $sample replies" -- "${one[@]}" "$py" bench/baselines.py vader "$work/sample.txt" "$sample"

# Peak RSS against input size (with 2 workers when eqscore has --jobs).
par=()
[ -n "$jobs2" ] && par=(--jobs 2)
runs=1
measure "RSS 10 MB" "$small" "peak RSS" -- "$eq" score "${par[@]}" --format jsonl "$small"
measure "RSS ${mb} MB" "$corpus" "peak RSS" -- "$eq" score "${par[@]}" --format jsonl "$corpus"
if [ "$big" = 1 ]; then
  log "RSS 1 GB (streamed from the generator)"
  t0=$(date +%s%N)
  python3 bench/gen_corpus.py --mb 1000 \
    | /usr/bin/time -f "%M %U %S" -o "$work/usage" "$eq" score "${par[@]}" --format jsonl - > /dev/null || [ $? -eq 1 ]
  t1=$(date +%s%N)
  python3 - "$(tail -n 1 "$work/usage")" $((t1 - t0)) "${par[*]}" >> "$results" <<'PY'
import json, sys
usage, ns, par = sys.argv[1:]
rss, user, system = usage.split()
print(json.dumps({"name": "RSS 1 GB", "input": "1 GB piped from gen_corpus.py", "bytes": 10**9,
                  "replies": 0, "seconds": int(ns) / 1e9, "cpu_seconds": float(user) + float(system),
                  "rss_kb": int(rss),
                  "note": "peak RSS; streamed, time bound by the generator",
                  "cmd": f"python3 bench/gen_corpus.py --mb 1000 | eqscore score {par} --format jsonl -"}))
PY
fi

# One short reply from the command line: start-up, compile, score, exit.
reply="That sounds really hard."
printf '%s\n' "$reply" > "$work/one.txt"
latency=(
  "eqscore|$eq score --text '$reply'"
  "rg --no-unicode|$rg --no-unicode -c -i -f $work/cues.nu.rg $work/one.txt"
  "python + VADER|$py bench/baselines.py one-vader '$reply'"
  "python + re|python3 bench/baselines.py one-re $work/cues.re.json '$reply'"
)
for entry in "${latency[@]}"; do
  name=${entry%%|*} cmd=${entry#*|}
  log "latency: $name"
  if command -v hyperfine > /dev/null; then
    hyperfine -N -i --warmup 3 --runs 30 --export-json "$work/hf.json" "$cmd" > /dev/null 2>&1
  else
    python3 - "$cmd" "$work/hf.json" <<'PY'
import json, resource, shlex, statistics, subprocess, sys, time
cmd, out = shlex.split(sys.argv[1]), sys.argv[2]
times = []
for i in range(33):
    if i == 3:
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL); t = time.perf_counter() - t0
    if i >= 3: times.append(t)
cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
user, system = (cpu1.ru_utime - cpu0.ru_utime) / 30, (cpu1.ru_stime - cpu0.ru_stime) / 30
json.dump({"results": [{"median": statistics.median(times), "mean": statistics.mean(times),
                        "user": user, "system": system}]}, open(out, "w"))
PY
  fi
  python3 - "$name" "$cmd" "$work/hf.json" >> "$results" <<'PY'
import json, sys
name, cmd, out = sys.argv[1:]
r = json.load(open(out))["results"][0]
print(json.dumps({"latency": name, "median_ms": r["median"] * 1e3, "mean_ms": r["mean"] * 1e3,
                  "cpu_ms": (r["user"] + r["system"]) * 1e3, "cmd": cmd}))
PY
done

# Optional: real replies (data outside the repository).
real=${EQSCORE_REAL_DATA:-../shared/data}
if [ -f "$real/esconv.dev.jsonl" ]; then
  log "real data: bench/throughput.sh"
  bench/throughput.sh "$real" > "$work/real.txt" 2>&1 || true
else
  echo "no real data in $real" > "$work/real.txt"
fi

# 5. Report.
python3 bench/report.py --work "$work" --mb "$mb" --rg "$rg" --py "$py" --eqscore "$eq" --jobs "${jobs2:-0}" \
  > bench/RESULTS.md
log "wrote bench/RESULTS.md"
