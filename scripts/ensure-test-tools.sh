#!/usr/bin/env bash
# The suite drives Debian's Chromium for the docs page and renders report PDFs with poppler's pdftoppm.
# Installs whichever is missing, so that `npm ci && npm test` works on a fresh machine.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
((${#missing[@]})) || exit 0
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need: ${missing[*]} (Debian packages). Install them, then run the tests again." >&2
  exit 1
fi
echo "Installing ${missing[*]} for the tests…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
