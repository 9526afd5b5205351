#!/usr/bin/env bash
# Scan benchmark: PoolProof against ripgrep and GNU grep running the naive five patterns over the
# same generated tree. Prints wall times (median of RUNS), their ratios, and peak memory.
#
#   scripts/dev build release
#   scripts/dev exec env POOLPROOF_CLI=build/release/bin/poolproof-cli bench/run.sh [TREE_DIR]
#   (default tree: /tmp/poolproof-bench-tree; scripts/dev passes no other variables through, hence env)
#
# Environment: RUNS (default 3), FILES (32000), MEGABYTES (320), POOLPROOF_CLI (default: on PATH).
#
# Wall times are noisy on a shared machine; instruction counts are not. To compare two builds,
# count instructions on a slice of the tree with one worker:
#
#   scripts/dev build ci   # optimised, with debug information
#   mkdir -p /tmp/pp-subset && cp -r /tmp/poolproof-bench-tree/service00 /tmp/pp-subset/   # 800 files
#   scripts/dev exec valgrind --tool=callgrind --callgrind-out-file=/tmp/pp.cg \
#       build/ci/bin/poolproof-cli scan /tmp/pp-subset --format json --output /tmp/pp.json --fail-on none --jobs 1
#   scripts/dev exec callgrind_annotate --inclusive=yes /tmp/pp.cg | head -60
#
# and check that the findings did not change: the "findings" arrays of both JSON reports must be
# equal, element by element. Under valgrind the fingerprints' SHA-256 runs Qt's portable code (the
# emulated processor has no SHA instructions), so it weighs more in the profile than in a real run.
#
# Where the time goes in a real run (cache misses and system calls included), from the host's perf
# with a symbol folder that maps the build root's libraries:
#
#   mkdir -p /tmp/symfs && for d in usr lib lib64; do ln -sfn /var/cache/poolproof/trixie-root/$d /tmp/symfs/$d; done
#   ln -sfn /work /tmp/symfs/work   # the checkout's top folder, for poolproof-cli's own symbols
#   perf record -F 4000 -o /tmp/pp.data -- scripts/dev exec build/release/bin/poolproof-cli scan \
#       /tmp/poolproof-bench-tree --format json --output /tmp/pp.json --fail-on none
#   perf report -i /tmp/pp.data --symfs=/tmp/symfs --no-children --sort dso,sym | head -60
#
# Where the wall time goes, phase by phase, needs time stamps in runScan(); a run with --jobs 1
# next to one with the default tells the parallel part (it halves) from the serial one (it does not).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TREE="${1:-/tmp/poolproof-bench-tree}"
RUNS="${RUNS:-3}"
CLI="${POOLPROOF_CLI:-poolproof-cli}"
PATTERNS=(-e 'SET ' -e 'LISTEN' -e 'pg_advisory_lock' -e 'PREPARE' -e 'WITH HOLD')

if [[ ! -f "$TREE/.complete" ]]; then
    rm -rf "$TREE"
    python3 bench/make-tree.py "$TREE" --files "${FILES:-32000}" --megabytes "${MEGABYTES:-320}"
    touch "$TREE/.complete"
fi
echo "tree: $(find "$TREE" -type f | wc -l) files, $(du -sm "$TREE" | cut -f1) MB"

# Output goes to a scratch file, not to a device: nothing here may replace a device node.
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

# Runs a command RUNS times after one warm-up run; prints "median_seconds peak_rss_kb
# median_cpu_seconds" (CPU: user + system, which a loaded machine disturbs less than wall time).
measure() {
    local times=() cpus=() rss=0 t m u k
    "$@" >"$SCRATCH/out" 2>&1 || true
    for ((i = 0; i < RUNS; i++)); do
        local report
        report=$(mktemp)
        /usr/bin/time -f '%e %M %U %S' -o "$report" "$@" >"$SCRATCH/out" 2>&1 || true
        read -r t m u k <"$report"
        rm -f "$report"
        times+=("$t")
        cpus+=("$(awk -v u="$u" -v k="$k" 'BEGIN {printf "%.2f", u + k}')")
        ((m > rss)) && rss=$m
    done
    local cpu
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%s\n' "${times[@]}" | sort -n | awk -v rss="$rss" -v cpu="$cpu" '{a[NR]=$1} END {print a[int((NR+1)/2)], rss, cpu}'
}

read -r pp_t pp_m pp_c < <(measure "$CLI" scan "$TREE" --format json --output "$SCRATCH/report.json" --fail-on none)
read -r rg_t rg_m rg_c < <(measure rg -i --no-messages "${PATTERNS[@]}" "$TREE")
read -r gr_t gr_m gr_c < <(measure grep -r -i -E "${PATTERNS[@]}" "$TREE")

printf '%-22s %9s %9s %12s\n' tool "wall (s)" "CPU (s)" "peak RSS (MB)"
printf '%-22s %9s %9s %12d\n' "poolproof-cli scan" "$pp_t" "$pp_c" $((pp_m / 1024))
printf '%-22s %9s %9s %12d\n' "ripgrep, 5 patterns" "$rg_t" "$rg_c" $((rg_m / 1024))
printf '%-22s %9s %9s %12d\n' "GNU grep, 5 patterns" "$gr_t" "$gr_c" $((gr_m / 1024))
awk -v p="$pp_t" -v r="$rg_t" -v g="$gr_t" 'BEGIN {
    printf "poolproof / ripgrep: %.2fx (target <= 1.0x)\n", p / r
    printf "poolproof / grep:    %.2fx (target <= 0.5x)\n", p / g }'
