/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.security.DtlsClusterNode;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.DtlsFixture.RecordingHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.californium.scandium.DtlsClusterConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bootstrap server as one node of a cluster: the configuration it is refused with, and the cluster secret that
 * keeps datagrams no node sent off its internal address. (Three nodes serving devices through a load balancer
 * are tested in mode-client-initiated, which has the device side.)
 */
class ClusterNodeTest {

    private static final byte[] SECRET = "a secret all nodes of the test share".getBytes(StandardCharsets.US_ASCII);
    private static final KeyPair SERVER_KEY = KeyMaterial.generateP256();
    private static DefaultDtlsEndpointFactory factory;

    @BeforeAll
    static void startFactory() {
        factory = DtlsFixture.factory();
    }

    @AfterAll
    static void stopFactory() {
        factory.close();
    }

    @Test
    void aDatagramOnTheInternalAddressWithoutTheClusterSecretsMacIsDropped() throws Exception {
        InetSocketAddress internal = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
        InetSocketAddress other = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
        DtlsClusterNode node = new DtlsClusterNode(1, internal, Map.of(1, internal, 2, other), Optional.of(SECRET));
        SecureServerEndpoint server = factory.createBootstrapServer(config(node));
        try {
            server.start();
            ClusterNodeDtlsConnector connector =
                    (ClusterNodeDtlsConnector) ((DefaultSecureServerEndpoint) server).connector();
            assertThat(connector.getNodeID()).isEqualTo(1);

            try (DatagramSocket intruder = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                byte[] forged = forwarded(new byte[ClusterNodeDtlsConnector.MAC_LENGTH]);
                intruder.send(new DatagramPacket(forged, forged.length, internal));
                // The same datagram with the MAC of the shared secret passes the check, and goes on to Scandium
                // (which finds no session for its Connection ID and drops it).
                byte[] signed = forwarded(new byte[ClusterNodeDtlsConnector.MAC_LENGTH]);
                signWithSecret(signed);
                intruder.send(new DatagramPacket(signed, signed.length, internal));

                await().atMost(Duration.ofSeconds(10))
                        .until(() -> connector.refusedInternalDatagrams() + connector.acceptedInternalDatagrams() == 2);
                assertThat(connector.refusedInternalDatagrams()).isEqualTo(1);
                assertThat(connector.acceptedInternalDatagrams()).isEqualTo(1);
            }
        } finally {
            server.close();
        }
    }

    @Test
    void aClusterNodeWithoutConnectionIdsIsRefused() {
        InetSocketAddress internal = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5784);
        DtlsClusterNode node = new DtlsClusterNode(1, internal, Map.of(1, internal), Optional.empty());

        assertThatThrownBy(
                        () -> ServerEndpointConfig.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                                .credentials(new RpkCredentials(SERVER_KEY))
                                .rpkTrust(key -> false)
                                .identityVerifier(EndpointIdentityVerifier.standard(name -> Optional.empty()))
                                .handler(RecordingHandler.answering(ResponseCode.CHANGED))
                                .connectionId(false)
                                .cluster(node)
                                .build())
                .hasMessageContaining("a cluster node needs DTLS Connection IDs");
        assertThatThrownBy(() -> new DtlsClusterNode(2, internal, Map.of(1, internal), Optional.empty()))
                .hasMessageContaining("lacks this node, id 2");
        assertThatThrownBy(() -> new DtlsClusterNode(1, internal, Map.of(1, internal), Optional.of(new byte[8])))
                .hasMessageContaining("at least 16 bytes");
        assertThat(new DtlsClusterNode(1, internal, Map.of(1, internal), Optional.of(SECRET)).toString())
                .contains("secret=set")
                .doesNotContain(new String(SECRET, StandardCharsets.US_ASCII));
    }

    private static ServerEndpointConfig config(DtlsClusterNode node) {
        return ServerEndpointConfig.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .credentials(new RpkCredentials(SERVER_KEY))
                .rpkTrust(key -> false)
                .identityVerifier(EndpointIdentityVerifier.standard(name -> Optional.empty()))
                .handler(RecordingHandler.answering(ResponseCode.CHANGED))
                .cluster(node)
                .build();
    }

    /**
     * A "forwarded record" datagram as Scandium's cluster connector lays it out: direction, the client's port
     * (little endian) and address, the MAC slot, then a DTLS record with a Connection ID (content type 25).
     */
    private static byte[] forwarded(byte[] mac) {
        byte[] address = InetAddress.getLoopbackAddress().getAddress();
        // Header (type, version, epoch 1, sequence 1), a 6-byte Connection ID of node 2, 32 bytes of ciphertext.
        byte[] record = new byte[11 + 6 + 2 + 32];
        byte[] header = {25, (byte) 0xfe, (byte) 0xfd, 0, 1, 0, 0, 0, 0, 0, 1, 2, 9, 9, 9, 9, 9, 0, 32};
        System.arraycopy(header, 0, record, 0, header.length);
        byte[] datagram = new byte[4 + address.length + mac.length + record.length];
        datagram[0] = DtlsClusterConnector.RECORD_TYPE_INCOMING;
        datagram[1] = (byte) 0x34;
        datagram[2] = (byte) 0x12;
        datagram[3] = (byte) address.length;
        System.arraycopy(address, 0, datagram, 4, address.length);
        System.arraycopy(mac, 0, datagram, 4 + address.length, mac.length);
        System.arraycopy(record, 0, datagram, 4 + address.length + mac.length, record.length);
        return datagram;
    }

    /** HMAC-SHA256 of the shared secret over the datagram but its MAC slot, truncated into the slot. */
    private static void signWithSecret(byte[] datagram) throws Exception {
        int macOffset = 4 + (datagram[3] & 0xff);
        int afterMac = macOffset + ClusterNodeDtlsConnector.MAC_LENGTH;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        mac.update(datagram, 0, macOffset);
        mac.update(datagram, afterMac, datagram.length - afterMac);
        byte[] full = mac.doFinal();
        System.arraycopy(
                Arrays.copyOf(full, ClusterNodeDtlsConnector.MAC_LENGTH),
                0,
                datagram,
                macOffset,
                ClusterNodeDtlsConnector.MAC_LENGTH);
    }

    private static int freePort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
