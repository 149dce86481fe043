"""The real Claude Code CLI for the end-to-end tests and scripts/record-fixtures, and a tiny PNG
for it to read.

The CLI is the one bundled in the claude-agent-sdk PyPI package (`tests-e2e/install.sh`), unless
`$CLAUDE_BIN` names another.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path


def claude_cli() -> Path:
    """The Claude Code executable: `$CLAUDE_BIN`, else the one bundled in claude-agent-sdk."""
    configured = os.environ.get("CLAUDE_BIN")
    if configured:
        return Path(configured)
    import claude_agent_sdk

    return Path(claude_agent_sdk.__file__).parent / "_bundled" / "claude"


def require_claude_cli() -> Path:
    """`claude_cli()`, failing loudly when it is not there."""
    path = claude_cli()
    if not path.exists():
        raise FileNotFoundError(f"Claude Code CLI not found at {path} (run tests-e2e/install.sh, or set CLAUDE_BIN)")
    return path


def tiny_png(width: int = 8, height: int = 8) -> bytes:
    """A solid red RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
