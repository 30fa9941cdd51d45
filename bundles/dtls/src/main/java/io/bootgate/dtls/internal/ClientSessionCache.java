/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.X509Credentials;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The DTLS sessions of devices' bootstrap clients, kept so that the next bootstrap of the same device with the
 * same server resumes the session (RFC 5246 §7.3 abbreviated handshake: no ECDHE, no signature, no certificate)
 * instead of running a full handshake.
 * <p>
 * A device's bootstrap client is a connector of its own that lives for one bootstrap; as soon as its handshake
 * completes, the connection state (session id, master secret, the server's identity) is saved here, and the
 * device's next bootstrap client towards the same server loads it into its new connector and offers the session
 * id. A server that no longer knows the session answers with a full handshake, so nothing fails because
 * of a stale entry.
 * <p>
 * An entry is taken (removed) when a client loads it, and put back by that client's next established
 * session: one device, one entry per server. Entries are keyed by everything the session's security depends on: the
 * server URI, address and name, the security mode and the device's own key (and certificate chain); the
 * server's trust is a live predicate and cannot be part of a key, so the loading client re-checks the cached
 * server identity against its trust first ({@link PeerCertificateVerifier#stillTrusts}). Bounded by
 * count (least recently used first out) and by age. The state holds session secrets: it lives in memory only,
 * never on disk, and a gateway restart empties it.
 */
final class ClientSessionCache {

    /** RFC 5246 §F.1.4 suggests at most 24 hours for session ID lifetimes. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    static final int DEFAULT_MAX_ENTRIES = 20_000;

    /** Server identities shared between entries; a gateway talks to a handful of bootstrap servers. */
    private static final int MAX_SHARED_IDENTITIES = 64;

    /** One saved session: the connector state Scandium wrote, and what it needs to be checked before use. */
    record Entry(InetSocketAddress server, Principal serverIdentity, byte[] connectionState, long savedNanos) {}

    private final int maxEntries;
    private final long lifetimeNanos;
    private final LongSupplier clock;
    private final Map<String, Entry> entries;
    /**
     * One instance per server identity: thousands of devices bootstrap from the same few servers, and each
     * handshake decodes the server's key anew (about 0.5 KB of key objects per entry otherwise).
     */
    private final Map<Principal, Principal> serverIdentities = new ConcurrentHashMap<>();

    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();

    ClientSessionCache(int maxEntries, Duration lifetime) {
        this(maxEntries, lifetime, System::nanoTime);
    }

    ClientSessionCache(int maxEntries, Duration lifetime, LongSupplier clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("client.session.cache.size must be at least 0, not " + maxEntries);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException(
                    "client.session.lifetime.seconds must be at least 1, not " + lifetime.toSeconds());
        }
        this.maxEntries = maxEntries;
        this.lifetimeNanos = lifetime.toNanos();
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > ClientSessionCache.this.maxEntries;
            }
        };
    }

    /** Whether sessions are kept at all ({@code client.session.cache.size} above 0). */
    boolean enabled() {
        return maxEntries > 0;
    }

    /**
     * Keeps the state of a client's established session, replacing an older one of the same key.
     *
     * @param connectionState handed over, not copied: the caller must not change it afterwards
     */
    void put(String key, InetSocketAddress server, Principal serverIdentity, byte[] connectionState) {
        if (!enabled()) {
            return;
        }
        Entry entry = new Entry(server, shared(serverIdentity), connectionState, clock.getAsLong());
        synchronized (entries) {
            entries.put(key, entry);
        }
    }

    private Principal shared(Principal identity) {
        if (identity == null) {
            return null;
        }
        Principal known = serverIdentities.get(identity);
        if (known != null) {
            return known;
        }
        if (serverIdentities.size() < MAX_SHARED_IDENTITIES) {
            Principal raced = serverIdentities.putIfAbsent(identity, identity);
            return raced == null ? identity : raced;
        }
        return identity;
    }

    /** Removes and returns the session kept under a key, if there is one and it is not too old. */
    Optional<Entry> take(String key) {
        Entry entry;
        synchronized (entries) {
            entry = entries.remove(key);
        }
        if (entry == null || clock.getAsLong() - entry.savedNanos() > lifetimeNanos) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** A cached session was loaded and offered to a server. */
    void offered() {
        offered.incrementAndGet();
    }

    /** A server accepted an offered session (abbreviated handshake). */
    void resumed() {
        resumed.incrementAndGet();
    }

    long offeredCount() {
        return offered.get();
    }

    long resumedCount() {
        return resumed.get();
    }

    /**
     * The key of a client's sessions: SHA-256 over the server URI, the configured server address and name, the
     * security mode and the device's public key and certificates, so that changing any of them never resumes a
     * session made with the old values.
     */
    static String keyOf(ClientEndpointConfig config, DtlsCredentials credentials) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, config.serverUri().toString());
            update(
                    digest,
                    config.serverAddress().map(InetSocketAddress::toString).orElse(""));
            update(digest, config.serverName().orElse(""));
            update(digest, config.securityMode().name());
            update(digest, credentials.publicKey().getEncoded());
            if (credentials instanceof X509Credentials x509) {
                for (X509Certificate certificate : x509.chain()) {
                    update(digest, certificate.getEncoded());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            // SHA-256 is in every JDK, and these certificates were decoded from their encoding.
            throw new IllegalStateException("cannot derive a session cache key: " + e.getMessage(), e);
        }
    }

    private static void update(MessageDigest digest, String value) {
        update(digest, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Length-prefixed, so that no two different field lists digest the same bytes. */
    private static void update(MessageDigest digest, byte[] value) {
        digest.update((byte) (value.length >>> 24));
        digest.update((byte) (value.length >>> 16));
        digest.update((byte) (value.length >>> 8));
        digest.update((byte) value.length);
        digest.update(value);
    }
}
