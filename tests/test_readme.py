"""The README's two commands are the project's contract with a fresh machine: CI must run the second."""

from __future__ import annotations

import re

from conftest import REPO


def _commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)[:2]


def test_readme_opens_with_build_and_test_commands():
    build, test = _commands()
    assert "docket build ../shared/corpus/seeds" in build
    assert "pytest" in test


def test_readme_ci_runs_the_readme_test_command_verbatim():
    _, test = _commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
