#!/usr/bin/env pwsh
# Bootstrapper for this repo's build program (build/_build.csproj); the same logic as build.sh.
#
#   ./build.ps1 [TARGET...] [--OPTION...]     e.g. ./build.ps1 Test, ./build.ps1 --help, ./build.ps1 --plan
#
# Finds a .NET SDK that satisfies global.json (the one on PATH, else one installed into .dotnet/),
# compiles the build program when its inputs changed, and runs it with every argument unchanged; the
# exit code is the build program's. Warm start: when nothing the build program is made from is newer
# than the stamp written by the last compile, the compiled program runs at once, without MSBuild.
# $env:PIPELINE_REBUILD = '1' forces a compile.
#
# No param() block on purpose: every argument, --help included, reaches the build program as typed.
# (Windows PowerShell 5.1 and PowerShell < 7.3 drop empty-string arguments to native programs.)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$BuildArgs = $args

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

$OnWindows = $env:OS -eq 'Windows_NT'
$Root = $PSScriptRoot
$Project = Join-Path $Root 'build/_build.csproj'
$Dll = Join-Path $Root 'artifacts/bin/_build/release/_build.dll'
$Stamp = Join-Path $Root 'artifacts/bin/_build/.stamp'
$LocalDotnetDir = Join-Path $Root '.dotnet'
$LocalDotnet = Join-Path $LocalDotnetDir $(if ($OnWindows) { 'dotnet.exe' } else { 'dotnet' })

# What the build program is made from. Directories are inputs too: adding, removing or renaming a
# file changes its directory's time. Root files are listed in the stamp so that deleting one counts.
$InputNames = @('build', 'src', 'global.json', 'Directory.Build.props', 'Directory.Build.targets',
    'Directory.Packages.props', 'NuGet.config', 'nuget.config', 'NuGet.Config', '.editorconfig')
$InputNames = @($InputNames | Where-Object { Test-Path -LiteralPath (Join-Path $Root $_) })
$InputList = 'inputs: ' + ($InputNames -join ' ')

# Runs the compiled build program with $Dotnet, the muxer it was compiled with, and exits with its code.
function Invoke-BuildProgram {
    $env:DOTNET_EXE = $Dotnet
    if ($Dotnet -eq $LocalDotnet) {   # an SDK this script installed: make it the one on PATH
        $env:DOTNET_ROOT = $LocalDotnetDir
        $env:PATH = $LocalDotnetDir + [IO.Path]::PathSeparator + $env:PATH
    }
    & $Dotnet $Dll @BuildArgs
    exit $LASTEXITCODE
}

