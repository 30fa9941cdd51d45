/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.demo.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo server against a real Leshan client over DTLS on loopback: a device whose public key is in the key
 * directory registers and has its {@code /3/0} read; one that proves another key is refused.
 */
class DemoLeshanTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final KeyPair serverKeys = ServerKeys.generate();
    private Path deviceKeys;
    private DemoLeshan demo;
    private LeshanClient client;

    @BeforeEach
    void start() {
        deviceKeys = directory.resolve("demo-keys");
        demo = new DemoLeshan(
                serverKeys, deviceKeys, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), lines::add);
        demo.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.destroy(false);
        }
        demo.close();
    }

    @Test
    void aDeviceWhoseKeyIsInTheDirectoryRegistersAndIsRead() throws IOException {
        KeyPair device = ServerKeys.generate();
        writePublicKey("urn_dev_demo-1", device);
        List<String> outcomes = startClient("urn:dev:demo-1", device);

        await().atMost(WAIT).until(() -> outcomes.contains("registered"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("urn:dev:demo-1 registered (lifetime 300 s, objects ")
                        .contains("</3/0>"))
                .contains("urn:dev:demo-1 /3/0 read: manufacturer \"Bootgate demo test\""));
    }

    @Test
    void theControlChannelReadsAndExecutesOnARegisteredDeviceAndAnswersOneLinePerCommand() throws IOException {
        KeyPair device = ServerKeys.generate();
        writePublicKey("urn_dev_demo-3", device);
        List<String> outcomes = startClient("urn:dev:demo-3", device);
        await().atMost(WAIT).until(() -> outcomes.contains("registered"));

        assertThat(demo.command("read urn:dev:demo-3 /3/0")).isEqualTo("read urn:dev:demo-3 /3/0: 2.05 CONTENT");
        // Registration Update Trigger (/1/0/8) of Leshan's client answers 2.04.
        assertThat(demo.command("execute urn:dev:demo-3 /1/0/8"))
                .startsWith("execute urn:dev:demo-3 /1/0/8: 2.04 CHANGED");
        assertThat(demo.command("read urn:dev:demo-3 /3/7")).startsWith("read urn:dev:demo-3 /3/7: 4.04 NOT_FOUND");
        assertThat(demo.command("read urn:dev:nobody /3/0")).isEqualTo("read urn:dev:nobody /3/0: not registered");
        assertThat(demo.command("write urn:dev:demo-3 /3/0")).startsWith("unknown command 'write urn:dev:demo-3 /3/0'");

        demo.serveCommands(
                new ByteArrayInputStream("read urn:dev:demo-3 /3/0\n\nbogus\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(lines).contains("read urn:dev:demo-3 /3/0: 2.05 CONTENT").anySatisfy(line -> assertThat(line)
                .startsWith("unknown command 'bogus'"));
    }

    @Test
    void aDeviceProvingAnotherKeyThanItsFileIsRefused() throws IOException {
        writePublicKey("urn_dev_demo-2", ServerKeys.generate());
        List<String> outcomes = startClient("urn:dev:demo-2", ServerKeys.generate());

        await().atMost(WAIT).until(() -> outcomes.stream().anyMatch(o -> o.startsWith("failed")));
        assertThat(outcomes).doesNotContain("registered");
        assertThat(outcomes).anySatisfy(o -> assertThat(o).startsWith("failed FORBIDDEN"));
        assertThat(lines).noneMatch(line -> line.contains(" registered "));
    }

    private void writePublicKey(String name, KeyPair keys) throws IOException {
        Files.createDirectories(deviceKeys);
        Files.writeString(
                deviceKeys.resolve(name + ".pub.pem"),
                ServerKeys.pem("PUBLIC KEY", keys.getPublic().getEncoded()));
    }

    private List<String> startClient(String endpoint, KeyPair keys) {
        String uri = demo.server().getEndpoint(Protocol.COAPS).getURI().toString();
        ObjectsInitializer initializer = new ObjectsInitializer(new StaticModel(ObjectLoader.loadDefault()));
        initializer.setInstancesForObject(
                LwM2mId.SECURITY,
                Security.rpk(
                        uri,
                        101,
                        keys.getPublic().getEncoded(),
                        keys.getPrivate().getEncoded(),
                        serverKeys.getPublic().getEncoded()));
        initializer.setInstancesForObject(LwM2mId.SERVER, new Server(101, 300));
        initializer.setInstancesForObject(LwM2mId.DEVICE, new Device("Bootgate demo test", "model", endpoint));
        CaliforniumClientEndpointsProvider.Builder endpoints =
                new CaliforniumClientEndpointsProvider.Builder(new CoapsClientProtocolProvider());
        Configuration configuration = endpoints.createDefaultConfiguration();
        configuration.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, TimeUnit.MILLISECONDS);
        endpoints.setConfiguration(configuration);
        endpoints.setClientAddress(InetAddress.getLoopbackAddress());
        DefaultRegistrationEngineFactory engine = new DefaultRegistrationEngineFactory();
        engine.setRequestTimeoutInMs(5_000);
        // One attempt is what these tests look at: no retry within the test's time.
        engine.setRetryWaitingTimeInMs(600_000);
        LeshanClientBuilder builder = new LeshanClientBuilder(endpoint);
        builder.setObjects(initializer.createAll());
        builder.setEndpointsProviders(endpoints.build());
        builder.setRegistrationEngineFactory(engine);
        client = builder.build();
        List<String> outcomes = new CopyOnWriteArrayList<>();
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String registrationId) {
                outcomes.add("registered");
            }

            @Override
            public void onRegistrationFailure(
                    LwM2mServer server, RegisterRequest request, ResponseCode code, String message, Exception cause) {
                outcomes.add("failed " + code + " " + message);
            }

            @Override
            public void onRegistrationTimeout(LwM2mServer server, RegisterRequest request) {
                outcomes.add("failed timeout");
            }
        });
        client.start();
        return outcomes;
    }
}
