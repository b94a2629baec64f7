#!/usr/bin/env bash
# Web-farm tier: two nopCommerce nodes from one built shop (nophost), one PostgreSQL database, Redis as
# nopCommerce's distributed cache; a launch over plain HTTP (e2e/Nop.Plugin.Preorders.Farm).
#   e2e/farm.sh <nophost-dir> <nop-src-dir> <database> [port1,port2] [results-dir]
# The shop must be stopped (the tier starts both nodes itself) and have the plugin installed and its deposit
# method active (the end-to-end tier leaves it so). Installs and starts Debian's redis-server when missing.
# Passed through: PREORDERS_FARM_SHOPPERS (200), PREORDERS_FARM_CONCURRENCY (40), PREORDERS_FARM_TIMEOUT (900 s).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nophost=$(cd "${1:?usage: e2e/farm.sh <nophost-dir> <nop-src-dir> <database> [ports] [results-dir]}" && pwd)
src=$(cd "${2:?nop src dir}" && pwd)
db=${3:?database name}
ports=${4:-5080,5081}
results=${5:-$root/e2e/results-farm}
redis_port=${PREORDERS_FARM_REDIS_PORT:-6379}

if ! command -v redis-server >/dev/null 2>&1; then
  echo "farm: installing redis-server"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
state="$(dirname "$src")/state-farm-redis"
mkdir -p "$state"
if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --save "" --appendonly no \
    --pidfile "$state/redis.pid" --logfile "$state/redis.log" --dir "$state"
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
redis-cli -h 127.0.0.1 -p "$redis_port" flushall >/dev/null

export PREORDERS_FARM_NOPHOST="$nophost" PREORDERS_FARM_NOP_SRC="$src" PREORDERS_FARM_PORTS="$ports"
export PREORDERS_FARM_DB="Host=127.0.0.1;Port=5432;Username=${NOP_DB_USER:-nop};Password=${NOP_DB_PASSWORD:-nop};Database=$db"
export PREORDERS_FARM_REDIS="127.0.0.1:$redis_port"
status=0
dotnet test "$root/e2e/Nop.Plugin.Preorders.Farm" --logger "trx;LogFileName=farm.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?
[ -f "$state/redis.pid" ] && kill "$(cat "$state/redis.pid")" 2>/dev/null || true
exit $status
