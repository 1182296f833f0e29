#!/usr/bin/env bash
# Issue 13's benchmark: the same one-line code change to the sample app (a string in Program.cs), shipped three
# ways, alternating, each into its own repository of one registry with htpasswd auth on a free loopback port:
#   pipeline  ./build.sh Push (Compile, Image, Push, CleanImages) of a private copy of samples/Orders.Api
#   seed      dotnet publish (self-contained linux-x64, as Compile) + docker login --password-stdin/build/push/rmi/logout
#   sdk       dotnet publish -t:PublishContainer (the .NET SDK, daemonless) from the same base, pushed there first
# Then an unchanged ./build.sh Publish against the changed release. See bench/README.md.
#
#   bash bench/release.sh      RUNS=5 bash bench/release.sh      KEEP_LOGS=/tmp/release-logs bash bench/release.sh
#   BUILDER=direct bash bench/release.sh   (passed as --builder; empty: the build's default)
#
# Prints the medians, the ratios, the bytes each side uploaded for a change, and whether each goal is met
# (Pipeline <= 0.8x the SDK and <= 0.5x the seed, <= 1 MB uploaded for the change, an unchanged Publish <= 0.1x).
# Exits 0 when the measurement ran, goals met or not; 1 when a step failed. Nothing leaves 127.0.0.1; the password
# only travels through stdin and the environment; everything it made is removed at exit, also on failure or Ctrl-C.
set -euo pipefail
unset CDPATH
BUILDER_CHOICE="${BUILDER:-}"
# Parameters the build program would read from the environment (see ./build.sh --help) that change its inputs.
unset REGISTRY REGISTRY_USERNAME REGISTRY_PASSWORD REGISTRY_CA RELEASE ARTIFACT DOCKERFILE BASE_IMAGE EXTRA_TAGS \
  BUILD_ARGS BUILD_TARGET IMAGE_CONTEXT OVERWRITE_TAG CONFIGURATION RUNTIME_IDENTIFIER APPLICATION_PROJECT BUILDER \
  KUBECONFIG KUBE_CONTEXT NAMESPACE DEPLOY_IMAGE MANIFEST PIN_DIGEST PULL_USERNAME PULL_PASSWORD PULL_SECRET_FILE
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

RUNS="${RUNS:-3}"
GOAL_SDK_PCT=80         # Pipeline <= 0.8x the SDK
GOAL_SEED_PCT=50        # Pipeline <= 0.5x the seed script
GOAL_BYTES=1000000      # <= 1 MB uploaded for a one-line change
GOAL_UNCHANGED_PCT=10   # an unchanged ./build.sh Publish <= 0.1x the changed release
SAMPLE="$ROOT/samples/Orders.Api"
RID=linux-x64
# The engine is 20.10 with the classic builder and the CLI has no buildx: the seed's `docker build` is classic.
export DOCKER_BUILDKIT=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, not '$RUNS'"
[[ -z "$BUILDER_CHOICE" || "$BUILDER_CHOICE" =~ ^(auto|direct|engine)$ ]] ||
  fail "BUILDER must be auto, direct or engine (or empty for the build's default), not '$BUILDER_CHOICE'"
require_tools docker docker-registry htpasswd curl jq ss dotnet
docker version >/dev/null 2>&1 || fail "no Docker engine answers (the seed script needs one): bash build/provision.sh docker"

