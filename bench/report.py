#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the measurements bench/run.sh left in target/bench."""

import argparse
import collections
import datetime
import json
import os
import platform
import subprocess
import zlib


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def machine(args):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
    dirty = " (uncommitted changes)" if sh("git", "status", "--porcelain", "--untracked-files=no") else ""
    vader = sh(args.py, "-c", "import importlib.metadata as m; print(m.version('vaderSentiment'))")
    return [
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("eqscore", f"{sh(args.eqscore, '--version')}, commit {sh('git', 'rev-parse', '--short', 'HEAD')}{dirty}"),
        ("CPU", f"{cpu}, {os.cpu_count()} cores (`nproc`: {sh('nproc')})"),
        ("memory", f"{int(mem) / 2**20:.1f} GiB"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("load average (1, 5, 15 min) at start / end",
         f"{open(os.path.join(args.work, 'load-start')).read().strip()} / "
         f"{' '.join(open('/proc/loadavg').read().split()[:3])}"),
        ("rustc", sh("rustc", "--version")),
        ("ripgrep", sh(args.rg, "--version").splitlines()[0]),
        ("Python", f"{platform.python_version()}, vaderSentiment {vader}"),
        ("hyperfine", sh("hyperfine", "--version") or "not installed (Python timing loop)"),
    ]


def corpus_facts(work, mb):
    replies_path = os.path.join(work, f"replies-{mb}mb.txt")
    counts = collections.Counter(hash(line) for line in open(replies_path, "rb"))
    sizes = {}
    for line in open(replies_path, "rb"):
        sizes.setdefault(hash(line), len(line))
    n = sum(counts.values())
    repeated = sum(sizes[h] * (c - 1) for h, c in counts.items() if c > 1)
    head = open(os.path.join(work, "corpus-10mb.jsonl"), "rb").read()
    return {
        "replies": n,
        "distinct": len(counts) / n,
        "repeated_bytes": repeated / os.path.getsize(replies_path),
        "gzip": len(head) / len(zlib.compress(head, 6)),
        "corpus_mb": os.path.getsize(os.path.join(work, f"corpus-{mb}mb.jsonl")) / 1e6,
        "replies_mb": os.path.getsize(replies_path) / 1e6,
    }


def mb(row):
    return row["bytes"] / 1e6


def per_second(row):
    return row["replies"] / row["seconds"]


def per_cpu_second(row):
    return row["replies"] / max(row["cpu_seconds"], 1e-3)


def throughput(rows, base):
    out = ["| tool | input | replies | MB | wall s | CPU s | MB/s | replies/s | replies/CPU-s | peak RSS "
           "| eqscore ÷ tool | note |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        one_core = r["name"] != "cat" and "2 cores" not in r["note"]
        ratio = f"{per_cpu_second(base) / per_cpu_second(r):.3g}×" if one_core else ""
        out.append(f"| {r['name']} | {r['input']} | {r['replies']:,} | {mb(r):.1f} | {r['seconds']:.2f} "
                   f"| {r['cpu_seconds']:.2f} | {mb(r) / r['seconds']:.2f} | {per_second(r):,.0f} "
                   f"| {per_cpu_second(r):,.0f} | {r['rss_kb'] / 1024:.1f} MB | {ratio} | {r['note']} |")
    return out


def targets(by, lat, jobs):
    base = by["eqscore --lines"]
    ratio = lambda name: per_cpu_second(base) / per_cpu_second(by[name]) if name in by else None
    rows = [
        ("1 core ≥ 1.0× `rg --no-unicode -c -i -f cues` (per CPU-s)", ratio("rg --no-unicode"), 1.0, "{:.3g}×"),
        ("1 core ≥ 100× vaderSentiment (per CPU-s)", ratio("VADER"), 100, "{:.3g}×"),
        ("1 core ≥ 500× Python `re` (per CPU-s)", ratio("Python re"), 500, "{:.3g}×"),
    ]
    if jobs and "eqscore --lines --jobs 2" in by:
        two = per_second(by["eqscore --lines --jobs 2"]) / per_second(base)
        rows.append(("2 cores ≥ 1.8× 1 core (`--jobs 2`, wall time)", two, 1.8, "{:.2f}×"))
    rss = {k: v["rss_kb"] / 1024 for k, v in by.items() if k.startswith("RSS")}
    big = next((k for k in rss if k != "RSS 10 MB" and k.startswith("RSS") and "1 GB" not in k), None)
    if big:
        rows.append((f"peak RSS ≤ 64 MB ({'2 workers' if jobs else 'no --jobs yet'}, {big[4:]})", rss[big], 64,
                     "{:.1f} MB", True))
    if "RSS 1 GB" in rss:
        growth = rss["RSS 1 GB"] / rss["RSS 10 MB"] - 1
        rows.append(("peak RSS flat within 10% (10 MB → 1 GB)", growth * 100, 10, "{:+.1f}%", True))
    if "eqscore" in lat:
        rows.append(("one reply ≤ 10 ms median (wall)", lat["eqscore"]["median_ms"], 10, "{:.1f} ms", True))
    out = ["| target | measured | met |", "|---|---:|:---:|"]
    for target, value, bound, fmt, *upper in rows:
        if value is None:
            out.append(f"| {target} | not measured | |")
            continue
        met = value <= bound if upper else value >= bound
        out.append(f"| {target} | {fmt.format(value)} | {'yes' if met else '**no**'} |")
    if not jobs:
        out.append("| 2 cores ≥ 1.8× 1 core (`--jobs 2`) | `eqscore score` has no `--jobs` yet: skipped | |")
    return out


def main():
    p = argparse.ArgumentParser()
    for flag in ("--work", "--mb", "--rg", "--py", "--eqscore", "--jobs"):
        p.add_argument(flag, required=True)
    args = p.parse_args()
    records = [json.loads(l) for l in open(os.path.join(args.work, "results.jsonl"))]
    rows = [r for r in records if "name" in r]
    by = collections.OrderedDict((r["name"], r) for r in rows)
    lat = {r["latency"]: r for r in records if "latency" in r}
    jobs = args.jobs == "1"
    facts = corpus_facts(args.work, args.mb)
    adapt = json.load(open(os.path.join(args.work, "rg-adapt.json")))
    translate = json.load(open(os.path.join(args.work, "re-translate.json")))
    real = open(os.path.join(args.work, "real.txt")).read().strip()
    L = ["# Benchmark results", "",
         "Written by `bench/run.sh` (one command; see the top of that file). Figures depend on the machine",
         "and on its load: this one is shared (see the load average), so differences under ~10% are noise.",
         ""]
    L += ["## Machine", "", "| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in machine(args)] + [""]
    L += ["## Corpus", "",
          f"`bench/gen_corpus.py --mb {args.mb}` (seed 7): {facts['corpus_mb']:.1f} MB of JSONL, "
          f"{facts['replies']:,} replies ({facts['replies_mb']:.1f} MB as one reply per line), about 70% English "
          "and 30% Chinese; empathetic replies, advice, questions, curt dismissals, aggressive drafts and "
          f"technical answers. Distinct replies: {facts['distinct']:.1%} (the repeats are short replies without "
          f"a slot to fill, such as \"Ok.\" or \"滚。\": {facts['repeated_bytes']:.1%} of the bytes); gzip ratio "
          f"{facts['gzip']:.1f} on the first 10 MB.", ""]
    L += ["## Throughput", "",
          "Every row scores the same replies. MB/s counts the input file's bytes; compare tools by "
          "replies/s. CPU s is user + system time: on a loaded machine wall time stretches with the load "
          "and CPU time much less, so \"eqscore ÷ tool\" (and the targets below) divide the replies per "
          "CPU-second of `eqscore --lines` on one core by the tool's. The Python rows time their scoring "
          "loop only, on the first replies (see note).", ""]
    L += throughput(rows_for(rows, "throughput"), by["eqscore --lines"]) + [""]
    L += ["## Targets", ""] + targets(by, lat, jobs) + [""]
    L += ["Where the time and memory go, what was tried, and what would meet the targets: "
          "[PROFILE.md](PROFILE.md).", ""]
    L += ["## Peak RSS against input size", "", "| input | peak RSS | wall s | CPU s |", "|---|---:|---:|---:|"]
    L += [f"| {r['input']} | {r['rss_kb'] / 1024:.1f} MB | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} |"
          for r in rows_for(rows, "rss")]
    L += ["", "The 1 GB run streams the generator's output through a pipe (no repeated chunks); its time is "
          "bound by the generator.", ""]
    L += ["## One reply from the command line", "", "| command | median (wall) | mean (wall) | mean CPU |",
          "|---|---:|---:|---:|"]
    L += [f"| {k} | {v['median_ms']:.1f} ms | {v['mean_ms']:.1f} ms | {v['cpu_ms']:.1f} ms |"
          for k, v in lat.items()]
    L += ["", "hyperfine -N --warmup 3 --runs 30 (or a Python loop of 30 runs); start-up, loading the cues, "
          "scoring \"That sounds really hard.\" and exit.", ""]
    L += ["## The cues as patterns", "",
          f"`eqscore rubric patterns` exports {adapt['patterns']} cues. For `rg --no-unicode`, "
          f"{adapt['unicode_mode']} cues (non-ASCII classes such as `[，。！？]`, `\\p{{Han}}`) are wrapped in "
          f"`(?u:...)` and {adapt['no_newline']} has its literal `\\n` (never present in one line) replaced by "
          f"an empty class; the others are used as exported. For Python `re`, {translate['translated']} of "
          f"{translate['patterns']} were translated (`(?-u:\\b)` → `(?a:\\b)`, `\\p{{Han}}` → a range, the "
          "outer `(?i:...)` → `re.IGNORECASE`); the `re` scorer searches every cue in every reply.", ""]
    L += ["## Real replies (optional, `bench/throughput.sh`)", "", "```", real, "```", ""]
    L += ["## Commands", "", "```sh"] + [r["cmd"] for r in records] + ["```"]
    print("\n".join(L))


def rows_for(rows, kind):
    rss = [r for r in rows if r["name"].startswith("RSS")]
    return rss if kind == "rss" else [r for r in rows if r not in rss]


if __name__ == "__main__":
    main()
