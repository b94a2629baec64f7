#!/usr/bin/env bash
# What the plugin costs in a real shop: one stopped nophost shop with the plugin installed (the end-to-end tier
# leaves it so), measured without the plugin (its folder moved aside, so nopCommerce loads none of it) and then with
# it, in one run. Prints a table of p50/p95 and ratios (also written to <out>/realshop.md).
#   e2e/bench-realshop.sh <nophost-dir> <nop-src-dir> <database> [port] [out-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nophost=$(cd "${1:?usage: e2e/bench-realshop.sh <nophost-dir> <nop-src-dir> <database> [port] [out-dir]}" && pwd)
src=$(cd "${2:?nop src dir}" && pwd)
db=${3:?database name}
port=${4:-5000}
out=${5:-$root/e2e/results-bench}
plugin="$src/Presentation/Nop.Web/Plugins/Misc.Preorders"
aside="$(dirname "$src")/Misc.Preorders.aside"
[ -d "$plugin" ] || { echo "no installed plugin in $plugin" >&2; exit 1; }
export PREORDERS_FARM_DB="Host=127.0.0.1;Port=5432;Username=${NOP_DB_USER:-nop};Password=${NOP_DB_PASSWORD:-nop};Database=$db"
export PREORDERS_BENCH_BASE="http://127.0.0.1:$port" PREORDERS_BENCH_OUT="$out"
mkdir -p "$out"
dotnet build "$root/e2e/Nop.Plugin.Preorders.Farm" -c Release -nologo -v:q
phase() {
  PREORDERS_BENCH_PHASE=$1 dotnet test "$root/e2e/Nop.Plugin.Preorders.Farm" -c Release --no-build --filter "Category=RealShopBench" \
    --logger "console;verbosity=normal" --results-directory "$out"
}
restore() { [ -d "$aside" ] && [ ! -d "$plugin" ] && mv "$aside" "$plugin"; bash "$nophost/stop.sh" "$src" >/dev/null 2>&1 || true; }
trap restore EXIT
bash "$nophost/stop.sh" "$src" >/dev/null 2>&1 || true
mv "$plugin" "$aside"
bash "$nophost/start.sh" "$src" "$port"
phase without
bash "$nophost/stop.sh" "$src" >/dev/null
mv "$aside" "$plugin"
bash "$nophost/start.sh" "$src" "$port"
phase with