# True when an input is newer than the stamp; stops at the first. bin/ and obj/ are outputs.
function Test-InputChanged {
    $stampTime = [IO.File]::GetLastWriteTimeUtc($Stamp)
    foreach ($name in $InputNames) {
        $item = Get-Item -LiteralPath (Join-Path $Root $name) -Force
        if ($item.LastWriteTimeUtc -gt $stampTime) { return $true }
        if (-not $item.PSIsContainer) { continue }
        foreach ($entry in $item.EnumerateFileSystemInfos('*', [IO.SearchOption]::AllDirectories)) {
            $rel = '/' + $entry.FullName.Substring($Root.Length).Replace('\', '/').Trim('/') + '/'
            if ($rel -like '*/bin/*' -or $rel -like '*/obj/*') { continue }
            if ($entry.LastWriteTimeUtc -gt $stampTime) { return $true }
        }
    }
    return $false
}

# Warm start: a stamp newer than every input, written by a compile with a muxer that still exists.
if ($env:PIPELINE_REBUILD -ne '1' -and (Test-Path -LiteralPath $Stamp) -and (Test-Path -LiteralPath $Dll)) {
    $lines = @([IO.File]::ReadAllLines($Stamp))
    if ($lines.Count -ge 2 -and (Test-Path -LiteralPath $lines[0] -PathType Leaf) -and $lines[1] -eq $InputList) {
        $Dotnet = $lines[0]
        if (-not (Test-InputChanged)) { Invoke-BuildProgram }
    }
}

# Cold start: find or install an SDK that satisfies global.json.
function Test-Sdk([string] $exe) {
    $ErrorActionPreference = 'Continue'   # native stderr must not become a terminating error here
    Push-Location $Root
    try {
        & $exe --version *> $null
        return $LASTEXITCODE -eq 0
    } catch {
        return $false
    } finally {
        Pop-Location
    }
}

$Dotnet = $null
$onPath = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if ($onPath -and (Test-Sdk $onPath.Path)) {
    $Dotnet = $onPath.Path
} elseif ((Test-Path -LiteralPath $LocalDotnet) -and (Test-Sdk $LocalDotnet)) {
    $Dotnet = $LocalDotnet
} else {
    Write-Host 'build.ps1: no .NET SDK satisfying global.json on PATH; installing one into .dotnet/'
    New-Item -ItemType Directory -Force -Path $LocalDotnetDir | Out-Null
    $globalJson = Join-Path $Root 'global.json'
    if ($OnWindows) {
        [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
        $installer = Join-Path $LocalDotnetDir 'dotnet-install.ps1'
        Invoke-WebRequest -UseBasicParsing -Uri 'https://dot.net/v1/dotnet-install.ps1' -OutFile $installer
        # Microsoft signs dotnet-install.ps1: only a valid signature of Microsoft's is run.
        $signature = Get-AuthenticodeSignature -FilePath $installer
        if ($signature.Status -ne 'Valid' -or $signature.SignerCertificate.Subject -notmatch 'O=Microsoft Corporation') {
            Remove-Item -Force $installer
            throw "build.ps1: the downloaded dotnet-install.ps1 is not signed by Microsoft ($($signature.Status)); it was not run. Install an SDK that satisfies global.json yourself."
        }
        & $installer -JsonFile $globalJson -InstallDir $LocalDotnetDir -NoPath
    } else {
        $installer = Join-Path $LocalDotnetDir 'dotnet-install.sh'
        Invoke-WebRequest -UseBasicParsing -Uri 'https://dot.net/v1/dotnet-install.sh' -OutFile $installer
        # The shell script is not signed: only the one whose SHA-256 build/dotnet-install.sha256 pins is run (as build.sh does).
        $pin = Select-String -Path (Join-Path $Root 'build/dotnet-install.sha256') -Pattern '^[0-9a-f]{64}' | Select-Object -First 1
        $expected = if ($pin) { $pin.Matches[0].Value } else { 'nothing' }
        $actual = (Get-FileHash -Algorithm SHA256 -Path $installer).Hash.ToLowerInvariant()
        if ($actual -ne $expected) {
            Remove-Item -Force $installer
            throw "build.ps1: the downloaded dotnet-install.sh has SHA-256 $actual, but build/dotnet-install.sha256 pins $expected; it was not run. Read the script, then put its checksum in build/dotnet-install.sha256 if you trust it, or install an SDK that satisfies global.json yourself."
        }
        & bash $installer --jsonfile $globalJson --install-dir $LocalDotnetDir --no-path
        if ($LASTEXITCODE -ne 0) { throw "build.ps1: dotnet-install.sh failed (exit $LASTEXITCODE)" }
    }
    $Dotnet = $LocalDotnet
    if (-not (Test-Sdk $Dotnet)) { throw 'build.ps1: the SDK installed into .dotnet/ does not satisfy global.json' }
}

# Compile: publish for this machine's runtime, precompiled (ReadyToRun), so the program does not JIT-compile
# what it runs first (a Push reaches the engine about 0.2 s sooner; bench/README.md). Spelled as `dotnet msbuild
# -restore -t:Publish` because `dotnet publish` appends a console-logger summary that -clp:NoSummary cannot
# remove. Errors are shown; success is silent. The new stamp is dated before the compile starts, so an edit
# made during it counts next time.
New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Stamp) | Out-Null
[IO.File]::WriteAllText("$Stamp.new.$PID", "$Dotnet`n$InputList`n")
& $Dotnet msbuild $Project '-restore' '-t:Publish' '-p:Configuration=Release' '-p:UseCurrentRuntimeIdentifier=true' `
    '-p:SelfContained=false' '-p:PublishReadyToRun=true' "-p:PublishDir=$(Split-Path -Parent $Dll)/" '-nologo' '-v:q' '-clp:ErrorsOnly;NoSummary' '-tl:off'
$rc = $LASTEXITCODE
if ($rc -ne 0) {
    Remove-Item -LiteralPath "$Stamp.new.$PID", $Stamp -Force -ErrorAction SilentlyContinue
    [Console]::Error.WriteLine("build.ps1: compiling build/_build.csproj failed (exit $rc)")
    exit $rc
}
Move-Item -LiteralPath "$Stamp.new.$PID" -Destination $Stamp -Force
Invoke-BuildProgram
