package io.bootgate.mode.server.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LwM2M 1.0 server-initiated bootstrap through the real engine, store and DTLS transport: the bootstrap server
 * (here a DTLS client made with Bootgate's transport API, as the pushing server is the one that connects) pushes
 * Delete / Write / Finish to the device's address during its window.
 */
class ServerInitiatedPushTest {

    private static final String EP = "urn:dev:ops:push-1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KeyPair device = TestPki.newKeyPair();
    private final KeyPair bootstrapServer = TestPki.newKeyPair();
    private TestGateway gateway;
    private int port;

    @BeforeEach
    void start() throws Exception {
        gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247));
        gateway.install(new ServerInitiatedBootstrapMode(Configurations.defaults(ServerInitiatedConfiguration.class)),
                false);
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Devices.provision(gateway.store(), EP, List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                List.of(Devices.rpkBootstrapAccount(0, URI.create("coaps://127.0.0.1:5684"), device,
                        bootstrapServer.getPublic()), Devices.device("SN-P")));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void pushesOfTheConfiguredBootstrapServerAreApplied() throws Exception {
        CompletableFuture<BootstrapOutcome> run = bootstrap("30");
        try (SecureClientEndpoint pusher = pusher(bootstrapServer)) {
            List<CoapResponse> answers = List.of(
                    send(pusher, CoapRequest.delete("/").build()),
                    send(pusher, write(LwM2mPath.of(0, 1), managementSecurity())),
                    send(pusher, write(LwM2mPath.of(1, 0), server())),
                    send(pusher, CoapRequest.post("/bs").build()));

            assertThat(answers).extracting(CoapResponse::code).containsExactly(ResponseCode.DELETED,
                    ResponseCode.CHANGED, ResponseCode.CHANGED, ResponseCode.CHANGED);
            BootstrapOutcome outcome = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
            TreeView committed = gateway.store().snapshot(EP);
            assertThat(committed.value(LwM2mPath.of(1, 0, 0))).contains(ResourceValue.ofInteger(101));
            assertThat(committed.value(LwM2mPath.of(0, 0, 1))).contains(ResourceValue.ofBoolean(true));
            assertThat(committed.value(LwM2mPath.of(3, 0, 2))).contains(ResourceValue.ofString("SN-P"));
        }
    }

    @Test
    void pushesOfAnyOtherIdentityAreRefusedAndTheWindowElapses() throws Exception {
        // The window is the Client Hold Off Time of the Bootstrap-Server account when no property overrides it.
        try (StoreTransaction tx = gateway.store().begin(EP)) {
            tx.write(LwM2mPath.of(0, 0, 11), SingleResource.ofInteger(11, 3), WriteMode.REPLACE);
            tx.commit();
        }
        long revision = gateway.store().snapshot(EP).revision();
        CompletableFuture<BootstrapOutcome> run = bootstrap(null);
        try (SecureClientEndpoint intruder = pusher(TestPki.newKeyPair())) {
            CoapResponse delete = send(intruder, CoapRequest.delete("/").build());
            CoapResponse finish = send(intruder, CoapRequest.post("/bs").build());

            assertThat(delete.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
            assertThat(finish.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
            BootstrapOutcome outcome = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(outcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
            assertThat(outcome.detail()).contains("no push").contains("3 s window").contains(EP);
            assertThat(gateway.store().snapshot(EP).revision()).isEqualTo(revision);
        }
    }

    @Test
    void aDeviceWithoutListenAddressFailsWithTheReason() throws Exception {
        BootstrapOutcome outcome = gateway.bootstrap(DeviceBootstrapConfig.of(EP,
                List.of(BootstrapModeName.SERVER_INITIATED))).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
        assertThat(outcome.detail()).contains(ServerInitiatedAttempt.LISTEN_PROPERTY).contains(EP);
    }

    private CompletableFuture<BootstrapOutcome> bootstrap(String windowSeconds) {
        Map<String, String> properties = new HashMap<>();
        properties.put(ServerInitiatedAttempt.LISTEN_PROPERTY, "127.0.0.1:" + port);
        if (windowSeconds != null) {
            properties.put(ServerInitiatedAttempt.WINDOW_PROPERTY, windowSeconds);
        }
        return gateway.bootstrap(new DeviceBootstrapConfig(EP, List.of(BootstrapModeName.SERVER_INITIATED),
                Map.of(BootstrapModeName.SERVER_INITIATED, properties), Optional.empty())).toCompletableFuture();
    }

    /** The pushing server's side: a DTLS client towards the device, retried until the device listens. */
    private SecureClientEndpoint pusher(KeyPair identity) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig
                .builder(URI.create("coaps://127.0.0.1:" + port), SecurityMode.RAW_PUBLIC_KEY)
                .credentials(new RpkCredentials(identity))
                .rpkTrust(RpkTrust.of(device.getPublic()))
                .handshakeTimeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            SecureClientEndpoint endpoint = gateway.dtls().createBootstrapClient(config);
            try {
                endpoint.connect().toCompletableFuture().get(5, TimeUnit.SECONDS);
                return endpoint;
            } catch (ExecutionException e) {
                endpoint.close();
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static CoapResponse send(SecureClientEndpoint endpoint, CoapRequest request) throws Exception {
        return endpoint.send(request).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private CoapRequest write(LwM2mPath path, ObjectInstance instance) throws Exception {
        byte[] payload = gateway.codec().encode(instance, path, ContentFormat.TLV, gateway.store().models());
        return CoapRequest.put(path.toString()).contentFormat(ContentFormat.TLV).payload(payload).build();
    }

    private static ObjectInstance managementSecurity() {
        KeyPair dm = TestPki.newKeyPair();
        return ObjectInstance.of(1, List.of(
                SingleResource.ofString(0, "coaps://127.0.0.1:5784"),
                SingleResource.ofBoolean(1, false),
                SingleResource.ofInteger(2, SecurityMode.RAW_PUBLIC_KEY.code()),
                SingleResource.ofOpaque(3, dm.getPublic().getEncoded()),
                SingleResource.ofOpaque(4, TestPki.newKeyPair().getPublic().getEncoded()),
                SingleResource.ofOpaque(5, dm.getPrivate().getEncoded()),
                SingleResource.ofInteger(10, 101)));
    }

    private static ObjectInstance server() {
        return ObjectInstance.of(0, List.of(
                SingleResource.ofInteger(0, 101),
                SingleResource.ofInteger(1, 86400),
                SingleResource.ofBoolean(6, true),
                SingleResource.ofString(7, "U")));
    }
}
