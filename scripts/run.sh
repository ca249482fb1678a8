#!/usr/bin/env bash
# The main job: install, build the store from the local mirror if needed, write the US–Russia brief
# (HTML, and PDF where Chromium is installed), then start the dashboard and print its address.
# Environment: VALUESGAP_MIRROR (default ../shared/data), VALUESGAP_HOME (store folder), PORT (8000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
MIRROR="${VALUESGAP_MIRROR:-$(cd .. && pwd)/shared/data}"
VG=.venv/bin/valuesgap
$VG data build --from "$MIRROR" --if-needed
mkdir -p out
PDF=()
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  PDF=(--pdf out/brief-USA-RUS.pdf)
fi
$VG brief "United States" Russia --since 1992 --out out/brief-USA-RUS.html "${PDF[@]}"
echo "brief: $(pwd)/out/brief-USA-RUS.html"
exec $VG serve --port "${PORT:-8000}"
