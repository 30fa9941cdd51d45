/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.api.objects.InvalidObjectInstanceException;
import io.bootgate.api.objects.SecurityInstance;
import io.bootgate.api.objects.ServerInstance;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** ServerAccount and AccessControlWrite over the typed records. */
class ServerAccountTest {

    private static ServerAccount.Builder account() {
        return ServerAccount.builder(101)
                .uri("coaps://lwm2m.example")
                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                .secretKey(new byte[] {1})
                .lifetime(300);
    }

    @Test
    void theBuilderWritesTheShortServerIdIntoBothRecords() {
        ServerAccount built = account().securityInstanceId(2).build();
        assertThat(built.shortServerId()).isEqualTo(101);
        assertThat(built.security().shortServerId()).isEqualTo(OptionalInt.of(101));
        assertThat(built.security().bootstrapServer()).isFalse();
        assertThat(built.security().instanceId()).isEqualTo(2);
        assertThat(built.serverUri()).isEqualTo("coaps://lwm2m.example");
        assertThat(built.securityMode()).isEqualTo(SecurityMode.RAW_PUBLIC_KEY);
        assertThat(built.securityResources())
                .doesNotContainKeys(Security.SHORT_SERVER_ID, Security.BOOTSTRAP_SERVER)
                .containsKeys(Security.SERVER_URI, Security.SECRET_KEY);
        assertThat(built.serverResources())
                .doesNotContainKey(Server.SHORT_SERVER_ID)
                .containsKey(Server.LIFETIME);
        ObjectInstance security = built.securityInstance(5);
        assertThat(security.id()).isEqualTo(5);
        assertThat(security.value(Security.SHORT_SERVER_ID)).contains(ResourceValue.ofInteger(101));
        assertThat(built.serverInstance(3).value(Server.SHORT_SERVER_ID)).contains(ResourceValue.ofInteger(101));
    }

    @Test
    void anAccountWhoseIdsTheSessionChoosesIsNumberedZero() {
        ServerAccount built = account().build();
        assertThat(built.securityInstanceId()).isEmpty();
        assertThat(built.security().instanceId()).isZero();
        assertThat(built).isEqualTo(account().build());
    }

    @Test
    void theBuilderNamesAWrongResource() {
        assertThatThrownBy(() -> account()
                        .securityResource(SingleResource.ofInteger(Security.CERTIFICATE_USAGE, 9))
                        .build())
                .isInstanceOf(InvalidObjectInstanceException.class)
                .hasMessage("/0/0/15: Certificate Usage: unknown certificate usage 9 (defined: 0..3)");
        assertThatThrownBy(() ->
                        ServerAccount.builder(101).uri("coap://x").lifetime(1).build())
                .hasMessage("server 101: no security mode (/0/x/2)");
    }

    @Test
    void theRecordsMustShareTheShortServerIdAndNotBeABootstrapAccount() {
        SecurityInstance security = SecurityInstance.builder(0)
                .serverUri("coap://x")
                .securityMode(SecurityMode.NO_SEC)
                .shortServerId(101)
                .build();
        ServerInstance server = ServerInstance.builder(0, 102).lifetime(60).build();
        assertThatThrownBy(() -> new ServerAccount(OptionalInt.empty(), OptionalInt.empty(), security, server))
                .hasMessageContaining("differs from the Server instance's");
        assertThatThrownBy(() -> new ServerAccount(
                        OptionalInt.empty(),
                        OptionalInt.empty(),
                        security.toBuilder().bootstrapServer(true).build(),
                        server.toBuilder().build()))
                .hasMessageContaining("not a Bootstrap-Server account");
        assertThatThrownBy(() -> new ServerAccount(
                        OptionalInt.of(3),
                        OptionalInt.empty(),
                        security,
                        ServerInstance.builder(0, 101).lifetime(60).build()))
                .hasMessage("Security instance id 3 differs from the instance's own id 0");
    }

    @Test
    void anAccessControlWriteAtAnExplicitOrASessionChosenId() {
        AccessControlInstance acl =
                new AccessControlInstance(4, 3, 0, new TreeMap<>(Map.of(101, AccessRights.FULL)), 101);
        AccessControlWrite explicit = AccessControlWrite.at(acl);
        assertThat(explicit.instanceId()).isEqualTo(OptionalInt.of(4));
        assertThat(explicit.instanceAt(4)).isEqualTo(acl);
        AccessControlWrite chosen = AccessControlWrite.sessionChosen(acl);
        assertThat(chosen.instanceId()).isEmpty();
        assertThat(chosen).isEqualTo(AccessControlWrite.sessionChosen(acl.withInstanceId(9)));
        assertThat(chosen.instanceAt(7).path().toString()).isEqualTo("/2/7");
        assertThatThrownBy(() -> new AccessControlWrite(OptionalInt.of(5), acl))
                .hasMessage("Access Control instance id 5 differs from the instance's own id 4");
    }
}
