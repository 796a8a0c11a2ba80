"""Runs every `docket eval` on its development split and prints the figures as a markdown table.

    .venv/bin/python benchmarks/accuracy_table.py [--workers 2] [--only hrdsattack,polnear]

This is what docs/accuracy.md's tables are pasted from: one run, every figure beside its baseline.
"""

from __future__ import annotations

import argparse

from docket.eval import DATASETS, evaluate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only", default="", help="comma-separated dataset names (default: all)")
    args = ap.parse_args()
    names = [n for n in args.only.split(",") if n] or list(DATASETS)
    for name in names:
        report = evaluate(name, workers=args.workers)
        print(f"\n### {name} ({report.split}, {report.documents} documents, {report.seconds:.0f} s)\n")
        print(f"`docket eval {name}`\n")
        print("| metric | docket | baseline | n |")
        print("|---|---:|---|---:|")
        for m in report.metrics:
            base = f"{m.baseline:.2f} ({m.baseline_name})" if m.baseline is not None else ""
            print(f"| {m.name} | {m.value:.2f} | {base} | {m.support if m.support is not None else ''} |")
        for note in report.notes:
            print(f"\n- {note}", end="")
        print()


if __name__ == "__main__":
    main()
