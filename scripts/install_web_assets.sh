#!/usr/bin/env bash
# Install the dashboard's browser libraries from npm (versions pinned in src/valuesgap/web/package-lock.json)
# and copy the files the app serves into src/valuesgap/web/static/vendor/ — nothing is loaded from a CDN.
# Safe to run again: skipped when the vendor folder matches the lock file.
set -euo pipefail
cd "$(dirname "$0")/../src/valuesgap/web"
vendor=static/vendor
stamp="$vendor/.installed-$(sha256sum package-lock.json | cut -c1-16)"
if [ -f "$stamp" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is needed to install the dashboard's assets (Debian: apt-get install npm)" >&2
  exit 2
fi
echo "installing the dashboard's assets (vega, vega-lite, vega-embed, world-atlas, swagger-ui) from npm ..." >&2
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
mkdir -p "$vendor"
rm -f "$vendor"/.installed-*
nm=node_modules
cp "$nm/vega/build/vega.min.js" \
   "$nm/vega-lite/build/vega-lite.min.js" \
   "$nm/vega-embed/build/vega-embed.min.js" \
   "$nm/world-atlas/countries-110m.json" \
   "$nm/swagger-ui-dist/swagger-ui-bundle.js" \
   "$nm/swagger-ui-dist/swagger-ui.css" \
   "$nm/swagger-ui-dist/favicon-32x32.png" \
   "$vendor/"
for pkg in vega vega-lite vega-embed world-atlas swagger-ui-dist; do
  cp "$nm/$pkg/LICENSE" "$vendor/LICENSE.$pkg"
done
touch "$stamp"
echo "dashboard assets installed in src/valuesgap/web/$vendor" >&2
