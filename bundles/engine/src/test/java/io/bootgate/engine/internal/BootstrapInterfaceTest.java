/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static io.bootgate.engine.testkit.TestConfigs.bootstrapAccount;
import static io.bootgate.engine.testkit.TestConfigs.server;
import static io.bootgate.engine.testkit.TestConfigs.serverSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.FinishResult;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.engine.testkit.BootstrapServerScript;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.ScriptedMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The Bootstrap interface served against the attempt's transaction: commit only on a consistent Finish,
 * rollback otherwise, the bootstrap account and /3/0 protected, unbootstrapping through the ACL service.
 */
class BootstrapInterfaceTest {

    private static final String DEV = "dev1";

    private static CoapResponse send(BootstrapContext ctx, CoapRequest request) {
        return ctx.bootstrapInterface()
                .handle(null, request)
                .toCompletableFuture()
                .join();
    }

    /** A mode whose attempt stays in flight so that the test plays the bootstrap server step by step. */
    private static ScriptedMode inFlight(String name) {
        return new ScriptedMode(name, ctx -> new CompletableFuture<>());
    }

    private static void assertSameState(TreeView before, TreeView after) {
        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(after.objects()).isEqualTo(before.objects());
    }

    @Test
    void finishAfterWritingOnlyServerResource5Answers406AndLeavesTheStoreAsItWas() {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(DEV, LwM2mPath.of(Security.ID), bootstrapAccount(0, -1, -1));
            TreeView before = f.snapshot(DEV);
            BootstrapServerScript server = f.bootstrapServer()
                    .request(CoapRequest.put("/1/0/5")
                            .contentFormat(ContentFormat.TEXT)
                            .payload("30")
                            .build())
                    .finish();
            f.install(new ScriptedMode("client-initiated", server::run));

            CompletionStage<BootstrapOutcome> run = f.addDevice(DEV, "client-initiated");

            assertThat(server.responses())
                    .extracting(CoapResponse::code)
                    .containsExactly(ResponseCode.CHANGED, ResponseCode.NOT_ACCEPTABLE);
            assertThat(server.responses().get(1).diagnostic().orElseThrow())
                    .contains("/1/0: mandatory resource 0 (Short Server ID) is missing")
                    .contains("/1/0: mandatory resource 1 (Lifetime) is missing")
                    .contains("no LwM2M Server account");
            assertThat(run.toCompletableFuture().join().status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
            assertSameState(before, f.snapshot(DEV));
        }
    }

    @Test
    void noFinishWithinExchangeLifetimeOfTheLastCommandRollsBack() {
        try (EngineFixture f = new EngineFixture()) {
            ScriptedMode mode = inFlight("client-initiated");
            f.install(mode);
            CompletionStage<BootstrapOutcome> run = f.addDevice(DEV, "client-initiated");
            TreeView before = f.snapshot(DEV);
            BootstrapContext ctx = mode.attempts().get(0);

            f.scheduler.advance(Duration.ofSeconds(200));
            BootstrapServerScript server = f.bootstrapServer()
                    .write("/0/1", serverSecurity(1, 101, "coap://127.0.0.1:5683"))
                    .write("/1/0", server(0, 101));
            server.run(ctx);
            assertThat(server.responses()).extracting(CoapResponse::code).containsOnly(ResponseCode.CHANGED);

            // The lifetime counts from the last command (t = 200 s), not from the start of the attempt.
            f.scheduler.advance(Duration.ofSeconds(246));
            assertThat(f.engine.state(DEV).orElseThrow().state()).isEqualTo(BootstrapState.BOOTSTRAPPING);
            f.scheduler.advance(Duration.ofSeconds(1));

            BootstrapOutcome outcome = run.toCompletableFuture().join();
            assertThat(outcome.detail()).contains("no Bootstrap-Finish within 247 s");
            assertThat(ctx.closed().toCompletableFuture()).isDone();
            assertSameState(before, f.snapshot(DEV));
            // A Finish that comes too late finds no bootstrap in progress.
            assertThat(send(ctx, CoapRequest.post("/bs").build()).code()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(ctx.finish().code()).isEqualTo(ResponseCode.BAD_REQUEST);
        }
    }

    @Test
    void theBootstrapAccountSurvivesAFailedAttemptAndIsNeverDeleted() {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(
                    DEV,
                    LwM2mPath.of(Security.ID),
                    bootstrapAccount(0, -1, -1),
                    serverSecurity(1, 101, "coap://127.0.0.1:5683"));
            f.commit(DEV, LwM2mPath.of(Server.ID), server(0, 101));
            TreeView before = f.snapshot(DEV);
            ObjectInstance unprotectedAccount = bootstrapAccount(0, -1, -1)
                    .with(SingleResource.ofString(Security.SERVER_URI, "coap://127.0.0.1:5683"));
            BootstrapServerScript server = f.bootstrapServer()
                    .delete("/0/0")
                    .delete("/")
                    .write("/0/0", unprotectedAccount)
                    .finish();
            f.install(new ScriptedMode("client-initiated", server::run));

            CompletionStage<BootstrapOutcome> run = f.addDevice(DEV, "client-initiated");

            assertThat(server.responses())
                    .extracting(CoapResponse::code)
                    .containsExactly(
                            ResponseCode.BAD_REQUEST,
                            ResponseCode.DELETED,
                            ResponseCode.CHANGED,
                            ResponseCode.NOT_ACCEPTABLE);
            assertThat(server.responses().get(0).diagnostic())
                    .contains("the Bootstrap-Server account is never deleted");
            assertThat(server.responses().get(3).diagnostic().orElseThrow())
                    .contains("/0/0: bootstrap server URI coap://127.0.0.1:5683 is refused")
                    .contains("no LwM2M Server account");
            assertThat(run.toCompletableFuture().join().detail()).contains("4.06");
            assertSameState(before, f.snapshot(DEV));
        }
    }

