#!/usr/bin/env bash
# Pyodide offline, for the xlwings Lite tests (tests/test_pyodide.py): the npm package at a
# pinned version, and every wheel the tests install into it, downloaded here once. Pyodide's
# own loadPackage would fetch from a CDN, and only logs when that fails.
# Usage: bash tools/pyodide_setup.sh [PYTHON]   (PYTHON: the one with pip; default python)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${1:-python}"
PYODIDE_VERSION=314.0.8  # Python 3.14, as the tests' pip download below
OUT=build/pyodide
mkdir -p "$OUT/wheels"
if ! grep -qs "\"version\": \"$PYODIDE_VERSION\"" "$OUT/node_modules/pyodide/package.json"; then
    npm install --prefix "$OUT" --no-save --no-audit --no-fund --silent "pyodide@$PYODIDE_VERSION"
fi
# Pure-Python wheels only (the platform tag matches no binary wheel): micropip, which the
# npm package does not ship, and what xlsegment's Lite code imports. lxml is not among
# them: the Lite path never imports it, and this proves it.
"$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.14 \
    --platform pyodide_2026_0_wasm32 --implementation py -d "$OUT/wheels" \
    micropip==0.11.1 xlwings==0.37.8 click openpyxl et-xmlfile
rm -f "$OUT"/wheels/xlsegment-*.whl
"$PY" -m pip wheel -q --no-deps -w "$OUT/wheels" .
echo "pyodide $PYODIDE_VERSION and $(ls "$OUT/wheels" | wc -l) wheels in $OUT"
