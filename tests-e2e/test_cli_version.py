"""`claude-router --version`: the release and the inputs-sha256 of the routes compiled in."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def compiled_sha(generated: Path) -> str:
    match = re.search(r'inputsSHA256: "([0-9a-f]{64})"', (generated / "CompiledRoutes.swift").read_text())
    assert match, f"no inputsSHA256 in {generated}"
    return match.group(1)


def version_lines(binary: str) -> list[str]:
    result = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_version_names_the_release_and_the_shipped_routes():
    binary = os.environ.get("CLAUDE_ROUTER_BIN", str(REPO_ROOT / ".build" / "debug" / "claude-router"))
    lines = version_lines(binary)
    assert re.fullmatch(r"claude-router \d+\.\d+\.\d+", lines[0]), lines
    assert lines[1] == f"inputs-sha256 {compiled_sha(REPO_ROOT / 'generated')}"


def test_version_of_the_e2e_binary_names_its_own_table():
    binary = os.environ.get("ROUTER_E2E_BIN", str(REPO_ROOT / ".build" / "debug" / "ClaudeRouterE2E"))
    assert version_lines(binary)[1] == f"inputs-sha256 {compiled_sha(REPO_ROOT / 'tests-e2e' / 'generated')}"
