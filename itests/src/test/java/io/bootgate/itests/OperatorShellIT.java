/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapServer;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapSessionHistory;
import io.bootgate.api.bsserver.BootstrapSessionRecord;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.ManagementClientConfig;
import io.bootgate.api.security.PskCredentials;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.dtls.DeviceKeyTool;
import io.bootgate.dtls.DeviceKeyTool.DeviceKeyFiles;
import io.bootgate.dtls.KeyMaterial;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Principal;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

/**
 * The operator's shell against the running distribution with its demo devices: the bootgate commands as an operator
 * types them (through Karaf's shell {@link SessionFactory}, the same sessions bin/client gets), a re-bootstrap with
 * the initialization option through the shell, a mode feature installed and removed while a bootstrap session is
 * held open (the session completes; no other bundle is touched), and a PSK handshake refused by the embedded
 * bootstrap server.
 */
public class OperatorShellIT extends BootgateTestSupport {

    private static final List<String> DEMO_DEVICES = List.of("urn:dev:demo-1", "urn:dev:demo-2", "urn:dev:demo-3");
    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);
    private static final String SMARTCARD_BUNDLE = "io.bootgate.mode.smartcard";
    private static final String SHELL_CFG = "etc/org.apache.karaf.shell.cfg";

    private SecureClientEndpoint client;

    @Override
    protected boolean demoDevices() {
        return true;
    }

    /**
     * PSK allowed towards management servers only, so that the test can make a real PSK client endpoint; the
     * Bootstrap interface refuses PSK whatever this says, which is what the PSK test checks on the server side.
     */
    /** Karaf's ssh server, for bin/client, on a port free when the container is configured. */
    @Override
    protected boolean remoteShell() {
        return true;
    }

    @Override
    protected Option[] additionalConfiguration() {
        return new Option[] {
            editConfigurationFilePut("etc/io.bootgate.dtls.cfg", "management.allow.psk", "true"),
            editConfigurationFilePut(SHELL_CFG, "sshPort", String.valueOf(freeTcpPort())),
        };
    }

    private static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port for Karaf's ssh server", e);
        }
    }

    @After
    public void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    public void shellShowsDevicesConfigsSessionsAndModes() throws Exception {
        awaitDemoDevicesBootstrapped();

        String devices = shell("bootgate:devices");
        for (String endpoint : DEMO_DEVICES) {
            assertTrue(devices, devices.lines().anyMatch(l -> l.startsWith(endpoint) && l.contains("BOOTSTRAPPED")));
        }
        assertTrue(devices, devices.contains("3 of 3 device(s) shown, 3 in total"));

        String device = shell("bootgate:device urn:dev:demo-1");
        assertTrue(device, device.contains("Device urn:dev:demo-1"));
        assertTrue(device, device.contains("state: BOOTSTRAPPED"));
        assertTrue(device, device.contains("/1/0"));
        assertTrue(device, device.contains("Access control (/2):"));

        String configs = shell("bootgate:bs-configs");
        for (String endpoint : DEMO_DEVICES) {
            assertTrue(configs, configs.contains(endpoint));
        }
        assertTrue(configs, configs.contains("3 of 3 config(s) shown"));

        String config = shell("bootgate:bs-config urn:dev:demo-1");
        assertTrue(config, config.contains("ssid 101"));
        assertTrue(config, config.contains("/0 5 = <secret, "));
        assertFalse(config, config.contains("PRIVATE KEY"));

        String sessions = shell("bootgate:bs-sessions --endpoint urn:dev:demo-1");
        assertTrue(sessions, sessions.contains("urn:dev:demo-1 BOOTSTRAP_REQUEST"));
        assertTrue(sessions, sessions.contains("-> SUCCEEDED"));
        assertTrue(sessions, sessions.contains("FINISH / 2.04"));

        String modes = shell("bootgate:modes");
        assertTrue(modes, modes.contains("client-initiated"));

        // key-generate through the container's KeyCodec service, then a config naming the key validated as the
        // server would load it, and a broken one refused with its file and field.
        Path drafts = Files.createTempDirectory(Path.of(System.getProperty("karaf.data")), "drafts");
        String generated = shell("bootgate:key-generate --dir " + drafts + " itest-draft");
        assertTrue(generated, generated.contains("SubjectPublicKeyInfo (base64):"));
        assertFalse(generated, generated.contains("PRIVATE KEY"));
        assertEquals(
                PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(drafts.resolve("itest-draft.key.pem")));
        Files.writeString(
                drafts.resolve("itest-draft.json"),
                "{ \"identity\": { \"rpkPublicKey\": { \"file\": \"itest-draft.pub.pem\" } },"
                        + " \"writes\": [ { \"path\": \"/1/0/1\", \"value\": 60 } ] }");
        String valid = shell("bootgate:bs-validate " + drafts.resolve("itest-draft.json"));
        assertTrue(valid, valid.contains("OK ") && valid.contains("endpoint itest-draft"));
        Files.writeString(
                drafts.resolve("itest-broken.json"),
                "{ \"identity\": { \"x509\": true }, \"writes\": [ { \"path\": \"/1/0/1\", \"value\": \"soon\" } ] }");
        String refused;
        try {
            refused = "accepted: " + shell("bootgate:bs-validate " + drafts.resolve("itest-broken.json"));
        } catch (AssertionError expected) {
            refused = expected.getMessage();
        }
        assertTrue(refused, refused.contains("1 of 1 file(s) invalid"));
        assertTrue(refused, refused.contains("itest-broken.json: writes[0].value"));
    }

    /**
     * The documented non-interactive use: the distribution's own bin/client script, logged in with the account the
     * shell bundle created at the first start (password only in the owner-only etc/bootgate/client.secret), over
     * Karaf's ssh server on 127.0.0.1. The re-bootstrap it runs is a real EC DTLS handshake with sshd active, which
     * fails if sshd has registered BouncyCastle as a JCA provider (etc/system.properties turns that off).
     */
    @Test
    public void binClientRunsBootgateCommandsWithTheGeneratedAccount() throws Exception {
        awaitDemoDevicesBootstrapped();
        Path secret = karafEtc().resolve("bootgate").resolve("client.secret");
        awaitCondition(() -> Files.exists(secret), DEFAULT_TIMEOUT, () -> secret + " not created");
        assertEquals(
                "permissions of " + secret,
                PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(secret));
        assertEquals(
                "permissions of etc/users.properties",
                PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(karafEtc().resolve("users.properties")));
        Properties shellConfig = new Properties();
        try (Reader in = Files.newBufferedReader(karafEtc().resolve("org.apache.karaf.shell.cfg"))) {
            shellConfig.load(in);
        }
        assertEquals("sshHost", "127.0.0.1", shellConfig.getProperty("sshHost"));
        String port = shellConfig.getProperty("sshPort");
        String password = Files.readString(secret).strip();

        String devices = binClient(port, "bootgate", password, "bootgate:devices");
        for (String endpoint : DEMO_DEVICES) {
            assertTrue(devices, devices.contains(endpoint));
        }
        String rebootstrap = binClient(port, "bootgate", password, "bootgate:bootstrap urn:dev:demo-3");
        assertTrue(rebootstrap, rebootstrap.contains("urn:dev:demo-3: SUCCESS"));

        String refused = binClient(port, "bootgate", password + "x", "bootgate:devices");
        assertFalse(refused, refused.contains("urn:dev:demo-1"));
    }

    /** Runs bin/client in batch mode (commands on stdin, as from a script) and returns what it printed. */
    private static String binClient(String port, String user, String password, String command) throws Exception {
        Path home = Path.of(System.getProperty("karaf.home"));
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin").resolve("client").toString(),
                        "-a",
                        port,
                        "-h",
                        "127.0.0.1",
                        "-u",
                        user,
                        "-p",
                        password,
                        "-b")
                .directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((command + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("bin/client did not end within 60 s: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    @Test
    public void rebootstrapWithTheInitializationOptionThroughTheShell() throws Exception {
        awaitDemoDevicesBootstrapped();
        BootstrapEngine engine = awaitService(BootstrapEngine.class, null, DEFAULT_TIMEOUT);
        BootstrapSessionHistory history = awaitService(BootstrapSessionHistory.class, null, DEFAULT_TIMEOUT);
        String endpoint = "urn:dev:demo-2";
        Instant before = engine.state(endpoint)
                .flatMap(DeviceBootstrapStatus::lastBootstrapped)
                .orElseThrow(() -> new AssertionError(endpoint + " has no last bootstrap"));
        long sessionsBefore = succeededSessions(history, endpoint);

        String output = shell("bootgate:bootstrap --init 101 " + endpoint);

        assertTrue(output, output.startsWith(endpoint + ": "));
        assertFalse(output, output.contains("FAILURE"));
        awaitCondition(
                () -> engine.state(endpoint)
                        .filter(s -> s.state() == BootstrapState.BOOTSTRAPPED)
                        .flatMap(DeviceBootstrapStatus::lastBootstrapped)
                        .map(t -> t.isAfter(before))
                        .orElse(false),
                BOOTSTRAP_TIMEOUT,
                () -> endpoint + " not bootstrapped again: " + engine.state(endpoint));
        awaitCondition(
                () -> succeededSessions(history, endpoint) == sessionsBefore + 1,
                BOOTSTRAP_TIMEOUT,
                () -> "no new successful session of " + endpoint + " in " + history.recent());
        String devices = shell("bootgate:devices --state BOOTSTRAPPED");
        assertTrue(devices, devices.contains(endpoint));
    }

    @Test
    public void modeFeatureSwappedWhileASessionIsInFlightLeavesTheSessionAndEveryOtherBundleAlone() throws Exception {
        BootstrapServer server = awaitService(BootstrapServer.class, null, DEFAULT_TIMEOUT);
        BootstrapSessionHistory history = awaitService(BootstrapSessionHistory.class, null, DEFAULT_TIMEOUT);
        DtlsEndpointFactory factory = awaitService(DtlsEndpointFactory.class, null, DEFAULT_TIMEOUT);
        String endpoint = "itest-inflight";
        Path configDirectory = karafEtc().resolve("bootgate").resolve("bootstrap");
        DeviceKeyFiles device = DeviceKeyTool.generate(configDirectory.resolve("keys"), endpoint);
        writeConfig(
                configDirectory,
                endpoint,
                """
                { "identity": { "rpkPublicKey": { "file": "keys/%s" } },
                  "writes": [ { "path": "/1/0/1", "value": 120 } ] }
                """
                        .formatted(device.publicKeyFile().getFileName()));
        BootstrapConfigStore store = awaitService(BootstrapConfigStore.class, null, DEFAULT_TIMEOUT);
        awaitCondition(() -> store.get(endpoint).isPresent(), DEFAULT_TIMEOUT, () -> "config of " + endpoint);

        // The device answers nothing the server sends until released: the session stays open meanwhile.
        CompletableFuture<Void> release = new CompletableFuture<>();
        List<String> received = new CopyOnWriteArrayList<>();
        client = factory.createBootstrapClient(
                ClientEndpointConfig.builder(serverUri(server), SecurityMode.RAW_PUBLIC_KEY)
                        .credentials(new RpkCredentials(device.keyPair()))
                        .rpkTrust(RpkTrust.of(serverPublicKey()))
                        .bindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .handshakeTimeout(EXCHANGE_TIMEOUT)
                        .requestTimeout(EXCHANGE_TIMEOUT)
                        .deviceName(endpoint)
                        .handler((peer, request) -> {
                            received.add(request.method() + " " + request.pathString());
                            ResponseCode code =
                                    request.method() == CoapMethod.DELETE ? ResponseCode.DELETED : ResponseCode.CHANGED;
                            return release.thenApply(ignored -> CoapResponse.of(code));
                        })
                        .build());
        await(client.connect());
        CoapResponse accepted =
                await(client.send(CoapRequest.post("/bs").query("ep", endpoint).build()));
        assertEquals("Bootstrap-Request answer", ResponseCode.CHANGED, accepted.code());
        awaitCondition(() -> !received.isEmpty(), EXCHANGE_TIMEOUT, () -> "the server sent nothing to " + endpoint);
        String live = shell("bootgate:bs-sessions --endpoint " + endpoint);
        assertTrue(live, live.contains("Live sessions: 1"));
        assertTrue(live, live.contains(endpoint + " BOOTSTRAP_REQUEST") && live.contains("-> running"));

        Map<Long, Long> lastModifiedBefore = lastModifiedOfEveryBundle();
        List<String> touched = new CopyOnWriteArrayList<>();
        BundleListener watcher = event -> {
            if (lastModifiedBefore.containsKey(event.getBundle().getBundleId())) {
                touched.add(event.getBundle().getSymbolicName() + " " + eventName(event.getType()));
            }
        };
        bundleContext.addBundleListener(watcher);
        try {
            shell("feature:install bootgate-mode-smartcard");
            assertBundleActive(SMARTCARD_BUNDLE);
            awaitCondition(
                    () -> shellUnchecked("bootgate:modes").contains("smartcard"),
                    DEFAULT_TIMEOUT,
                    () -> "smartcard mode not registered: " + shellUnchecked("bootgate:modes"));
            shell("feature:uninstall bootgate-mode-smartcard");
            awaitCondition(
                    () -> findBundle(SMARTCARD_BUNDLE).isEmpty(),
                    DEFAULT_TIMEOUT,
                    () -> SMARTCARD_BUNDLE + " still installed after feature:uninstall");
        } finally {
            bundleContext.removeBundleListener(watcher);
        }
        assertTrue(
                "the session ended while the mode feature was swapped: " + history.recent(),
                history.live().stream().anyMatch(r -> r.endpoint().equals(endpoint)));

        release.complete(null);
        awaitCondition(
                () -> lastSession(history, endpoint).isPresent(),
                EXCHANGE_TIMEOUT,
                () -> "session of " + endpoint + " did not end; live: " + history.live());
        BootstrapSessionEvent.Ended ended = lastSession(history, endpoint)
                .flatMap(BootstrapSessionRecord::ended)
                .orElseThrow();
        assertEquals("outcome (" + ended.detail() + ")", SessionOutcome.SUCCEEDED, ended.outcome());
        assertEquals(List.of("PUT /1/0/1", "POST /bs"), received);

        // Installing and removing a mode refreshed, updated or restarted no bundle that was there before.
        assertEquals("bundle events of the bundles present before the swap", List.of(), touched);
        assertEquals("bundle ids and last-modified times", lastModifiedBefore, lastModifiedOfEveryBundle());
        assertEveryBootgateBundleActive();
    }

    @Test
    public void pskHandshakeAgainstTheEmbeddedBootstrapServerIsRefused() throws Exception {
        BootstrapServer server = awaitService(BootstrapServer.class, null, DEFAULT_TIMEOUT);
        DtlsEndpointFactory factory = awaitService(DtlsEndpointFactory.class, null, DEFAULT_TIMEOUT);
        // A management client is the factory's only PSK client (allowed in this container's io.bootgate.dtls.cfg):
        // a real Scandium PSK handshake, offering PSK cipher suites only, aimed at the bootstrap server.
        client = factory.createManagementClient(ManagementClientConfig.of(
                ClientEndpointConfig.builder(serverUri(server), SecurityMode.PRE_SHARED_KEY)
                        .bindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .handshakeTimeout(EXCHANGE_TIMEOUT)
                        .requestTimeout(EXCHANGE_TIMEOUT)
                        .deviceName("urn:dev:demo-1")
                        .handler((peer, request) ->
                                CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.NOT_FOUND)))
                        .build(),
                PskCredentials.of("urn:dev:demo-1", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII))));
        try {
            PeerIdentity accepted = await(client.connect());
            fail("the bootstrap server accepted a PSK handshake; peer " + accepted.describe());
        } catch (ExecutionException e) {
            TransportException refused =
                    TransportException.find(e).orElseThrow(() -> new AssertionError("not a transport failure", e));
            assertEquals(refused.toString(), TransportException.Reason.REJECTED_BY_PEER, refused.reason());
        }
    }

    private void awaitDemoDevicesBootstrapped() {
        BootstrapEngine engine = awaitService(BootstrapEngine.class, null, DEFAULT_TIMEOUT);
        awaitCondition(
                () -> DEMO_DEVICES.stream().allMatch(endpoint -> engine.state(endpoint)
                        .map(status -> status.state() == BootstrapState.BOOTSTRAPPED)
                        .orElse(false)),
                BOOTSTRAP_TIMEOUT,
                () -> "demo devices not all BOOTSTRAPPED: " + shellUnchecked("bootgate:devices"));
    }

    private static long succeededSessions(BootstrapSessionHistory history, String endpoint) {
        return history.recent().stream()
                .filter(r -> r.endpoint().equals(endpoint))
                .filter(r -> r.ended()
                        .map(e -> e.outcome() == SessionOutcome.SUCCEEDED)
                        .orElse(false))
                .count();
    }

    private static Optional<BootstrapSessionRecord> lastSession(BootstrapSessionHistory history, String endpoint) {
        return history.recent().stream()
                .filter(r -> r.endpoint().equals(endpoint))
                .findFirst();
    }

    private Map<Long, Long> lastModifiedOfEveryBundle() {
        return Arrays.stream(bundleContext.getBundles())
                .collect(Collectors.toMap(Bundle::getBundleId, Bundle::getLastModified));
    }

    private static String eventName(int type) {
        switch (type) {
            case BundleEvent.INSTALLED:
                return "INSTALLED";
            case BundleEvent.RESOLVED:
                return "RESOLVED";
            case BundleEvent.STARTING:
                return "STARTING";
            case BundleEvent.STARTED:
                return "STARTED";
            case BundleEvent.STOPPING:
                return "STOPPING";
            case BundleEvent.STOPPED:
                return "STOPPED";
            case BundleEvent.UPDATED:
                return "UPDATED";
            case BundleEvent.UNRESOLVED:
                return "UNRESOLVED";
            case BundleEvent.UNINSTALLED:
                return "UNINSTALLED";
            default:
                return "EVENT(" + type + ")";
        }
    }

    private static URI serverUri(BootstrapServer server) {
        InetSocketAddress bound = server.localAddress();
        return URI.create("coaps://" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
    }

    private static PublicKey serverPublicKey() throws Exception {
        return KeyMaterial.readKeyPair(karafEtc().resolve("bootgate").resolve("bootstrap-server.key.pem"))
                .getPublic();
    }

    private static void writeConfig(Path directory, String endpoint, String json) throws Exception {
        Files.createDirectories(directory);
        Path hidden = directory.resolve("." + endpoint + ".json.tmp");
        Files.writeString(hidden, json, StandardCharsets.UTF_8);
        Files.move(hidden, directory.resolve(endpoint + ".json"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path karafEtc() {
        return Path.of(System.getProperty("karaf.etc"));
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(EXCHANGE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }

    private String shellUnchecked(String command) {
        try {
            return shell(command);
        } catch (Exception e) {
            return "'" + command + "' failed: " + e;
        }
    }

    /**
     * Runs a command in a Karaf shell session as an operator with the admin role and returns what it printed:
     * Karaf's command ACLs hide feature:install from a caller without that role.
     */
    private String shell(String command) throws Exception {
        SessionFactory sessions = awaitService(SessionFactory.class, null, DEFAULT_TIMEOUT);
        Subject operator = new Subject();
        operator.getPrincipals().add(karafRole("admin"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Subject.doAs(operator, (PrivilegedExceptionAction<Object>) () -> {
                Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
                try {
                    return session.execute(command);
                } finally {
                    session.close();
                }
            });
        } catch (PrivilegedActionException e) {
            throw new AssertionError(
                    "'" + command + "' failed: " + e.getCause() + "; output: "
                            + output.toString(StandardCharsets.UTF_8),
                    e.getCause());
        } catch (RuntimeException e) {
            // A command's own failure (e.g. bs-validate with an invalid file) is unchecked and not wrapped.
            throw new AssertionError(
                    "'" + command + "' failed: " + e + "; output: " + output.toString(StandardCharsets.UTF_8), e);
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    private static Principal karafRole(String role) throws ReflectiveOperationException {
        return (Principal) Class.forName("org.apache.karaf.jaas.boot.principal.RolePrincipal")
                .getConstructor(String.class)
                .newInstance(role);
    }
}
