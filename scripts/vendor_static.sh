#!/usr/bin/env bash
# Copies the front-end files Samspill serves from node_modules into static/vendor/,
# so collectstatic picks up only what the pages use (no bundler needed).
set -euo pipefail
cd "$(dirname "$0")/.."
NM=node_modules
OUT=static/vendor
rm -rf "$OUT"
mkdir -p "$OUT/designsystemet" "$OUT/inter" "$OUT/chartjs"
cp "$NM/@digdir/designsystemet-css/dist/src/index.css" "$OUT/designsystemet/designsystemet.css"
cp "$NM/@digdir/designsystemet-theme/src/themes/designsystemet.css" "$OUT/designsystemet/theme.css"
for weight in 400 500 600 700; do
  for subset in latin latin-ext; do
    cp "$NM/@fontsource/inter/files/inter-$subset-$weight-normal.woff2" "$OUT/inter/"
  done
done
cp "$NM/@fontsource/inter/LICENSE" "$OUT/inter/LICENSE"
cp "$NM/chart.js/dist/chart.umd.min.js" "$OUT/chartjs/chart.umd.min.js"
# The script names its source map; the manifest storage of production (DEBUG=false)
# refuses to collect a file that refers to a missing one.
cp "$NM/chart.js/dist/chart.umd.min.js.map" "$OUT/chartjs/chart.umd.min.js.map"
# Swagger UI for the API's interactive docs (/api/docs/); started by our own script, since
# the CSP allows no inline scripts.
mkdir -p "$OUT/swagger-ui"
for file in swagger-ui-bundle.js swagger-ui.css swagger-ui.css.map LICENSE; do
  cp "$NM/swagger-ui-dist/$file" "$OUT/swagger-ui/$file"
done
