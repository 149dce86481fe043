#!/usr/bin/env bash
# Installs what the test command needs beyond Swift: Debian packages and the Python packages of
# the end-to-end tests (the official SDKs and the real Claude Code CLI). Idempotent: installed
# packages are detected and skipped, so a second run costs a second.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the tests use: curl for the smoke checks, procps for RSS readings, zlib1g-dev
# for the router's gzip/deflate request bodies (CZlib), chromium and its WebDriver for the
# dashboard's browser tests (tests-e2e/test_dashboard.py).
debian_packages=(curl procps zlib1g-dev chromium chromium-driver)
missing=()
for package in "${debian_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-test-deps: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

bash "$root/tests-e2e/install.sh"
