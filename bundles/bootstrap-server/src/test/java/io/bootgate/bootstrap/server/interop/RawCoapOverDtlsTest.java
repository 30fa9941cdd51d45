/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.bsserver.SessionTrigger;
import io.bootgate.api.model.SecurityMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-made CoAP datagrams sent to Bootgate's bootstrap server inside an established DTLS session (a stock
 * Scandium connector carrying raw bytes, authenticated with the device's Raw Public Key), through a relay that
 * records the encrypted records so that one can be replayed.
 * <p>
 * A malformed message is dropped or answered 4.02 Bad Option, never with a success, starts no session, and leaves
 * the DTLS session serving the next well-formed request.
 */
class RawCoapOverDtlsTest {

    private static final String DEVICE = "raw-device";
    private static final String OTHER = "other-device";
    private static final int TYPE_CON = 0;
    private static final long SHORT_WAIT = 1_500;
    private static final int TYPE_ACK = 2;
    private static final int GET = 0x01;
    private static final int POST = 0x02;
    private static final int URI_PATH = 11;
    private static final int URI_QUERY = 15;

    @TempDir
    static Path configDirectory;

    static BootstrapServerFixture fixture;
    static final KeyPair DEVICE_KEYS = TestPki.newKeyPair();

    private final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    private RecordingRelay relay;
    private DTLSConnector connector;
    private int messageId = 0x1000;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = new BootstrapServerFixture(configDirectory);
        fixture.store.put(BootstrapConfig.builder(DEVICE, DeviceIdentity.rawPublicKey(DEVICE_KEYS.getPublic()))
                .server(account())
                .build());
        fixture.store.put(BootstrapConfig.builder(
                        OTHER, DeviceIdentity.rawPublicKey(TestPki.newKeyPair().getPublic()))
                .server(account())
                .build());
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @BeforeEach
    void connect() throws Exception {
        relay = new RecordingRelay(fixture.server.localAddress());
        DtlsConfig.register();
        DtlsConnectorConfig config = DtlsConnectorConfig.builder(new Configuration())
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, TimeUnit.MILLISECONDS)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setCertificateIdentityProvider(
                        new SingleCertificateProvider(DEVICE_KEYS.getPrivate(), DEVICE_KEYS.getPublic()))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustAllRPKs()
                        .build())
                .build();
        connector = new DTLSConnector(config);
        connector.setRawDataReceiver(data -> inbox.add(data.getBytes()));
        connector.start();
        // The first exchange performs the handshake and proves the session serves well-formed requests.
        assertWellFormedRequestIsServed();
    }

    @AfterEach
    void disconnect() {
        connector.destroy();
        relay.close();
    }

    /** Token lengths 9-15 are reserved (RFC 7252 3): a message format error. */
    @ParameterizedTest(name = "token length {0}")
    @ValueSource(ints = {9, 10, 11, 12, 13, 14, 15})
    void reservedTokenLengthsAreDropped(int tokenLength) throws Exception {
        ByteArrayOutputStream message = header(TYPE_CON, tokenLength, GET, nextMessageId());
        message.write(new byte[tokenLength]);
        message.writeBytes(options(URI_PATH, "bspack", URI_QUERY, "ep=" + DEVICE));

        // Californium cannot even read the token, so it cannot answer the request: the datagram is dropped.
        assertThat(send(message.toByteArray(), SHORT_WAIT))
                .as("answer to token length %s", tokenLength)
                .isNull();
        assertWellFormedRequestIsServed();
    }

    @Test
    void optionDeltaNibble15IsAnsweredBadOption() throws Exception {
        ByteArrayOutputStream message = header(TYPE_CON, 1, GET, nextMessageId());
        message.write(7);
        // Delta nibble 15 with a length other than 15 is not the payload marker and is reserved.
        message.writeBytes(new byte[] {(byte) 0xF2, 'b', 's'});

        assertBadOption("option delta nibble 15", sendAndAwait(message.toByteArray()));
        assertWellFormedRequestIsServed();
    }

    @Test
    void optionLengthNibble15IsAnsweredBadOption() throws Exception {
        ByteArrayOutputStream message = header(TYPE_CON, 1, GET, nextMessageId());
        message.write(7);
        message.writeBytes(new byte[] {(byte) 0xBF, 'b', 's'});

        assertBadOption("option length nibble 15", sendAndAwait(message.toByteArray()));
        assertWellFormedRequestIsServed();
    }

    @Test
    void truncatedOptionsAreAnsweredBadOption() throws Exception {
        ByteArrayOutputStream valueCut = header(TYPE_CON, 1, POST, nextMessageId());
        valueCut.write(7);
        valueCut.writeBytes(new byte[] {(byte) 0xB6, 'b', 's'});
        assertBadOption("truncated option value", sendAndAwait(valueCut.toByteArray()));

        ByteArrayOutputStream extendedLengthCut = header(TYPE_CON, 1, POST, nextMessageId());
        extendedLengthCut.write(7);
        extendedLengthCut.write(0xBD);
        assertBadOption("missing extended option length", sendAndAwait(extendedLengthCut.toByteArray()));

        ByteArrayOutputStream extendedDeltaCut = header(TYPE_CON, 1, POST, nextMessageId());
        extendedDeltaCut.write(7);
        extendedDeltaCut.write(0xE0);
        extendedDeltaCut.write(0x01);
        assertBadOption("missing extended option delta", sendAndAwait(extendedDeltaCut.toByteArray()));

        assertWellFormedRequestIsServed();
        assertThat(bootstrapRequestSessions(DEVICE))
                .as("no session from a malformed Bootstrap-Request")
                .isEmpty();
    }

    @Test
    void unknownCriticalOptionIsAnsweredBadOption() throws Exception {
        ByteArrayOutputStream message = header(TYPE_CON, 1, GET, nextMessageId());
        message.write(7);
        message.writeBytes(options(URI_PATH, "bspack", URI_QUERY, "ep=" + DEVICE));
        // Option 25: odd (critical), not defined by any CoAP or LwM2M specification; delta 10 from Uri-Query.
        message.write(0xA0);

        byte[] answer = sendAndAwait(message.toByteArray());

        assertThat(answer).as("an answer").isNotNull();
        assertThat(answer[1] & 0xFF).as("4.02 Bad Option").isEqualTo(0x82);
    }

    /**
     * A Bootstrap-Request naming another device's endpoint and one naming an unknown endpoint get byte-identical
     * answers (message ID aside): the answer does not tell an attacker which endpoint names exist.
     */
    @Test
    void endpointOfAnotherIdentityIsAnsweredExactlyAsAnUnknownEndpoint() throws Exception {
        byte[] other = sendAndAwait(request(POST, "bs", "ep=" + OTHER));
        byte[] unknown = sendAndAwait(request(POST, "bs", "ep=nobody-knows-me"));

        assertThat(other).isNotNull();
        assertThat(other[1] & 0xFF).as("4.00 Bad Request").isEqualTo(0x80);
        assertThat(withoutMessageId(other)).isEqualTo(withoutMessageId(unknown));
        assertThat(fixture.sessions(OTHER)).isEmpty();
        assertThat(bootstrapRequestSessions(DEVICE)).isEmpty();
    }

    /**
     * A 70 KB Bootstrap-Request sent block by block (Block1, 1024-byte blocks) is cut off with 4.13 Request Entity
     * Too Large once it passes the server's body limit, long before its end, and starts no session.
     */
    @Test
    void seventyKilobyteBlock1RequestIsAnsweredRequestEntityTooLarge() throws Exception {
        int blocks = 70;
        byte[] block = new byte[1024];
        byte[] last = null;
        int sentBlocks = 0;
        for (int number = 0; number < blocks; number++) {
            ByteArrayOutputStream message = header(TYPE_CON, 1, POST, nextMessageId());
            message.write(9);
            message.writeBytes(options(URI_PATH, "bs", URI_QUERY, "ep=" + DEVICE));
            // Block1 (27), delta 12 from Uri-Query: NUM, M=1 (more blocks), SZX=6 (1024 bytes).
            int value = number << 4 | 0x08 | 6;
            if (number < 16) {
                message.write(0xC1);
                message.write(value);
            } else {
                message.write(0xC2);
                message.write(value >> 8);
                message.write(value & 0xFF);
            }
            message.write(0xFF);
            message.writeBytes(block);
            last = sendAndAwait(message.toByteArray());
            sentBlocks++;
            assertThat(last).as("answer to block %s", number).isNotNull();
            if ((last[1] & 0xFF) != 0x5F) { // 2.31 Continue
                break;
            }
        }

        assertThat(last[1] & 0xFF).as("4.13 Request Entity Too Large").isEqualTo(0x8D);
        assertThat(sentBlocks).as("blocks sent before the cut-off").isLessThan(blocks);
        assertThat(bootstrapRequestSessions(DEVICE)).isEmpty();
        assertWellFormedRequestIsServed();
    }

    /** A recorded DTLS record sent again is dropped by the replay window: no answer, not even CoAP's cached one. */
    @Test
    void replayedRecordIsDropped() throws Exception {
        List<byte[]> recorded = relay.recordedSince(0);
        byte[] requestRecord = recorded.get(recorded.size() - 1);

        relay.replay(requestRecord);

        assertThat(inbox.poll(1500, TimeUnit.MILLISECONDS))
                .as("answer to a replayed record")
                .isNull();
        assertWellFormedRequestIsServed();
    }

    private void assertWellFormedRequestIsServed() throws Exception {
        byte[] answer = sendAndAwait(request(GET, "bspack", "ep=" + DEVICE));
        assertThat(answer).as("answer to a well-formed request").isNotNull();
        assertThat(answer[1] & 0xFF).as("2.05 Content").isEqualTo(0x45);
    }

    /** Californium rejects a request whose options it cannot parse with a piggybacked 4.02 Bad Option. */
    private static void assertBadOption(String what, byte[] answer) {
        assertThat(answer).as("%s: answered", what).isNotNull();
        assertThat((answer[0] >> 4) & 0x03)
                .as("%s: a piggybacked answer (ACK)", what)
                .isEqualTo(TYPE_ACK);
        assertThat(answer[1] & 0xFF).as("%s: 4.02 Bad Option", what).isEqualTo(0x82);
    }

    private static List<BootstrapSessionEvent.Started> bootstrapRequestSessions(String endpoint) {
        return fixture.events.stream()
                .filter(BootstrapSessionEvent.Started.class::isInstance)
                .map(BootstrapSessionEvent.Started.class::cast)
                .filter(started ->
                        started.endpoint().equals(endpoint) && started.trigger() == SessionTrigger.BOOTSTRAP_REQUEST)
                .toList();
    }

    private byte[] sendAndAwait(byte[] message) throws InterruptedException {
        // The handshake of the first exchange needs a few round trips on a loaded machine.
        return send(message, 5_000);
    }

    private byte[] send(byte[] message, long waitMillis) throws InterruptedException {
        inbox.clear();
        connector.send(RawData.outbound(message, new AddressEndpointContext(relay.address()), null, false));
        return inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
    }

    private byte[] request(int code, String path, String query) {
        ByteArrayOutputStream message = header(TYPE_CON, 2, code, nextMessageId());
        message.writeBytes(new byte[] {0x5A, 0x17});
        message.writeBytes(options(URI_PATH, path, URI_QUERY, query));
        return message.toByteArray();
    }

    private int nextMessageId() {
        return messageId++;
    }

    private static ByteArrayOutputStream header(int type, int tokenLength, int code, int mid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x40 | (type << 4) | tokenLength);
        out.write(code);
        out.write(mid >> 8);
        out.write(mid & 0xFF);
        return out;
    }

    /** Two options in ascending order, each with the one-byte extended length when needed. */
    private static byte[] options(int first, String firstValue, int second, String secondValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        option(out, first, firstValue.getBytes(StandardCharsets.UTF_8));
        option(out, second - first, secondValue.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void option(ByteArrayOutputStream out, int delta, byte[] value) {
        if (value.length < 13) {
            out.write((delta << 4) | value.length);
        } else {
            out.write((delta << 4) | 13);
            out.write(value.length - 13);
        }
        out.writeBytes(value);
    }

    private static byte[] withoutMessageId(byte[] message) {
        byte[] copy = message.clone();
        copy[2] = 0;
        copy[3] = 0;
        return copy;
    }

    private static ServerAccount account() {
        return ServerAccount.builder(101)
                .uri("coaps://lwm2m.example:5684")
                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                .publicKeyOrIdentity(new byte[] {1, 2, 3})
                .secretKey(new byte[] {4, 5})
                .serverPublicKey(new byte[] {6})
                .lifetime(300)
                .build();
    }

    /** Relays datagrams between the connector and the server and records what the connector sent. */
    private static final class RecordingRelay implements AutoCloseable {

        private final DatagramSocket front;
        private final DatagramSocket upstream;
        private final InetSocketAddress server;
        private final List<byte[]> fromClient = new CopyOnWriteArrayList<>();
        private volatile SocketAddress client;

        RecordingRelay(InetSocketAddress server) throws IOException {
            this.server = server;
            this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.upstream = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            start("relay-to-server", front, true);
            start("relay-to-client", upstream, false);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) front.getLocalSocketAddress();
        }

        List<byte[]> recordedSince(int index) {
            // stream() reads a snapshot; a subList of a CopyOnWriteArrayList throws if a datagram arrives meanwhile.
            return fromClient.stream().skip(index).toList();
        }

        void replay(byte[] datagram) throws IOException {
            upstream.send(new DatagramPacket(datagram, datagram.length, server));
        }

        private void start(String name, DatagramSocket socket, boolean toServer) {
            Thread thread = new Thread(
                    () -> {
                        byte[] buffer = new byte[65_535];
                        while (!socket.isClosed()) {
                            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                            try {
                                socket.receive(packet);
                                byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
                                if (toServer) {
                                    client = packet.getSocketAddress();
                                    fromClient.add(data);
                                    upstream.send(new DatagramPacket(data, data.length, server));
                                } else if (client != null) {
                                    front.send(new DatagramPacket(data, data.length, client));
                                }
                            } catch (IOException e) {
                                // The relay was closed: the test is over.
                                return;
                            }
                        }
                    },
                    name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            front.close();
            upstream.close();
        }
    }
}
