#!/usr/bin/env bash
# Starts or stops the servers the live-check tests run against, all on loopback:
#   - PostgreSQL 17 (scram-sha-256, TLS off) with a disposable database "app"
#   - PgBouncer "main" in transaction mode, max_prepared_statements at its default, an admin user,
#     a second database entry "app_session" with pool_mode=session, a third "app_single" with
#     pool_size=1 (a test holds its one server connection to see a check wait for it)
#   - PgBouncer "noprep" in transaction mode with max_prepared_statements = 0
#
#   test-servers.sh start STATE_DIR   writes STATE_DIR/servers.env (ports, users, passwords)
#   test-servers.sh stop STATE_DIR    stops everything started for STATE_DIR and removes its files
#
# The clusters live in a fresh folder under /tmp (short socket paths, reachable by the server user
# whatever the permissions of the checkout). PostgreSQL refuses to run as root: as root, the
# servers run as the "postgres" system user.
set -euo pipefail

readonly PG_BIN=${POOLPROOF_PG_BIN:-/usr/lib/postgresql/17/bin}
readonly PGBOUNCER=${POOLPROOF_PGBOUNCER:-/usr/sbin/pgbouncer}

die() { printf 'test-servers: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: $0 start|stop STATE_DIR"
readonly action=$1
mkdir -p "$2"
readonly state=$(cd "$2" && pwd -P)

# Runs a command as the server user.
as_server() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A port nothing listens on right now, from the kernel's ephemeral range.
free_port() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until a TCP port accepts connections (10 s at most).
wait_for_port() {
    local port=$1 name=$2
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    die "$name did not start listening on port $port"
}

stop_servers() {
    [[ -f "$state/run-dir" ]] || return 0
    local run
    run=$(cat "$state/run-dir")
    local pidfile pid pids=()
    # The pids are read once: a PgBouncer that exits removes its pid file, perhaps between a
    # test for the file and a read of it.
    for pidfile in "$run"/pgbouncer-*.pid; do
        pid=$(cat "$pidfile" 2>/dev/null) || continue
        pids+=("$pid")
        kill -TERM "$pid" 2>/dev/null || true
    done
    if [[ -f "$run/pg/postmaster.pid" ]]; then
        as_server "$PG_BIN/pg_ctl" -D "$run/pg" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    # PgBouncer exits at once on SIGTERM; wait for the pids to disappear before removing files.
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    done
    [[ "$run" == /tmp/poolproof-live.* ]] && rm -rf --one-file-system "$run"
    rm -f "$state/run-dir" "$state/servers.env"
}

write_pgbouncer_ini() {
    local name=$1 port=$2 extra=$3
    cat >"$run/pgbouncer-$name.ini" <<INI
[databases]
app = host=127.0.0.1 port=$pg_port dbname=app
app_session = host=127.0.0.1 port=$pg_port dbname=app pool_mode=session
app_single = host=127.0.0.1 port=$pg_port dbname=app pool_size=1

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $run/userlist.txt
admin_users = $admin_user
pool_mode = transaction
max_client_conn = 50
default_pool_size = 4
client_tls_sslmode = disable
server_tls_sslmode = disable
logfile = $run/pgbouncer-$name.log
pidfile = $run/pgbouncer-$name.pid
$extra
INI
}

start_servers() {
    stop_servers
    [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL 17 is not installed ($PG_BIN/initdb)"
    [[ -x "$PGBOUNCER" ]] || die "PgBouncer is not installed ($PGBOUNCER)"
    run=$(mktemp -d /tmp/poolproof-live.XXXXXX)
    echo "$run" >"$state/run-dir"
    chmod 755 "$run"

    app_user=app
    app_password="app-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    admin_user=pbadmin
    admin_password="admin-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    pg_port=$(free_port)
    main_port=$(free_port)
    noprep_port=$(free_port)

    printf '"%s" "%s"\n"%s" "%s"\n' "$app_user" "$app_password" "$admin_user" "$admin_password" >"$run/userlist.txt"
    printf '%s\n' "$app_password" >"$run/superuser-password"
    write_pgbouncer_ini main "$main_port" ""
    write_pgbouncer_ini noprep "$noprep_port" "max_prepared_statements = 0"
    [[ $(id -u) -eq 0 ]] && chown -R postgres: "$run"

    as_server "$PG_BIN/initdb" -D "$run/pg" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --no-sync -E UTF8 --locale=C.UTF-8 >"$run/initdb.log" 2>&1 || { cat "$run/initdb.log" >&2; die "initdb failed"; }
    cat >>"$run/pg/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$run'
ssl = off
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 16MB
max_connections = 40
password_encryption = scram-sha-256
log_statement = 'all'
CONF
    as_server "$PG_BIN/pg_ctl" -D "$run/pg" -l "$run/postgres.log" -w -t 30 start >/dev/null \
        || { cat "$run/postgres.log" >&2; die "PostgreSQL did not start"; }
    as_server "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$run" -p "$pg_port" -U postgres -d postgres <<SQL >/dev/null
CREATE ROLE $app_user LOGIN PASSWORD '$app_password';
CREATE ROLE $admin_user LOGIN PASSWORD '$admin_password';
CREATE DATABASE app OWNER $app_user;
SQL

    local name
    for name in main noprep; do
        as_server "$PGBOUNCER" -d "$run/pgbouncer-$name.ini" >/dev/null 2>&1 \
            || { cat "$run/pgbouncer-$name.log" >&2 2>/dev/null; die "PgBouncer ($name) did not start"; }
    done
    wait_for_port "$main_port" "PgBouncer (main)"
    wait_for_port "$noprep_port" "PgBouncer (noprep)"

    cat >"$state/servers.env" <<ENV
PG_PORT=$pg_port
PGBOUNCER_PORT=$main_port
PGBOUNCER_NOPREP_PORT=$noprep_port
APP_USER=$app_user
APP_PASSWORD=$app_password
ADMIN_USER=$admin_user
ADMIN_PASSWORD=$admin_password
RUN_DIR=$run
PGBOUNCER_VERSION=$("$PGBOUNCER" --version | sed -n '1s/^PgBouncer //p')
ENV
}

case "$action" in
    start) start_servers ;;
    stop) stop_servers ;;
    *) die "unknown action \"$action\" (use start or stop)" ;;
esac
