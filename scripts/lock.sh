#!/usr/bin/env bash
# Regenerate the dependency locks from pyproject.toml (needs uv: .venv/bin/pip install uv).
set -euo pipefail
cd "$(dirname "$0")/.."
UV="${UV:-.venv/bin/uv}"
"$UV" pip compile pyproject.toml --python-version 3.11 -o requirements.lock -q
"$UV" pip compile pyproject.toml --extra test --extra spark --python-version 3.11 -o requirements-test.lock -q
echo "wrote requirements.lock and requirements-test.lock" >&2
