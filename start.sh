#!/usr/bin/env bash
# Set everything up, create the demo store if there is none, and start the course and the forms.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-env.sh
exec .venv/bin/omt start "$@"
