"""One Markdown table row per criterion of an `eqscore calibrate --format json` report (stdin)."""
import json
import sys


def fmt(value):
    return "-" if value is None else f"{value:.3f}"


def main():
    set_name = sys.argv[1]
    report = json.load(sys.stdin)
    for c in report["criteria"]:
        if c["n"] == 0:
            continue
        cells = [set_name, c["id"], c["n"], c["positives"], c["fired"],
                 fmt(c["precision"]), fmt(c["recall"]), fmt(c["f1"]), fmt(c["kappa"])]
        print("| " + " | ".join(str(cell) for cell in cells) + " |")


main()
