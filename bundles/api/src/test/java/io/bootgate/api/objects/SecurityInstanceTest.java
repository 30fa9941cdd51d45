/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.objects.InvalidObjectInstanceException.Kind;
import io.bootgate.api.objects.InvalidObjectInstanceException.Problem;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SecurityInstanceTest {

    static SecurityInstance account() {
        return SecurityInstance.builder(3)
                .serverUri("coaps://lwm2m.example:5684")
                .securityMode(SecurityMode.CERTIFICATE)
                .publicKeyOrIdentity(new byte[] {1, 2})
                .serverPublicKey(new byte[] {3})
                .secretKey(new byte[] {4, 5, 6})
                .shortServerId(101)
                .clientHoldOffTime(10)
                .sni("lwm2m.example")
                .certificateUsage(CertificateUsage.TRUST_ANCHOR_ASSERTION)
                .otherResource(MultipleResource.of(
                        Security.DTLS_TLS_CIPHERSUITE,
                        ResourceType.UNSIGNED_INTEGER,
                        Map.of(0, ResourceValue.ofUnsignedInteger(0xC0AE))))
                .build();
    }

    @Test
    void roundTripsThroughAnObjectInstance() {
        SecurityInstance account = account();
        ObjectInstance instance = account.toObjectInstance();
        assertThat(instance.id()).isEqualTo(3);
        assertThat(instance.value(Security.SECURITY_MODE)).contains(ResourceValue.ofInteger(2));
        assertThat(instance.value(Security.CERTIFICATE_USAGE)).contains(ResourceValue.ofUnsignedInteger(2));
        assertThat(instance.resources()).containsKey(Security.DTLS_TLS_CIPHERSUITE);
        assertThat(SecurityInstance.from(instance)).isEqualTo(account).hasSameHashCodeAs(account);
        assertThat(SecurityInstance.from(instance).toObjectInstance()).isEqualTo(instance);
    }

    @Test
    void aBootstrapAccountMayKeepAShortServerIdOfZero() {
        SecurityInstance bootstrap = SecurityInstance.builder(0)
                .serverUri("coaps://bs.example")
                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                .bootstrapServer(true)
                .shortServerId(0)
                .build();
        assertThat(SecurityInstance.from(bootstrap.toObjectInstance()).shortServerId())
                .isEqualTo(OptionalInt.of(0));
        assertThat(bootstrap.effectiveCertificateUsage()).isEqualTo(CertificateUsage.DOMAIN_ISSUED_CERTIFICATE);
    }

    @Test
    void keyResourcesAreCopiedAndComparedByValue() {
        byte[] secret = {9, 9};
        SecurityInstance.Builder builder = account().toBuilder().secretKey(secret);
        SecurityInstance a = builder.build();
        secret[0] = 0;
        assertThat(a.secretKey()).containsExactly(9, 9);
        a.secretKey()[0] = 0;
        assertThat(a.secretKey()).containsExactly(9, 9);
        assertThat(builder.build()).isEqualTo(a);
        assertThat(a).isNotEqualTo(account());
        assertThat(a.toString()).contains("secretKey=2 bytes").doesNotContain("9, 9");
    }

    @Test
    void aMissingMandatoryResourceIsNamed() {
        ObjectInstance instance =
                account().toObjectInstance().without(Security.SECURITY_MODE).without(Security.SECRET_KEY);
        assertThatThrownBy(() -> SecurityInstance.from(instance))
                .isInstanceOf(InvalidObjectInstanceException.class)
                .hasMessage("/0/3/2: Security Mode is missing; /0/3/5: Secret Key is missing")
                .satisfies(e -> assertThat(((InvalidObjectInstanceException) e).problems())
                        .extracting(Problem::kind)
                        .containsOnly(Kind.MISSING));
    }

    @Test
    void aResourceOfAnotherTypeIsNamed() {
        ObjectInstance instance =
                account().toObjectInstance().with(SingleResource.ofString(Security.BOOTSTRAP_SERVER, "no"));
        assertThatThrownBy(() -> SecurityInstance.from(instance))
                .hasMessage("/0/3/1: Bootstrap-Server is STRING, expected BOOLEAN");
    }

    @Test
    void anUnknownSecurityModeOrCertificateUsageIsNamed() {
        ObjectInstance instance = account()
                .toObjectInstance()
                .with(SingleResource.ofInteger(Security.SECURITY_MODE, 9))
                .with(SingleResource.of(Security.CERTIFICATE_USAGE, ResourceValue.ofUnsignedInteger(7)));
        assertThatThrownBy(() -> SecurityInstance.from(instance))
                .hasMessage("/0/3/2: Security Mode: unknown LwM2M security mode 9 (defined: 0..4); "
                        + "/0/3/15: Certificate Usage: unknown certificate usage 7 (defined: 0..3)");
    }

    @Test
    void aShortServerIdOutOfRangeIsNamed() {
        ObjectInstance instance =
                account().toObjectInstance().with(SingleResource.ofInteger(Security.SHORT_SERVER_ID, 65535));
        assertThatThrownBy(() -> SecurityInstance.from(instance))
                .hasMessage("/0/3/10: Short Server ID 65535 is outside 1..65534")
                .satisfies(e -> assertThat(
                                ((InvalidObjectInstanceException) e).problems().get(0))
                        .isEqualTo(new Problem(
                                account().path().append(Security.SHORT_SERVER_ID),
                                "Short Server ID",
                                Kind.INVALID_VALUE,
                                "Short Server ID 65535 is outside 1..65534")));
    }

    @Test
    void aNegativeHoldOffTimeIsNamed() {
        ObjectInstance instance =
                account().toObjectInstance().with(SingleResource.ofInteger(Security.CLIENT_HOLD_OFF_TIME, -1));
        assertThatThrownBy(() -> SecurityInstance.from(instance))
                .hasMessageStartingWith("/0/3/11: Client Hold Off Time -1 is outside 0..");
    }

    @Test
    void unsignedIntegersAreReadWhereIntegersAreDefined() {
        ObjectInstance instance = account()
                .toObjectInstance()
                .with(SingleResource.of(Security.SHORT_SERVER_ID, ResourceValue.ofUnsignedInteger(102)));
        assertThat(SecurityInstance.from(instance).shortServerId()).isEqualTo(OptionalInt.of(102));
    }

    @Test
    void theConstructorRefusesTypedResourcesAmongTheOthers() {
        assertThatThrownBy(() -> account().toBuilder()
                        .otherResource(SingleResource.ofInteger(Security.SECURITY_MODE, 0))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typed by the record");
        assertThatThrownBy(() -> account().toBuilder()
                        .bootstrapServer(false)
                        .shortServerId(0)
                        .build())
                .hasMessage("Short Server ID 0 is outside 1..65534");
    }

    @Test
    void withInstanceIdMovesTheInstance() {
        assertThat(account().withInstanceId(7).toObjectInstance().id()).isEqualTo(7);
        assertThat(account().withInstanceId(7).withInstanceId(3)).isEqualTo(account());
    }
}
