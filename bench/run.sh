#!/usr/bin/env bash
# The benchmark: builds, then starts PostgreSQL (embedded, or BENCH_DB_HOST/PORT/NAME/USER/PASSWORD) and both
# packaged apps as their own processes, loads them, prints one line per figure and writes
# bench/results/latest.json. Sizes: BENCH_EVENTS (1000000), BENCH_GROWTH_EVENTS (10000000), BENCH_CLIENTS (16),
# BENCH_SECONDS (20); app JVM options: BENCH_COMMAND_JVM (-Xmx1g), BENCH_QUERY_JVM (-Xmx1g; the export runs on a query-app restarted with -Xmx256m).
set -euo pipefail
cd "$(dirname "$0")/.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true
if [ "${SKIP_BUILD:-false}" != "true" ]; then
  ./mvnw -q -B -DskipTests package
fi
exec java -Xmx2g -jar bench/target/bench-*-exec.jar
