#!/usr/bin/env bash
# Builds Bootgate (tests skipped) and runs the gateway in the foreground, logging to the terminal, next to the
# demo's LwM2M management server (demo-leshan, Eclipse Leshan on coaps://127.0.0.1:5784) that the demo devices
# register with once bootstrapped.
# Stop it with Ctrl-C, or from another terminal with karaf-distribution/target/assembly/bin/stop; demo-leshan
# stops when Karaf does.
# Every run starts from a fresh container: the build regenerates karaf-distribution/target/assembly.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building Bootgate (the first build downloads its dependencies from Maven Central)..." >&2
mvn -B -q install -DskipTests

assembly=karaf-distribution/target/assembly
# The JDK that runs Karaf (bin/karaf takes JAVA_HOME, else java on the PATH) runs demo-leshan too.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# demo-leshan keeps its key pair where the gateway's demo provisioner looks for the management server's public
# key (io.bootgate.demo managementServerPublicKeyFile, default data/bootgate/demo-leshan/server.pub.pem), and
# trusts the device keys the provisioner generates in data/bootgate/demo-keys.
server_keys="$assembly/data/bootgate/demo-leshan"
echo "Starting the demo LwM2M management server (demo-leshan) on coaps://127.0.0.1:5784..." >&2
"$java" -jar demo-leshan/target/bootgate-demo-leshan.jar "$server_keys" "$assembly/data/bootgate/demo-keys" &
leshan_pid=$!
stop_leshan() {
    if kill -0 "$leshan_pid" 2>/dev/null; then
        kill "$leshan_pid" 2>/dev/null || true
        wait "$leshan_pid" 2>/dev/null || true
    fi
}
trap stop_leshan EXIT

# The provisioner reads the server's public key when it writes the devices' bootstrap configs: have it first.
for _ in $(seq 1 300); do
    [ -f "$server_keys/server.pub.pem" ] && break
    if ! kill -0 "$leshan_pid" 2>/dev/null; then
        echo "demo-leshan exited before writing its key $server_keys/server.pub.pem" >&2
        exit 1
    fi
    sleep 0.1
done
if [ ! -f "$server_keys/server.pub.pem" ]; then
    echo "demo-leshan wrote no key $server_keys/server.pub.pem within 30 s" >&2
    exit 1
fi

echo "Starting Bootgate; Ctrl-C stops it." >&2
"$assembly/bin/karaf" run
