#!/usr/bin/env bash
# Start-up cost of ./build.sh: warm `./build.sh --help` against running the compiled build program
# directly, then one cold start after touching a file under build/. See bench/README.md.
#
#   bash bench/startup.sh            RUNS=20 bash bench/startup.sh
#
# Exits 0 when both goals are met (warm median <= 500 ms, and <= 1.5x the direct median), else 1.
set -euo pipefail
unset CDPATH
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${RUNS:-10}"
DLL=artifacts/bin/_build/release/_build.dll
STAMP=artifacts/bin/_build/.stamp
GOAL_MS=500
GOAL_RATIO_PCT=150

# Wall time of one run in microseconds, into ELAPSED; output discarded, a failure stops the bench.
ELAPSED=0
now() { if [[ -n "${EPOCHREALTIME:-}" ]]; then NOW=$(( 10#${EPOCHREALTIME//[.,]/} )); else NOW=$(( $(date +%s%N) / 1000 )); fi; }
timed() {
  local start
  now; start=$NOW
  "$@" >/dev/null 2>&1 || { echo "bench: '$*' failed" >&2; exit 2; }
  now; ELAPSED=$(( NOW - start ))
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ms() { printf '%d.%d' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }

echo "bench: preparing (./build.sh compiles the build program if its inputs changed) …"
./build.sh --help >/dev/null
read -r DOTNET < "$STAMP"

for _ in 1 2; do timed ./build.sh --help; timed "$DOTNET" "$DLL" --help; done   # warm-up

wrapped=() direct=()
for (( i = 0; i < RUNS; i++ )); do   # interleaved, so that load on the machine hits both alike
  timed ./build.sh --help; wrapped+=("$ELAPSED")
  timed "$DOTNET" "$DLL" --help; direct+=("$ELAPSED")
done
w=$(median "${wrapped[@]}") d=$(median "${direct[@]}")
ratio_pct=$(( w * 100 / d ))

touch build/_build.csproj
timed ./build.sh --help; cold=$ELAPSED

met() { if [[ $1 -eq 1 ]]; then echo met; else echo "NOT met"; fi; }
ok_ms=$(( w <= GOAL_MS * 1000 ? 1 : 0 ))
ok_ratio=$(( ratio_pct <= GOAL_RATIO_PCT ? 1 : 0 ))
printf 'warm ./build.sh --help: median %s ms of %d runs\n' "$(ms "$w")" "$RUNS"
printf 'direct %s %s --help: median %s ms of %d runs\n' "${DOTNET##*/}" "$DLL" "$(ms "$d")" "$RUNS"
printf 'ratio: %d.%02dx\n' $(( ratio_pct / 100 )) $(( ratio_pct % 100 ))
printf 'goal warm <= %d ms: %s\n' "$GOAL_MS" "$(met "$ok_ms")"
printf 'goal warm <= 1.5x direct: %s\n' "$(met "$ok_ratio")"
printf 'cold ./build.sh --help after touching build/_build.csproj: %s ms\n' "$(ms "$cold")"
[[ $ok_ms -eq 1 && $ok_ratio -eq 1 ]]
