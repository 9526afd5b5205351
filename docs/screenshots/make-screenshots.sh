#!/bin/bash
# Takes the documentation screenshots of every page, light and dark, in a real window under Xvfb:
# the sample backend for start, findings, environments and export; for history, a scratch git copy
# of it scanned twice (a commit in between fixes one finding and adds another).
# Usage, from the repository root: scripts/dev exec bash docs/screenshots/make-screenshots.sh
# Uses the first of build/{ci,release,dev,gui}/bin/poolproof that exists; every shot is a real
# window under Xvfb.
set -e
cd "$(dirname "$0")/../.."
gui=""
for preset in ci release dev gui; do
    [[ -x build/$preset/bin/poolproof ]] && { gui=build/$preset/bin/poolproof; break; }
done
[[ -n "$gui" ]] || { echo "build the GUI first (scripts/dev build)" >&2; exit 1; }
out=/tmp/shots/out
rm -rf /tmp/shots/repo /tmp/shots/*.sqlite "$out"
mkdir -p /tmp/shots/repo "$out"
repo=/tmp/shots/repo/freshtrack-backend
cp -a examples/freshtrack-backend "$repo"
git -C "$repo" init -q
git -C "$repo" -c user.name=FreshTrack -c user.email=dev@freshtrack.invalid add -A
git -C "$repo" -c user.name=FreshTrack -c user.email=dev@freshtrack.invalid commit -qm "Nightly report and tenant middleware"
shot() { # file, args...
    local file=$1; shift
    xvfb-run -a -s "-screen 0 1600x1000x24" "$gui" --size 1500x940 --screenshot "$out/$file" "$@" 2>&1 | grep -v propagateSizeHints || true
}
# The history: a first scan, then a commit that fixes one finding and brings a new one.
POOLPROOF_HISTORY=/tmp/shots/light.sqlite shot scratch1.png --page history "$repo"
cp /tmp/shots/light.sqlite /tmp/shots/dark.sqlite
sed -i 's/      await pool.query(`SET search_path TO ${schema}, public`);/      req.searchPath = schema; \/\/ applied per transaction by withTenant()/' "$repo/src/middleware/tenant.ts"
printf '\n-- Wake the stock alerter once the report is ready.\nLISTEN stock_alerts;\n' >> "$repo/scripts/nightly-report.sql"
git -C "$repo" -c user.name=FreshTrack -c user.email=dev@freshtrack.invalid commit -qam "search_path per transaction; stock alerts"
POOLPROOF_HISTORY=/tmp/shots/light.sqlite shot history-light.png --page history "$repo"
POOLPROOF_HISTORY=/tmp/shots/dark.sqlite shot history-dark.png --page history --dark "$repo"
rm -f "$out/scratch1.png"
for mode in light dark; do
    flag=(); [[ $mode == dark ]] && flag=(--dark)
    shot start-$mode.png "${flag[@]}"
    shot findings-$mode.png --page findings "${flag[@]}" examples/freshtrack-backend
    shot environments-$mode.png --page environments --select 5 "${flag[@]}" examples/freshtrack-backend
    shot export-$mode.png --page export "${flag[@]}" examples/freshtrack-backend
done

shot start.png --size 1200x760
cp "$out"/{start,findings,environments,export,history}-{light,dark}.png docs/screenshots/
cp "$out/findings-light.png" docs/screenshots/main-light.png
cp "$out/findings-dark.png" docs/screenshots/main-dark.png
cp "$out/start.png" docs/screenshots/start.png
