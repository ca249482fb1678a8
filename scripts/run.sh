#!/usr/bin/env bash
# The main job: install, build the store from the local mirror if needed (or, without one, fetch the
# sources from their publishers first), write the US–Russia brief (HTML, and PDF where Chromium is
# installed), then start the dashboard and print its address.
# Environment: VALUESGAP_MIRROR (default ../shared/data), VALUESGAP_HOME (store folder), PORT (8000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
MIRROR="${VALUESGAP_MIRROR:-$(cd .. && pwd)/shared/data}"
VG=.venv/bin/valuesgap
if [ -d "$MIRROR" ]; then
  $VG data build --from "$MIRROR" --if-needed
else
  # No mirror folder: fetch every source from its publisher into <data dir>/mirror (resumes, checks,
  # installs each source atomically; sources with no file address are listed with where to get them).
  echo "no data mirror at $MIRROR: fetching the sources from their publishers" >&2
  $VG data fetch --no-build || echo "some sources could not be fetched (listed above); building from the rest" >&2
  $VG data build --if-needed
fi
mkdir -p out
PDF=()
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  PDF=(--pdf out/brief-USA-RUS.pdf)
fi
$VG brief "United States" Russia --from 1992 --out out/brief-USA-RUS.html "${PDF[@]}"
echo "brief: $(pwd)/out/brief-USA-RUS.html"
exec $VG serve --port "${PORT:-8000}"
