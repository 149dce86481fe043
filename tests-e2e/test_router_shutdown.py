"""SIGTERM: the router stops accepting, lets an in-flight stream finish, then exits cleanly."""

from __future__ import annotations

import os
import signal
import socket

import anthropic

from test_router_harness import (  # noqa: F401  (fixtures)
    ANTHROPIC_KEY, CLIENT_KEY, OPENAI_KEY, RouterProcess, anthropic_mock, mocks,
)


def test_sigterm_lets_the_stream_in_flight_finish(anthropic_mock):
    env = dict(os.environ, MOCK_ANTHROPIC_KEY=ANTHROPIC_KEY, MOCK_OPENAI_KEY=OPENAI_KEY)
    router = RouterProcess(env)
    try:
        # A slow stream: 12 text deltas, 150 ms apart.
        anthropic_mock.script([{"stream": {"chunk_delay_ms": 150, "text_chunks": 12}}])
        client = anthropic.Anthropic(base_url=router.url, api_key=CLIENT_KEY, max_retries=0, timeout=30)
        pieces = []
        with client.messages.stream(
            model="claude-opus-5-5", max_tokens=64,
            messages=[{"role": "user", "content": "one two three four five six seven eight"}],
        ) as stream:
            for piece in stream.text_stream:
                if not pieces:
                    router.process.send_signal(signal.SIGTERM)
                pieces.append(piece)
        assert "".join(pieces) == "mock reply: one two three four five six seven eight"
        assert router.process.wait(timeout=30) == 0, router.output()
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", router.port)) != 0
    finally:
        router.stop()
