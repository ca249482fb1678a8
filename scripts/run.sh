#!/usr/bin/env bash
# The main job: install, build the store from the local mirror if needed, then show the US–Russia picture.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
MIRROR="${VALUESGAP_MIRROR:-$(cd .. && pwd)/shared/data}"
.venv/bin/valuesgap data build --from "$MIRROR" --if-needed
.venv/bin/valuesgap summary "United States" Russia
