#!/usr/bin/env bash
# End-to-end check of .pre-commit-hooks.yaml with the real pre-commit tool.
#
# Not part of `cargo test`: it needs PyPI and `language: rust` makes
# pre-commit `cargo install` this repository (minutes). Run by hand:
#
#     bash tests/e2e/pre-commit.sh
#
# It installs pre-commit into a venv under target/, makes a git repository
# in a temp dir with a few templates, runs `pre-commit try-repo` against this
# repository's committed HEAD, expects a failure on a curt few-shot example,
# fixes the example and expects a pass.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
venv="${CARGO_TARGET_DIR:-$repo/target}/pre-commit-venv"
[ -x "$venv/bin/pre-commit" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q pre-commit; }
"$venv/bin/pre-commit" --version

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q
git config user.email e2e@eqscore.invalid
git config user.name eqscore-e2e
mkdir prompts
cat > prompts/few-shot.yaml <<'YAML'
messages:
  - role: user
    content: I lost my job today and I don't know what to do.
  - role: assistant
    content: Just get over it, it's not a big deal.
YAML
cat > prompts/support.prompty <<'PROMPTY'
---
name: Support
---
system:
You are a caring assistant.

user:
{{question}}
PROMPTY
git add -A

echo "== with the curt example: expect failure"
if "$venv/bin/pre-commit" try-repo "$repo" eqscore --all-files; then
    echo "FAIL: the hook passed on a curt example" >&2
    exit 1
fi

echo "== after the fix: expect success"
cat > prompts/few-shot.yaml <<'YAML'
messages:
  - role: user
    content: I lost my job today and I don't know what to do.
  - role: assistant
    content: That sounds really hard, and it's understandable to feel lost. Do you want to talk about what happened? You could also make a short list of next steps together.
YAML
git add -A
"$venv/bin/pre-commit" try-repo "$repo" eqscore --all-files
echo "OK: pre-commit fails on the curt example and passes after the fix"
