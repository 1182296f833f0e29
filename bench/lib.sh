# Shared by the bench/ scripts (sourced, not run): messages, a microsecond clock, medians and formatting, the
# build program's stamp, the durations in Pipeline's summary, and a throw-away registry with htpasswd auth on a
# free 127.0.0.1 port. The caller sets WORK (its temporary directory) before start_registry, and calls
# stop_registry from its own EXIT trap.

say() { printf 'bench: %s\n' "$*" >&2; }
# fail MESSAGE [LOG]: says why, shows the log's last lines, exits 1.
fail() { say "$1"; [[ -n "${2:-}" && -f "$2" ]] && tail -n 40 "$2" >&2; exit 1; }
require_tools() { local tool; for tool in "$@"; do
  command -v "$tool" >/dev/null || fail "$tool is missing (build/provision.sh installs the tools)"; done; }

NOW=0
now() { if [[ -n "${EPOCHREALTIME:-}" ]]; then NOW=$(( 10#${EPOCHREALTIME//[.,]/} )); else NOW=$(( $(date +%s%N) / 1000 )); fi; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
secs() { printf '%d.%02d s' $(( $1 / 1000000 )) $(( $1 % 1000000 / 10000 )); }    # microseconds -> "12.34 s"
times_of() { local t out=''; for t in "$@"; do out+="${out:+, }$(secs "$t")"; done; printf '%s' "$out"; }
ratio() { printf '%d.%02dx' $(( $1 / 100 )) $(( $1 % 100 )); }                   # percent -> "1.03x"
met() { if (( $1 <= $2 )); then echo met; else echo "NOT met"; fi; }
# bytes -> "52.2 MB", or "8.4 kB" below 1 MB
mb() { if (( $1 < 1000000 )); then printf '%d.%d kB' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); else printf '%d.%d MB' $(( $1 / 1000000 )) $(( $1 % 1000000 / 100000 )); fi; }
# A goals-table row: figure, value, goal, result, without trailing blanks.
row() { local line; line=$(printf '%-40s %-12s %-10s %s' "$@"); printf '%s\n' "${line%"${line##*[! ]}"}"; }

# When ./build.sh last compiled the build program: a run during which this changed timed a compile too.
STAMP="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/artifacts/bin/_build/.stamp"
stamp_time() { stat -c %y "$STAMP" 2>/dev/null || echo none; }

# summary_phases LOG TARGET…: the targets' durations in the summary table of Pipeline's output LOG, in µs, into
# PHASES (one per target, in order). A target missing from the table fails the run.
summary_phases() {
  local log=$1 target line
  shift
  PHASES=()
  for target in "$@"; do
    line=$(grep -E "^$target +[A-Z][a-z]+ +[0-9]+\.[0-9] s" "$log" | head -n 1) || fail "no $target line in the summary of $log" "$log"
    [[ $line =~ ([0-9]+)\.([0-9])\ s ]]
    PHASES+=( $(( (BASH_REMATCH[1] * 10 + BASH_REMATCH[2]) * 100000 )) )
  done
}

# free_port: a port nothing listens on (TCP), drawn at random; status 1 when 50 draws found none.
free_port() {
  local candidate
  for _ in $(seq 50); do
    candidate=$(( 20000 + RANDOM % 40000 ))
    [[ -n "$(ss -Hltn "sport = :$candidate")" ]] || { printf '%s' "$candidate"; return 0; }
  done
  return 1
}

# --- the registry: htpasswd (bcrypt) auth on a free 127.0.0.1 port, with an access log ---------------------------
# start_registry USER: sets USERNAME, PASSWORD (random), REGISTRY (127.0.0.1:PORT) and REGISTRY_PID; the password
# reaches htpasswd on stdin. Everything lives in $WORK (registry.yml, htpasswd, registry-data, registry.log).
REGISTRY='' REGISTRY_PID='' PASSWORD='' USERNAME=''
start_registry() {
  local port
  USERNAME=$1
  PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  printf '%s\n' "$PASSWORD" | htpasswd -B -i -c "$WORK/htpasswd" "$USERNAME" 2>/dev/null
  port=$(free_port) || fail "found no free port on 127.0.0.1"
  REGISTRY="127.0.0.1:$port"
  cat > "$WORK/registry.yml" <<EOF
version: 0.1
log:
  level: info
  formatter: text
  accesslog: { disabled: false }
storage:
  filesystem: { rootdirectory: $WORK/registry-data }
  delete: { enabled: true }
http: { addr: "$REGISTRY" }
auth:
  htpasswd: { realm: bench, path: $WORK/htpasswd }
EOF
  docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
  REGISTRY_PID=$!
  for _ in $(seq 100); do
    kill -0 "$REGISTRY_PID" 2>/dev/null || fail "the registry on $REGISTRY did not start" "$WORK/registry.log"
    [[ "$(curl -s --noproxy '*' -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/")" == 401 ]] && break
    sleep 0.1
  done
  [[ "$(curl -s --noproxy '*' -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/")" == 401 ]] ||
    fail "the registry on $REGISTRY does not answer with 401 (htpasswd auth)" "$WORK/registry.log"
  say "registry with htpasswd auth on $REGISTRY; load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
stop_registry() {
  if [[ -n "$REGISTRY_PID" ]]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  REGISTRY_PID=''
}
# registry_get PATH [ACCEPT]: GET from the registry API as the bench user; the credentials reach curl through
# stdin (-K -), not its arguments.
registry_get() {
  printf 'user = "%s:%s"\n' "$USERNAME" "$PASSWORD" |
    curl -sf --noproxy '*' -K - -H "Accept: ${2:-application/vnd.docker.distribution.manifest.v2+json}" "http://$REGISTRY$1"
}
# registry_blob_size REPOSITORY DIGEST: the blob's size from a HEAD.
registry_blob_size() {
  printf 'user = "%s:%s"\n' "$USERNAME" "$PASSWORD" |
    curl -sfI --noproxy '*' -K - "http://$REGISTRY/v2/$1/blobs/$2" | tr -d '\r' | awk 'tolower($1) == "content-length:" { print $2 }'
}
# remove_local_images_of REGISTRY: removes the local repository:tag names under that registry (what a failed run left).
remove_local_images_of() {
  local image
  docker images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | grep -F "$1/" |
    while read -r image; do docker rmi "$image" >/dev/null 2>&1 || true; done || true
}
