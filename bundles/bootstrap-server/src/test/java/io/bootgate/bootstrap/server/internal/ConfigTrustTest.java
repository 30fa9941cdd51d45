/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.DeviceIdentity;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The trust of the bootstrap server: follows the configs, and says whose a refused key was. */
class ConfigTrustTest {

    /** The configs of a store, as the file store keeps them. */
    private final Map<String, BootstrapConfig> configs = new ConcurrentHashMap<>();

    private final BootstrapConfigStore store = new BootstrapConfigStore() {
        @Override
        public Optional<BootstrapConfig> get(String endpoint) {
            return Optional.ofNullable(configs.get(endpoint));
        }

        @Override
        public Map<String, BootstrapConfig> getAll() {
            return Map.copyOf(configs);
        }

        @Override
        public void put(BootstrapConfig config) {
            configs.put(config.endpoint(), config);
        }

        @Override
        public boolean remove(String endpoint) {
            return configs.remove(endpoint) != null;
        }
    };

    private static PublicKey newKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPublic();
    }

    private BootstrapConfig put(String endpoint, PublicKey key) {
        BootstrapConfig config = BootstrapConfig.builder(endpoint, DeviceIdentity.rawPublicKey(key))
                .build();
        configs.put(endpoint, config);
        return config;
    }

    @Test
    void aRefusedKeyIsNamedByTheEndpointWhoseConfigNamedIt() throws GeneralSecurityException {
        PublicKey removedKey = newKey();
        PublicKey replacedKey = newKey();
        PublicKey stranger = newKey();
        put("urn:dev:removed", removedKey);
        put("urn:dev:rekeyed", replacedKey);
        ConfigTrust trust = new ConfigTrust(store);
        assertThat(trust.trusts(removedKey)).isTrue();
        assertThat(trust.describe(removedKey)).contains("the key of endpoint urn:dev:removed");

        configs.remove("urn:dev:removed");
        trust.configRemoved("urn:dev:removed");
        trust.configUpdated(put("urn:dev:rekeyed", newKey()));

        assertThat(trust.trusts(removedKey)).isFalse();
        assertThat(trust.describe(removedKey))
                .contains(
                        "the key of endpoint urn:dev:removed until its bootstrap config was removed or given another key");
        assertThat(trust.trusts(replacedKey)).isFalse();
        assertThat(trust.describe(replacedKey)).hasValueSatisfying(description -> assertThat(description)
                .startsWith("the key of endpoint urn:dev:rekeyed until"));
        assertThat(trust.describe(stranger)).isEmpty();

        // Configured again: trusted again, and described as a current key.
        trust.configUpdated(put("urn:dev:removed", removedKey));
        assertThat(trust.trusts(removedKey)).isTrue();
        assertThat(trust.describe(removedKey)).contains("the key of endpoint urn:dev:removed");
    }
}
