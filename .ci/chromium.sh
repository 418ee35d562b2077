#!/usr/bin/env bash
# Debian's Chromium for the dashboard's headless-browser test (Playwright drives it; it cannot download a browser
# of its own here). Prints the browser's path on stdout, installing the `chromium` package first (apt-get, as root)
# when none is found. Safe to run again: an installed browser is only looked up.
# Exits non-zero (and says why on stderr) when no browser can be had; the test then skips, saying so.
set -euo pipefail

find_browser() {
    local name
    for name in chromium chromium-browser; do
        if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    done
    return 1
}

if path=$(find_browser); then echo "$path"; exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium.sh: no chromium on PATH, and apt-get cannot be run here (not root, or not Debian)" >&2
    exit 1
fi
echo "installing chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends chromium >&2 \
    || { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends chromium >&2; } \
    || { echo "chromium.sh: apt-get could not install chromium" >&2; exit 1; }
if path=$(find_browser); then echo "$path"; exit 0; fi
echo "chromium.sh: chromium was installed but is not on PATH" >&2
exit 1
