#!/usr/bin/env bash
# provision.sh: make this machine able to run Pipeline's build and tests.
#
#   bash build/provision.sh docker     a Docker engine that answers
#   bash build/provision.sh registry   docker-registry and htpasswd, to run a private registry locally
#   bash build/provision.sh base       busybox, for the offline base image (no engine: the direct builder writes it)
#   bash build/provision.sh all        docker and registry (docker includes base)
#
# The one provisioning script: .ci/run, the build's Test target and (embedded as a resource) the Image
# stage all run it. Idempotent: what is present is reported in one line each, fast (no apt-get update).
# As root on Debian it installs what is missing (one apt-get update at most) and starts dockerd itself,
# in the background with no bridge, iptables or masquerading (these machines have no systemd and may
# only talk to loopback). Anywhere else it says what is missing and how to fix it, and exits non-zero.
#
# Environment:
#   DOCKER_HOST            unix:///path.sock: the engine to check, and the socket a started dockerd
#                          listens on (default unix:///var/run/docker.sock). A tcp:// host is only checked.
#   PIPELINE_DOCKERD_ARGS  more dockerd arguments for a daemon this script starts, e.g. for a second
#                          daemon: --data-root DIR --exec-root DIR --pidfile FILE
#   PIPELINE_DOCKERD_LOG   that daemon's log (default /var/log/pipeline-dockerd.log)
set -euo pipefail

DEFAULT_SOCKET=/var/run/docker.sock
DOCKERD_LOG="${PIPELINE_DOCKERD_LOG:-/var/log/pipeline-dockerd.log}"
WAIT_SECONDS=60

say() { printf 'provision: %s\n' "$*"; }
fail() { printf 'provision: %s\n' "$*" >&2; exit 1; }

usage() {
  echo "usage: bash build/provision.sh docker|registry|base|all" >&2
  exit 2
}

can_install() { [[ $EUID -eq 0 && -r /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1; }

# ---- apt ------------------------------------------------------------------------------------------

APT_UPDATED=0
POLICY=/usr/sbin/policy-rc.d
OWN_POLICY=0     # 1 while the policy-rc.d on the machine is ours: removed on any exit, killed midway too
APT_OUT=""
cleanup() {
  if [[ $OWN_POLICY -eq 1 ]]; then rm -f "$POLICY"; OWN_POLICY=0; fi
  if [[ -n "$APT_OUT" ]]; then rm -f "$APT_OUT"; APT_OUT=""; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
apt_install() {
  local out rc=0
  out="$(mktemp)"
  APT_OUT="$out"
  if [[ $APT_UPDATED -eq 0 ]]; then
    say "apt-get update …"
    apt-get -q -o DPkg::Lock::Timeout=300 update >"$out" 2>&1 || rc=$?
    if [[ $rc -ne 0 ]]; then tail -n 20 "$out" >&2; rm -f "$out"; fail "apt-get update failed (exit $rc)"; fi
    APT_UPDATED=1
  fi
  # A package's own service start (docker.io's init script would start dockerd with a bridge) is
  # denied through Debian's policy-rc.d while we install, unless the machine already has a policy.
  if [[ ! -e "$POLICY" ]]; then
    OWN_POLICY=1
    printf '#!/bin/sh\nexit 101\n' >"$POLICY" && chmod 755 "$POLICY"
  fi
  say "installing $* …"
  DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "$@" \
    >"$out" 2>&1 || rc=$?
  if [[ $OWN_POLICY -eq 1 ]]; then rm -f "$POLICY"; OWN_POLICY=0; fi
  if [[ $rc -ne 0 ]]; then tail -n 30 "$out" >&2; rm -f "$out"; fail "apt-get install $* failed (exit $rc)"; fi
  rm -f "$out"
  say "installed $*"
}

# ---- docker ---------------------------------------------------------------------------------------

SOCKET=""        # the unix socket to check and to start a daemon on; empty for a tcp:// DOCKER_HOST
ENGINE=""        # what the engine says it is, once it answered
resolve_socket() {
  case "${DOCKER_HOST:-}" in
    "") SOCKET="$DEFAULT_SOCKET" ;;
    unix://*) SOCKET="${DOCKER_HOST#unix://}" ;;
    *) SOCKET="" ;;
  esac
}

where() { if [[ -n "$SOCKET" ]]; then echo "unix://$SOCKET"; else echo "DOCKER_HOST=$DOCKER_HOST"; fi; }

# True when the engine answers a ping; sets ENGINE (e.g. Docker/20.10.24+dfsg1).
engine_answers() {
  local headers line
  ENGINE=""
  if [[ -n "$SOCKET" ]] && command -v curl >/dev/null 2>&1; then
    [[ -S "$SOCKET" ]] || return 1
    headers="$(curl -fsS -o /dev/null -D - --max-time 5 --noproxy '*' --unix-socket "$SOCKET" \
                 http://localhost/_ping 2>/dev/null)" || return 1
    while IFS= read -r line; do
      line="${line%$'\r'}"
      if [[ "${line,,}" == server:* ]]; then ENGINE="${line#*: }"; ENGINE="${ENGINE%% *}"; fi
    done <<<"$headers"
    ENGINE="${ENGINE:-Docker engine}"
  elif command -v docker >/dev/null 2>&1; then
    local host="${DOCKER_HOST:-}"
    if [[ -n "$SOCKET" ]]; then host="unix://$SOCKET"; fi
    ENGINE="$(DOCKER_HOST="$host" timeout 10 docker version --format 'Docker/{{.Server.Version}}' 2>/dev/null)" &&
      [[ -n "$ENGINE" ]]
  else
    return 1
  fi
}

# Starts dockerd on $SOCKET in its own session, detached from every descriptor of ours, so that it
# outlives this script and a caller reading our output sees it end. Waits until it answers.
start_dockerd() {
  local extra=() pid tries=0
  read -r -a extra <<<"${PIPELINE_DOCKERD_ARGS:-}"
  mkdir -p "${SOCKET%/*}" "${DOCKERD_LOG%/*}"
  say "starting dockerd on unix://$SOCKET (log: $DOCKERD_LOG) …"
  setsid dockerd --bridge=none --iptables=false --ip-masq=false --host "unix://$SOCKET" "${extra[@]}" \
    </dev/null >>"$DOCKERD_LOG" 2>&1 9>&- &
  pid=$!
  until engine_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 15 "$DOCKERD_LOG" >&2
      fail "dockerd exited before answering at unix://$SOCKET (log above, in full in $DOCKERD_LOG)"
    fi
    if (( tries >= WAIT_SECONDS * 2 )); then
      tail -n 15 "$DOCKERD_LOG" >&2
      fail "dockerd (pid $pid) did not answer at unix://$SOCKET within ${WAIT_SECONDS}s (log: $DOCKERD_LOG)"
    fi
    sleep 0.5
    tries=$((tries + 1))
  done
  say "docker: started ${ENGINE} at unix://$SOCKET (pid $pid)"
}

# ---- plan and act ---------------------------------------------------------------------------------

WANT_DOCKER=0 WANT_REGISTRY=0 WANT_BASE=0
case "${1:-}" in
  docker) WANT_DOCKER=1 WANT_BASE=1 ;;
  registry) WANT_REGISTRY=1 ;;
  base) WANT_BASE=1 ;;
  all) WANT_DOCKER=1 WANT_REGISTRY=1 WANT_BASE=1 ;;
  *) usage ;;