RUN_ID="$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')"   # lowercase: repository names are
[[ "$RUN_ID" =~ ^[0-9a-f]{8}$ ]] || fail "could not draw a run id from /dev/urandom"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pipeline-bench-release.XXXXXX")"
# Pipeline's repository is its artifact name, which also names its folders under artifacts/: unique to this run.
PIPE_REPO="bench-$RUN_ID" SEED_REPO=seed SDK_REPO=sdk BASE_REPO=local-base
PIPE_BASE_ARTIFACT="bench-$RUN_ID-base"
cleanup() {
  if [[ -n "${KEEP_LOGS:-}" ]]; then { mkdir -p "$KEEP_LOGS" && cp "$WORK"/*.log "$KEEP_LOGS"/; } 2>/dev/null || true; fi
  local container
  for container in $(docker ps -aq --filter "name=^bench-$RUN_ID-" 2>/dev/null); do docker rm -f "$container" >/dev/null 2>&1 || true; done
  [[ -z "$REGISTRY" ]] || remove_local_images_of "$REGISTRY"   # local tags a failed run left behind
  stop_registry
  rm -rf "$WORK" "$ROOT/artifacts/publish/$PIPE_REPO" "$ROOT/artifacts/k8s/$PIPE_REPO.yaml" \
    "$ROOT/artifacts/publish/$PIPE_BASE_ARTIFACT" "$ROOT/artifacts/k8s/$PIPE_BASE_ARTIFACT.yaml"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_registry bench
# docker login writes to this throw-away DOCKER_CONFIG (set for the docker lines only), not ~/.docker/config.json.
BENCH_DOCKER_CONFIG="$WORK/docker-config"

# --- the three copies of the sample: each side compiles its own change (a shared copy would hand the second side
# an up-to-date build); with the repo's Directory.*.props and global.json, so each builds as in the repo, its
# bin/ and obj/ under its own artifacts/ -------------------------------------------------------------------------
for side in pipeline seed sdk; do
  mkdir -p "$WORK/$side/samples"
  cp "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" "$ROOT/global.json" "$ROOT/.editorconfig" "$WORK/$side/"
  cp -a "$SAMPLE" "$WORK/$side/samples/"
  rm -rf "$WORK/$side/samples/Orders.Api/bin" "$WORK/$side/samples/Orders.Api/obj"
done
project() { printf '%s' "$WORK/$1/samples/Orders.Api/Orders.Api.csproj"; }
# change SIDE TEXT: the one-line change, the fallback version string of Program.cs's APP_VERSION line.
change() {
  local file="$WORK/$1/samples/Orders.Api/Program.cs"
  sed -i -E "/APP_VERSION/ s/\?\? \"[^\"]*\"/?? \"$2\"/" "$file"
  grep -qF "?? \"$2\";" "$file" || fail "could not change the APP_VERSION line of $file (samples/Orders.Api/Program.cs changed?)"
}

# Blobs uploaded to REPOSITORY in the access log after line FROM: the digests whose upload completed (a PUT or a
# monolithic POST with ?digest=, answered 201; a cross-repository mount carries no body and is not counted), and
# their sizes from the registry. Sets UP_BYTES and UP_BLOBS.
log_lines() { wc -l < "$WORK/registry.log"; }
uploaded() {
  local repository=$1 from=$2 digest size
  UP_BYTES=0 UP_BLOBS=0
  for digest in $(tail -n "+$(( from + 1 ))" "$WORK/registry.log" |
      grep -E "\"(PUT|POST) /v2/$repository/blobs/uploads/[^ \"]*digest=sha256(%3A|:)[0-9a-f]{64}[^ \"]* HTTP/[0-9.]+\" 201 " |
      grep -v 'mount=' | grep -oE 'digest=sha256(%3A|:)[0-9a-f]{64}' | grep -oE '[0-9a-f]{64}$' | sort -u); do
    size=$(registry_blob_size "$repository" "sha256:$digest") || fail "cannot read the size of blob sha256:$digest in $repository"
    UP_BYTES=$(( UP_BYTES + size )) UP_BLOBS=$(( UP_BLOBS + 1 ))
  done
}

# A cluster that a kubeconfig names would get the bench's release from Publish's Deploy: skip Deploy then.
PUBLISH_SKIP=()
if [[ -f "$HOME/.kube/config" || -n "${KUBERNETES_SERVICE_HOST:-}" ]]; then PUBLISH_SKIP=(--skip Deploy); fi

# ./build.sh TARGET RELEASE LOG [ARGS…] for Pipeline's copy; sets ELAPSED (µs) and RECOMPILED (1 when build.sh had
# to compile the build program first: someone edited build/ or src/ meanwhile, so the time is not the chain's).
ELAPSED=0 RECOMPILED=0
pipeline_build() {
  local target=$1 release=$2 log=$3 before start
  shift 3
  before=$(stamp_time)
  now; start=$NOW
  # Its caches (context and base digests) live in the temporary directory: nothing is left in ~/.cache.
  REGISTRY_PASSWORD="$PASSWORD" XDG_CACHE_HOME="$WORK/cache" ./build.sh "$target" --application-project "$(project pipeline)" \
    --registry "$REGISTRY" --registry-username "$USERNAME" --release "$release" ${BUILDER_CHOICE:+--builder "$BUILDER_CHOICE"} "$@" \
    > "$log" 2>&1 || fail "./build.sh $target (release $release) failed" "$log"
  now; ELAPSED=$(( NOW - start ))
  RECOMPILED=0
  [[ "$(stamp_time)" == "$before" ]] || RECOMPILED=1
}
# The seed script: publish as Compile does, then the engine; the password on stdin. Sets ELAPSED and SEED_PHASES.
seed_release() {
  local release=$1 log=$2 image="$REGISTRY/$SEED_REPO:v$1" out="$WORK/seed-publish" start
  now; start=$NOW
  rm -f "$WORK/seed.marks"
  # Chained with &&: `set -e` does not apply inside a `|| fail` context. mark records when each line ends.
  (
    trap 'exit 130' INT; trap 'exit 143' TERM   # stop after the current line, not run the next
    mark() { now; printf '%s\n' "$NOW" >> "$WORK/seed.marks"; }
    export DOCKER_CONFIG="$BENCH_DOCKER_CONFIG" && mark &&
    dotnet publish "$(project seed)" --configuration Release --runtime "$RID" --self-contained --output "$out" --nologo && mark &&
    cp "$SAMPLE/.dockerignore" "$out/.dockerignore" &&
    printf '%s' "$PASSWORD" | docker login "$REGISTRY" -u "$USERNAME" --password-stdin && mark &&
    docker build --network host -f "$WORK/seed/samples/Orders.Api/Dockerfile" --build-arg "BASE_IMAGE=$LOCAL_BASE" -t "$image" "$out" && mark &&
    docker push "$image" && mark &&
    docker rmi "$image" && docker logout "$REGISTRY" && mark
  ) > "$log" 2>&1 || fail "the seed script (release $release) failed" "$log"
  now; ELAPSED=$(( NOW - start ))
  local m
  mapfile -t m < "$WORK/seed.marks"
  SEED_PHASES=( $(( m[1] - m[0] )) $(( m[2] - m[1] )) $(( m[3] - m[2] )) $(( m[4] - m[3] )) $(( m[5] - m[4] )) )
}
# The .NET SDK's container publish: credentials through its environment variables, plain HTTP to this registry.
sdk_release() {
  local release=$1 log=$2 start
  now; start=$NOW
  DOTNET_CONTAINER_INSECURE_REGISTRIES="$REGISTRY" SDK_CONTAINER_REGISTRY_UNAME="$USERNAME" SDK_CONTAINER_REGISTRY_PWORD="$PASSWORD" \
    dotnet publish "$(project sdk)" -t:PublishContainer --configuration Release --runtime "$RID" --self-contained --nologo \
    -p:ContainerBaseImage="$REGISTRY/$BASE_REPO:$BASE_TAG" -p:ContainerRegistry="$REGISTRY" \
    -p:ContainerRepository="$SDK_REPO" -p:ContainerImageTag="v$release" > "$log" 2>&1 ||
    fail "dotnet publish -t:PublishContainer (release $release) failed" "$log"
  now; ELAPSED=$(( NOW - start ))
}

# --- prepare (not timed): the build program, the local base, one release of each side -----------------------------
say "warming the build program (./build.sh --help compiles it if its inputs changed) …"
./build.sh --help > "$WORK/help.log" 2>&1 || fail "./build.sh --help failed" "$WORK/help.log"
say "warm-up: ./build.sh Push (first build of its copy; imports the local base if missing) …"
change pipeline "bench-$RUN_ID-warmup"
pipeline_build Push 1.0.0 "$WORK/pipeline-warmup.log" --artifact "$PIPE_REPO"
# The base the Pipeline build used, from its label in the pushed image's config.
config_digest=$(registry_get "/v2/$PIPE_REPO/manifests/v1.0.0" | jq -r .config.digest) || fail "cannot read the manifest of $PIPE_REPO:v1.0.0"
LOCAL_BASE=$(registry_get "/v2/$PIPE_REPO/blobs/$config_digest" '*/*' | jq -r '.config.Labels["org.opencontainers.image.base.name"] // empty') ||
  fail "cannot read the image config of $PIPE_REPO:v1.0.0"
[[ "$LOCAL_BASE" == *pipeline/local-base:* ]] || fail "the Pipeline image names no local base (base label: '${LOCAL_BASE:-none}')"
if ! docker image inspect "$LOCAL_BASE" >/dev/null 2>&1; then
  # A builder that writes the base in-process leaves none on the engine; the engine builder imports it (once).
  [[ "$BUILDER_CHOICE" != engine ]] || fail "$LOCAL_BASE is not on the engine after an engine build: docker images pipeline/local-base"
  say "$LOCAL_BASE is not on the engine: importing it with one engine build (not timed) …"
  pipeline_build Image 0.0.1 "$WORK/base-import.log" --artifact "$PIPE_BASE_ARTIFACT" --skip Compile \
    --image-context "$ROOT/artifacts/publish/$PIPE_REPO" --builder engine
  remove_local_images_of "$REGISTRY"   # that build's image; the local base stays
  docker image inspect "$LOCAL_BASE" >/dev/null 2>&1 || fail "$LOCAL_BASE is still not on the engine" "$WORK/base-import.log"
fi
BASE_TAG=${LOCAL_BASE##*:}
say "local base: $LOCAL_BASE; pushing it to $REGISTRY/$BASE_REPO:$BASE_TAG for the SDK (docker, not timed) …"
(
  export DOCKER_CONFIG="$BENCH_DOCKER_CONFIG" &&
  printf '%s' "$PASSWORD" | docker login "$REGISTRY" -u "$USERNAME" --password-stdin &&
  docker tag "$LOCAL_BASE" "$REGISTRY/$BASE_REPO:$BASE_TAG" && docker push "$REGISTRY/$BASE_REPO:$BASE_TAG" &&
  docker rmi "$REGISTRY/$BASE_REPO:$BASE_TAG" && docker logout "$REGISTRY"
) > "$WORK/base-push.log" 2>&1 || fail "pushing the local base to $REGISTRY failed" "$WORK/base-push.log"
say "warm-up: the seed script …"
change seed "bench-$RUN_ID-warmup"
seed_release 1.0.0 "$WORK/seed-warmup.log"
say "warm-up: dotnet publish -t:PublishContainer …"
change sdk "bench-$RUN_ID-warmup"
sdk_release 1.0.0 "$WORK/sdk-warmup.log"
# The byte counts below mean something only if the access log shows the warm-ups' uploads.
for repository in "$PIPE_REPO" "$SEED_REPO" "$SDK_REPO"; do
  uploaded "$repository" 0
  (( UP_BLOBS > 0 )) || fail "the registry's access log shows no blob upload to $repository: cannot count uploaded bytes" "$WORK/registry.log"
done

# --- timed: each round a new one-line change, the same on every side; who goes first rotates ---------------------
declare -A times bytes blobs
pipe_compile=() pipe_image=() pipe_push=() pipe_clean=()
seed_publish=() seed_login=() seed_build=() seed_push=() seed_clean=()
sides=(pipeline seed sdk)
LAST_RELEASE='' LAST_TEXT=''
for (( i = 1; i <= RUNS; i++ )); do
  say "round $i of $RUNS …"
  for (( s = 0; s < 3; s++ )); do
    side=${sides[(i - 1 + s) % 3]}
    release="1.0.$i" text="bench-$RUN_ID-round-$i"
    case $side in
      pipeline)
        for attempt in 1 2 3; do
          (( attempt == 1 )) || { release="1.0.$i-retry.$attempt" text="bench-$RUN_ID-round-$i-retry-$attempt"; }
          change pipeline "$text"
          from=$(log_lines)
          pipeline_build Push "$release" "$WORK/pipeline-$release.log" --artifact "$PIPE_REPO"
          (( RECOMPILED == 0 )) && break
          say "pipeline $release: ./build.sh recompiled the build program (build/ or src/ changed meanwhile): not counted, again"
        done
        (( RECOMPILED == 0 )) || fail "the build program was recompiled during every attempt: stop editing build/ and src/ while this runs"
        LAST_RELEASE=$release LAST_TEXT=$text
        summary_phases "$WORK/pipeline-$release.log" Compile Image Push CleanImages
        pipe_compile+=("${PHASES[0]}") pipe_image+=("${PHASES[1]}") pipe_push+=("${PHASES[2]}") pipe_clean+=("${PHASES[3]}")
        uploaded "$PIPE_REPO" "$from" ;;
      seed)
        change seed "$text"
        from=$(log_lines)
        seed_release "$release" "$WORK/seed-$release.log"
        seed_publish+=("${SEED_PHASES[0]}") seed_login+=("${SEED_PHASES[1]}") seed_build+=("${SEED_PHASES[2]}")
        seed_push+=("${SEED_PHASES[3]}") seed_clean+=("${SEED_PHASES[4]}")
        uploaded "$SEED_REPO" "$from" ;;
      sdk)
        change sdk "$text"
        from=$(log_lines)
        sdk_release "$release" "$WORK/sdk-$release.log"
        uploaded "$SDK_REPO" "$from" ;;
    esac
    times[$side]+="$ELAPSED " bytes[$side]+="$UP_BYTES " blobs[$side]+="$UP_BLOBS "
  done
