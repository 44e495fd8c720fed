#!/usr/bin/env python3
"""Times eqscore from Python against the CLI and VADER; see bench/python.sh.

Every row scores the first N lines of the same file. CPU seconds are the
process's user + system time (all threads), the figure that holds up on a
loaded machine; wall seconds are given too. The CLI's time includes reading
the file and writing JSONL; score_many's includes building the Python result
objects, not reading the file.
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best(runs, fn):
    """The run with the least CPU time: (wall, cpu)."""
    return min((fn() for _ in range(runs)), key=lambda r: r[1])


def cli_row(cli, path, jobs):
    def run():
        cpu, start = children_cpu(), time.perf_counter()
        done = subprocess.run([cli, "score", "--jobs", str(jobs), "--lines", "--format", "jsonl", path],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if done.returncode > 1:
            sys.exit(f"eqscore failed: {done.stderr.decode()[:300]}")
        return time.perf_counter() - start, children_cpu() - cpu
    return run


def py_row(fn):
    def run():
        cpu, start = time.process_time(), time.perf_counter()
        fn()
        return time.perf_counter() - start, time.process_time() - cpu
    return run


def startup(runs):
    """CPU-time medians over fresh interpreters: import, first Scorer(), its first score()."""
    code = ("import time; t0 = time.process_time(); import eqscore; t1 = time.process_time(); "
            "s = eqscore.Scorer(); t2 = time.process_time(); s.score('That sounds really hard.'); "
            "t3 = time.process_time(); print(t1 - t0, t2 - t1, t3 - t2)")
    times = [tuple(map(float, subprocess.check_output([sys.executable, "-c", code]).split()))
             for _ in range(max(runs, 11))]
    return tuple(statistics.median(t[i] for t in times) for i in range(3))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--replies-file", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--replies", type=int, default=100_000)
    ap.add_argument("--vader", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    import eqscore
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    with open(args.replies_file, encoding="utf-8") as f:
        replies = [line.rstrip("\n") for _, line in zip(range(args.replies), f)]
    if len(replies) < args.replies:
        sys.exit(f"only {len(replies)} replies in {args.replies_file}")
    path = os.path.join(os.path.dirname(args.replies_file), f"first-{len(replies)}.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(r + "\n" for r in replies)
    size = os.path.getsize(path)
    scorer = eqscore.Scorer()
    analyzer = SentimentIntensityAnalyzer()
    vader = replies[: args.vader]

    rows = []
    for jobs in (1, 2):
        rows.append((f"CLI `eqscore score --jobs {jobs} --lines --format jsonl`", len(replies), jobs,
                     best(args.runs, cli_row(args.cli, path, jobs))))
        rows.append((f"Python `Scorer().score_many(replies, jobs={jobs})`", len(replies), jobs,
                     best(args.runs, py_row(lambda j=jobs: scorer.score_many(replies, jobs=j)))))
    rows.append(("Python `[scorer.score(r) for r in replies]`", len(replies), 1,
                 best(args.runs, py_row(lambda: [scorer.score(r) for r in replies]))))
    rows.append(("Python vaderSentiment `polarity_scores` loop", len(vader), 1,
                 best(args.runs, py_row(lambda: [analyzer.polarity_scores(r) for r in vader]))))
    write(args, rows, size, len(replies), startup(args.runs))


def write(args, rows, size, n, start):
    import_s, scorer_s, first_s = start
    per = {name: count / cpu for name, count, _, (_, cpu) in rows}
    cli1 = per[rows[0][0]]
    vader = per[rows[-1][0]]
    load = open("/proc/loadavg").read().split()[:3]
    lines = [
        "# eqscore from Python: benchmark",
        "",
        f"`bench/python.sh` on {platform.machine()}, {os.cpu_count()} cores, load {' '.join(load)} (shared machine), "
        f"Python {platform.python_version()}. Input: the first {n:,} replies of `bench/gen_corpus.py --mb 25` "
        f"(seed 7), one per line, {size / 1e6:.1f} MB; VADER on the first {args.vader:,}. Best of {args.runs} runs by CPU time.",
        "",
        "| what | replies | threads | wall s | CPU s | replies/s | replies/CPU-s | ÷ CLI --jobs 1 (per CPU-s) | × VADER (per CPU-s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, count, jobs, (wall, cpu) in rows:
        rate = count / cpu
        lines.append(f"| {name} | {count:,} | {jobs} | {wall:.2f} | {cpu:.2f} | {count / wall:,.0f} | {rate:,.0f} | "
                     f"{rate / cli1:.2f} | {rate / vader:.2f} |")
    lines += [
        "",
        f"Start-up, CPU time, median of {max(args.runs, 11)} fresh interpreters: `import eqscore` {import_s * 1000:.1f} ms, "
        f"first `eqscore.Scorer()` (compiles the built-in rubric) {scorer_s * 1000:.1f} ms, its first "
        f"`score()` {first_s * 1000:.1f} ms (builds the span and scope regexes it needs); later `Scorer()` "
        "calls in the same process, with or without `threshold=`, reuse the compiled built-in rubric.",
        "",
        "CPU s: user + system time of the process, all threads; the CLI's includes reading the file and "
        "writing JSONL, score_many's includes building the Python result objects.",
        "",
    ]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
