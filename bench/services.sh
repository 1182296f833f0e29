#!/usr/bin/env bash
# Issue 16's benchmark: the three-service sample (samples/Shop: catalog-api and basket-api sharing Shop.Contracts,
# payments-api on its own) shipped by its own ./build.sh Publish, against the one-service ./build.sh Publish of this
# repository (--application-project pointing at one service of a second copy), into one registry with htpasswd auth
# on a free loopback port. Without a cluster, Deploy (and ServiceDeploy) are skipped on both sides alike.
#   one changed   the Shop's Publish after a one-line change to catalog-api, vs a one-service Publish of the same change
#   all changed   the Shop's Publish after a change to each service, vs three one-service Publishes one after another
#   nothing       the Shop's Publish of a new release with nothing changed (retags, no upload), vs the first
#                 Publish (every service built, its build program already compiled); also shown vs "one changed"
#
#   bash bench/services.sh      RUNS=5 bash bench/services.sh      KEEP_LOGS=/tmp/services-logs bash bench/services.sh
#
# The Shop references the Pipeline packages by version: they are packed first (not timed) into a feed in the
# temporary directory. Prints the medians, the ratios and whether each goal is met (one changed <= 1.3x the
# one-service Publish, all changed <= 0.6x three one-service runs, nothing changed <= 0.1x the first), and the
# blobs each Shop run uploaded. Exits 0 when the measurement ran, goals met or not; 1 when a step failed. Nothing
# leaves 127.0.0.1; the password only travels through stdin and the environment; everything made is removed at exit.
set -euo pipefail
unset CDPATH
# Parameters the build programs would read from the environment (see ./build.sh --help) that change their inputs.
unset REGISTRY REGISTRY_USERNAME REGISTRY_PASSWORD REGISTRY_CA RELEASE ARTIFACT DOCKERFILE BASE_IMAGE EXTRA_TAGS \
  BUILD_ARGS BUILD_TARGET IMAGE_CONTEXT OVERWRITE_TAG CONFIGURATION RUNTIME_IDENTIFIER APPLICATION_PROJECT BUILDER \
  KUBECONFIG KUBE_CONTEXT NAMESPACE DEPLOY_IMAGE MANIFEST PIN_DIGEST PULL_USERNAME PULL_PASSWORD PULL_SECRET_FILE \
  SERVICES PARALLELISM SHIPPED_SERVICES PIPELINE_VERSION
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

RUNS="${RUNS:-3}"
GOAL_ONE_PCT=130       # one service changed <= 1.3x the one-service Publish
GOAL_ALL_PCT=60        # all three changed <= 0.6x three one-service Publishes in a row
GOAL_NOTHING_PCT=10    # nothing changed <= 0.1x the first Publish (every service built)
SERVICES=(catalog-api basket-api payments-api)
declare -A PROJECT_OF=([catalog-api]=Catalog.Api [basket-api]=Basket.Api [payments-api]=Payments.Api)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive number, not '$RUNS'"
require_tools docker-registry htpasswd curl jq ss dotnet
[[ -x "$ROOT/samples/Shop/build.sh" ]] || fail "samples/Shop/build.sh is missing: the Shop sample has no build of its own"

