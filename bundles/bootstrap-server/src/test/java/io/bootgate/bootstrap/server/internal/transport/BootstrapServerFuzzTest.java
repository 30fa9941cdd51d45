/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.bootstrap.server.internal.BootstrapServerEngine;
import io.bootgate.bootstrap.server.internal.PeerSessions;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Jazzer target for the bootstrap server's request handling and for what it parses of a client's answers,
 * in process: {@link BootstrapServerEngine#handle} gets one fuzzed request (method, Uri-Path, Uri-Query with
 * {@code ep} and {@code pct}, Accept, payload) from one of three Raw Public Key peers (the key of {@code dev1},
 * of {@code dev2}, an unknown one); an accepted Bootstrap-Request starts a session whose operations go through
 * the real {@link TransportDeviceChannel} (encoding of writes, decoding of Discover link format and of Read
 * payloads) to a client whose answers are fuzzed as well (code, Content-Format, payload up to 64 KB).
 * {@code dev1} is a plain config (Discover, Deletes, Writes, Finish); {@code dev2} reads /1 and resets server
 * 7 (Read of /2, Discover). Properties: the request is answered with a CoAP code, never 5.00 and never an
 * exception; a started session ends by itself (its client answers at once, so a session left waiting for its
 * timeout has lost an exception on the way).
 * <p>
 * Input: one byte choosing the peer, one request as in {@link #readRequest}, then answers as in
 * {@link #readAnswer}; when they run out the client answers every operation with success.
 */
class BootstrapServerFuzzTest {

    static {
        // A fuzzing run logs every refused input, hundreds a second: the log would cost more than the target.
        if (System.getenv("JAZZER_FUZZ") != null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
    }

    private static final PublicKey KEY1 = newKey();
    private static final PublicKey KEY2 = newKey();
    private static final PublicKey UNKNOWN = newKey();
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 56830);
    private static final ObjectModelRegistry MODELS = ObjectModelRegistry.standard();
    private static final Map<String, BootstrapConfig> CONFIGS = Map.of(
            "dev1",
            BootstrapConfig.builder("dev1", DeviceIdentity.rawPublicKey(KEY1))
                    .server(account(101))
                    .server(account(102))
                    .build(),
            "dev2",
            BootstrapConfig.builder("dev2", DeviceIdentity.rawPublicKey(KEY2))
                    .server(account(101))
                    .resetServer(7)
                    .read(LwM2mPath.of(1))
                    .contentFormat(ContentFormat.SENML_JSON)
                    .build());
    private static final byte[] DISCOVERED =
            "</>;lwm2m=1.1,</0/0>,</0/1>;ssid=7;uri=\"coaps://old\",</1/0>;ssid=7,</2/0>,</3/0>"
                    .getBytes(StandardCharsets.US_ASCII);

    private final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();

    @FuzzTest
    void bootstrap(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(input);
        PeerIdentity peer = new RpkPeer(ADDRESS, List.of(KEY1, KEY2, UNKNOWN).get(u8(in) % 3));
        CoapRequest request = readRequest(in);
        List<BootstrapSessionEvent> events = new ArrayList<>();
        FuzzedClient client = new FuzzedClient(in);
        DirectScheduler scheduler = new DirectScheduler();
        BootstrapServerEngine engine = new BootstrapServerEngine(
                new FixedConfigs(),
                address -> new TransportDeviceChannel(client, address, codec, codec, new DefaultLinkFormat(), MODELS),
                new NoPeers(),
                codec,
                scheduler,
                new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                events::add,
                Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC));

        CoapResponse response =
                engine.handle(peer, request).toCompletableFuture().join();

        if (response == null || response.code() == ResponseCode.INTERNAL_SERVER_ERROR) {
            throw new AssertionError(request + " from " + peer.describe() + " answered " + response);
        }
        boolean started = events.stream().anyMatch(e -> e instanceof BootstrapSessionEvent.Started);
        boolean ended = events.stream().anyMatch(e -> e instanceof BootstrapSessionEvent.Ended);
        if (started && !ended) {
            throw new AssertionError("the session of " + request + " did not end although every answer came at once;"
                    + " events " + events);
        }
        engine.close();
    }

    /**
     * {@code method(1) accept-flag(1) accept(2) pathLength(1) path queryLength(1) query payloadLength(2)
     * payload}: the method byte picks {@link CoapMethod#values()} modulo their number, the flag's bit 0 sets the
     * Accept; the path and query are UTF-8, split at {@code /} and {@code &}, empty parts dropped.
     */
    static CoapRequest readRequest(ByteBuffer in) {
        CoapMethod method = CoapMethod.values()[u8(in) % CoapMethod.values().length];
        int flags = u8(in);
        int accept = u16(in);
        String path = new String(bytes(in, u8(in)), StandardCharsets.UTF_8);
        String query = new String(bytes(in, u8(in)), StandardCharsets.UTF_8);
        byte[] payload = bytes(in, u16(in));
        CoapRequest.Builder builder = CoapRequest.builder(method, "/")
                .pathSegments(
                        Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList())
                .payload(payload);
        for (String option : query.split("&")) {
            if (!option.isEmpty()) {
                builder.query(option);
            }
        }
        if ((flags & 1) != 0) {
            builder.accept(accept);
        }
        return builder.build();
    }

    /**
     * {@code code(1) format-flag(1) contentFormat(2) payloadLength(2) payload}: the code byte picks
     * {@link ResponseCode#values()} modulo their number; the flag's bit 0 sets the Content-Format. Read as the
     * transport reads a datagram ({@link CoapResponse#fromWire}).
     */
    static CoapResponse readAnswer(ByteBuffer in) {
        ResponseCode code = ResponseCode.values()[u8(in) % ResponseCode.values().length];
        int flags = u8(in);
        int format = u16(in);
        byte[] payload = bytes(in, u16(in));
        return CoapResponse.fromWire(code, (flags & 1) != 0 ? OptionalInt.of(format) : OptionalInt.empty(), payload);
    }

    /** The client's side of the transport: answers each request with the next fuzzed answer, or success. */
    private static final class FuzzedClient implements SecureServerEndpoint {
        private final ByteBuffer in;

        FuzzedClient(ByteBuffer in) {
            this.in = in;
        }

        @Override
        public CompletionStage<CoapResponse> send(InetSocketAddress peer, CoapRequest request) {
            if (in.hasRemaining()) {
                return CompletableFuture.completedFuture(readAnswer(in));
            }
            return CompletableFuture.completedFuture(success(request));
        }

        private static CoapResponse success(CoapRequest request) {
            return switch (request.method()) {
                case GET -> request.accept().orElse(-1) == ContentFormat.LINK.code()
                        ? CoapResponse.of(ResponseCode.CONTENT, ContentFormat.LINK, DISCOVERED)
                        : CoapResponse.of(ResponseCode.NOT_FOUND);
                case DELETE -> CoapResponse.of(ResponseCode.DELETED);
                default -> CoapResponse.of(ResponseCode.CHANGED);
            };
        }

        @Override
        public void start() {}

        @Override
        public InetSocketAddress localAddress() {
            return ADDRESS;
        }

        @Override
        public Optional<PeerIdentity> peerIdentity(InetSocketAddress peer) {
            return Optional.empty();
        }

        @Override
        public List<PeerIdentity> peers(Predicate<? super PeerIdentity> filter) {
            return List.of();
        }

        @Override
        public void close() {}
    }

    private static final class FixedConfigs implements BootstrapConfigStore {
        @Override
        public Optional<BootstrapConfig> get(String endpoint) {
            return Optional.ofNullable(CONFIGS.get(endpoint));
        }

        @Override
        public Map<String, BootstrapConfig> getAll() {
            return CONFIGS;
        }

        @Override
        public void put(BootstrapConfig config) {
            throw new UnsupportedOperationException("the fuzz target's configs are fixed");
        }

        @Override
        public boolean remove(String endpoint) {
            throw new UnsupportedOperationException("the fuzz target's configs are fixed");
        }
    }

    private static final class NoPeers implements PeerSessions {
        @Override
        public Optional<PeerIdentity> peerIdentity(InetSocketAddress address) {
            return Optional.empty();
        }

        @Override
        public List<PeerIdentity> peers(Predicate<? super PeerIdentity> filter) {
            return List.of();
        }
    }

    private static ServerAccount account(int ssid) {
        return ServerAccount.builder(ssid)
                .uri("coaps://lwm2m-" + ssid + ".example:5684")
                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                .publicKeyOrIdentity(new byte[] {1, 2})
                .serverPublicKey(new byte[] {3, 4})
                .secretKey(new byte[] {5, 6})
                .lifetime(300)
                .build();
    }

    private static PublicKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair().getPublic();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int u8(ByteBuffer in) {
        return in.hasRemaining() ? in.get() & 0xFF : 0;
    }

    private static int u16(ByteBuffer in) {
        return u8(in) << 8 | u8(in);
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] bytes = new byte[Math.min(length, in.remaining())];
        in.get(bytes);
        return bytes;
    }
}
