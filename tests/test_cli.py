"""End to end through the `docket` command: build, re-run, export, bad input, a killed build resumed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CHECK_EXPORT, SEEDS
from fictional import jsonl_line, write_corpus


def docket(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docket", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The seeds built once, in one process, and exported."""
    out = tmp_path_factory.mktemp("seeds")
    db = out / "seeds.db"
    build = docket("build", str(SEEDS), "--db", str(db), "--workers", "1")
    export = out / "seeds.jsonl"
    exported = docket("export", "--db", str(db), "-o", str(export))
    assert exported.returncode == 0, exported.stderr
    return {"db": db, "build": build, "export": export, "dir": out}


def test_cli_build_seeds_prints_summary(seed_build):
    build = seed_build["build"]
    assert build.returncode == 0, build.stderr
    out = build.stdout
    assert "documents: 5 in the record (5 added, 0 already there)" in out
    assert "incidents:" in out and "killing" in out
    assert "statements:" in out and "top entities:" in out
    assert "rejected this run: 0" in out
    report = Path(out.split("report: ")[1].split()[0])
    assert report.is_file() and "<svg" in report.read_text(encoding="utf-8")


def test_cli_seed_export_passes_the_contract_checker(seed_build):
    check = subprocess.run(
        [sys.executable, str(CHECK_EXPORT), str(seed_build["export"])], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    assert "; 0 problems" in check.stdout


def test_cli_rebuild_changes_nothing(seed_build):
    db, export = seed_build["db"], seed_build["export"]
    again = docket("build", str(SEEDS), "--db", str(db), "--no-report")
    assert again.returncode == 0, again.stderr
    assert "(0 added, 5 already there)" in again.stdout
    second = Path(seed_build["dir"]) / "again.jsonl"
    docket("export", "--db", str(db), "-o", str(second))
    assert second.read_bytes() == Path(export).read_bytes()


def test_cli_export_is_identical_for_two_builds_serial_and_parallel(seed_build, tmp_path):
    db = tmp_path / "parallel.db"
    build = docket("build", str(SEEDS), "--db", str(db), "--workers", "2", "--quiet", "--no-report")
    assert build.returncode == 0, build.stderr
    assert build.stdout == ""  # --quiet
    export = tmp_path / "parallel.jsonl"
    docket("export", "--db", str(db), "-o", str(export))
    assert export.read_bytes() == Path(seed_build["export"]).read_bytes()


def test_cli_bad_input_is_named_and_the_rest_goes_on(tmp_path):
    corpus = tmp_path / "in"
    write_corpus(corpus, 2)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    (corpus / "feed.jsonl").write_text(
        jsonl_line(7) + "\n{not json\n" + json.dumps({"id": "no-text"}) + "\n" + jsonl_line(8) + "\n",
        encoding="utf-8",
    )
    (corpus / "big.txt").write_text("A long line about nothing in particular. " * 100, encoding="utf-8")
    db = tmp_path / "bad.db"
    build = docket("build", str(corpus), "--db", str(db), "--max-bytes", "3000")
    assert build.returncode == 1
    err = build.stderr
    for name in ("empty.txt", "picture.txt", "notes.pdf", "feed.jsonl:2", "feed.jsonl:3", "big.txt"):
        assert any(name in line and line.startswith("rejected: ") for line in err.splitlines()), (name, err)
    assert "documents: 4 in the record (4 added" in build.stdout  # 2 .txt + 2 good JSONL records
    assert "rejected this run: 6" in build.stdout
    export = tmp_path / "bad.jsonl"
    docket("export", "--db", str(db), "-o", str(export))
    kinds = [json.loads(line)["kind"] for line in export.read_text(encoding="utf-8").splitlines()]
    assert kinds.count("document") == 4 and kinds.count("rejection") == 6
    check = subprocess.run([sys.executable, str(CHECK_EXPORT), str(export)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_cli_killed_build_leaves_a_consistent_store_and_resumes(tmp_path):
    corpus = tmp_path / "in"
    write_corpus(corpus, 40)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "docket",
            "build",
            str(corpus),
            "--db",
            str(db),
            "--workers",
            "1",
            "--no-report",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stored = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
                    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored >= 5:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert 5 <= n_docs < 40
        # every stored document has its records: the fictional reports each yield entities and incidents
        bare = con.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.doc = d.id)"
        ).fetchone()[0]
        assert bare == 0
    resumed = docket("build", str(corpus), "--db", str(db), "--workers", "1", "--no-report")
    assert resumed.returncode == 0, resumed.stderr
    assert f"({40 - n_docs} added, {n_docs} already there)" in resumed.stdout
    fresh = tmp_path / "fresh.db"
    docket("build", str(corpus), "--db", str(fresh), "--no-report", "--quiet")
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    docket("export", "--db", str(db), "-o", str(a))
    docket("export", "--db", str(fresh), "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_cli_help_documents_every_command():
    out = docket("--help").stdout
    for command in ("build", "export", "stats", "report"):
        assert command in out
    assert "--max-bytes" in docket("build", "--help").stdout


def test_cli_export_without_database_is_a_clear_error(tmp_path):
    result = docket("export", "--db", str(tmp_path / "missing.db"))
    assert result.returncode == 2
    assert "no database at" in result.stderr
