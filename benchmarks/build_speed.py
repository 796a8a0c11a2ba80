"""Build speed and peak memory: the seeds, then N seed-like documents, beside a bare `nlp.pipe`.

    .venv/bin/python benchmarks/build_speed.py [--docs 1000] [--workers 2] [--seeds ../shared/corpus/seeds]

Each replica is a seed with a numbered line appended, so its bytes (and id) differ and every one is
really processed. Prints wall time, documents and words per second, the peak memory of the build
process tree, and the ratio of docket's whole build to a bare `nlp.pipe` of the same pipeline over
the same texts with the same number of processes, measured in this run.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build(paths: list[Path], db: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `docket build` in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    cmd = [
        sys.executable,
        "-m",
        "docket",
        "build",
        *map(str, paths),
        "--db",
        str(db),
        "--workers",
        str(workers),
    ]
    subprocess.run([*cmd, "--quiet", "--no-report"], check=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux, max over children
    return seconds, max(peak, before) / 1024


def bare_pipe(texts: list[str], workers: int) -> float:
    """Seconds for the same spaCy pipeline over the same texts, nothing else, in a fresh process."""
    code = (
        "import sys, time, json; from docket import nlp; n = nlp.load(); texts = json.load(sys.stdin);"
        f"t = time.perf_counter(); [d for d in n.pipe(texts, n_process={workers}, batch_size=16)];"
        "print(time.perf_counter() - t)"
    )
    import json

    out = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True
    )
    out.check_returncode()
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "corpus" / "seeds")
    args = ap.parse_args()
    seeds = sorted(args.seeds.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        seconds, peak = build(seeds, tmpdir / "seeds.db", 1)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in seeds)
        print(
            f"seeds: {len(seeds)} documents, {words} words: "
            f"{seconds:.1f} s wall (with start-up), peak {peak:.0f} MiB"
        )

        corpus = tmpdir / "corpus"
        corpus.mkdir()
        texts = []
        for i in range(args.docs):
            text = seeds[i % len(seeds)].read_text(encoding="utf-8") + f"\n\nReplica {i}.\n"
            (corpus / f"doc_{i:05d}.txt").write_text(text, encoding="utf-8")
            texts.append(text)
        words = sum(len(t.split()) for t in texts)
        seconds, peak = build([corpus], tmpdir / "many.db", args.workers)
        print(
            f"{args.docs} documents, {words} words, {args.workers} workers: {seconds:.1f} s wall, "
            f"{args.docs / seconds:.2f} docs/s, {words / seconds:.0f} words/s, "
            f"peak {peak:.0f} MiB (largest process)"
        )
        bare = bare_pipe(texts, args.workers)
        print(
            f"bare nlp.pipe, same texts, n_process={args.workers}: {bare:.1f} s ({words / bare:.0f} words/s)"
        )
        print(f"ratio docket build / bare nlp.pipe: {seconds / bare:.2f}")


if __name__ == "__main__":
    main()
