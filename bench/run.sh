#!/usr/bin/env bash
# The benchmark: builds, then starts PostgreSQL (embedded, or BENCH_DB_HOST/PORT/NAME/USER/PASSWORD) and both
# packaged apps as their own processes, loads them, prints one line per figure and writes
# bench/results/latest.json. Sizes: BENCH_EVENTS (1000000), BENCH_GROWTH_EVENTS (10000000), BENCH_CLIENTS (16),
# BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (30) and BENCH_WARMUP_MAX_SECONDS (600: each warm-up runs until the JIT settles, within these), BENCH_REBUILDS (3; the rebuild figure is their median), BENCH_EXPORT_WARMUPS (3), BENCH_EXPORTS (3; the export rate is their median); BENCH_ONLY runs some steps only (throughput, visibility, replay,
# queries, memory, export, growth; no report), BENCH_HOLD_SECONDS keeps the system up afterwards; app JVM options: BENCH_COMMAND_JVM (-Xmx512m), BENCH_QUERY_JVM (-Xmx640m; the export runs on a query-app restarted with -Xmx256m).
set -euo pipefail
cd "$(dirname "$0")/.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true
if [ "${SKIP_BUILD:-false}" != "true" ]; then
  ./mvnw -q -B -DskipTests package
fi
exec java -Xmx2g -jar bench/target/bench-*-exec.jar
