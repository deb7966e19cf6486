#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests. It never downloads a browser build of
# its own: Playwright drives the system browser through executable_path.
set -euo pipefail

browser="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$browser" ]; then
  echo "chromium: $("$browser" --version 2>/dev/null)"
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "chromium: not found at $browser; installing Debian's chromium package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "chromium: $("$browser" --version 2>/dev/null)"
  exit 0
fi

cat >&2 <<MSG
error: the browser tests need Chromium at $browser.
  On Debian or Ubuntu: sudo apt-get install chromium
  Elsewhere: install Chromium and set CHROMIUM_PATH to its executable.
MSG
exit 1
