#!/usr/bin/env bash
# Builds and starts the whole system: command-app (http://localhost:8080) and query-app
# (http://localhost:8081) on one PostgreSQL. With DB_HOST set, that server is used (see README for the
# variables); without it, an embedded PostgreSQL is started whose data stays in ./data/postgres.
# Stop everything with Ctrl-C (or SIGTERM).
set -euo pipefail
cd "$(dirname "$0")"

export AXONIQ_UPDATE_CHECKER_DISABLED=true
# The 'local' profile: development signing key, GET /api/dev/token, listening on 127.0.0.1 only.
# Set SPRING_PROFILES_ACTIVE (and JWT_JWK_SET_URI or JWT_HMAC_SECRET) to run otherwise.
export SPRING_PROFILES_ACTIVE="${SPRING_PROFILES_ACTIVE:-local}"
COMMAND_PORT="${COMMAND_PORT:-8080}"
QUERY_PORT="${QUERY_PORT:-8081}"
export COMMAND_PORT QUERY_PORT

if [ "${SKIP_BUILD:-false}" != "true" ]; then
  echo "Building (skip with SKIP_BUILD=true)..."
  ./mvnw -q -B -DskipTests package
fi

pids=()
stop_all() {
  trap - EXIT INT TERM
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

await() {
  local what="$1" check="$2" deadline=$((SECONDS + 180))
  until eval "$check"; do
    if ((SECONDS > deadline)); then
      echo "$what did not come up within 180 s" >&2
      exit 1
    fi
    for pid in "${pids[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "$what: a process exited during start-up (see its output above)" >&2
        exit 1
      fi
    done
    sleep 0.5
  done
}

if [ -z "${DB_HOST:-}" ]; then
  export DB_HOST=127.0.0.1 DB_PORT="${DB_PORT:-54329}" DB_NAME="${DB_NAME:-helpdesk}" \
         DB_USER=postgres DB_PASSWORD=postgres
  export DEVDB_DATA="${DEVDB_DATA:-data/postgres}"
  rm -f "$(dirname "$DEVDB_DATA")/devdb.ready"
  java -jar devdb/target/devdb-*.jar > >(sed -u 's/^/[postgres] /') 2>&1 &
  pids+=($!)
  await "PostgreSQL" '[ -f "$(dirname "$DEVDB_DATA")/devdb.ready" ]'
fi

# Faster starts (JVM_CACHE=off for the plain jars): each app runs from its extracted jar with a cache kept per
# build in data/jvm-cache. On JDK 25 or later an AOT cache (loaded classes and method profiles: the first run of
# a build records them when the apps stop, the next start makes the cache once); on older JDKs an application
# class-data archive (written when the first run's apps stop). Every later start of that build uses it.
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
java_major="${java_major%%.*}"
app_command() {
  local name="$1" jar cache dir
  jar="$(ls "$name"/target/"$name"-*-exec.jar | head -n 1)"
  if [ "${JVM_CACHE:-on}" = off ]; then
    echo "-jar $jar"
    return
  fi
  cache="data/jvm-cache"
  dir="$cache/$name-$( (sha1sum "$jar" 2>/dev/null || shasum "$jar") | cut -c1-12)-java$java_major"
  if [ ! -f "$dir/$(basename "$jar")" ]; then
    rm -rf "$cache/$name"-*
    mkdir -p "$dir"
    java -Djarmode=tools -jar "$jar" extract --force --destination "$dir" > /dev/null
  fi
  if ((java_major >= 25)); then
    if [ ! -s "$dir/app.aot" ] && [ -s "$dir/app.aotconf" ]; then
      echo "Creating $name's AOT cache from what its first run recorded (once per build)..." >&2
      # shellcheck disable=SC2086
      java ${JAVA_OPTS:-} -XX:AOTMode=create -XX:AOTConfiguration="$dir/app.aotconf" -XX:AOTCache="$dir/app.aot" \
        -jar "$dir/$(basename "$jar")" > "$dir/create.log" 2>&1 || rm -f "$dir/app.aot"
    fi
    if [ -s "$dir/app.aot" ]; then
      echo "-XX:AOTCache=$dir/app.aot -Xlog:aot=off"
    else
      echo "-XX:AOTMode=record -XX:AOTConfiguration=$dir/app.aotconf -Xlog:aot=off"
    fi
  elif [ -s "$dir/app.jsa" ]; then
    echo "-XX:SharedArchiveFile=$dir/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  else
    echo "-XX:ArchiveClassesAtExit=$dir/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
  echo "-jar $dir/$(basename "$jar")"
}
command_app="$(app_command command-app | tr '\n' ' ')"
query_app="$(app_command query-app | tr '\n' ' ')"
case "$command_app $query_app" in
  *AOTMode=record*|*ArchiveClassesAtExit*) echo "First start of this build: the JVM records what the apps load for faster starts (written when they stop)." ;;
esac

# shellcheck disable=SC2086
java ${JAVA_OPTS:-} $command_app > >(sed -u 's/^/[command-app] /') 2>&1 &
pids+=($!)
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} $query_app > >(sed -u 's/^/[query-app] /') 2>&1 &
pids+=($!)
await "command-app" "port_open $COMMAND_PORT"
await "query-app" "port_open $QUERY_PORT"

echo "Ready: the dashboard on http://localhost:$QUERY_PORT, commands on http://localhost:$COMMAND_PORT, queries on http://localhost:$QUERY_PORT (Ctrl-C stops)"
if [[ ",$SPRING_PROFILES_ACTIVE," == *",local,"* ]]; then
  echo "Tokens: curl 'http://localhost:$COMMAND_PORT/api/dev/token?user=ana&roles=AGENT&teams=billing'"
fi
wait -n "${pids[@]}"
echo "A process exited; stopping the rest" >&2
exit 1
