#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests.
#   .ci/postgres.sh start DIR   installs PostgreSQL if missing (apt-get, as root), creates a cluster in DIR owned by an
#                               unprivileged user, starts it on 127.0.0.1 and a free port, prints its URL on stdout
#   .ci/postgres.sh stop DIR    stops it (the caller removes DIR)
# Exits non-zero (and prints the reason on stderr) when no server can be had; the tests then skip visibly.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a scratch directory}

bin_dir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$found" ] && command -v initdb >/dev/null 2>&1; then found=$(dirname "$(command -v initdb)"); fi
    echo "$found"
}

as_owner() {  # run a command as the cluster's owner (initdb and postgres refuse root)
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    bin=$(bin_dir)
    if [ -z "$bin" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "installing postgresql with apt-get" >&2
            export DEBIAN_FRONTEND=noninteractive
            apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; }
            bin=$(bin_dir)
        fi
    fi
    if [ -z "$bin" ]; then echo "postgres.sh: no PostgreSQL server binaries (and cannot install them)" >&2; exit 1; fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U affectkit --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >&2 \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "postgresql://affectkit@127.0.0.1:$port/postgres"
    ;;
stop)
    bin=$(bin_dir)
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true; fi
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
