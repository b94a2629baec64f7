#!/usr/bin/env bash
# End-to-end tier: the plugin in a real browser (Debian's Chromium) against a RUNNING nopCommerce 4.90 shop.
#   e2e/run.sh <base-url> [results-dir]
# Builds the plugin archive (unless PREORDERS_E2E_ZIP names one), then runs e2e/Nop.Plugin.Preorders.E2E.
# Passed through: PREORDERS_E2E_ADMIN_EMAIL, PREORDERS_E2E_ADMIN_PASSWORD (admin@example.com / Admin123!),
# PREORDERS_E2E_ZIP, PREORDERS_E2E_DB (Npgsql connection string, optional: reads "Log" and "QueuedEmail"; the
# missed ship date journey writes dates with it, and is Ignored without it),
# PREORDERS_E2E_OUT (screenshots and axe report; default e2e/out), PREORDERS_E2E_CHROMIUM (/usr/bin/chromium).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: e2e/run.sh <base-url> [results-dir]}
results=${2:-$root/e2e/results}

export PREORDERS_E2E_BASE_URL="$base"
export PREORDERS_E2E_OUT="${PREORDERS_E2E_OUT:-$root/e2e/out}"
if [ -z "${PREORDERS_E2E_ZIP:-}" ]; then
  dotnet build "$root/Nop.Plugin.Preorders/Nop.Plugin.Preorders.csproj" -c Release -t:PackPlugin -nologo -v:q
  PREORDERS_E2E_ZIP=$(ls -t "$root"/dist/Nop.Plugin.Preorders.*.zip | head -1)
  export PREORDERS_E2E_ZIP
fi
echo "e2e: shop $PREORDERS_E2E_BASE_URL, plugin $PREORDERS_E2E_ZIP, out $PREORDERS_E2E_OUT, results $results"
mkdir -p "$PREORDERS_E2E_OUT" "$results"
start=$(date +%s)
status=0
dotnet test "$root/e2e/Nop.Plugin.Preorders.E2E" --logger "trx;LogFileName=e2e.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?
echo "e2e: finished in $(( $(date +%s) - start ))s (exit $status); screenshots in $PREORDERS_E2E_OUT, report $results/e2e.trx"
exit $status
