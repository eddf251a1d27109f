#!/usr/bin/env bash
# Generates the C# client of the JSON API with Kiota (a .NET tool pinned in .config/dotnet-tools.json) from an OpenAPI
# document the running Admin served at /openapi/v1.json.
#
#   scripts/api-client.sh [DOCUMENT] [OUTPUT]
#
# DOCUMENT defaults to the copy the API document test saves during ./test.sh (.data/test-run/tests/openapi/v1.json);
# OUTPUT defaults to tests/Kapuas.ApiClient/Generated, the client the generated-client test compiles and drives.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,8p' "$0"; exit 0 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
document=${1:-$root/.data/test-run/tests/openapi/v1.json}
output=${2:-$root/tests/Kapuas.ApiClient/Generated}
[ -f "$document" ] || { echo "No OpenAPI document at $document: run ./test.sh (or pass the file the Admin serves at /openapi/v1.json)." >&2; exit 2; }
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 KIOTA_TUTORIAL_ENABLED=false KIOTA_UPDATE_CHECK_ENABLED=false KIOTA_OFFLINE_ENABLED=true
dotnet tool restore >/dev/null
dotnet kiota generate --language CSharp --openapi "$document" --output "$output" --class-name KapuasApiClient \
  --namespace-name Kapuas.ApiClient --exclude-backward-compatible --clean-output --log-level Warning
# The lock file names the machine's path to the document: not part of the client.
rm -f "$output/kiota-lock.json"
