#!/usr/bin/env bash
# Bootstrapper for this repo's build program (build/_build.csproj).
#
#   ./build.sh [TARGET...] [--OPTION...]     e.g. ./build.sh Test, ./build.sh --help, ./build.sh --plan
#
# Finds a .NET SDK that satisfies global.json (the one on PATH, else one installed into .dotnet/),
# compiles the build program when its inputs changed, and runs it with every argument unchanged; the
# exit code is the build program's. Warm start: when nothing the build program is made from is newer
# than the stamp written by the last compile, the compiled program runs at once, without MSBuild.
# PIPELINE_REBUILD=1 forces a compile.
set -euo pipefail

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The warm path avoids every fork it can (each costs milliseconds): builtins only, up to the exec.
unset CDPATH
ROOT="${BASH_SOURCE[0]%/*}"
[[ "$ROOT" == "${BASH_SOURCE[0]}" ]] && ROOT=.
cd -- "$ROOT" && ROOT="$PWD" && cd -- "$OLDPWD"
PROJECT="$ROOT/build/_build.csproj"
DLL="$ROOT/artifacts/bin/_build/release/_build.dll"
STAMP="$ROOT/artifacts/bin/_build/.stamp"
LOCAL_DOTNET="$ROOT/.dotnet/dotnet"

# What the build program is made from, the two lines a repository's copy of this script sets to its own
# (samples/Shop, samples/consumer: build/ and the root files, not the services' src/, whose edits do not touch
# the build program, and the variable that picks the Pipeline packages' version). Directories are inputs too:
# adding, removing or renaming a file changes its directory's mtime. Root files and the variables' values are
# in the stamp, so deleting one or setting another value counts.
BUILD_PROGRAM_INPUTS=(build src global.json Directory.Build.props Directory.Build.targets Directory.Packages.props NuGet.config nuget.config NuGet.Config .editorconfig)
BUILD_PROGRAM_VARIABLES=()
INPUTS=()
for f in "${BUILD_PROGRAM_INPUTS[@]}"; do
  [[ -e "$ROOT/$f" ]] && INPUTS+=("$ROOT/$f")
done
INPUT_LIST="inputs: ${INPUTS[*]##*/}"
for v in "${BUILD_PROGRAM_VARIABLES[@]}"; do INPUT_LIST+="; $v=${!v:-}"; done

# Runs the compiled build program; DOTNET is the muxer it was compiled with.
run() {
  export DOTNET_EXE="$DOTNET"
  if [[ "$DOTNET" == "$LOCAL_DOTNET" ]]; then   # an SDK this script installed: make it the one on PATH
    export DOTNET_ROOT="$ROOT/.dotnet" PATH="$ROOT/.dotnet:$PATH"
  fi
  exec "$DOTNET" "$DLL" "$@"
}

# True when an input is newer than the stamp; stops at the first. bin/ and obj/ are outputs (artifacts/
# holds them here, but an IDE may still make them). Globbing, not find: no fork.
input_changed() {
  local input f rel changed=1
  shopt -s globstar dotglob nullglob
  for input in "${INPUTS[@]}"; do
    if [[ "$input" -nt "$STAMP" ]]; then changed=0; break; fi
    [[ -d "$input" ]] || continue
    for f in "$input"/**; do
      rel="/${f#"$ROOT"/}/"
      [[ "$rel" == */bin/* || "$rel" == */obj/* ]] && continue
      if [[ "$f" -nt "$STAMP" ]]; then changed=0; break 2; fi
    done
  done
  shopt -u globstar dotglob nullglob
  return "$changed"
}

# Warm start: a stamp newer than every input, written by a compile with a muxer that still exists.
if [[ "${PIPELINE_REBUILD:-}" != 1 && -f "$STAMP" && -f "$DLL" ]]; then
  DOTNET='' seen_inputs=''
  { read -r DOTNET && read -r seen_inputs; } < "$STAMP" || true
  if [[ -x "$DOTNET" && "$seen_inputs" == "$INPUT_LIST" ]] && ! input_changed; then
    run "$@"
  fi
fi

# Cold start: find or install an SDK that satisfies global.json.
satisfies_global_json() { (cd "$ROOT" && "$1" --version) >/dev/null 2>&1; }

DOTNET=
if command -v dotnet >/dev/null 2>&1 && satisfies_global_json "$(command -v dotnet)"; then
  DOTNET="$(command -v dotnet)"
elif [[ -x "$LOCAL_DOTNET" ]] && satisfies_global_json "$LOCAL_DOTNET"; then
  DOTNET="$LOCAL_DOTNET"
else
  echo "build.sh: no .NET SDK satisfying global.json on PATH; installing one into .dotnet/" >&2
  mkdir -p "$ROOT/.dotnet"
  installer="$ROOT/.dotnet/dotnet-install.sh"
  url="https://dot.net/v1/dotnet-install.sh"
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$installer" "$url"
  else
    wget -q -O "$installer" "$url"
  fi
  # The installer runs with this user's rights: only the script whose SHA-256 the repository pins is run.
  pin_file="$ROOT/build/dotnet-install.sha256"
  expected="$(grep -Eo '^[0-9a-f]{64}' "$pin_file" 2>/dev/null | head -n 1 || true)"
  actual="$(sha256sum "$installer" | cut -d ' ' -f 1)"
  if [[ "$actual" != "$expected" ]]; then
    rm -f "$installer"
    echo "build.sh: the downloaded $url has SHA-256 $actual, but build/dotnet-install.sha256 pins ${expected:-nothing}; it was not run." >&2
    echo "build.sh: read the script, then put its checksum in build/dotnet-install.sha256 if you trust it, or install an SDK that satisfies global.json yourself." >&2
    exit 1
  fi
  (cd "$ROOT" && bash "$installer" --jsonfile global.json --install-dir .dotnet --no-path)
  DOTNET="$LOCAL_DOTNET"
  if ! satisfies_global_json "$DOTNET"; then
    echo "build.sh: the SDK installed into .dotnet/ does not satisfy global.json" >&2
    exit 1
  fi
fi

# Compile: publish for this machine's runtime, precompiled (ReadyToRun), so the program does not JIT-compile
# what it runs first (a Push reaches the engine about 0.2 s sooner; bench/README.md). Spelled as `dotnet msbuild
# -restore -t:Publish` because `dotnet publish` appends a console-logger summary that -clp:NoSummary cannot
# remove. Errors are shown; success is silent. The new stamp is dated before the compile starts, so an edit
# made during it counts next time.
mkdir -p "${STAMP%/*}"
printf '%s\n%s\n' "$DOTNET" "$INPUT_LIST" > "$STAMP.new.$$"
rc=0
"$DOTNET" msbuild "$PROJECT" -restore -t:Publish -p:Configuration=Release -p:UseCurrentRuntimeIdentifier=true \
  -p:SelfContained=false -p:PublishReadyToRun=true "-p:PublishDir=${DLL%/*}/" -nologo -v:q '-clp:ErrorsOnly;NoSummary' -tl:off ||
  rc=$?
if [[ $rc -ne 0 ]]; then
  rm -f "$STAMP.new.$$" "$STAMP"
  echo "build.sh: compiling build/_build.csproj failed (exit $rc)" >&2
  exit "$rc"
fi
mv -f "$STAMP.new.$$" "$STAMP"
run "$@"
