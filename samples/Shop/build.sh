#!/usr/bin/env bash
# This repository's build: ./build.sh [targets…] [--options…], e.g. ./build.sh Publish, ./build.sh --help.
# The build program (build/_build.csproj) references the Pipeline packages by version from the feeds in NuGet.config.
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
cd -- "$(dirname -- "${BASH_SOURCE[0]}")"
# Compile quietly (errors only): dotnet msbuild, because dotnet build appends a summary -clp:NoSummary cannot remove.
dotnet msbuild build/_build.csproj -restore -p:Configuration=Release -nologo -v:q '-clp:ErrorsOnly;NoSummary' -tl:off
exec dotnet artifacts/bin/_build/release/_build.dll "$@"