    @Test
    void deletingAServerAccountUnbootstrapsThatServerThroughTheAclService() {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(
                    DEV,
                    LwM2mPath.of(Security.ID),
                    bootstrapAccount(0, -1, -1),
                    serverSecurity(1, 101, "coap://127.0.0.1:5683"),
                    serverSecurity(2, 102, "coap://127.0.0.1:5693"));
            f.commit(DEV, LwM2mPath.of(Server.ID), server(0, 101), server(1, 102));
            // Access Control of /1/1 (server 102's own instance): owned by 101, 102 may read and write.
            f.commit(
                    DEV,
                    LwM2mPath.of(AccessControl.ID),
                    ObjectInstance.of(
                            0,
                            SingleResource.ofInteger(AccessControl.OBJECT_ID, Server.ID),
                            SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, 1),
                            MultipleResource.of(
                                    AccessControl.ACL,
                                    ResourceType.INTEGER,
                                    Map.of(
                                            101, ResourceValue.ofInteger(AccessControl.READ),
                                            102, ResourceValue.ofInteger(AccessControl.READ | AccessControl.WRITE))),
                            SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, 101)));
            BootstrapServerScript server = f.bootstrapServer().delete("/0/1").finish();
            f.install(new ScriptedMode("client-initiated", server::run));

            CompletionStage<BootstrapOutcome> run = f.addDevice(DEV, "client-initiated");

            assertThat(run.toCompletableFuture().join()).isEqualTo(BootstrapOutcome.success());
            TreeView after = f.snapshot(DEV);
            assertThat(after.instance(Security.ID, 1)).isEmpty();
            assertThat(after.instance(Server.ID, 0))
                    .as("server 101's Server instance")
                    .isEmpty();
            assertThat(after.instance(Security.ID, 0)).as("bootstrap account").isPresent();
            ObjectInstance acl = after.instance(AccessControl.ID, 0).orElseThrow();
            assertThat(((MultipleResource) acl.resource(AccessControl.ACL).orElseThrow()).values())
                    .containsOnlyKeys(102);
            assertThat(acl.value(AccessControl.ACCESS_CONTROL_OWNER)).contains(ResourceValue.ofInteger(102));
        }
    }

    @Test
    void discoverListsAccountsAndTheBootstrapAccountWithoutSsid() {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(
                    DEV,
                    LwM2mPath.of(Security.ID),
                    bootstrapAccount(0, -1, -1),
                    serverSecurity(1, 101, "coap://127.0.0.1:5683"));
            ScriptedMode mode = inFlight("client-initiated");
            f.install(mode);
            f.addDevice(DEV, "client-initiated");
            BootstrapContext ctx = mode.attempts().get(0);

            CoapResponse root =
                    send(ctx, CoapRequest.get("/").accept(ContentFormat.LINK).build());
            CoapResponse security =
                    send(ctx, CoapRequest.get("/0").accept(ContentFormat.LINK).build());
            CoapResponse unknown =
                    send(ctx, CoapRequest.get("/42").accept(ContentFormat.LINK).build());

            assertThat(root.code()).isEqualTo(ResponseCode.CONTENT);
            assertThat(new String(root.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("</>;lwm2m=1.1,</0/0>,</0/1>;ssid=101;uri=\"coap://127.0.0.1:5683\",</1>,</2>,</3>");
            assertThat(new String(security.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("</>;lwm2m=1.1,</0/0>,</0/1>;ssid=101;uri=\"coap://127.0.0.1:5683\"");
            assertThat(unknown.code()).isEqualTo(ResponseCode.NOT_FOUND);
        }
    }

    @Test
    void readIsLimitedToTheServerAndAccessControlObjects() throws Exception {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(DEV, LwM2mPath.of(Security.ID), bootstrapAccount(0, -1, -1));
            f.commit(DEV, LwM2mPath.of(Server.ID), server(0, 101));
            ScriptedMode mode = inFlight("client-initiated");
            f.install(mode);
            f.addDevice(DEV, "client-initiated");
            BootstrapContext ctx = mode.attempts().get(0);

            CoapResponse serverRead = send(ctx, CoapRequest.get("/1/0").build());
            assertThat(serverRead.code()).isEqualTo(ResponseCode.CONTENT);
            assertThat(f.codec.decode(serverRead.payload(), ContentFormat.TLV, LwM2mPath.of(1, 0), f.store.models()))
                    .isEqualTo(server(0, 101));
            assertThat(send(ctx, CoapRequest.get("/0/0").build()).code()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(send(ctx, CoapRequest.get("/1/7").build()).code()).isEqualTo(ResponseCode.NOT_FOUND);
            assertThat(send(ctx, CoapRequest.get("/1/0").accept(9999).build()).code())
                    .isEqualTo(ResponseCode.NOT_ACCEPTABLE);
            assertThat(send(ctx, CoapRequest.delete("/3/0").build()).code()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(send(ctx, CoapRequest.put("/1/0").payload(new byte[] {1}).build())
                            .code())
                    .isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(send(
                                    ctx,
                                    CoapRequest.put("/1/0")
                                            .contentFormat(11543)
                                            .payload("{}")
                                            .build())
                            .code())
                    .isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
            assertThat(send(
                                    ctx,
                                    CoapRequest.put("/1/0")
                                            .contentFormat(ContentFormat.TLV)
                                            .payload(new byte[] {(byte) 0xC8, 0x00})
                                            .build())
                            .code())
                    .isEqualTo(ResponseCode.BAD_REQUEST);
        }
    }

    @Test
    void aModeThatWritesTheStoreItselfFinishesDirectly() {
        try (EngineFixture f = new EngineFixture()) {
            ScriptedMode factory = new ScriptedMode("factory", ctx -> {
                ctx.tree()
                        .write(
                                LwM2mPath.of(0, 1),
                                serverSecurity(1, 101, "coap://127.0.0.1:5683"),
                                io.bootgate.api.store.WriteMode.REPLACE);
                FinishResult first = ctx.finish();
                ctx.tree().write(LwM2mPath.of(1, 0), server(0, 101), io.bootgate.api.store.WriteMode.REPLACE);
                FinishResult second = ctx.finish();
                assertThat(first.code()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
                assertThat(first.reasons()).contains("/0/1: no Server instance has Short Server ID 101");
                assertThat(second).isEqualTo(FinishResult.committed());
                assertThat(ctx.finish().code()).isEqualTo(ResponseCode.BAD_REQUEST);
                return CompletableFuture.completedFuture(BootstrapOutcome.success());
            });
            f.install(factory);

            assertThat(f.addDevice(DEV, "factory").toCompletableFuture().join()).isEqualTo(BootstrapOutcome.success());
            assertThat(f.snapshot(DEV).instance(Server.ID, 0)).isPresent();
        }
    }

    @Test
    void aModeClaimingSuccessWithoutFinishFailsAndChangesNothing() {
        try (EngineFixture f = new EngineFixture()) {
            f.install(new ScriptedMode("factory", ctx -> {
                ctx.tree().write(LwM2mPath.of(1, 0), server(0, 101), io.bootgate.api.store.WriteMode.REPLACE);
                return CompletableFuture.completedFuture(BootstrapOutcome.success());
            }));
            TreeView before;
            f.store.createEndpoint(DEV);
            before = f.snapshot(DEV);

            BootstrapOutcome outcome =
                    f.addDevice(DEV, "factory").toCompletableFuture().join();

            assertThat(outcome.detail()).contains("without a consistent Bootstrap-Finish");
            assertSameState(before, f.snapshot(DEV));
        }
    }

    @Test
    void bootstrapRequestsAreRefusedBeyondTheirTargets() {
        try (EngineFixture f = new EngineFixture()) {
            ScriptedMode mode = inFlight("client-initiated");
            f.install(mode);
            f.addDevice(DEV, "client-initiated");
            BootstrapContext ctx = mode.attempts().get(0);

            assertThat(send(ctx, CoapRequest.post("/1/0/8").build()).code()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
            assertThat(send(ctx, CoapRequest.get("/bs").build()).code()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
            assertThat(send(ctx, CoapRequest.delete("/1/0/1").build()).code()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(send(ctx, CoapRequest.get("/x").build()).code()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(send(ctx, CoapRequest.get("/").build()).code()).isEqualTo(ResponseCode.BAD_REQUEST);
        }
    }
}
