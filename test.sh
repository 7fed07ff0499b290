#!/usr/bin/env bash
# Set everything up and run every test: store, forms in a real browser, reports, and the course under nbval.
set -euo pipefail
cd "$(dirname "$0")"
scripts/system-packages.sh
scripts/setup-env.sh test
exec .venv/bin/python -m pytest "$@"
