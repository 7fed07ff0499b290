#!/usr/bin/env bash
# Create .venv with Python 3.11 or newer and install the project into it (editable).
# Usage: scripts/setup-env.sh [EXTRA]   e.g. scripts/setup-env.sh test
# Re-running is cheap: the install is skipped while pyproject.toml and setup.py are unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ]; then
  python=$(find_python) || {
    echo "Python 3.11 or newer not found. Install it (Debian/Ubuntu: sudo apt-get install python3 python3-venv)." >&2
    exit 1
  }
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "Installing python3-venv with apt-get ..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      "$python" -m venv .venv
    else
      echo "Cannot create a virtual environment. Install venv support (Debian/Ubuntu: sudo apt-get install python3-venv)." >&2
      exit 1
    fi
  fi
fi

target=".${extra:+[$extra]}"
stamp=".venv/.omt-installed${extra:+-$extra}"
fingerprint=$(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$fingerprint" ]; then
  echo "Installing 2IQM OMT${extra:+ with the $extra extra} into .venv (about a minute the first time) ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e "$target"
  echo "$fingerprint" > "$stamp"
fi
