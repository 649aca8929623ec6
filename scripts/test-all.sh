#!/usr/bin/env bash
# Every test Podscape has, in the order a failure is cheapest to find: lint, types, unit
# (Vitest), then the production build and the e2e journeys in a real Chromium (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
echo "== lint";       npx eslint .
echo "== typecheck";  npx tsc --noEmit -p .
echo "== unit";       npx vitest run
echo "== build";      npx vite build
echo "== e2e";        npx playwright test
