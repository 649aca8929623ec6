#!/usr/bin/env bash
# Makes sure a Chromium exists for the Playwright e2e tests. Playwright's own browser download
# does not work offline, so we use the system Chromium: Debian's package when we can install it.
set -euo pipefail
CHROMIUM="${PODSCAPE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's chromium (needed by the e2e tests)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-liberation fonts-noto-cjk >/dev/null
  exit 0
fi
cat >&2 <<MSG
ensure-chromium: no Chromium at $CHROMIUM.
The e2e tests drive a system Chromium (Playwright's own download is not used). Install one:
  Debian/Ubuntu:  sudo apt-get install -y chromium fonts-liberation fonts-noto-cjk
  macOS:          brew install --cask chromium   (then PODSCAPE_CHROMIUM=/Applications/Chromium.app/Contents/MacOS/Chromium)
  other:          set PODSCAPE_CHROMIUM to the path of a Chromium or Chrome binary.
MSG
exit 1