RUN_ID="$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')"
[[ "$RUN_ID" =~ ^[0-9a-f]{8}$ ]] || fail "could not draw a run id from /dev/urandom"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pipeline-bench-services.XXXXXX")"
VERSION="0.0.0-bench.$RUN_ID"
# Laid out like this checkout (artifacts/packages beside samples/Shop): the Shop's NuGet.config finds the feed as is.
FEED="$WORK/artifacts/packages" SHOP="$WORK/samples/Shop"
GLOBAL_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
# The one-service side's artifact per service; its folders under this repository's artifacts/ are unique to the run.
one_artifact() { printf 'one-%s-%s' "$RUN_ID" "$1"; }
cleanup() {
  if [[ -n "${KEEP_LOGS:-}" ]]; then { mkdir -p "$KEEP_LOGS" && cp "$WORK"/*.log "$KEEP_LOGS"/; } 2>/dev/null || true; fi
  stop_registry
  local service package id
  for service in "${SERVICES[@]}"; do
    rm -rf "$ROOT/artifacts/publish/$(one_artifact "$service")" "$ROOT/artifacts/k8s/$(one_artifact "$service").yaml"
  done
  # The packed version in the global packages folder: restore extracted it there; no later restore needs it.
  for package in "$FEED"/*.nupkg; do
    [[ -f "$package" ]] || continue
    id=$(basename "$package" ".$VERSION.nupkg" | tr '[:upper:]' '[:lower:]')
    rm -rf "${GLOBAL_PACKAGES:?}/$id/$VERSION"
    rmdir "$GLOBAL_PACKAGES/$id" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_registry bench

# --- the two copies of the sample: the Shop builds itself from one, the one-service side publishes from the other --
say "packing the Pipeline packages as $VERSION (not timed) …"
mkdir -p "$FEED"
# One pack of a solution listing every project under src/ (each shared project built once), into this run's feed;
# the repository's artifacts/packages stays untouched.
(cd "$WORK" && dotnet new sln --name pack --format sln --output . > "$WORK/pack.log" 2>&1 &&
  dotnet sln pack.sln add "$ROOT"/src/*/*.csproj >> "$WORK/pack.log" 2>&1) || fail "cannot list src/ in a solution" "$WORK/pack.log"
dotnet pack "$WORK/pack.sln" -c Release --nologo -v q -o "$FEED" "-p:Version=$VERSION" >> "$WORK/pack.log" 2>&1 ||
  fail "dotnet pack of src/ failed" "$WORK/pack.log"
mkdir -p "$WORK/samples"
cp -a "$ROOT/samples/Shop" "$SHOP"
cp -a "$ROOT/samples/Shop" "$WORK/one"
find "$SHOP" "$WORK/one" \( -name bin -o -name obj -o -name artifacts \) -type d -prune -exec rm -rf {} +
# The Shop is a repository of its own, as a real one is: its images' times are its commit's (the one-service side
# builds in this checkout, whose commit it uses). Outside git they would be the build's time, and every build's
# runtime layer would differ. The changes below stay uncommitted edits: the service fingerprints see the files.
git -C "$SHOP" init -q && git -C "$SHOP" add -A &&
  git -C "$SHOP" -c user.name=bench -c user.email=bench@127.0.0.1 commit -qm "the Shop sample" ||
  fail "cannot make the Shop's copy a git repository"

# change SIDE SERVICE TEXT: the one-line change, a field of the service's GET / answer in its Program.cs.
change() {
  local folder="$WORK/one"
  [[ "$1" == one ]] || folder="$SHOP"
  local file="$folder/src/${PROJECT_OF[$2]}/Program.cs"
  sed -i -E "s/new \{ service = \"$2\"[^}]*\}/new { service = \"$2\", change = \"$3\" }/" "$file"
  grep -qF "change = \"$3\"" "$file" || fail "could not change the GET / line of $file (samples/Shop changed?)"
}

log_lines() { wc -l < "$WORK/registry.log"; }
# Blob uploads completed (201) in the access log after line FROM, to any repository; a mount carries no body.
# No upload at all is an answer (an empty string), not a failed pipeline.
uploads_since() {
  tail -n "+$(( $1 + 1 ))" "$WORK/registry.log" |
    { grep -E '"(PUT|POST) /v2/[^ ]+/blobs/uploads/[^ "]*digest=sha256(%3A|:)[0-9a-f]{64}[^ "]* HTTP/[0-9.]+" 201 ' || true; } |
    { grep -v 'mount=' || true; } | { grep -oE '/v2/[^ ]+/blobs/' || true; } | sed -E 's#/v2/(.*)/blobs/#\1#' | sort | uniq -c | awk '{ printf "%s%s:%s", (NR > 1 ? ", " : ""), $2, $1 }'
}

# shop RELEASE LOG: the Shop's ./build.sh Publish; sets ELAPSED (µs).
ELAPSED=0
shop() {
  local release=$1 log=$2 start
  now; start=$NOW
  (cd "$SHOP" && REGISTRY_PASSWORD="$PASSWORD" PIPELINE_VERSION="$VERSION" XDG_CACHE_HOME="$WORK/cache" \
    ./build.sh Publish --registry "$REGISTRY" --registry-username "$USERNAME" --release "$release" "${SHOP_SKIP[@]}") > "$log" 2>&1 ||
    fail "the Shop's ./build.sh Publish (release $release) failed" "$log"
  now; ELAPSED=$(( NOW - start ))
}
# one SERVICE RELEASE LOG: this repository's one-service ./build.sh Publish of SERVICE's project in the second copy.
one() {
  local service=$1 release=$2 log=$3 start
  now; start=$NOW
  REGISTRY_PASSWORD="$PASSWORD" XDG_CACHE_HOME="$WORK/cache" ./build.sh Publish \
    --application-project "$WORK/one/src/${PROJECT_OF[$service]}/${PROJECT_OF[$service]}.csproj" --artifact "$(one_artifact "$service")" \
    --registry "$REGISTRY" --registry-username "$USERNAME" --release "$release" --base-image local "${ONE_SKIP[@]}" > "$log" 2>&1 ||
    fail "./build.sh Publish of $service (release $release) failed" "$log"
  now; ELAPSED=$(( NOW - start ))
}
# A cluster that a kubeconfig names would get the bench's releases: skip the deploy targets then, on both sides.
ONE_SKIP=() SHOP_SKIP=()
if [[ -f "$HOME/.kube/config" || -n "${KUBERNETES_SERVICE_HOST:-}" ]]; then ONE_SKIP=(--skip Deploy) SHOP_SKIP=(--skip ServiceDeploy); fi

# --- prepare (not timed): both build programs, the first release of every service on each side -------------------
say "warm-up: this repository's build program and a one-service Publish of each service …"
./build.sh --help > "$WORK/help.log" 2>&1 || fail "./build.sh --help failed" "$WORK/help.log"
for service in "${SERVICES[@]}"; do one "$service" 1.0.0 "$WORK/one-warmup-$service.log"; done
say "warm-up: the Shop's build program; then its first Publish (every service built), timed …"
(cd "$SHOP" && PIPELINE_VERSION="$VERSION" ./build.sh --help) > "$WORK/shop-help.log" 2>&1 ||
  fail "the Shop's ./build.sh --help failed" "$WORK/shop-help.log"
shop 1.0.0 "$WORK/shop-warmup.log"; first=$ELAPSED
for service in "${SERVICES[@]}"; do
  registry_get "/v2/$service/manifests/v1.0.0" > /dev/null || fail "the Shop's first Publish left no $service:v1.0.0" "$WORK/shop-warmup.log"
done

# --- timed rounds: each round one changed, then all changed, then nothing changed; the side that goes first alternates
declare -a one_changed=() single=() all_changed=() three=() nothing=()
shop_one_uploads='' shop_all_uploads='' nothing_uploads=''
for (( i = 1; i <= RUNS; i++ )); do
  say "round $i of $RUNS …"
  text="bench-$RUN_ID-$i"
  # One service changed: catalog-api (it references the shared library; basket-api does too, and must not rebuild).
  for (( s = 0; s < 2; s++ )); do
    if (( (i + s) % 2 == 0 )); then
      change shop catalog-api "$text-one"; from=$(log_lines)
      shop "2.$i.0" "$WORK/shop-one-$i.log"; one_changed+=("$ELAPSED"); shop_one_uploads=$(uploads_since "$from")
    else
      change one catalog-api "$text-one"
      one catalog-api "2.$i.0" "$WORK/single-$i.log"; single+=("$ELAPSED")
    fi
  done
  # All three changed.
  for (( s = 0; s < 2; s++ )); do
    if (( (i + s) % 2 == 0 )); then
      for service in "${SERVICES[@]}"; do change shop "$service" "$text-all"; done
      from=$(log_lines)
      shop "3.$i.0" "$WORK/shop-all-$i.log"; all_changed+=("$ELAPSED"); shop_all_uploads=$(uploads_since "$from")
    else
      total=0
      for service in "${SERVICES[@]}"; do
        change one "$service" "$text-all"
        one "$service" "3.$i.0" "$WORK/three-$i-$service.log"; total=$(( total + ELAPSED ))
      done
      three+=("$total")
    fi
  done
  # Nothing changed since the last Shop release: a new release retags every image.
  from=$(log_lines)
  shop "4.$i.0" "$WORK/shop-nothing-$i.log"; nothing+=("$ELAPSED"); nothing_uploads=$(uploads_since "$from")
done

# What each kind of Shop run did, from its registry traffic and its own words (the last round's runs).
[[ -z "$nothing_uploads" ]] || fail "the unchanged Shop Publish uploaded blobs ($nothing_uploads)" "$WORK/shop-nothing-$RUNS.log"
[[ "$shop_one_uploads" != *basket-api* && "$shop_one_uploads" != *payments-api* && "$shop_one_uploads" == *catalog-api* ]] ||
  fail "a change to catalog-api alone uploaded to: ${shop_one_uploads:-nothing}" "$WORK/shop-one-$RUNS.log"
for service in "${SERVICES[@]}"; do
  [[ "$shop_all_uploads" == *"$service"* ]] || fail "changing every service uploaded nothing to $service" "$WORK/shop-all-$RUNS.log"
  registry_get "/v2/$service/manifests/v4.$RUNS.0" > /dev/null || fail "the unchanged Shop Publish left no $service:v4.$RUNS.0"
done
secret_b64=$(printf '%s:%s' "$USERNAME" "$PASSWORD" | base64 -w0)
if grep -lF -e "$PASSWORD" -e "$secret_b64" "$WORK"/*.log >&2; then fail "the password appears in the logs above"; fi

# --- report --------------------------------------------------------------------------------------------------------
m_one=$(median "${one_changed[@]}") m_single=$(median "${single[@]}") m_all=$(median "${all_changed[@]}")
m_three=$(median "${three[@]}") m_nothing=$(median "${nothing[@]}")
one_pct=$(( m_one * 100 / m_single )) all_pct=$(( m_all * 100 / m_three )) nothing_pct=$(( m_nothing * 100 / first )) nothing_one_pct=$(( m_nothing * 100 / m_one ))
echo
printf 'Shop Publish, catalog-api changed:      median %s (%s); uploads %s\n' "$(secs "$m_one")" "$(times_of "${one_changed[@]}")" "$shop_one_uploads"
printf 'one-service Publish, the same change:   median %s (%s)\n' "$(secs "$m_single")" "$(times_of "${single[@]}")"
printf 'Shop Publish, all three changed:        median %s (%s); uploads %s\n' "$(secs "$m_all")" "$(times_of "${all_changed[@]}")" "$shop_all_uploads"
printf 'three one-service Publishes in a row:   median %s (%s)\n' "$(secs "$m_three")" "$(times_of "${three[@]}")"
printf 'Shop Publish, nothing changed (retags): median %s (%s); uploads none\n' "$(secs "$m_nothing")" "$(times_of "${nothing[@]}")"
printf "the Shop's first Publish (all built):   %s (one run)\n" "$(secs "$first")"
printf 'processors: %s; load average at the end: %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo
row figure value goal result
row 'one changed / one-service Publish' "$(ratio "$one_pct")" '<= 1.3x' "$(met "$one_pct" "$GOAL_ONE_PCT")"
row 'all changed / three one-service runs' "$(ratio "$all_pct")" '<= 0.6x' "$(met "$all_pct" "$GOAL_ALL_PCT")"
row 'nothing changed / the first Publish' "$(ratio "$nothing_pct")" '<= 0.1x' "$(met "$nothing_pct" "$GOAL_NOTHING_PCT")"
row 'nothing changed / one changed' "$(ratio "$nothing_one_pct")"
