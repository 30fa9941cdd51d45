/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigListener;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.X509Peer;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bootstrap server's trust, derived from the config store: a Raw Public Key is trusted while some config
 * names it, and a request's endpoint name must belong to the identity of its DTLS session (the key of that
 * endpoint's config, or a certificate whose CN is the endpoint for a config that expects X.509). Follows the
 * store's changes, so adding a config file authorises a device at once and removing it refuses the next
 * handshake.
 */
public final class ConfigTrust implements RpkTrust, EndpointIdentityVerifier, BootstrapConfigListener {

    private final BootstrapConfigStore store;
    /** SubjectPublicKeyInfo encoding → endpoint, for the handshake's fast lookup. */
    private final Map<ByteBuffer, String> keys = new ConcurrentHashMap<>();
    /** endpoint → its key's encoding, to drop the old key when a config changes. */
    private final Map<String, ByteBuffer> keyOfEndpoint = new ConcurrentHashMap<>();
    /**
     * Keys that configs named before they were removed or changed → that endpoint, so that a refused handshake
     * names the device it came from. The most recent {@value #MAX_RETIRED_KEYS} only; guarded by this.
     */
    private final Map<ByteBuffer, String> retiredKeys = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, String> eldest) {
            return size() > MAX_RETIRED_KEYS;
        }
    };

    static final int MAX_RETIRED_KEYS = 10_000;

    public ConfigTrust(BootstrapConfigStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.getAll().values().forEach(this::configUpdated);
    }

    @Override
    public boolean trusts(PublicKey peerKey) {
        if (peerKey == null) {
            return false;
        }
        if (keys.containsKey(ByteBuffer.wrap(peerKey.getEncoded()))) {
            return true;
        }
        // A config added before this index heard of it (listener registration races): ask the store itself.
        for (BootstrapConfig config : store.getAll().values()) {
            if (config.identity() instanceof DeviceIdentity.RawPublicKey rpk && rpk.matches(peerKey)) {
                configUpdated(config);
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<String> describe(PublicKey peerKey) {
        if (peerKey == null) {
            return Optional.empty();
        }
        ByteBuffer key = ByteBuffer.wrap(peerKey.getEncoded());
        String endpoint = keys.get(key);
        if (endpoint != null) {
            return Optional.of("the key of endpoint " + endpoint);
        }
        synchronized (this) {
            return Optional.ofNullable(retiredKeys.get(key))
                    .map(retiredFrom -> "the key of endpoint " + retiredFrom
                            + " until its bootstrap config was removed or given another key");
        }
    }

    @Override
    public boolean matches(String endpointName, PeerIdentity peer) {
        Optional<BootstrapConfig> config = store.get(endpointName);
        return config.isPresent() && matches(config.get(), peer);
    }

    /** Whether the DTLS identity is the one the config expects. */
    public static boolean matches(BootstrapConfig config, PeerIdentity peer) {
        if (config.identity() instanceof DeviceIdentity.RawPublicKey rpk) {
            return peer instanceof RpkPeer && rpk.matches(peer.publicKey());
        }
        return peer instanceof X509Peer x509 && EndpointIdentityVerifier.certificateNamesMatch(config.endpoint(), x509);
    }

    @Override
    public synchronized void configUpdated(BootstrapConfig config) {
        configRemoved(config.endpoint());
        if (config.identity() instanceof DeviceIdentity.RawPublicKey rpk) {
            ByteBuffer key = ByteBuffer.wrap(rpk.publicKey().getEncoded());
            retiredKeys.remove(key);
            keys.put(key, config.endpoint());
            keyOfEndpoint.put(config.endpoint(), key);
        }
    }

    @Override
    public synchronized void configRemoved(String endpoint) {
        ByteBuffer old = keyOfEndpoint.remove(endpoint);
        if (old != null && keys.remove(old, endpoint)) {
            retiredKeys.put(old, endpoint);
        }
    }
}
