#!/usr/bin/env bash
# Compares, in one run, the blog-post seed script (docker login --password-stdin; docker build -t; docker push;
# docker rmi; docker logout) with `./build.sh Push` on the same inputs: the sample app's published output, its
# Dockerfile, the offline local base, and a registry with htpasswd auth on a free loopback port.
# Prints both medians and their ratio (goal <= 1.05x), then a second `./build.sh Push` with nothing changed
# (goal <= 0.2x of the first, no layer uploaded). Exits 0 when the measurement ran (goals met or not), 1 when a
# step failed.
#
#   bash bench/push.sh            # 3 timed runs per side
#   RUNS=5 bash bench/push.sh
set -euo pipefail
unset CDPATH
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}"
export DOCKER_BUILDKIT=0 # the engine here has the classic builder only (no buildx)

WORK="$(mktemp -d /tmp/pipeline-bench-push.XXXXXX)"
REGISTRY_PID=
cleanup() {
  local rc=$?
  if [[ -n "$REGISTRY_PID" ]]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

say() { printf 'bench: %s\n' "$*" >&2; }
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# --- a registry with htpasswd (bcrypt) on a free loopback port; the password goes through stdin only ---------
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
REGISTRY="127.0.0.1:$PORT"
USERNAME=bench
PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
printf '%s\n' "$PASSWORD" | htpasswd -B -i -c "$WORK/htpasswd" "$USERNAME" 2>/dev/null
cat > "$WORK/config.yml" <<EOF
version: 0.1
log: { level: error }
storage:
  filesystem: { rootdirectory: $WORK/data }
  delete: { enabled: true }
http: { addr: $REGISTRY }
auth:
  htpasswd: { realm: bench, path: $WORK/htpasswd }
EOF
docker-registry serve "$WORK/config.yml" > "$WORK/registry.log" 2>&1 &
REGISTRY_PID=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://$REGISTRY/v2/" && break
  sleep 0.1
done
say "registry with htpasswd auth on $REGISTRY"

# --- prepare (not timed): the published app, the build program, the local base ------------------------------
say "preparing: ./build.sh Compile publishes the sample app"
./build.sh Compile > "$WORK/compile.log" 2>&1 || { cat "$WORK/compile.log" >&2; exit 1; }
CONTEXT="$ROOT/artifacts/publish/orders-api"
DOCKERFILE="$ROOT/samples/Orders.Api/Dockerfile"

pipeline_push() { # NAME RELEASE -> log in $WORK/NAME-RELEASE.log
  REGISTRY_PASSWORD="$PASSWORD" ./build.sh Push --registry "$REGISTRY" --artifact "$1" --release "$2" \
    --registry-username "$USERNAME" --skip Compile --image-context "$CONTEXT" --dockerfile "$DOCKERFILE" \
    > "$WORK/$1-$2.log" 2>&1 || { cat "$WORK/$1-$2.log" >&2; exit 1; }
}

# The Pipeline warm-up also imports the offline base image both sides build on.
pipeline_push warmup-pipe 1.0.0
BASE="$(docker images pipeline/local-base --format '{{.Repository}}:{{.Tag}}' | head -n 1)"
[[ -n "$BASE" ]] || { say "no pipeline/local-base image after the warm-up"; exit 1; }

seed_push() { # NAME: the seed's five lines, with the password on stdin and a throw-away docker config
  local image="$REGISTRY/$1:v1.0.0"
  export DOCKER_CONFIG="$WORK/docker-config"
  {
    printf '%s' "$PASSWORD" | docker login --username "$USERNAME" --password-stdin "$REGISTRY"
    docker build --network host -q -f "$DOCKERFILE" --build-arg "BASE_IMAGE=$BASE" -t "$image" "$CONTEXT"
    docker push "$image"
    docker rmi "$image"
    docker logout "$REGISTRY"
  } > "$WORK/$1.log" 2>&1 || { cat "$WORK/$1.log" >&2; exit 1; }
  unset DOCKER_CONFIG
}
seed_push warmup-seed

# --- timed: alternating, a new repository each run (both sides may mount blobs the registry already has) ----
seed_times=() pipe_times=()
for i in $(seq "$RUNS"); do
  t0=$(now_ms); seed_push "seed-$i"; t1=$(now_ms); seed_times+=($((t1 - t0)))
  t0=$(now_ms); pipeline_push "pipe-$i" 1.0.0; t1=$(now_ms); pipe_times+=($((t1 - t0)))
done
seed_ms=$(median "${seed_times[@]}")
pipe_ms=$(median "${pipe_times[@]}")

# --- nothing changed: the same inputs as pipe-1 ------------------------------------------------------------
t0=$(now_ms); pipeline_push pipe-1 1.0.0; t1=$(now_ms); again_ms=$((t1 - t0))
again_log="$WORK/pipe-1-1.0.0.log"
skipped=no
grep -Eq '^Image +Skipped .*already holds this content' "$again_log" \
  && grep -Eq '^Push +Skipped .*already holds this content' "$again_log" \
  && ! grep -q 'Pushed (' "$again_log" && skipped=yes

ratio=$(awk -v a="$pipe_ms" -v b="$seed_ms" 'BEGIN { printf "%.2f", a / b }')
again_ratio=$(awk -v a="$again_ms" -v b="$pipe_ms" 'BEGIN { printf "%.2f", a / b }')
verdict() { awk -v v="$1" -v g="$2" 'BEGIN { print (v <= g) ? "met" : "missed" }'; }

printf '\n%-44s %10s\n' "measurement ($RUNS runs each, median)" "ms"
printf '%-44s %10s\n' "seed script (login, build, push, rmi, logout)" "$seed_ms"
printf '%-44s %10s\n' "./build.sh Push (+ CleanImages)" "$pipe_ms"
printf '%-44s %10s\n' "./build.sh Push again, nothing changed" "$again_ms"
printf '\nratio Push / seed: %sx (goal <= 1.05x: %s)\n' "$ratio" "$(verdict "$ratio" 1.05)"
printf 'ratio unchanged Push / first Push: %sx (goal <= 0.2x: %s)\n' "$again_ratio" "$(verdict "$again_ratio" 0.2)"
printf 'unchanged Push skipped Image and Push, no layer uploaded: %s\n' "$skipped"