done

# The three sides built on the same base: the first layer of each last release holds the local base's files. Its
# diff-id (the uncompressed tar's digest) is compared, as the direct builder compresses that layer itself and
# the engine's push compresses it otherwise: the same files, other gzip bytes.
base_layer() {
  local config
  config=$(registry_get "/v2/$1/manifests/$2" 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' | jq -r '.config.digest') &&
    registry_get "/v2/$1/blobs/$config" '*/*' | jq -r '.rootfs.diff_ids[0]'
}
expected_base=$(base_layer "$BASE_REPO" "$BASE_TAG") || fail "cannot read the manifest of $BASE_REPO:$BASE_TAG"
for pair in "$PIPE_REPO:v$LAST_RELEASE" "$SEED_REPO:v1.0.$RUNS" "$SDK_REPO:v1.0.$RUNS"; do
  [[ "$(base_layer "${pair%%:*}" "${pair#*:}")" == "$expected_base" ]] ||
    fail "$pair does not start with the local base's layer (diff-id $expected_base): the sides did not build on the same base"
done

# Each side's last image runs and serves the last round's change: pulled by the engine, run with host networking
# on a free loopback port (ASPNETCORE_URLS overrides the image's), asked for / (it answers the version string).
check_runs() { # SIDE REPOSITORY TAG EXPECTED-VERSION
  local side=$1 image="$REGISTRY/$2:$3" port answer='' log="$WORK/run-$1.log"
  port=$(free_port) || fail "found no free port on 127.0.0.1"
  (
    export DOCKER_CONFIG="$BENCH_DOCKER_CONFIG"
    printf '%s' "$PASSWORD" | docker login "$REGISTRY" -u "$USERNAME" --password-stdin && docker pull "$image" &&
      docker logout "$REGISTRY" && docker run -d --name "bench-$RUN_ID-$side" --network host \
      -e "ASPNETCORE_URLS=http://127.0.0.1:$port" "$image"
  ) > "$log" 2>&1 || fail "cannot pull and run $image" "$log"
  for _ in $(seq 150); do
    answer=$(curl -sf --noproxy '*' "http://127.0.0.1:$port/") && break
    [[ "$(docker inspect -f '{{.State.Running}}' "bench-$RUN_ID-$side" 2>/dev/null)" == true ]] || break
    sleep 0.2
  done
  docker logs "bench-$RUN_ID-$side" >> "$log" 2>&1 || true
  docker rm -f "bench-$RUN_ID-$side" >/dev/null 2>&1 || true
  docker rmi "$image" >/dev/null 2>&1 || true
  [[ -n "$answer" && "$(jq -r .version <<< "$answer" 2>/dev/null)" == "$4" ]] ||
    fail "$side's image $image does not serve the change (GET / answered '${answer:-nothing}', expected version $4)" "$log"
}
say "checking that each side's last image runs and serves its change …"
check_runs pipeline "$PIPE_REPO" "v$LAST_RELEASE" "$LAST_TEXT"
check_runs seed "$SEED_REPO" "v1.0.$RUNS" "bench-$RUN_ID-round-$RUNS"
check_runs sdk "$SDK_REPO" "v1.0.$RUNS" "bench-$RUN_ID-round-$RUNS"

# --- nothing changed: ./build.sh Publish of the last round's release (Deploy is skipped without a cluster) ---------
say "unchanged ./build.sh Publish of $LAST_RELEASE …"
from=$(log_lines)
for _ in 1 2 3; do
  pipeline_build Publish "$LAST_RELEASE" "$WORK/pipeline-unchanged.log" --artifact "$PIPE_REPO" "${PUBLISH_SKIP[@]}"
  (( RECOMPILED == 0 )) && break
done
(( RECOMPILED == 0 )) || fail "the build program was recompiled during every attempt: stop editing build/ and src/ while this runs"
unchanged=$ELAPSED
uploaded "$PIPE_REPO" "$from"
unchanged_bytes=$UP_BYTES
skipped=yes
for target in Image Push; do
  grep -Eq "^ *$target\b.*Skipped.*already holds this content" "$WORK/pipeline-unchanged.log" || skipped=no
done
summary_phases "$WORK/pipeline-unchanged.log" Compile
unchanged_compile=${PHASES[0]}

# The password, and the base64 of user:password, appear in no output of any side.
secret_b64=$(printf '%s:%s' "$USERNAME" "$PASSWORD" | base64 -w0)
if grep -lF -e "$PASSWORD" -e "$secret_b64" "$WORK"/*.log >&2; then fail "the password appears in the logs above"; fi

# --- report ------------------------------------------------------------------------------------------------------
read -ra pipe_times <<< "${times[pipeline]}"; read -ra seed_times <<< "${times[seed]}"; read -ra sdk_times <<< "${times[sdk]}"
pipe_median=$(median "${pipe_times[@]}") seed_median=$(median "${seed_times[@]}") sdk_median=$(median "${sdk_times[@]}")
sdk_pct=$(( pipe_median * 100 / sdk_median )) seed_pct=$(( pipe_median * 100 / seed_median ))
unchanged_pct=$(( unchanged * 100 / pipe_median ))
read -ra pipe_bytes <<< "${bytes[pipeline]}"; read -ra seed_bytes <<< "${bytes[seed]}"; read -ra sdk_bytes <<< "${bytes[sdk]}"
pipe_up=$(median "${pipe_bytes[@]}") seed_up=$(median "${seed_bytes[@]}") sdk_up=$(median "${sdk_bytes[@]}")
bytes_of() { local b out=''; for b in "$@"; do out+="${out:+, }$(mb "$b")"; done; printf '%s' "$out"; }
m() { secs "$(median "$@")"; }
builder="${BUILDER_CHOICE:-default}"
echo
printf './build.sh Push (builder: %s):          median %s of %d rounds (%s)\n' "$builder" "$(secs "$pipe_median")" "$RUNS" "$(times_of "${pipe_times[@]}")"
printf '  medians by step: Compile %s, Image %s, Push %s, CleanImages %s\n' "$(m "${pipe_compile[@]}")" "$(m "${pipe_image[@]}")" \
  "$(m "${pipe_push[@]}")" "$(m "${pipe_clean[@]}")"
printf 'seed script (publish, login, build, push, rmi, logout): median %s (%s)\n' "$(secs "$seed_median")" "$(times_of "${seed_times[@]}")"
printf '  medians by step: publish %s, login %s, build %s, push %s, rmi + logout %s\n' "$(m "${seed_publish[@]}")" \
  "$(m "${seed_login[@]}")" "$(m "${seed_build[@]}")" "$(m "${seed_push[@]}")" "$(m "${seed_clean[@]}")"
printf 'dotnet publish -t:PublishContainer:         median %s (%s)\n' "$(secs "$sdk_median")" "$(times_of "${sdk_times[@]}")"
printf 'uploaded per change (blobs new to the repository): Pipeline %s, seed %s, SDK %s\n' \
  "$(bytes_of "${pipe_bytes[@]}")" "$(bytes_of "${seed_bytes[@]}")" "$(bytes_of "${sdk_bytes[@]}")"
printf '  blobs per change: Pipeline %s, seed %s, SDK %s\n' "${blobs[pipeline]% }" "${blobs[seed]% }" "${blobs[sdk]% }"
printf 'unchanged ./build.sh Publish of v%s: %s (Compile %s; Image and Push skipped: %s; uploaded %s)\n' "$LAST_RELEASE" \
  "$(secs "$unchanged")" "$(secs "$unchanged_compile")" "$skipped" "$(mb "$unchanged_bytes")"
printf "each side's last image, pulled and run by the engine, serves its change (GET / answers its version): yes\n"
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
echo
row figure value goal result
row './build.sh Push, median' "$(secs "$pipe_median")" '' ''
row 'seed script, median' "$(secs "$seed_median")" '' ''
row 'SDK PublishContainer, median' "$(secs "$sdk_median")" '' ''
row 'Pipeline / SDK' "$(ratio "$sdk_pct")" '<= 0.8x' "$(met "$sdk_pct" "$GOAL_SDK_PCT")"
row 'Pipeline / seed' "$(ratio "$seed_pct")" '<= 0.5x' "$(met "$seed_pct" "$GOAL_SEED_PCT")"
row 'Pipeline uploaded per change, median' "$(mb "$pipe_up")" '<= 1 MB' "$(met "$pipe_up" "$GOAL_BYTES")"
row 'seed uploaded per change, median' "$(mb "$seed_up")" '' ''
row 'SDK uploaded per change, median' "$(mb "$sdk_up")" '' ''
row 'unchanged ./build.sh Publish' "$(secs "$unchanged")" '' ''
row 'unchanged Publish / changed Push' "$(ratio "$unchanged_pct")" '<= 0.1x' "$(met "$unchanged_pct" "$GOAL_UNCHANGED_PCT")"
