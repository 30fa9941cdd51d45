/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.demo.leshan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/**
 * The demo's LwM2M management server: Eclipse Leshan's server on {@code coaps://127.0.0.1:5784} with a Raw Public
 * Key identity, trusting the demo devices whose public keys the gateway keeps in its demo key directory. It logs
 * one line per registration and reads each registered device's {@code /3/0} once, to show device management.
 * <p>
 * Usage: {@code java -jar bootgate-demo-leshan.jar <server key directory> <device key directory> [port]}. The
 * server key pair is {@code server.key.pem} / {@code server.pub.pem} in the first directory, generated there on the
 * first start; the gateway's demo provisioner gives {@code server.pub.pem} to the devices as the key of their
 * management server.
 */
public final class DemoLeshan implements AutoCloseable {

    static final int DEFAULT_PORT = 5784;
    private static final long READ_TIMEOUT_MS = 10_000;
    private static final int SERVICE_UNAVAILABLE = 503;

    private final LeshanServer server;
    private final Consumer<String> log;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-leshan-retry");
        thread.setDaemon(true);
        return thread;
    });

    /** @param log where the demo's lines go, without the {@code demo-leshan: } prefix */
    DemoLeshan(KeyPair serverKeys, Path deviceKeyDirectory, InetSocketAddress address, Consumer<String> log) {
        this.log = log;
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setPublicKey(serverKeys.getPublic());
        builder.setPrivateKey(serverKeys.getPrivate());
        builder.setSecurityStore(new KeyDirectorySecurityStore(deviceKeyDirectory, log));
        builder.setEndpointsProviders(new CaliforniumServerEndpointsProvider.Builder(new CoapsServerProtocolProvider())
                .addEndpoint(address, Protocol.COAPS)
                .build());
        server = builder.build();
        server.getRegistrationService().addListener(new RegistrationListener() {
            @Override
            public void registered(
                    Registration registration, Registration previous, Collection<Observation> observations) {
                log.accept(registration.getEndpoint() + " registered (lifetime " + registration.getLifeTimeInSec()
                        + " s, objects " + objects(registration) + ")");
                readManufacturer(registration);
            }

            @Override
            public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
                // A registration update every lifetime/2 or so: not worth a line per device.
            }

            @Override
            public void unregistered(
                    Registration registration,
                    Collection<Observation> observations,
                    boolean expired,
                    Registration newRegistration) {
                if (newRegistration == null) {
                    log.accept(registration.getEndpoint() + (expired ? " expired" : " deregistered"));
                }
            }
        });
    }

    void start() {
        server.start();
        log.accept("LwM2M server listening on "
                + server.getEndpoint(Protocol.COAPS).getURI());
    }

    LeshanServer server() {
        return server;
    }

    /**
     * Reads {@code /3/0} and logs its Manufacturer (resource 0): device management through the gateway. A 5.03 is
     * retried once a second later: the Read can reach the gateway before it has handled the Register's 2.01, and
     * the device then answers that it is not registered yet.
     */
    private void readManufacturer(Registration registration) {
        readManufacturer(registration, true);
    }

    private void readManufacturer(Registration registration, boolean retryUnavailable) {
        String endpoint = registration.getEndpoint();
        server.send(
                registration,
                new ReadRequest(3, 0),
                READ_TIMEOUT_MS,
                response -> {
                    if (response.isSuccess() && response.getContent() instanceof LwM2mObjectInstance instance) {
                        LwM2mResource manufacturer = instance.getResource(0);
                        log.accept(endpoint + " /3/0 read: manufacturer "
                                + (manufacturer == null ? "(none)" : "\"" + manufacturer.getValue() + "\""));
                    } else if (retryUnavailable && response.getCode().getCode() == SERVICE_UNAVAILABLE) {
                        log.accept(endpoint + " /3/0 read: " + response.getCode() + " " + response.getErrorMessage()
                                + ", read again in 1 s");
                        retries.schedule(() -> readManufacturer(registration, false), 1, TimeUnit.SECONDS);
                    } else {
                        log.accept(endpoint + " /3/0 read: " + response.getCode() + " " + response.getErrorMessage());
                    }
                },
                e -> log.accept(endpoint + " /3/0 read failed: " + e));
    }

    /**
     * Runs one line of the control channel ({@code read <endpoint> <path>} or {@code execute <endpoint> <path>})
     * against the device's current registration and returns the answer line, e.g.
     * {@code read urn:dev:demo-1 /3/0: 2.05 CONTENT}: the command, a colon, then the CoAP code of the response
     * ({@code c.dd} and Leshan's name), or why no request was sent. Blocks until the response or the timeout.
     */
    String command(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length != 3 || !(words[0].equals("read") || words[0].equals("execute"))) {
            return "unknown command '" + line.strip() + "' (read <endpoint> <path> | execute <endpoint> <path>)";
        }
        String echo = words[0] + " " + words[1] + " " + words[2];
        Registration registration = server.getRegistrationService().getByEndpoint(words[1]);
        if (registration == null) {
            return echo + ": not registered";
        }
        try {
            LwM2mResponse response = words[0].equals("read")
                    ? server.send(registration, new ReadRequest(words[2]), READ_TIMEOUT_MS)
                    : server.send(registration, new ExecuteRequest(words[2]), READ_TIMEOUT_MS);
            if (response == null) {
                return echo + ": timeout";
            }
            int code = response.getCode().getCode();
            return echo + ": " + code / 100 + "." + String.format("%02d", code % 100) + " "
                    + response.getCode().getName()
                    + (response.getErrorMessage() == null ? "" : " " + response.getErrorMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return echo + ": interrupted";
        } catch (RuntimeException e) {
            return echo + ": failed: " + e;
        }
    }

    /**
     * Reads control commands from {@code input}, one per line, and logs each answer until the input ends (a
     * closed or absent standard input, as {@code bootgate-demo.sh}'s background job has, ends only this loop).
     */
    void serveCommands(java.io.InputStream input) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    log.accept(command(line));
                }
            }
        } catch (IOException e) {
            log.accept("control input closed: " + e.getMessage());
        }
    }

    /** The object links a device registered, e.g. {@code </1/0>,</3/0>}, without the root link's attributes. */
    static String objects(Registration registration) {
        return Stream.of(registration.getObjectLinks())
                .map(Link::getUriReference)
                .filter(Objects::nonNull)
                .filter(uri -> !uri.equals("/"))
                .map(uri -> "<" + uri + ">")
                .collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        retries.shutdownNow();
        server.destroy();
    }

    static void log(String line) {
        System.out.println("demo-leshan: " + line);
        System.out.flush();
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java -jar bootgate-demo-leshan.jar <server key directory>"
                    + " <device key directory> [port, default " + DEFAULT_PORT + "]");
            System.exit(2);
        }
        // Leshan and Californium log every handshake and exchange at INFO; the demo's own lines are what matters.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        Path serverKeyDirectory = Path.of(args[0]);
        Path deviceKeyDirectory = Path.of(args[1]);
        int port = args.length == 3 ? Integer.parseInt(args[2]) : DEFAULT_PORT;
        KeyPair keys = ServerKeys.loadOrGenerate(serverKeyDirectory);
        log("server key " + serverKeyDirectory.resolve(ServerKeys.PUBLIC_KEY_FILE) + ", trusting the device keys in "
                + deviceKeyDirectory);
        DemoLeshan demo =
                new DemoLeshan(keys, deviceKeyDirectory, new InetSocketAddress(loopback(), port), DemoLeshan::log);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            log("stopped");
            stopped.countDown();
        }));
        demo.start();
        Thread commands = new Thread(() -> demo.serveCommands(System.in), "demo-leshan-commands");
        commands.setDaemon(true);
        commands.start();
        stopped.await();
    }

    private static InetAddress loopback() throws UnknownHostException {
        // 127.0.0.1, the address the demo's bootstrap configs name (coaps://127.0.0.1:5784).
        return InetAddress.getByName("127.0.0.1");
    }
}
