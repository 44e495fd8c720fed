#!/usr/bin/env python3
"""The benchmark's helpers and Python baselines (standard library, plus vaderSentiment for `vader`).

    baselines.py extract CORPUS.jsonl OUT.txt        one reply per line (line breaks become spaces)
    baselines.py rg-patterns CUES.rg RG OUT.rg [--unicode]  make the cues parse in `rg --no-unicode`
    baselines.py re-patterns CUES.json OUT.json      translate the cues to Python `re`
    baselines.py re REPLIES.txt N RE.json            time a Python `re` scorer on the first N replies
    baselines.py vader REPLIES.txt N                 time vaderSentiment on the first N replies
    baselines.py one-re RE.json TEXT                 start, compile the cues, score one reply (latency)
    baselines.py one-vader TEXT                      start, load VADER, score one reply (latency)

Timed commands print one JSON object: {"replies", "bytes", "seconds", "cpu_seconds"} (the scoring
loop only).
"""

import json
import re
import subprocess
import sys
import tempfile
import time

# Unicode script classes the cues use, as Python `re` ranges.
HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]"


def extract(corpus, out):
    """Replies only, one per line, for the line-oriented tools."""
    with open(corpus, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            reply = json.loads(line)["reply"]
            dst.write(" ".join(reply.splitlines()) + "\n")


def rg_parses(rg, pattern, mode):
    with tempfile.NamedTemporaryFile("w", suffix=".rg", encoding="utf-8") as f:
        f.write(pattern + "\n")
        f.flush()
        run = subprocess.run([rg, mode, "-i", "-c", "-f", f.name, "/dev/null"], capture_output=True)
        return run.returncode != 2


def outside_classes(pattern, old, new):
    """Replaces the escape `old` where it is not inside a [...] class."""
    out, i, depth = [], 0, 0
    while i < len(pattern):
        if pattern[i] == "\\":
            piece = pattern[i:i + 2]
            out.append(new if piece == old and depth == 0 else piece)
            i += 2
            continue
        depth += {"[": 1, "]": -1}.get(pattern[i], 0) if depth or pattern[i] == "[" else 0
        out.append(pattern[i])
        i += 1
    return "".join(out)


def rg_patterns(cues, rg, out, mode="--no-unicode"):
    """Makes every cue parse in `rg --no-unicode` (or `rg --unicode`), and counts the changes.

    rg refuses non-ASCII classes and \\p{...} without Unicode mode (such a cue
    gets `(?u:...)`), and a literal \\n, which never occurs in one line of
    text (it becomes the empty class [^\\s\\S]).
    """
    patterns = open(cues, encoding="utf-8").read().splitlines()
    counts = {"patterns": len(patterns), "unicode_mode": 0, "no_newline": 0}
    with open(out, "w", encoding="utf-8") as dst:
        for p in patterns:
            if not rg_parses(rg, p, mode):
                one_line = outside_classes(p, "\\n", "[^\\s\\S]")
                if one_line != p:
                    p = one_line
                    counts["no_newline"] += 1
                if not rg_parses(rg, p, mode):
                    p = f"(?u:{p})"
                    counts["unicode_mode"] += 1
                if not rg_parses(rg, p, mode):
                    sys.exit(f"baselines.py: rg cannot parse {p[:80]}")
            dst.write(p + "\n")
    print(json.dumps(counts))


def to_python(pattern):
    """Rust regex syntax (as `eqscore rubric patterns` writes it) to Python `re`.

    Returns (source, flags). The outer (?i:...)/(?-i:...) becomes a flag, so
    that inline global flags such as (?s) stand at the start as Python wants.
    """
    flags = 0
    if pattern.startswith("(?i:"):
        body, flags = pattern[4:-1], re.IGNORECASE
    elif pattern.startswith("(?-i:"):
        body = pattern[5:-1]
    else:
        body = pattern
    body = body.replace(r"(?-u:\b)", r"(?a:\b)")  # eqscore's word boundaries are ASCII
    body = body.replace(r"\p{Han}", HAN).replace(r"\z", r"\Z")
    return body, flags


def re_patterns(cues, out):
    records = json.load(open(cues, encoding="utf-8"))
    translated, rows = 0, []
    for r in records:
        source, flags = to_python(r["pattern"])
        re.compile(source, flags)  # fails loudly if a construct is not translated
        plain = r["pattern"][4 if flags else 5:-1]
        translated += source != plain
        rows.append({"criterion": r["criterion"], "cue": r["cue"], "source": source, "flags": flags})
    json.dump(rows, open(out, "w", encoding="utf-8"), ensure_ascii=False)
    print(json.dumps({"patterns": len(rows), "translated": translated}))


def compile_cues(path):
    return [(r["criterion"], re.compile(r["source"], r["flags"])) for r in json.load(open(path))]


def re_score(cues, reply):
    """Criteria with at least one cue found: what the `re` scorer reports."""
    return {criterion for criterion, regex in cues if regex.search(reply)}


def first_lines(path, n):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for _, line in zip(range(n), f)]


def timed(replies, score):
    start, cpu = time.perf_counter(), time.process_time()
    for reply in replies:
        score(reply)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    size = sum(len(r.encode()) + 1 for r in replies)
    print(json.dumps({"replies": len(replies), "bytes": size, "seconds": seconds, "cpu_seconds": cpu}))


def vader_analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer()


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "extract":
        extract(*args)
    elif command == "rg-patterns":
        rg_patterns(*args)
    elif command == "re-patterns":
        re_patterns(*args)
    elif command == "re":
        cues = compile_cues(args[2])
        timed(first_lines(args[0], int(args[1])), lambda reply: re_score(cues, reply))
    elif command == "vader":
        analyzer = vader_analyzer()
        timed(first_lines(args[0], int(args[1])), analyzer.polarity_scores)
    elif command == "one-re":
        print(sorted(re_score(compile_cues(args[0]), args[1])))
    elif command == "one-vader":
        print(vader_analyzer().polarity_scores(args[0]))
    else:
        sys.exit(f"baselines.py: unknown command {command}")


if __name__ == "__main__":
    main(sys.argv)
