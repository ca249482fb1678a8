#!/usr/bin/env bash
# Install valuesgap into ./.venv (and, with --test, what the test suite needs: Debian's Chromium).
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
# Python packages come from the lock files (regenerate with scripts/lock.sh), so a fresh machine gets
# exactly the versions CI tested; the package itself is installed editable on top, without dependencies.
LOCK=requirements.lock
[ "${1:-}" = "--test" ] && LOCK=requirements-test.lock
stamp=".venv/.installed-$(cat pyproject.toml "$LOCK" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "installing valuesgap and its dependencies ($LOCK) into .venv ..." >&2
  .venv/bin/python -m pip install --quiet -r "$LOCK" 2>&1 | grep -v -E "^WARNING: Location|is ignored" >&2 || true
  .venv/bin/python -m pip install --quiet --no-deps -e . 2>&1 | grep -v -E "^WARNING: Location|is ignored" >&2 || true
  .venv/bin/python -c "import valuesgap, duckdb, fastapi, altair"
  rm -f .venv/.installed-* && touch "$stamp"
fi

# Dashboard assets (Vega, Vega-Lite, vega-embed) from npm, installed locally: nothing from a CDN.
if [ -x scripts/install_web_assets.sh ] || [ -f scripts/install_web_assets.sh ]; then
  bash scripts/install_web_assets.sh
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    echo "installing Debian's chromium for the browser tests ..." >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  fi
  # The Spark engine's tests (pyspark comes from the test lock) need a Java runtime: Spark 4 wants Java 17+.
  if ! command -v java >/dev/null 2>&1; then
    echo "installing Debian's openjdk-17-jre-headless for the Spark tests ..." >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  fi
fi
