/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapListener;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.api.registration.DeviceRegistrations;
import io.bootgate.api.registration.RegistrationState;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.ObjectStoreListener;
import io.bootgate.api.store.TreeView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 10's flow in the distribution, against a real Eclipse Leshan LwM2M server that the test starts: demo-leshan's
 * runnable jar as a separate process (its path from itests/pom.xml), driven through its control channel (commands on
 * standard input, answers on standard output, see demo-leshan/README.md). The demo device bootstraps from the
 * embedded bootstrap server and registers at that Leshan server; Leshan reads /3/0 (2.05); Leshan executes the
 * Bootstrap-Request Trigger /1/x/9 and the device bootstraps and registers again; {@code bootgate:bootstrap --init
 * 101} through the shell removes server 101's ACL entries in a committed state of its own, the bootstrap provisions
 * them again, and the device registers a third time.
 */
public class LeshanManagementIT extends BootgateTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LeshanManagementIT.class);

    /** Set by itests/pom.xml in the test JVM, passed on to the container. */
    private static final String DEMO_LESHAN_JAR = "bootgate.itest.demoLeshanJar";

    private static final String DEMO_PID = "io.bootgate.demo";
    private static final String ENDPOINT = "urn:dev:demo-1";
    private static final int SSID = 101;
    /** Generous: handshakes, bootstraps and registrations on a loaded 2-core machine. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private Process leshan;
    private final List<String> leshanLines = new CopyOnWriteArrayList<>();
    private ServiceRegistration<ObjectStoreListener> storeListener;
    /** The engine's BOOTSTRAPPED events of the device (Last Bootstrapped, /1/x/12, has whole seconds only). */
    private final List<BootstrapEvent> bootstrapped = new CopyOnWriteArrayList<>();

    private final BootstrapListener bootstrapListener = event -> {
        if (event.endpoint().equals(ENDPOINT) && event.type() == BootstrapEvent.Type.BOOTSTRAPPED) {
            bootstrapped.add(event);
        }
    };
    private BootstrapEngine engine;

    /** The demo stays off at boot ({@link #demoDevices()}): the test turns it on once its Leshan server runs. */
    @Override
    protected Option[] additionalConfiguration() {
        String jar = System.getProperty(DEMO_LESHAN_JAR, "");
        if (jar.isBlank()) {
            throw new IllegalStateException(
                    "System property " + DEMO_LESHAN_JAR + " is not set; run the test through Maven (itests/pom.xml)");
        }
        return new Option[] {systemProperty(DEMO_LESHAN_JAR).value(jar)};
    }

    @After
    public void stopLeshan() throws InterruptedException {
        if (engine != null) {
            engine.removeListener(bootstrapListener);
        }
        if (storeListener != null) {
            storeListener.unregister();
        }
        if (leshan != null) {
            leshan.destroy();
            if (!leshan.waitFor(30, TimeUnit.SECONDS)) {
                leshan.destroyForcibly();
            }
        }
    }

    @Test
    public void aDemoDeviceRegistersAtLeshanIsManagedAndRebootstrapsOnTheTriggerAndThroughTheShell() throws Exception {
        Path data = Path.of(System.getProperty("karaf.data"));
        Path serverKeys = data.resolve("bootgate").resolve("itest-leshan");
        int port = freeUdpPort();
        startLeshan(serverKeys, data.resolve("bootgate").resolve("demo-keys"), port);
        awaitCondition(
                () -> Files.exists(serverKeys.resolve("server.pub.pem"))
                        && !lines("LwM2M server listening").isEmpty(),
                WAIT,
                () -> "demo-leshan did not start: " + leshanLines);

        engine = awaitService(BootstrapEngine.class, null, WAIT);
        engine.addListener(bootstrapListener);
        enableOneDemoDevice("coaps://127.0.0.1:" + port, serverKeys.resolve("server.pub.pem"));

        // Bootstrapped from the embedded server, registered at Leshan with server 101's account.
        DeviceRegistrations registrations = awaitService(DeviceRegistrations.class, null, WAIT);
        awaitRegisteredAgain(registrations, 0);
        String registered = lines(ENDPOINT + " registered").get(0);

        // Leshan manages the device through the gateway.
        String read = command("read " + ENDPOINT + " /3/0");
        assertTrue(read, read.endsWith(": 2.05 CONTENT"));

        // Bootstrap-Request Trigger on server 101's Server instance: the device bootstraps and registers anew.
        int bootstrapsBefore = bootstrapped.size();
        String trigger = "/1/" + serverInstance(registered) + "/9";
        int registeredBefore = lines(ENDPOINT + " registered").size();
        String executed = command("execute " + ENDPOINT + " " + trigger);
        assertTrue(executed, executed.endsWith(": 2.04 CHANGED"));
        awaitBootstrappedAgain(bootstrapsBefore);
        awaitRegisteredAgain(registrations, registeredBefore);

        // Re-bootstrap with the initialization option for 101 through the shell, watching every committed state.
        List<Boolean> aclOf101PerCommit = new CopyOnWriteArrayList<>();
        ObjectStore store = awaitService(ObjectStore.class, null, WAIT);
        storeListener = bundleContext.registerService(
                ObjectStoreListener.class,
                event -> {
                    if (event.endpoint().equals(ENDPOINT) && store.exists(ENDPOINT)) {
                        aclOf101PerCommit.add(hasAclEntriesOf101(store.snapshot(ENDPOINT)));
                    }
                },
                null);
        assertTrue("server 101 has no ACL entries before --init", hasAclEntriesOf101(store.snapshot(ENDPOINT)));
        bootstrapsBefore = bootstrapped.size();
        registeredBefore = lines(ENDPOINT + " registered").size();
        String output = shellCommand("bootgate:bootstrap --init " + SSID + " " + ENDPOINT);
        LOG.info("bootgate:bootstrap --init {} {}: {}", SSID, ENDPOINT, output);
        assertTrue(output, output.startsWith(ENDPOINT + ": "));
        assertFalse(output, output.contains("FAILURE"));
        awaitBootstrappedAgain(bootstrapsBefore);
        awaitRegisteredAgain(registrations, registeredBefore);
        read = command("read " + ENDPOINT + " /3/0");
        assertTrue(read, read.endsWith(": 2.05 CONTENT"));

        // E.1.3: a committed state without any ACL entry of 101 came first, then the bootstrap provisioned them again.
        int removed = aclOf101PerCommit.indexOf(Boolean.FALSE);
        assertTrue("no committed state without server 101's ACL entries: " + aclOf101PerCommit, removed >= 0);
        assertTrue(
                "server 101's ACL entries not provisioned again after their removal: " + aclOf101PerCommit,
                aclOf101PerCommit.stream().skip(removed).anyMatch(Boolean.TRUE::equals));
        assertTrue("server 101's ACL entries are not there at the end", hasAclEntriesOf101(store.snapshot(ENDPOINT)));
    }

    /** Whether an Access Control instance of the tree names server 101 in its ACL or as its owner. */
    private static boolean hasAclEntriesOf101(TreeView tree) {
        return AccessControlInstance.readableOf(tree).stream()
                .anyMatch(instance -> instance.acl().containsKey(SSID) || instance.owner() == SSID);
    }

    private void startLeshan(Path serverKeys, Path deviceKeys, int port) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        leshan = new ProcessBuilder(
                        java.toString(),
                        "-jar",
                        System.getProperty(DEMO_LESHAN_JAR),
                        serverKeys.toString(),
                        deviceKeys.toString(),
                        String.valueOf(port))
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(leshan.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            LOG.info("{}", line);
                            leshanLines.add(line);
                        }
                    } catch (IOException e) {
                        LOG.info("demo-leshan output closed: {}", e.getMessage());
                    }
                },
                "itest-demo-leshan-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Turns the demo on with one device whose management server is the test's Leshan: the provisioner reads the
     * server's key file when it activates, so only now, with Leshan's key written.
     */
    private void enableOneDemoDevice(String managementServerUri, Path managementServerKey) throws IOException {
        Configuration demo = configurationAdmin.getConfiguration(DEMO_PID, "?");
        Dictionary<String, Object> properties =
                Optional.ofNullable(demo.getProperties()).orElseGet(Hashtable::new);
        properties.put("enabled", "true");
        properties.put("deviceCount", "1");
        properties.put("managementServerUri", managementServerUri);
        properties.put("managementServerPublicKeyFile", managementServerKey.toString());
        demo.update(properties);
    }

    /** Waits for a Register that Leshan logged after the {@code before} it had logged, and server 101 REGISTERED. */
    private void awaitRegisteredAgain(DeviceRegistrations registrations, int before) {
        awaitCondition(
                () -> lines(ENDPOINT + " registered").size() > before
                        && registrations.registrations(ENDPOINT).stream()
                                .anyMatch(r -> r.shortServerId() == SSID && r.state() == RegistrationState.REGISTERED),
                WAIT,
                () -> ENDPOINT + " not registered at Leshan after its Register number " + before + ": "
                        + registrations.registrations(ENDPOINT) + "; demo-leshan: " + leshanLines);
    }

    /** Waits for a BOOTSTRAPPED event of the device after the {@code before} it had, and the state BOOTSTRAPPED. */
    private void awaitBootstrappedAgain(int before) {
        awaitCondition(
                () -> bootstrapped.size() > before
                        && engine.state(ENDPOINT)
                                .map(s -> s.state() == BootstrapState.BOOTSTRAPPED)
                                .orElse(false),
                WAIT,
                () -> ENDPOINT + " not bootstrapped again: " + engine.state(ENDPOINT));
    }

    /** The instance of the Server object the device registered, from demo-leshan's "registered (... objects)" line. */
    private static int serverInstance(String registeredLine) {
        Matcher matcher = Pattern.compile("</1/(\\d+)>").matcher(registeredLine);
        assertTrue("no Server instance in " + registeredLine, matcher.find());
        int instance = Integer.parseInt(matcher.group(1));
        assertFalse("more than one Server instance in " + registeredLine, matcher.find());
        return instance;
    }

    /** Sends one control command to demo-leshan and returns its answer line, without the prefix. */
    private String command(String command) {
        int before = leshanLines.size();
        try {
            OutputStream in = leshan.getOutputStream();
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send '" + command + "' to demo-leshan", e);
        }
        String answerPrefix = "demo-leshan: " + command + ": ";
        awaitCondition(
                () -> answer(before, answerPrefix).isPresent(),
                WAIT,
                () -> "demo-leshan did not answer '" + command + "': " + leshanLines);
        String answer = answer(before, answerPrefix).orElseThrow();
        return answer.substring("demo-leshan: ".length());
    }

    private Optional<String> answer(int from, String prefix) {
        // stream() reads a snapshot; a subList of a CopyOnWriteArrayList throws once demo-leshan appends a line.
        return leshanLines.stream()
                .skip(from)
                .filter(line -> line.startsWith(prefix))
                .findFirst();
    }

    /** demo-leshan's lines that contain {@code text}, without its prefix. */
    private List<String> lines(String text) {
        return leshanLines.stream().filter(line -> line.contains(text)).collect(Collectors.toList());
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }
}
