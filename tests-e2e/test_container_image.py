"""The container image, run: `scripts/build-image --e2e` (scripts/test builds it and names it in
$CLAUDE_ROUTER_IMAGE) is the shipped image's layout and configuration with the router linked
with tests-e2e/routes.yaml, whose providers are mock-provider processes on loopback.

No container runtime runs in this sandbox (crun refuses its hybrid cgroups), so the test runs the
image the way a runtime does, with buildah and util-linux: the image's root filesystem (`buildah
from` + `buildah mount`), bind-mounted read-only in a new mount and PID namespace, the data volume
bind-mounted at the image's VOLUME, /proc and /dev mounted, then `chroot --userspec` to the image's
USER with the image's ENTRYPOINT, CMD, ENV and WORKDIR, every capability dropped from the bounding
set and no-new-privs set (setpriv). The host's network is shared, as with `--network host`, so
the router reaches the mocks on 127.0.0.1. The router runs as PID 1 of its namespace, as it does
in a container.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Optional

import pytest

from test_router_harness import (  # noqa: F401  (fixtures)
    ANTHROPIC_KEY, CLIENT_KEY, OPENAI_KEY, anthropic_mock, free_port, mocks,
)

IMAGE = os.environ.get("CLAUDE_ROUTER_IMAGE")
pytestmark = pytest.mark.skipif(
    not IMAGE, reason="CLAUDE_ROUTER_IMAGE unset: scripts/test builds it with scripts/build-image --e2e"
)

# Runs inside `unshare --mount --pid --fork`: $1 the image's root, $2 the data directory, $3 the
# volume path, $4 the user, $5 the working directory, then the command.
RUNNER = r"""
set -eu
root=$1 data=$2 volume=$3 user=$4 workdir=$5; shift 5
mount --bind "$root" "$root"
mount -o remount,bind,ro "$root"
mount --bind "$data" "$root$volume"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
mount --bind /etc/hosts "$root/etc/hosts"
cd "$root$workdir"
exec setpriv --no-new-privs --inh-caps=-all --bounding-set=-all,+sys_chroot,+setuid,+setgid \
    chroot --userspec="$user" "$root" "$@"
