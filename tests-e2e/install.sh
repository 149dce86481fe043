#!/usr/bin/env bash
# Installs the end-to-end harness's Python packages into <checkout>/.venv (or $E2E_VENV).
# Idempotent: does nothing when the venv already satisfies requirements.txt.
# Uses pip against PyPI only.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
venv="${E2E_VENV:-$root/.venv}"
req="$here/requirements.txt"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "install.sh: creating virtualenv at $venv"
    "$python" -m venv "$venv"
fi

# A stamp holding the requirements' hash lets a satisfied venv skip pip entirely.
stamp="$venv/.e2e-requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
    && "$venv/bin/python" - "$req" <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
ok = True
for line in open(sys.argv[1]):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, _, pinned = line.partition("==")
    try:
        if pinned and version(name) != pinned:
            ok = False
    except PackageNotFoundError:
        ok = False
sys.exit(0 if ok else 1)
PY
then
    echo "install.sh: $venv already satisfies requirements.txt"
    exit 0
fi

echo "install.sh: installing requirements into $venv"
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$req"

cli="$("$venv/bin/python" - <<'PY'
import os, claude_agent_sdk
print(os.path.join(os.path.dirname(claude_agent_sdk.__file__), "_bundled", "claude"))
PY
)"
if [ ! -x "$cli" ]; then
    echo "install.sh: warning: bundled Claude Code CLI not found at $cli" >&2
fi
echo "$want" > "$stamp"
echo "install.sh: done"
