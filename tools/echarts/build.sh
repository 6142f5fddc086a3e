#!/usr/bin/env bash
# Rebuilds wwwroot/lib/echarts/ from the pinned npm packages (package-lock.json): a custom bundle of Apache ECharts
# 6.1.0 with the SVG renderer and the line, bar and pie charts only (about half of dist/echarts.min.js), plus the
# licences. Reproducible: the same lock file gives the same bytes (checked by comparing the sha256 in README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../wwwroot/lib/echarts"
cd "$here"
npm ci --no-audit --no-fund >/dev/null
mkdir -p "$out"
node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=echarts --target=es2017 \
  --legal-comments=none --charset=utf8 \
  --banner:js="/*! Apache ECharts 6.1.0 (Apache-2.0) with ZRender 6.1.0 (BSD-3-Clause) and tslib (0BSD): custom build by tools/echarts/build.sh — SVG renderer; line, bar, pie; grid, tooltip, legend. See LICENSE, NOTICE, LICENSE-zrender, LICENSE-d3 beside this file. */" \
  --outfile="$out/echarts.min.js"
cp node_modules/echarts/LICENSE "$out/LICENSE"
cp node_modules/echarts/NOTICE "$out/NOTICE"
cp node_modules/echarts/licenses/LICENSE-d3 "$out/LICENSE-d3"
cp node_modules/zrender/LICENSE "$out/LICENSE-zrender"
sha256sum "$out/echarts.min.js"