esac
[[ $# -eq 1 ]] || usage

PACKAGES=() START_DOCKER=0 REPORT=()
plan() {
  PACKAGES=() START_DOCKER=0 REPORT=()
  if [[ $WANT_DOCKER -eq 1 ]]; then
    resolve_socket
    if engine_answers; then
      REPORT+=("docker: ${ENGINE} answers at $(where)")
    else
      [[ -n "$SOCKET" ]] || fail "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST. Fix: start that engine, or unset DOCKER_HOST to use unix://$DEFAULT_SOCKET."
      START_DOCKER=1
      command -v dockerd >/dev/null 2>&1 || PACKAGES+=(docker.io)
    fi
  fi
  if [[ $WANT_BASE -eq 1 ]]; then
    # The offline base image (Pipeline.Image's LocalBaseImage) is this machine's busybox + glibc.
    [[ -x /bin/busybox ]] || PACKAGES+=(busybox)
  fi
  if [[ $WANT_REGISTRY -eq 1 ]]; then
    command -v docker-registry >/dev/null 2>&1 || PACKAGES+=(docker-registry)
    command -v htpasswd >/dev/null 2>&1 || PACKAGES+=(apache2-utils)
  fi
}

plan
if [[ ${#PACKAGES[@]} -gt 0 || $START_DOCKER -eq 1 ]]; then
  if ! can_install; then
    if [[ $START_DOCKER -eq 1 ]]; then
      printf '%s\n' "provision: no Docker engine answers at unix://$SOCKET." \
        "  Fix: start one (as root: dockerd --bridge=none --iptables=false --ip-masq=false &, or systemctl start docker)," \
        "  give this user access to its socket (e.g. the docker group), or set DOCKER_HOST=unix:///path/to/a/socket that answers." >&2
    fi
    if [[ ${#PACKAGES[@]} -gt 0 ]]; then
      printf '%s\n' "provision: missing packages: ${PACKAGES[*]}." \
        "  Fix: install them (Debian/Ubuntu: sudo apt-get install -y --no-install-recommends ${PACKAGES[*]})." >&2
    fi
    fail "this script installs packages and starts dockerd only as root on Debian; do the above and run it again."
  fi
  # One provisioner at a time (descriptor 9; the started dockerd does not inherit it). Whoever waited
  # plans again: the one before may have done the work.
  if command -v flock >/dev/null 2>&1; then
    exec 9>>/var/lock/pipeline-provision.lock
    flock -w 600 9 || fail "another provision.sh held /var/lock/pipeline-provision.lock for 10 minutes"
    plan
  fi
  if [[ ${#PACKAGES[@]} -gt 0 ]]; then apt_install "${PACKAGES[@]}"; fi
  if [[ $START_DOCKER -eq 1 ]]; then start_dockerd; fi
fi

for line in "${REPORT[@]}"; do say "$line"; done
if [[ $WANT_BASE -eq 1 ]]; then say "base: busybox at /bin/busybox, for the offline base image"; fi
if [[ $WANT_REGISTRY -eq 1 ]]; then
  version="$(docker-registry --version 2>/dev/null)" || version="docker-registry ?"
  say "registry: docker-registry ${version##* }, htpasswd at $(command -v htpasswd)"
fi
