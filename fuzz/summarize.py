#!/usr/bin/env python3
"""Summarizes libFuzzer logs (fuzz/logs/*.log) as the Markdown rows of
docs/robustness.md's "Runs" table: time, executions, exec/s, edge coverage
and features at start (INITED) and end, corpus, crashes, and how far into
the run coverage last grew (a plateau check).

    fuzz/summarize.py fuzz/logs/score_builtin.log fuzz/logs/template.log
"""

import pathlib
import re
import sys

LINE = re.compile(r"#(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+) corp: (\d+)/")


def summarize(path: pathlib.Path) -> str:
    lines = path.read_text(errors="replace").splitlines()
    points = [tuple(m.groups()) for m in map(LINE.match, lines) if m]
    if not points:
        return f"| `{path.stem}` | no progress lines | | | | | | |"
    start = next((p for p in points if p[1] == "INITED"), points[0])
    end = points[-1]
    stats = dict(re.findall(r"stat::(\w+):\s+(\d+)", "\n".join(lines)))
    time = re.findall(r"Done \d+ runs in (\d+) second", "\n".join(lines))
    crashes = sum("==ERROR" in l or "crash-" in l for l in lines)
    covs = [(int(n), int(c)) for n, _, c, _, _ in points]
    total = covs[-1][0] or 1
    grew = [n for (n, c), (_, c0) in zip(covs[1:], covs) if c > c0]
    at = lambda share: max([c for n, c in covs if n <= share * total] or [0])
    last = f"{grew[-1] / total:.0%}" if grew else "-"
    quarter = at(1.0) - at(0.75)
    return (
        f"| `{path.stem}` | {time[0] if time else '?'} s | {int(stats.get('number_of_executed_units', end[0])):,} "
        f"| {stats.get('average_exec_per_sec', '?')} | {int(start[2]):,} → {int(end[2]):,} "
        f"| {int(start[3]):,} → {int(end[3]):,} | {int(start[4]):,} → {int(end[4]):,} "
        f"| +{quarter:,} edges in the last quarter; last new edge at {last} of the executions | {crashes} |"
    )


if __name__ == "__main__":
    print("| target | time | executions | exec/s | cov start → end | ft start → end | corpus | plateau | crashes |")
    print("|---|---|---|---|---|---|---|---|---|")
    for arg in sys.argv[1:]:
        print(summarize(pathlib.Path(arg)))
