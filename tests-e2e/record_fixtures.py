"""Records fresh Claude Code captures for Tests/Fixtures/claude-code (run by scripts/record-fixtures).

The real Claude Code CLI (bundled in claude-agent-sdk) runs headless against a mock-provider whose
request log (`GET /_mock/requests`) records every request exactly as it arrived. Each scenario
scripts the mock's replies so Claude Code takes the path the fixture needs, then the main-loop
requests (the ones offering tools) are written as `{path, headers, body}` files with the
temporary directories replaced by `/home/dev/project`, as in the committed captures:

- 01-say-hi: a plain prompt;
- 02-bash-tool-loop: the mock asks for `Bash`, Claude Code runs it and sends the tool result;
- 03-thinking-image-tool-result: extended thinking on, the mock thinks and asks for `Read` of a
  PNG, Claude Code sends the image inside a `tool_result`.

Usage: python tests-e2e/record_fixtures.py OUTPUT_DIR
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claude_code import require_claude_cli, tiny_png  # noqa: E402
from mock_provider import MockProvider  # noqa: E402

PLACEHOLDER = "/home/dev/project"
CLAUDE_TIMEOUT_SECONDS = 240
# Header names as the Anthropic SDK spells them on the wire; the mock lowercases names.
CANONICAL_HEADERS = {
    name.lower(): name
    for name in [
        "Accept", "Accept-Encoding", "Connection", "Content-Type", "User-Agent", "X-Claude-Code-Session-Id",
        "X-Stainless-Arch", "X-Stainless-Lang", "X-Stainless-OS", "X-Stainless-Package-Version",
        "X-Stainless-Retry-Count", "X-Stainless-Runtime", "X-Stainless-Runtime-Version", "X-Stainless-Timeout",
    ]
}
# Never written into a fixture: credentials and per-connection noise.
DROPPED_HEADERS = {"x-api-key", "authorization", "host", "content-length"}


class Scenario:
    """One Claude Code run: its prompt, the mock's script, and the files it starts with."""

    def __init__(self, name: str, prompt: str, steps: list[dict[str, Any]], turns: int,
                 args: tuple[str, ...] = (), env: dict[str, str] | None = None,
                 files: dict[str, bytes] | None = None) -> None:
        self.name, self.prompt, self.steps, self.turns = name, prompt, steps, turns
        self.args, self.env, self.files = args, env or {}, files or {}


def scenarios(workdir: Path) -> list[Scenario]:
    image = str(workdir / "red.png")
    return [
        Scenario("01-say-hi", "say hi", [{"sticky": True, "reply": {"text": "Hi!"}}], turns=1),
        Scenario(
            "02-bash-tool-loop", "write hello to a file",
            [
                {"match": {"has_tool_result": False}, "reply": {"text": "I'll run it.", "tool_calls": [
                    {"id": "toolu_01", "name": "Bash",
                     "input": {"command": "echo hello > hello.txt", "description": "Write hello to a file"}}]}},
                {"match": {"has_tool_result": True}, "sticky": True, "reply": {"text": "Done: hello.txt holds hello."}},
            ],
            turns=2,
        ),
        Scenario(
            "03-thinking-image-tool-result", "what color is red.png",
            [
                {"match": {"has_tool_result": False}, "reply": {
                    "thinking": "User wants me to look at the image.",
                    "tool_calls": [{"id": "toolu_02", "name": "Read", "input": {"file_path": image}}]}},
                {"match": {"has_tool_result": True}, "sticky": True, "reply": {"text": "It is red."}},
            ],
            turns=2, args=("--model", "claude-haiku-4-5"), env={"MAX_THINKING_TOKENS": "31999"},
            files={"red.png": tiny_png()},
        ),
    ]


def run(scenario: Scenario, mock: MockProvider, workdir: Path) -> list[dict[str, Any]]:
    """Runs Claude Code in a fresh `workdir` (the one `scenarios` was given); its main-loop requests."""
    home = workdir / "home"
    shutil.rmtree(workdir, ignore_errors=True)
    home.mkdir(parents=True)
    for name, data in scenario.files.items():
        (workdir / name).write_bytes(data)
    mock.reset()
    mock.script(scenario.steps)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "IS_SANDBOX": "1",
        "ANTHROPIC_BASE_URL": mock.url,
        "ANTHROPIC_API_KEY": "sk-record-fixtures",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        **scenario.env,
    }
    result = subprocess.run(
        [str(require_claude_cli()), "-p", scenario.prompt, "--permission-mode", "bypassPermissions",
         "--output-format", "json", *scenario.args],
        env=env, cwd=workdir, capture_output=True, text=True, timeout=CLAUDE_TIMEOUT_SECONDS,
    )
    if result.returncode != 0:
        raise SystemExit(f"{scenario.name}: claude exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    main_loop = [r for r in mock.requests()
                 if r["path"] == "/v1/messages" and json.loads(r["body"]).get("tools")]
    if len(main_loop) != scenario.turns:
        raise SystemExit(f"{scenario.name}: expected {scenario.turns} main-loop requests, the mock saw {len(main_loop)}")
    return [capture(record, workdir) for record in main_loop]


def capture(record: dict[str, Any], workdir: Path) -> dict[str, Any]:
    """A recorded request as a fixture, the temporary paths replaced by the placeholder."""
    text = record["body"]
    # Claude Code also names the directory with dashes (its per-project memory folder).
    for real, placeholder in [(str(workdir), PLACEHOLDER), (str(workdir).replace("/", "-"), PLACEHOLDER.replace("/", "-"))]:
        text = text.replace(json.dumps(real)[1:-1], json.dumps(placeholder)[1:-1])
    headers = {CANONICAL_HEADERS.get(name, name): value
               for name, value in record["headers"].items() if name not in DROPPED_HEADERS}
    path = record["path"] + (f"?{record['query']}" if record["query"] else "")
    return {"path": path, "headers": headers, "body": json.loads(text)}


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    output = Path(sys.argv[1])
    output.mkdir(parents=True, exist_ok=True)
    require_claude_cli()  # before any mock starts: a missing CLI is said at once
    base = Path(tempfile.mkdtemp(prefix="record-fixtures-"))
    try:
        workdir = base / "project"
        with MockProvider(name="anthropic") as mock:
            for scenario in scenarios(workdir):
                for turn, fixture in enumerate(run(scenario, mock, workdir), start=1):
                    path = output / f"{scenario.name}-turn{turn}.json"
                    path.write_text(json.dumps(fixture, indent=1, ensure_ascii=False) + "\n")
                    print(f"wrote {path}", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
