#!/usr/bin/env bash
# The blog-post seed script (docker login --password-stdin; docker build -t; docker push; docker rmi; docker logout)
# against `./build.sh Push` (Image, Push and its always-after CleanImages) on the same inputs: the sample app's
# published output with the sample's .dockerignore, samples/Orders.Api/Dockerfile, the offline local base, and a
# registry with htpasswd auth that this script starts on a free loopback port. Then `./build.sh Push` again with
# nothing changed. See bench/README.md.
#
#   bash bench/push.sh      RUNS=5 bash bench/push.sh      KEEP_LOGS=/tmp/push-logs bash bench/push.sh
#   PUBLISH_DIR=DIR bash bench/push.sh   (a published Orders.Api; default: artifacts/publish/orders-api, made by
#                                         ./build.sh Compile when missing)
#
# Prints the medians, the ratios and whether each goal is met (Push <= 1.05x the seed; an unchanged Push
# <= 0.2x the first, with no layer uploaded). Exits 0 when the measurement ran, goals met or not; 1 when a step
# failed. Nothing leaves 127.0.0.1; the password only ever travels through stdin and the environment.
set -euo pipefail
unset CDPATH
# Parameters the build program would read from the environment (see ./build.sh --help) that change its inputs.
unset REGISTRY REGISTRY_USERNAME REGISTRY_PASSWORD REGISTRY_CA RELEASE ARTIFACT DOCKERFILE BASE_IMAGE EXTRA_TAGS \
  BUILD_ARGS BUILD_TARGET IMAGE_CONTEXT OVERWRITE_TAG CONFIGURATION RUNTIME_IDENTIFIER
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

