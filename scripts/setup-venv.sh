#!/usr/bin/env bash
# Creates the virtual environment and installs the pinned dependencies from requirements.lock.
set -euo pipefail

venv="${1:-.venv}"
python="${PYTHON:-python3}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: $python is missing or older than Python 3.11; install Python 3.11 or newer, or set PYTHON" >&2
  exit 1
fi

if ! "$python" -m venv "$venv" 2>/dev/null; then
  rm -rf "$venv"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's python3-venv, which this Python needs to create environments"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    "$python" -m venv "$venv"
  else
    echo "error: '$python -m venv' failed. On Debian or Ubuntu run: sudo apt-get install python3-venv" >&2
    exit 1
  fi
fi

echo "setup: installing pinned packages into $venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.lock
echo "setup: done ($("$venv/bin/python" --version), $("$venv/bin/properdocs" --version | cut -d' ' -f1-3))"
