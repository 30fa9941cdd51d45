#!/usr/bin/env bash
# Builds Bootgate (tests skipped) and runs the gateway in the foreground, logging to the terminal.
# Stop it with Ctrl-C, or from another terminal with karaf-distribution/target/assembly/bin/stop.
# Every run starts from a fresh container: the build regenerates karaf-distribution/target/assembly.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building Bootgate (the first build downloads its dependencies from Maven Central)..." >&2
mvn -B -q install -DskipTests

echo "Starting Bootgate; Ctrl-C stops it." >&2
exec karaf-distribution/target/assembly/bin/karaf run
