#!/usr/bin/env bash
# Runs a command with a system keychain of its own: a private D-Bus session bus and GNOME
# Keyring's Secret Service on it, with a fresh, unlocked login keyring under a scratch HOME.
#
#   with-keyring.sh COMMAND [ARGS...]
#
# The scratch HOME is removed afterwards; the command can find it in POOLPROOF_KEYRING_HOME to
# look at what the keyring wrote to disk.
set -euo pipefail

command -v dbus-run-session >/dev/null || { echo "with-keyring: dbus-run-session is missing" >&2; exit 1; }
command -v gnome-keyring-daemon >/dev/null || { echo "with-keyring: gnome-keyring-daemon is missing" >&2; exit 1; }

scratch=$(mktemp -d)
export HOME="$scratch" XDG_DATA_HOME="$scratch/.local/share" XDG_CONFIG_HOME="$scratch/.config"
export XDG_RUNTIME_DIR="$scratch/run" POOLPROOF_KEYRING_HOME="$scratch"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# The keyring's own password only unlocks this scratch keyring. The daemons of this session are
# stopped afterwards (found by the scratch HOME in their environment): one left running would
# keep the test's output open.
stop_daemons() {
    local pid
    for pid in $(pgrep -f 'gnome-keyring-daemon|dbus-daemon' || true); do
        if { tr "\0" "\n" <"/proc/$pid/environ"; } 2>/dev/null | grep -qx "POOLPROOF_KEYRING_HOME=$scratch"; then
            kill "$pid" 2>/dev/null || true
        fi
    done
}
trap 'stop_daemons; rm -rf "$scratch"' EXIT
status=0
dbus-run-session -- bash -c '
    printf "%s" "scratch-keyring-$RANDOM$RANDOM" \
        | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$@"' with-keyring "$@" || status=$?
exit "$status"