RUNS="${RUNS:-3}"
GOAL_PUSH_PCT=105     # ./build.sh Push <= 1.05x the seed script
GOAL_UNCHANGED_PCT=20 # an unchanged ./build.sh Push <= 0.2x the first
DOCKERFILE="$ROOT/samples/Orders.Api/Dockerfile"
IGNORE_FILE="$ROOT/samples/Orders.Api/.dockerignore"
PUBLISHED="${PUBLISH_DIR:-$ROOT/artifacts/publish/orders-api}"
RELEASE=1.0.0
# The engine is 20.10 with the classic builder and the CLI has no buildx: the seed's `docker build` is classic.
export DOCKER_BUILDKIT=0
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: RUNS must be a positive number, not '$RUNS'" >&2; exit 1; }
require_tools docker docker-registry htpasswd curl jq ss

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pipeline-bench-push.XXXXXX")"
cleanup() {
  if [[ -n "${KEEP_LOGS:-}" ]]; then { mkdir -p "$KEEP_LOGS" && cp "$WORK"/*.log "$KEEP_LOGS"/; } 2>/dev/null || true; fi
  [[ -z "$REGISTRY" ]] || remove_local_images_of "$REGISTRY"   # local tags a failed run left behind
  stop_registry
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the registry: htpasswd (bcrypt) auth on a free 127.0.0.1 port, with an access log to count uploads --------
start_registry bench

manifest() { registry_get "/v2/$1/manifests/v$RELEASE"; }
# Requests that upload something (blob uploads, manifests) to repository NAME, from the registry's access log.
uploads() { grep -Ec "\"(POST|PATCH|PUT) /v2/$1/(blobs|manifests)/" "$WORK/registry.log" || true; }

# --- prepare (not timed): the context, the build program, the local base, one warm-up run each side ---------------
if [[ -n "${PUBLISH_DIR:-}" ]]; then
  [[ -x "$PUBLISHED/Orders.Api" ]] || fail "PUBLISH_DIR=$PUBLISHED holds no published Orders.Api"
elif [[ ! -x "$PUBLISHED/Orders.Api" ]]; then
  say "publishing the sample app (./build.sh Compile) …"
  ./build.sh Compile > "$WORK/compile.log" 2>&1 || fail "./build.sh Compile failed" "$WORK/compile.log"
fi
# A private copy, so that another build publishing meanwhile cannot change the inputs; the sample's .dockerignore
# goes in it so that the seed's classic `docker build` leaves out the same files (debug symbols) as Pipeline.
CONTEXT="$WORK/context"
cp -a "$PUBLISHED" "$CONTEXT"
cp "$IGNORE_FILE" "$CONTEXT/.dockerignore"
# A file unique to this run: no image another build left on the engine can serve either side's COPY from the
# build cache, so both sides build every step every time (the warm-up's steps go with its rmi / CleanImages).
printf '%s\n' "${WORK##*/}" > "$CONTEXT/.bench-run"
[[ -x "$CONTEXT/Orders.Api" && -f "$CONTEXT/Orders.Api.dll" ]] || fail "$PUBLISHED is not a published Orders.Api"
say "context: a copy of $PUBLISHED ($(du -sh "$CONTEXT" | cut -f1)) with samples/Orders.Api/.dockerignore"

say "warming the build program (./build.sh --help compiles it if its inputs changed) …"
./build.sh --help > "$WORK/help.log" 2>&1 || fail "./build.sh --help failed" "$WORK/help.log"

# ./build.sh Push NAME [LOG-SUFFIX]; sets ELAPSED (µs), LOG, and RECOMPILED: 1 when build.sh had to compile the
# build program first (someone edited build/ or src/ meanwhile), so that the time is not the Push's alone.
ELAPSED=0 RECOMPILED=0 LOG=''
pipeline_push() {
  local name=$1 before start
  LOG="$WORK/$name${2:-}.log"
  before=$(stamp_time)
  now; start=$NOW
  # Its digest caches (context and local base) live in the temporary directory: nothing is left in ~/.cache.
  REGISTRY_PASSWORD="$PASSWORD" XDG_CACHE_HOME="$WORK/cache" ./build.sh Push --registry "$REGISTRY" --artifact "$name" --release "$RELEASE" \
    --registry-username "$USERNAME" --skip Compile --image-context "$CONTEXT" --dockerfile "$DOCKERFILE" \
    > "$LOG" 2>&1 || fail "./build.sh Push --artifact $name failed" "$LOG"
  now; ELAPSED=$(( NOW - start ))
  RECOMPILED=0
  [[ "$(stamp_time)" == "$before" ]] || RECOMPILED=1
}
# The seed script, the password on stdin and a throw-away DOCKER_CONFIG (the user's ~/.docker stays untouched).
seed_push() {
  local name=$1 image="$REGISTRY/$1:v$RELEASE" start
  LOG="$WORK/$name.log"
  now; start=$NOW
  # Chained with &&: `set -e` does not apply inside a `|| fail` context. mark (a builtin clock and an append)
  # records when each line ends, for the breakdown.
  (
    mark() { now; printf '%s\n' "$NOW" >> "$WORK/$name.marks"; }
    export DOCKER_CONFIG="$WORK/docker-config" && mark &&
    printf '%s' "$PASSWORD" | docker login "$REGISTRY" -u "$USERNAME" --password-stdin && mark &&
    docker build --network host -f "$DOCKERFILE" --build-arg "BASE_IMAGE=$BASE" -t "$image" "$CONTEXT" && mark &&
    docker push "$image" && mark &&
    docker rmi "$image" && mark &&
    docker logout "$REGISTRY" && mark
  ) > "$LOG" 2>&1 || fail "the seed script for $name failed" "$LOG"
  now; ELAPSED=$(( NOW - start ))
  local m
  mapfile -t m < "$WORK/$name.marks"
  SEED_PHASES=( $(( m[1] - m[0] )) $(( m[2] - m[1] )) $(( m[3] - m[2] )) $(( m[5] - m[3] )) )   # login build push rmi+logout
}
# The target durations in a Pipeline log's summary table (tenths of seconds), in µs: Image Push CleanImages rest.
pipeline_phases() {
  summary_phases "$LOG" Image Push CleanImages
  PIPE_PHASES=( "${PHASES[@]}" $(( ELAPSED > PHASES[0] + PHASES[1] + PHASES[2] ? ELAPSED - PHASES[0] - PHASES[1] - PHASES[2] : 0 )) )
}
# A timed Pipeline run under a fresh name; a run that recompiled the build program is done again under another.
PIPE_NAME=''
fresh_pipeline_push() {
  local attempt
  for attempt in 1 2 3; do
    PIPE_NAME=$1
    (( attempt == 1 )) || PIPE_NAME="$1-retry$attempt"
    pipeline_push "$PIPE_NAME"
    (( RECOMPILED == 0 )) && return 0
    say "$PIPE_NAME: ./build.sh recompiled the build program (build/ or src/ changed meanwhile): not counted, again"
  done
  fail "the build program was recompiled during every attempt: stop editing build/ and src/ while this runs"
}

say "warm-up: ./build.sh Push (imports the local base if missing) …"
fresh_pipeline_push warmup-pipe
# The base the Pipeline build used, from its label in the pushed image's config.
config_digest=$(manifest "$PIPE_NAME" | jq -r .config.digest) || fail "cannot read the manifest of $PIPE_NAME from $REGISTRY"
BASE=$(registry_get "/v2/$PIPE_NAME/blobs/$config_digest" '*/*' | jq -r '.config.Labels["org.opencontainers.image.base.name"] // empty') ||
  fail "cannot read the image config of $PIPE_NAME"
[[ "$BASE" == *pipeline/local-base:* ]] || fail "the Pipeline image names no local base (base label: '${BASE:-none}')"
docker image inspect "$BASE" >/dev/null 2>&1 || fail "$BASE is not on this machine: docker images pipeline/local-base"
say "local base: $BASE (docker images pipeline/local-base: $(docker images pipeline/local-base --format '{{.Tag}}' | paste -sd, -))"
say "warm-up: the seed script …"
seed_push warmup-seed

# --- timed: alternating (who goes first swaps each round), a new repository each run -----------------------------
seed_times=() pipe_times=() pipe_names=()
seed_login=() seed_build=() seed_push_=() seed_clean=() pipe_image=() pipe_push_=() pipe_clean=() pipe_rest=()
for (( i = 1; i <= RUNS; i++ )); do
  say "round $i of $RUNS …"
  order=(seed pipe)
  (( i % 2 == 1 )) || order=(pipe seed)
  for side in "${order[@]}"; do
    if [[ $side == seed ]]; then
      seed_push "seed-$i"; seed_times+=("$ELAPSED")
      seed_login+=("${SEED_PHASES[0]}") seed_build+=("${SEED_PHASES[1]}") seed_push_+=("${SEED_PHASES[2]}") seed_clean+=("${SEED_PHASES[3]}")
    else
      fresh_pipeline_push "pipe-$i"; pipe_times+=("$ELAPSED"); pipe_names+=("$PIPE_NAME")
      pipeline_phases
      pipe_image+=("${PIPE_PHASES[0]}") pipe_push_+=("${PIPE_PHASES[1]}") pipe_clean+=("${PIPE_PHASES[2]}") pipe_rest+=("${PIPE_PHASES[3]}")
    fi
  done
done
seed_median=$(median "${seed_times[@]}")
pipe_median=$(median "${pipe_times[@]}")

# Same content on both sides: the same base layer, and the same total size of the layers pushed.
sizes() { jq -r '[.layers[].size] | add' <<< "$1"; }
base_layer() { jq -r '.layers[0].digest' <<< "$1"; }
seed_manifest=$(manifest seed-1) || fail "cannot read the manifest of seed-1"
pipe_manifest=$(manifest "${pipe_names[0]}") || fail "cannot read the manifest of ${pipe_names[0]}"
[[ "$(base_layer "$seed_manifest")" == "$(base_layer "$pipe_manifest")" ]] ||
  fail "seed-1 and ${pipe_names[0]} do not share their base layer: the two sides did not build on the same base"
seed_bytes=$(sizes "$seed_manifest") pipe_bytes=$(sizes "$pipe_manifest")
# The upload count below means something only if the access log shows the first pushes' uploads.
(( $(uploads "${pipe_names[0]}") > 0 && $(uploads seed-1) > 0 )) ||
  fail "the registry's access log shows no upload for seed-1 or ${pipe_names[0]}: cannot tell whether a push uploads" "$WORK/registry.log"

# --- nothing changed: each Pipeline repository again, same inputs, same release -----------------------------------
again_times=() uploaded=0 skipped=yes
for name in "${pipe_names[@]}"; do
  say "again, nothing changed: $name …"
  before=$(uploads "$name")
  for _ in 1 2 3; do pipeline_push "$name" .again; (( RECOMPILED == 0 )) && break; done
  (( RECOMPILED == 0 )) || fail "the build program was recompiled during every attempt: stop editing build/ and src/ while this runs"
  again_times+=("$ELAPSED")
  uploaded=$(( uploaded + $(uploads "$name") - before ))
  for target in Image Push; do
    grep -Eq "^ *$target\b.*Skipped.*already holds this content" "$LOG" || { skipped=no; say "$name: $target was not skipped, see below"; tail -n 30 "$LOG" >&2; }
  done
done
again_median=$(median "${again_times[@]}")

# The password, and the base64 of user:password, appear in no output of either side.
secret_b64=$(printf '%s:%s' "$USERNAME" "$PASSWORD" | base64 -w0)
if grep -lF -e "$PASSWORD" -e "$secret_b64" "$WORK"/*.log >&2; then fail "the password appears in the logs above"; fi

# --- report ------------------------------------------------------------------------------------------------------
push_pct=$(( pipe_median * 100 / seed_median ))
# The same ratio per round (the two sides ran back to back): the machine's speed drifts over minutes, and a
# round's pair sees the same drift. Shown beside the ratio of the medians, which decides the goal.
round_pcts=()
for (( i = 0; i < RUNS; i++ )); do round_pcts+=( $(( pipe_times[i] * 100 / seed_times[i] )) ); done
paired_pct=$(median "${round_pcts[@]}")
again_pct=$(( again_median * 100 / pipe_median ))
echo
printf 'seed script (login, build, push, rmi, logout): median %s of %d runs (%s)\n' "$(secs "$seed_median")" "$RUNS" "$(times_of "${seed_times[@]}")"
printf './build.sh Push (Image, Push, CleanImages):    median %s of %d runs (%s)\n' "$(secs "$pipe_median")" "$RUNS" "$(times_of "${pipe_times[@]}")"
printf 'ratio Push / seed: %s (per round: %s; their median %s)\n' "$(ratio "$push_pct")" \
  "$(for p in "${round_pcts[@]}"; do printf '%s ' "$(ratio "$p")"; done | sed 's/ $//')" "$(ratio "$paired_pct")"
printf '  medians by step: seed login %s, build %s, push %s, rmi + logout %s\n' "$(secs "$(median "${seed_login[@]}")")" \
  "$(secs "$(median "${seed_build[@]}")")" "$(secs "$(median "${seed_push_[@]}")")" "$(secs "$(median "${seed_clean[@]}")")"
printf '                   Pipeline Image %s, Push %s, CleanImages %s, rest (start, plan, summary) %s\n' \
  "$(secs "$(median "${pipe_image[@]}")")" "$(secs "$(median "${pipe_push_[@]}")")" "$(secs "$(median "${pipe_clean[@]}")")" \
  "$(secs "$(median "${pipe_rest[@]}")")"
printf './build.sh Push again, nothing changed:        median %s of %d runs (%s)\n' "$(secs "$again_median")" "$RUNS" "$(times_of "${again_times[@]}")"
printf 'ratio unchanged / first Push: %s\n' "$(ratio "$again_pct")"
printf 'layers pushed per image: seed %s, Pipeline %s (same base layer)\n' "$(mb "$seed_bytes")" "$(mb "$pipe_bytes")"
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
echo
row figure value goal result
row 'seed script, median' "$(secs "$seed_median")" '' ''
row './build.sh Push, median' "$(secs "$pipe_median")" '' ''
row 'Push / seed' "$(ratio "$push_pct")" '<= 1.05x' "$(met "$push_pct" "$GOAL_PUSH_PCT")"
row './build.sh Push unchanged, median' "$(secs "$again_median")" '' ''
row 'unchanged / first Push' "$(ratio "$again_pct")" '<= 0.2x' "$(met "$again_pct" "$GOAL_UNCHANGED_PCT")"
row 'unchanged: Image, Push skipped' "$skipped" 'yes' "$([[ $skipped == yes ]] && echo met || echo "NOT met")"
row 'unchanged: uploads to the registry' "$uploaded" '0' "$(met "$uploaded" 0)"
