#!/usr/bin/env bash
# Install everything the suite needs, check lint, format and types, then run the whole test suite on the
# real mirror data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
export VALUESGAP_MIRROR="${VALUESGAP_MIRROR:-$(cd .. && pwd)/shared/data}"
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
.venv/bin/mypy
exec .venv/bin/python -m pytest -n 2 -q -p no:cacheprovider "$@"