"""


def buildah(*args: str) -> str:
    return subprocess.run(["buildah", *args], check=True, capture_output=True, text=True).stdout.strip()


class ImageContainer:
    """One container of the image; `pid` is the router's process id on this host."""

    def __init__(self, image: str, env: dict[str, str]) -> None:
        self.config = json.loads(buildah("inspect", "--type", "image", image))["OCIv1"]["config"]
        (self.volume,) = self.config["Volumes"]
        self.data = tempfile.mkdtemp(prefix="router-image-data-")
        uid, _, gid = self.config["User"].partition(":")
        os.chown(self.data, int(uid), int(gid or uid))
        self.container = buildah("from", "--quiet", "--pull-never", image)
        self.root = buildah("mount", self.container)
        environment = dict(e.split("=", 1) for e in self.config["Env"])
        environment.update(env)
        self._out = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            ["unshare", "--mount", "--pid", "--fork", "--kill-child", "--propagation", "private",
             "sh", "-c", RUNNER, "runner", self.root, self.data, self.volume, self.config["User"],
             self.config.get("WorkingDir") or "/",
             *self.config["Entrypoint"], *self.config.get("Cmd", [])],
            stdout=self._out, stderr=subprocess.STDOUT, env=environment,
        )
        self.pid = self._router_pid()

    def _router_pid(self, timeout: float = 30.0) -> int:
        """The descendant of the runner that runs the image's entrypoint."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for pid in descendants(self.process.pid):
                try:
                    argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if argv and argv[0].decode() == self.config["Entrypoint"][0]:
                    return pid
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"the image's entrypoint did not start:\n{self.output()}")

    def output(self) -> str:
        self._out.seek(0)
        return self._out.read().decode(errors="replace")

    def status(self) -> dict[str, str]:
        lines = Path(f"/proc/{self.pid}/status").read_text().splitlines()
        return {k: v.strip() for k, _, v in (line.partition(":") for line in lines)}

    def root_mount_options(self) -> list[str]:
        for line in Path(f"/proc/{self.pid}/mountinfo").read_text().splitlines():
            fields = line.split()
            if fields[4] == "/":
                return fields[5].split(",")
        raise AssertionError("no root mount in the router's mount namespace")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        subprocess.run(["buildah", "umount", self.container], capture_output=True)
        subprocess.run(["buildah", "rm", self.container], capture_output=True)
        shutil.rmtree(self.data, ignore_errors=True)


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def get(url: str, headers: Optional[dict[str, str]] = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def wait_healthy(url: str, container: ImageContainer, timeout: float = 30.0) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return get(url + "/healthz")[1]
        except OSError:
            if container.process.poll() is not None:
                break
            time.sleep(0.1)
    raise AssertionError(f"/healthz did not answer:\n{container.output()}")


@pytest.fixture
def container(mocks):
    port = free_port()
    running = ImageContainer(IMAGE, {
        "CLAUDE_ROUTER_PORT": str(port),
        "MOCK_ANTHROPIC_KEY": ANTHROPIC_KEY, "MOCK_OPENAI_KEY": OPENAI_KEY,
    })
    running.url = f"http://127.0.0.1:{port}"
    try:
        yield running
    finally:
        running.close()


def test_the_image_says_which_routes_it_serves():
    labels = json.loads(buildah("inspect", "--type", "image", IMAGE))["OCIv1"]["config"]["Labels"]
    header = (Path(__file__).parent / "generated" / "CompiledRoutes.swift").read_text().splitlines()
    digest = next(line.split(": ")[1] for line in header if line.startswith("// inputs-sha256: "))
    assert labels["io.claude-router.routes.inputs-sha256"] == digest
    assert labels["io.claude-router.routes.table"] == "tests-e2e/routes.yaml"
    assert labels["org.opencontainers.image.version"]


def test_the_image_serves_as_non_root_on_a_read_only_root_and_stops_on_sigterm(container, anthropic_mock):
    assert json.loads(wait_healthy(container.url, container)) == {"status": "ok"}

    # Who the router runs as, and how its root is mounted, as the kernel sees them.
    status = container.status()
    uid, _, gid = container.config["User"].partition(":")
    assert status["Uid"].split() == [uid] * 4
    assert status["Gid"].split() == [gid or uid] * 4
    assert int(status["CapEff"], 16) == 0 and int(status["CapPrm"], 16) == 0
    assert status["NoNewPrivs"] == "1"
    assert status["NSpid"].split()[-1] == "1", "the router is PID 1 of its namespace, as in a container"
    assert "ro" in container.root_mount_options()

    # One request through the mock provider on loopback, with the e2e table's client key.
    anthropic_mock.script([{"reply": {"text": "hello from the mock"}}])
    body = json.dumps({
        "model": "claude-mock-1", "max_tokens": 32,
        "messages": [{"role": "user", "content": "hi from the container test"}],
    }).encode()
    request = urllib.request.Request(
        container.url + "/v1/messages", data=body, method="POST",
        headers={"content-type": "application/json", "x-api-key": CLIENT_KEY, "anthropic-version": "2023-06-01"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert response.headers["x-router-target"] == "mock-anthropic/claude-mock-1"
        request_id = response.headers["request-id"]
        reply = json.loads(response.read())
    assert reply["content"][0]["text"] == "hello from the mock"
    assert len(anthropic_mock.requests()) == 1

    # SIGTERM, as a runtime stops a container: the router drains and exits 0 on its own.
    os.kill(container.pid, signal.SIGTERM)
    assert container.process.wait(timeout=60) == 0, container.output()

    # Its usage line is on the data volume, written by the image's user.
    day = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    log = Path(container.data) / "usage" / f"usage-{day}.jsonl"
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(r["request_id"], r["status"], r["target"]) for r in lines] == [
        (request_id, 200, "mock-anthropic/claude-mock-1")
    ]
    assert log.stat().st_uid == int(uid)
