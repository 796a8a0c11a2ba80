"""The README's screenshot: a page of the web app on the sample corpus, at 1366x768, in Debian's chromium.

    .venv/bin/python scripts/screenshot.py [--db DB] [--path /] [-o docs/screenshot.png]

Without --db it builds the seeds (`../shared/corpus/seeds`) with `docket build` into a temporary
database, as the README's command does. It then runs `docket serve` on a free loopback port (no users:
anyone on the machine may read), opens --path with Playwright driving /usr/bin/chromium
(`apt-get install chromium`; nothing is downloaded), writes the PNG and stops the server. The file must
stay under 300 KB so it can be committed.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
MAX_BYTES = 300_000


def docket(*args: str) -> list[str]:
    return [sys.executable, "-m", "docket", *args]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"docket serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"docket serve did not answer within {seconds:.0f} s")


def shoot(url: str, out: Path, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        page.wait_for_load_state("networkidle")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="database to serve [default: the seeds, built now]")
    ap.add_argument("--path", default="/", help="the page to shoot [default: the dashboard]")
    ap.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "screenshot.png")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    if not Path(args.chromium).is_file():
        raise SystemExit(f"no chromium at {args.chromium}: `apt-get install chromium`")
    with tempfile.TemporaryDirectory(prefix="docket-shot-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "docket.db"
            subprocess.run(docket("build", str(SEEDS), "--db", str(db), "--no-report", "-q"), check=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            docket("serve", "--db", str(db), "--port", str(port)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(base + "/login", proc)
            shoot(base + args.path, args.output, args.chromium)
        finally:
            proc.terminate()
            proc.wait(10)
    size = args.output.stat().st_size
    print(f"{args.output}: {size:,} bytes")
    if size > MAX_BYTES:
        raise SystemExit(f"{args.output} is over {MAX_BYTES:,} bytes: shoot a lighter page")


if __name__ == "__main__":
    main()
