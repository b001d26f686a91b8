#!/usr/bin/env bash
# The servers some tests need, private and on loopback, without systemd: a PostgreSQL cluster and a Redis of their own.
#   eval "$(bash tools/test-servers.sh start)"   starts them (once) and prints the variables the tests read
#   bash tools/test-servers.sh stop               stops them
# Settings: CHATAPP_SERVERS_DIR (default /tmp/chatapp-test-servers), CHATAPP_PG_PORT (default 55432),
# CHATAPP_REDIS_PORT (default 56379).
set -euo pipefail

dir="${CHATAPP_SERVERS_DIR:-/tmp/chatapp-test-servers}"
pg_port="${CHATAPP_PG_PORT:-55432}"
redis_port="${CHATAPP_REDIS_PORT:-56379}"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

# PostgreSQL refuses to run as root: as root, the cluster belongs to the 'postgres' account the package creates.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  if [ -z "$pg_bin" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
  fi
  mkdir -p "$dir/pg"
  if [ "$(id -u)" = 0 ]; then
    chmod 755 "$dir"   # a mktemp -d folder is root's alone; the cluster's owner must get through it
    chown postgres "$dir/pg"
  fi
  if [ ! -f "$dir/pg/data/PG_VERSION" ]; then
    as_owner "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/pg/initdb.log" 2>&1 \
      || { cat "$dir/pg/initdb.log" >&2; exit 1; }
  fi
  if ! as_owner "$pg_bin/pg_ctl" -D "$dir/pg/data" status >/dev/null 2>&1; then
    # Loopback only; the socket in the cluster's own folder, not /var/run.
    as_owner "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w \
      -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >&2
  fi
  echo "export CHATAPP_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres'"
}

stop_postgres() {
  if [ -n "$pg_bin" ] && [ -f "$dir/pg/data/PG_VERSION" ]; then
    as_owner "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast stop >&2 || true
  fi
}

start_redis() {
  if ! command -v redis-server >/dev/null; then
    echo "Redis is not installed (apt-get install redis-server)" >&2
    exit 1
  fi
  mkdir -p "$dir/redis"
  if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
    # Loopback only, nothing written to disk: the tests' data lives as long as the server.
    redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --dir "$dir/redis" \
      --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/server.log" --save "" --appendonly no >&2
    for _ in $(seq 50); do
      redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null || { cat "$dir/redis/server.log" >&2; exit 1; }
  fi
  echo "export CHATAPP_TEST_REDIS='127.0.0.1:$redis_port'"
}

stop_redis() {
  redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start_postgres; start_redis ;;
  stop) stop_postgres; stop_redis ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
