#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (git-ignored) with seeds from the repository:
# rubrics for the rubric targets, replies for the scorer, transcripts for
# the readers. Run once before `cargo +nightly fuzz run <target>`.
set -euo pipefail
cd "$(dirname "$0")"
root=..

mkdir -p corpus/rubric_json corpus/rubric_structured corpus/score_builtin corpus/transcript corpus/template

# Whole rubrics, broken ones included: their errors are the paths to cover.
for file in "$root"/rubrics/*.json "$root"/tests/broken/*.json "$root"/tests/fixtures/*.json; do
  cp "$file" "corpus/rubric_json/seed-$(basename "$file")"
done

# Transcripts as they are (files only: samples/templates/ is a directory).
for file in "$root"/samples/* "$root"/tests/fixtures/*.jsonl; do
  if [ -f "$file" ]; then cp "$file" "corpus/transcript/seed-$(basename "$file")"; fi
done

# Prompt templates, every kind: the target reads each seed as all of them.
for file in "$root"/samples/templates/*; do
  cp "$file" "corpus/template/seed-$(basename "$file")"
done

# One reply per file (and its context after a NUL byte), from the samples'
# JSONL records and the built-in rubric's examples.
python3 - "$root" <<'PY'
import json, pathlib, sys
root = pathlib.Path(sys.argv[1])
out = pathlib.Path("corpus/score_builtin")
replies = []
for path in sorted((root / "samples").glob("*.jsonl")):
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        reply = record.get("reply")
        if isinstance(reply, str):
            replies.append((reply, record.get("context")))
rubric = json.loads((root / "rubrics/empathy.json").read_text(encoding="utf-8"))
for criterion in rubric["criteria"]:
    for kind in ("match", "no_match"):
        for example in criterion.get("examples", {}).get(kind, []):
            if isinstance(example, str):
                replies.append((example, None))
            else:
                replies.append((example["reply"], example.get("context")))
for case in rubric.get("cases", []):
    replies.append((case["reply"], case.get("context")))
for i, (reply, context) in enumerate(replies):
    data = reply.encode("utf-8")
    if context:
        data += b"\0" + context.encode("utf-8")
    (out / f"seed-{i:04}").write_bytes(data)
print(f"score_builtin: {len(replies)} seeds")
PY
ls corpus/* -d | while read -r dir; do echo "$dir: $(ls "$dir" | wc -l) files"; done
