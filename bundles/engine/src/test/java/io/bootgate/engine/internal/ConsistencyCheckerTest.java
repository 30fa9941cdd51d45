/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static io.bootgate.engine.testkit.TestConfigs.bootstrapAccount;
import static io.bootgate.engine.testkit.TestConfigs.server;
import static io.bootgate.engine.testkit.TestConfigs.serverSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.engine.testkit.TestStores;
import io.bootgate.store.MvObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Finish checks, run on a real store transaction. */
class ConsistencyCheckerTest {

    private final Path directory = TestStores.newDirectory();
    private final MvObjectStore store = TestStores.open(directory);
    private final ConsistencyChecker checker = new ConsistencyChecker(store.models(), new DefaultKeyCodec());

    @AfterEach
    void close() {
        store.close();
        TestStores.delete(directory);
    }

    private List<String> check(Consumer<StoreTransaction> writes) {
        store.createEndpoint("dev");
        try (StoreTransaction tx = store.begin("dev")) {
            writes.accept(tx);
            return checker.check(tx);
        }
    }

    private static void put(StoreTransaction tx, int objectId, ObjectInstance instance) {
        tx.write(LwM2mPath.of(objectId, instance.id()), instance, WriteMode.REPLACE);
    }

    @Test
    void aBootstrapAccountAndOneServerAccountAreConsistent() {
        assertThat(check(tx -> {
                    put(tx, 0, bootstrapAccount(0, 10, 0));
                    put(tx, 0, serverSecurity(1, 101, "coap://127.0.0.1:5683"));
                    put(tx, 1, server(0, 101));
                }))
                .isEmpty();
    }

    @Test
    void atMostOneBootstrapAccount() {
        assertThat(check(tx -> {
                    put(tx, 0, bootstrapAccount(0, -1, -1));
                    put(tx, 0, bootstrapAccount(2, -1, -1));
                    put(tx, 0, serverSecurity(1, 101, "coap://127.0.0.1:5683"));
                    put(tx, 1, server(0, 101));
                }))
                .containsExactly("more than one Bootstrap-Server account: [/0/0, /0/2] (at most one is allowed)");
    }

    @Test
    void securityAndServerInstancesPairUpBySsid() {
        assertThat(check(tx -> {
                    put(tx, 0, serverSecurity(1, 101, "coap://127.0.0.1:5683"));
                    put(tx, 0, serverSecurity(2, 102, "coap://127.0.0.1:5684"));
                    put(tx, 1, server(0, 101));
                    put(tx, 1, server(1, 103));
                }))
                .containsExactly(
                        "/1/1: no Security instance has Short Server ID 103",
                        "/0/2: no Server instance has Short Server ID 102");
    }

    @Test
    void shortServerIdsMustBeIn1To65534AndUnique() {
        assertThat(check(tx -> {
                    put(tx, 0, serverSecurity(1, 0, "coap://127.0.0.1:5683"));
                    put(tx, 0, serverSecurity(2, 65535, "coap://127.0.0.1:5683"));
                    put(tx, 0, serverSecurity(3, 7, "coap://127.0.0.1:5683"));
                    put(tx, 0, serverSecurity(4, 7, "coap://127.0.0.1:5683"));
                    put(tx, 1, server(0, 7));
                }))
                .containsExactly(
                        "/0/1/10: Short Server ID 0 is outside 1..65534",
                        "/0/2/10: Short Server ID 65535 is outside 1..65534",
                        "/0/4: Short Server ID 7 is also used by /0/3");
    }

    @Test
    void theUriSchemeMustMatchTheSecurityMode() {
        List<String> reasons = check(tx -> {
            put(tx, 0, serverSecurity(1, 101, "coaps://127.0.0.1:5684"));
            put(tx, 1, server(0, 101));
            put(
                    tx,
                    0,
                    bootstrapAccount(5, -1, -1)
                            .with(SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, false))
                            .with(SingleResource.ofInteger(Security.SHORT_SERVER_ID, 102))
                            .with(SingleResource.ofString(Security.SERVER_URI, "coap://127.0.0.1:5683")));
            put(tx, 1, server(1, 102));
        });
        assertThat(reasons)
                .containsExactly(
                        "/0/1: URI scheme 'coaps' does not match Security Mode 3 (NO_SEC): expected coap",
                        "/0/5: URI scheme 'coap' does not match Security Mode 1 (RAW_PUBLIC_KEY): expected coaps");
    }

    @Test
    void theBootstrapAccountFollowsTheBootstrapInterfacePolicy() {
        List<String> reasons = check(tx -> {
            put(
                    tx,
                    0,
                    bootstrapAccount(0, -1, -1)
                            .with(SingleResource.ofInteger(
                                    Security.SECURITY_MODE, SecurityMode.PRE_SHARED_KEY.code())));
            put(tx, 0, serverSecurity(1, 101, "coap://127.0.0.1:5683"));
            put(tx, 1, server(0, 101));
        });
        assertThat(reasons).hasSize(1);
        assertThat(reasons.get(0))
                .startsWith("/0/0: bootstrap account coaps://127.0.0.1:5684: Security Mode 0")
                .contains("is refused");
    }

    @Test
    void credentialsMustParse() {
        List<String> reasons = check(tx -> {
            put(
                    tx,
                    0,
                    bootstrapAccount(0, -1, -1)
                            .with(SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, new byte[] {1, 2, 3}))
                            .with(SingleResource.ofOpaque(Security.SECRET_KEY, new byte[0])));
            put(tx, 0, serverSecurity(1, 101, "coap://127.0.0.1:5683"));
            put(tx, 1, server(0, 101));
        });
        assertThat(reasons)
                .containsExactly(
                        "/0/0/4: server public key: not a DER SubjectPublicKeyInfo (3 bytes)",
                        "/0/0/5: private key is empty");
    }

    @Test
    void mandatoryResourcesOfTheBootstrapObjectsMustBePresent() {
        assertThat(check(tx -> {
                    put(tx, 0, serverSecurity(1, 101, "coap://127.0.0.1:5683").without(Security.SECURITY_MODE));
                    put(tx, 1, server(0, 101).without(1));
                }))
                .containsExactly(
                        "/0/1: mandatory resource 2 (Security Mode) is missing",
                        "/1/0: mandatory resource 1 (Lifetime) is missing");
    }

    @Test
    void atLeastOneServerAccount() {
        assertThat(check(tx -> put(tx, 0, bootstrapAccount(0, -1, -1))))
                .containsExactly(
                        "no LwM2M Server account: at least one Security instance with a Server instance of the same Short"
                                + " Server ID is required");
    }

    @Test
    void valuesOfTheWrongRangeAreNamedByPathAndResource() {
        assertThat(check(tx -> {
                    put(
                            tx,
                            0,
                            serverSecurity(1, 101, "coap://127.0.0.1:5683")
                                    .with(SingleResource.ofInteger(Security.SECURITY_MODE, 9)));
                    put(tx, 1, server(0, 101).with(SingleResource.ofInteger(1, -5)));
                    put(
                            tx,
                            2,
                            ObjectInstance.of(
                                    0,
                                    SingleResource.ofInteger(0, 3),
                                    SingleResource.ofInteger(1, 70000),
                                    SingleResource.ofInteger(3, 101)));
                }))
                .containsExactly(
                        "/0/1/2: Security Mode: unknown LwM2M security mode 9 (defined: 0..4)",
                        "/1/0/1: Lifetime -5 is outside 0.." + Long.MAX_VALUE,
                        "/2/0/1: Object Instance ID 70000 is outside 0..65535");
    }
}
