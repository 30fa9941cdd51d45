/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapServer;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapSessionListener;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.dtls.DeviceKeyTool;
import io.bootgate.dtls.DeviceKeyTool.DeviceKeyFiles;
import io.bootgate.dtls.KeyMaterial;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * The embedded bootstrap server of the distribution, end to end inside Karaf: a device config file dropped into
 * the server's config directory, a device key made with {@link DeviceKeyTool}, a real DTLS (Raw Public Key)
 * handshake from a client endpoint of the {@link DtlsEndpointFactory} service, and the Bootstrap-Request / Delete /
 * Write / Finish exchange the server drives from that file.
 */
public class BootstrapServerIT extends BootgateTestSupport {

    private static final String DEVICE = "itest-device";
    private static final int SHORT_SERVER_ID = 101;
    private static final String MANAGEMENT_URI = "coaps://127.0.0.1:5784";
    private static final int LIFETIME = 300;
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);

    private BootstrapServer server;
    private DtlsEndpointFactory factory;
    private LwM2mDecoder decoder;
    private Path configDirectory;
    private final List<CoapRequest> received = new CopyOnWriteArrayList<>();
    private final List<BootstrapSessionEvent> events = new CopyOnWriteArrayList<>();
    private ServiceRegistration<BootstrapSessionListener> listenerRegistration;
    private SecureClientEndpoint client;

    @Before
    public void setUp() {
        server = awaitService(BootstrapServer.class, null, DEFAULT_TIMEOUT);
        factory = awaitService(DtlsEndpointFactory.class, null, DEFAULT_TIMEOUT);
        decoder = awaitService(LwM2mDecoder.class, null, DEFAULT_TIMEOUT);
        // The server's defaults: configs in ${karaf.etc}/bootgate/bootstrap, its key next to that directory.
        configDirectory = karafEtc().resolve("bootgate").resolve("bootstrap");
        // Whiteboard: the server reports every session's Started / Step / Ended to all listener services.
        listenerRegistration = bundleContext.registerService(BootstrapSessionListener.class, events::add, null);
    }

    @After
    public void tearDown() {
        if (client != null) {
            client.close();
        }
        if (listenerRegistration != null) {
            listenerRegistration.unregister();
        }
    }

    @Test
    public void deviceConfiguredByFileIsBootstrappedOverDtls() throws Exception {
        Path keys = configDirectory.resolve("keys");
        DeviceKeyFiles device = DeviceKeyTool.generate(keys, DEVICE);
        DeviceKeyFiles management = DeviceKeyTool.generate(keys, DEVICE + "-mgmt");
        DeviceKeyFiles lwm2mServer = DeviceKeyTool.generate(keys, "itest-lwm2m-server");
        writeConfig(
                DEVICE,
                """
                {
                  "endpoint": "%s",
                  "identity": { "rpkPublicKey": { "file": "keys/%s" } },
                  "autoNumberSecurityInstances": false,
                  "servers": [
                    {
                      "shortServerId": %d,
                      "uri": "%s",
                      "securityMode": "RPK",
                      "publicKeyOrIdentity": { "file": "keys/%s" },
                      "secretKey": { "file": "keys/%s" },
                      "serverPublicKey": { "file": "keys/%s" },
                      "lifetime": %d,
                      "binding": "U"
                    }
                  ]
                }
                """
                        .formatted(
                                DEVICE,
                                device.publicKeyFile().getFileName(),
                                SHORT_SERVER_ID,
                                MANAGEMENT_URI,
                                management.publicKeyFile().getFileName(),
                                management.privateKeyFile().getFileName(),
                                lwm2mServer.publicKeyFile().getFileName(),
                                LIFETIME));
        awaitConfigLoaded(DEVICE);

        client = factory.createBootstrapClient(clientConfig(device.keyPair()));
        PeerIdentity serverIdentity = await(client.connect());
        CoapResponse response =
                await(client.send(CoapRequest.post("/bs").query("ep", DEVICE).build()));

        assertEquals("Bootstrap-Request answer " + response, ResponseCode.CHANGED, response.code());
        BootstrapSessionEvent.Ended ended = awaitSessionEnd(DEVICE);
        assertEquals("session outcome (" + ended.detail() + ")", SessionOutcome.SUCCEEDED, ended.outcome());
        assertTrue(
                "server identity " + serverIdentity.describe(),
                serverIdentity instanceof RpkPeer
                        && RpkTrust.sameKey(((RpkPeer) serverIdentity).publicKey(), serverPublicKey()));
        // No Discover (autoNumberSecurityInstances false): the default deletes for a config with servers, then one
        // Security and one Server instance, numbered after the client's bootstrap account, then Finish.
        assertEquals(
                List.of("DELETE /0", "DELETE /1", "PUT /0/1", "PUT /1/0", "POST /bs"),
                received.stream().map(r -> r.method() + " " + r.pathString()).collect(Collectors.toList()));

        ObjectInstance security = decodeInstance(received.get(2), LwM2mPath.of(0, 1));
        assertEquals(ResourceValue.ofString(MANAGEMENT_URI), value(security, 0));
        assertEquals("Bootstrap-Server flag", ResourceValue.ofBoolean(false), value(security, 1));
        assertEquals(
                "Security Mode",
                SecurityMode.RAW_PUBLIC_KEY.code(),
                value(security, 2).longValue());
        assertArrayEquals(
                "Public Key or Identity",
                management.keyPair().getPublic().getEncoded(),
                value(security, 3).opaqueValue());
        assertArrayEquals(
                "Server Public Key",
                lwm2mServer.keyPair().getPublic().getEncoded(),
                value(security, 4).opaqueValue());
        assertArrayEquals(
                "Secret Key",
                management.keyPair().getPrivate().getEncoded(),
                value(security, 5).opaqueValue());
        assertEquals("Short Server ID", SHORT_SERVER_ID, value(security, 10).longValue());

        ObjectInstance account = decodeInstance(received.get(3), LwM2mPath.of(1, 0));
        assertEquals("Short Server ID", SHORT_SERVER_ID, value(account, 0).longValue());
        assertEquals("Lifetime", LIFETIME, value(account, 1).longValue());
        assertEquals("Binding", ResourceValue.ofString("U"), value(account, 7));
    }

    @Test
    public void deviceWithAnotherKeyIsRefusedInTheHandshake() throws Exception {
        Path keys = configDirectory.resolve("keys");
        String endpoint = "itest-known-device";
        DeviceKeyFiles registered = DeviceKeyTool.generate(keys, endpoint);
        writeConfig(
                endpoint,
                """
                { "identity": { "rpkPublicKey": { "file": "keys/%s" } },
                  "writes": [ { "path": "/1/0/1", "value": 60 } ] }
                """
                        .formatted(registered.publicKeyFile().getFileName()));
        awaitConfigLoaded(endpoint);

        // Same endpoint name, another key: an impostor. The server knows no such key and aborts the handshake.
        client = factory.createBootstrapClient(clientConfig(KeyMaterial.generateP256()));
        assertHandshakeRefused(client);
        assertEquals("requests from the server to the refused device", List.of(), received);
        assertEquals("sessions of " + endpoint, List.of(), sessionEvents(endpoint));
    }

    @Test
    public void deletingTheConfigFileRefusesTheDevicesNextHandshake() throws Exception {
        String endpoint = "itest-retired-device";
        DeviceKeyFiles device = DeviceKeyTool.generate(configDirectory.resolve("keys"), endpoint);
        writeConfig(
                endpoint,
                """
                { "identity": { "rpkPublicKey": { "file": "keys/%s" } },
                  "writes": [ { "path": "/1/0/1", "value": 60 } ] }
                """
                        .formatted(device.publicKeyFile().getFileName()));
        awaitConfigLoaded(endpoint);
        client = factory.createBootstrapClient(clientConfig(device.keyPair()));
        await(client.connect());
        client.close();

        // The server's key index learns of the removal through the BootstrapConfigListener wiring in Karaf.
        Files.delete(configDirectory.resolve(endpoint + ".json"));
        BootstrapConfigStore store = awaitService(BootstrapConfigStore.class, null, DEFAULT_TIMEOUT);
        awaitCondition(
                () -> store.get(endpoint).isEmpty(),
                DEFAULT_TIMEOUT,
                () -> "config of " + endpoint + " still loaded after its file was deleted");

        client = factory.createBootstrapClient(clientConfig(device.keyPair()));
        assertHandshakeRefused(client);
    }

    /** The server aborts the handshake with a fatal alert: the device's key is not (or no longer) registered. */
    private static void assertHandshakeRefused(SecureClientEndpoint device) throws Exception {
        try {
            PeerIdentity accepted = await(device.connect());
            fail("handshake with an unregistered device key succeeded; server identity " + accepted.describe());
        } catch (ExecutionException e) {
            TransportException refused =
                    TransportException.find(e).orElseThrow(() -> new AssertionError("not a transport failure", e));
            assertEquals(refused.toString(), TransportException.Reason.REJECTED_BY_PEER, refused.reason());
        }
    }

    /** Writes through a hidden file and an atomic rename, so that the server never reads half a file. */
    private void writeConfig(String endpoint, String json) throws IOException {
        Files.createDirectories(configDirectory);
        Path hidden = configDirectory.resolve("." + endpoint + ".json.tmp");
        Files.writeString(hidden, json, StandardCharsets.UTF_8);
        Files.move(hidden, configDirectory.resolve(endpoint + ".json"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The store picks files up asynchronously (file system events, else a rescan every few seconds). */
    private void awaitConfigLoaded(String endpoint) {
        BootstrapConfigStore store = awaitService(BootstrapConfigStore.class, null, DEFAULT_TIMEOUT);
        awaitCondition(
                () -> store.get(endpoint).isPresent(),
                DEFAULT_TIMEOUT,
                () -> "config of " + endpoint + " not loaded from " + configDirectory + " (see the container log)");
    }

    private ClientEndpointConfig clientConfig(KeyPair deviceKeys) throws Exception {
        InetSocketAddress bound = server.localAddress();
        // Bound to 127.0.0.1 by BootgateTestSupport; the URI names the address the handshake goes to.
        URI uri = URI.create("coaps://" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
        return ClientEndpointConfig.builder(uri, SecurityMode.RAW_PUBLIC_KEY)
                .credentials(new RpkCredentials(deviceKeys))
                .rpkTrust(RpkTrust.of(serverPublicKey()))
                .bindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .handshakeTimeout(EXCHANGE_TIMEOUT)
                .requestTimeout(EXCHANGE_TIMEOUT)
                .deviceName(DEVICE)
                .handler((peer, request) -> answer(request))
                .build();
    }

    /** The key the server created on first start (privateKeyFile default); the device trusts only this key. */
    private static PublicKey serverPublicKey() throws Exception {
        return KeyMaterial.readKeyPair(karafEtc().resolve("bootgate").resolve("bootstrap-server.key.pem"))
                .getPublic();
    }

    /** The device side: records what the server sends and accepts it, as a client with empty objects would. */
    private CompletionStage<CoapResponse> answer(CoapRequest request) {
        received.add(request);
        ResponseCode code = request.method() == CoapMethod.DELETE ? ResponseCode.DELETED : ResponseCode.CHANGED;
        return CompletableFuture.completedFuture(CoapResponse.of(code));
    }

    private ObjectInstance decodeInstance(CoapRequest write, LwM2mPath path) throws CodecException {
        ContentFormat format = ContentFormat.fromCode(write.contentFormat()
                        .orElseThrow(() -> new AssertionError("Write without Content-Format: " + write)))
                .orElseThrow();
        return (ObjectInstance) decoder.decode(write.payload(), format, path, ObjectModelRegistry.standard());
    }

    private static ResourceValue value(ObjectInstance instance, int resourceId) {
        return instance.value(resourceId)
                .orElseThrow(() -> new AssertionError("resource " + resourceId + " not written in " + instance));
    }

    /** The Finish is answered before the server records the end: wait for the session's Ended event. */
    private BootstrapSessionEvent.Ended awaitSessionEnd(String endpoint) {
        awaitCondition(
                () -> ended(endpoint).isPresent(),
                EXCHANGE_TIMEOUT,
                () -> "no end of the session of " + endpoint + "; events: " + sessionEvents(endpoint));
        return ended(endpoint).orElseThrow();
    }

    private Optional<BootstrapSessionEvent.Ended> ended(String endpoint) {
        return sessionEvents(endpoint).stream()
                .filter(BootstrapSessionEvent.Ended.class::isInstance)
                .map(BootstrapSessionEvent.Ended.class::cast)
                .findFirst();
    }

    private List<BootstrapSessionEvent> sessionEvents(String endpoint) {
        return events.stream()
                .filter(event -> event.endpoint().equals(endpoint))
                .collect(Collectors.toList());
    }

    private static Path karafEtc() {
        return Path.of(System.getProperty("karaf.etc"));
    }

    private static <T> T await(CompletionStage<T> stage)
            throws InterruptedException, ExecutionException, TimeoutException {
        return stage.toCompletableFuture().get(EXCHANGE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }
}
