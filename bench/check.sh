#!/usr/bin/env bash
# Time of `eqscore check` on 200 generated template files (50 each of JSON,
# YAML, prompty and Markdown, 4 examples each, varied replies), start-up
# (compiling the rubric) included, with the release binary.
#
#   bench/check.sh [FILES] [RUNS]
#
# Uses hyperfine when it is installed, else a timed loop. On a shared machine
# read the user+system time as well as the wall time: waiting for a core
# inflates the latter.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-200}
runs=${2:-10}
cargo build --release --quiet
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target=$PWD/$target ;; esac
bin=$target/release/eqscore
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$files" <<'PY'
import json, random, sys
out, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
users = ["My friend cancelled on me again.", "I failed my exam and I feel awful.",
         "How do I reset my password?", "My dog is sick and I'm scared.", "我今天被老板骂了，好难过。"]
replies = ["That sounds really disappointing. Do you want to talk about it? You could tell her how you feel, or plan something else.",
           "Just get over it, it's not a big deal.", "Click 'Forgot password' on the login page.",
           "I'm so sorry, {{ name }}. That must be frightening. What did the vet say?",
           "Stop whining and study harder.", "听起来你很难过。你愿意说说发生了什么吗？", "Whatever."]
def turns():
    return [(random.choice(users), random.choice(replies) + " " + str(random.random())) for _ in range(4)]
for i in range(n):
    kind = i % 4
    t = turns()
    if kind == 0:
        msgs = [m for u, a in t for m in ({"role": "user", "content": u}, {"role": "assistant", "content": a})]
        open(f"{out}/t{i}.json", "w").write(json.dumps({"model": "x", "messages": msgs}, ensure_ascii=False, indent=2))
    elif kind == 1:
        body = "".join(f"  - role: user\n    content: {json.dumps(u, ensure_ascii=False)}\n  - role: assistant\n    content: {json.dumps(a, ensure_ascii=False)}\n" for u, a in t)
        open(f"{out}/t{i}.yaml", "w").write("messages:\n" + body)
    elif kind == 2:
        body = "".join(f"user:\n{u}\n\nassistant:\n{a}\n\n" for u, a in t)
        open(f"{out}/t{i}.prompty", "w").write(f"---\nname: t{i}\n---\nsystem:\nYou help.\n\n{body}")
    else:
        body = "".join(f"User: {u}\nAssistant: {a}\n\n" for u, a in t)
        open(f"{out}/t{i}.md", "w").write(f"# Prompt {i}\n\n{body}")
PY
echo "$files files in $dir ($(du -sh "$dir" | cut -f1))"
"$bin" check --isolated "$dir" | tail -1 || true
if command -v hyperfine >/dev/null; then
  # The second command is start-up alone: compiling the rubric, one small file.
  hyperfine --warmup 2 --runs "$runs" -i -N "$bin check --isolated $dir" "$bin check --isolated $dir/t0.json"
else
  start=$(date +%s.%N)
  for _ in $(seq "$runs"); do "$bin" check --isolated "$dir" >/dev/null || true; done
  end=$(date +%s.%N)
  python3 -c "print(f'mean over $runs runs: {($end - $start) / $runs * 1000:.1f} ms')"
  start=$(date +%s.%N)
  for _ in $(seq "$runs"); do "$bin" check --isolated "$dir/t0.json" >/dev/null || true; done
  end=$(date +%s.%N)
  python3 -c "print(f'one file (start-up): {($end - $start) / $runs * 1000:.1f} ms')"
fi
