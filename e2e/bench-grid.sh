#!/usr/bin/env bash
# The admin Pre-orders grid of a real shop with 1,000,000 pre-order lines in its database: one stopped nophost shop
# with the plugin installed (the end-to-end tier leaves it so). Writes the lines, times the grid's own AJAX request
# per view as the signed-in admin, removes the lines. Prints a table of p50/p95 (also written to <out>/grid.md).
#   e2e/bench-grid.sh <nophost-dir> <nop-src-dir> <database> [port] [out-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nophost=$(cd "${1:?usage: e2e/bench-grid.sh <nophost-dir> <nop-src-dir> <database> [port] [out-dir]}" && pwd)
src=$(cd "${2:?nop src dir}" && pwd)
db=${3:?database name}
port=${4:-5000}
out=${5:-$root/e2e/results-bench}
[ -d "$src/Presentation/Nop.Web/Plugins/Misc.Preorders" ] || { echo "no installed plugin in $src" >&2; exit 1; }
export PREORDERS_FARM_DB="Host=127.0.0.1;Port=5432;Username=${NOP_DB_USER:-nop};Password=${NOP_DB_PASSWORD:-nop};Database=$db"
export PREORDERS_BENCH_BASE="http://127.0.0.1:$port" PREORDERS_BENCH_OUT="$out"
mkdir -p "$out"
dotnet build "$root/e2e/Nop.Plugin.Preorders.Farm" -c Release -nologo -v:q
trap 'bash "$nophost/stop.sh" "$src" >/dev/null 2>&1 || true' EXIT
bash "$nophost/stop.sh" "$src" >/dev/null 2>&1 || true
bash "$nophost/start.sh" "$src" "$port"
dotnet test "$root/e2e/Nop.Plugin.Preorders.Farm" -c Release --no-build --filter "Category=GridBench" \
  --logger "console;verbosity=normal" --results-directory "$out"
