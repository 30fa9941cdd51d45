/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static io.bootgate.engine.testkit.TestConfigs.bootstrapAccount;
import static io.bootgate.engine.testkit.TestConfigs.server;
import static io.bootgate.engine.testkit.TestConfigs.serverSecurity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.StandardObjects.Device;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.ScriptedMode;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Jazzer target for the client side of the Bootstrap interface ({@link BootstrapInterfaceHandler} behind
 * {@link BootstrapContext#bootstrapInterface()}), in process: a device with a bootstrap account, one LwM2M
 * server account and an attempt in flight receives a script of fuzzed requests ({@link FuzzedRequests}: method,
 * Uri-Path, Uri-Query, Content-Format, Accept, payload up to 64 KB), as a bootstrap server would send them.
 * Properties: every request is answered with a CoAP code and never with 5.00 (the handler's answer to an
 * exception it did not expect); the committed store is unchanged unless a Finish was answered 2.04, and even
 * then the bootstrap account (/0/0) and /3/0 are still there. Each input runs on a fresh engine and in-memory
 * store, so a finding replays alone.
 */
class BootstrapInterfaceFuzzTest {

    static {
        // A fuzzing run logs every refused input, hundreds a second: the log would cost more than the target.
        if (System.getenv("JAZZER_FUZZ") != null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
    }

    private static final String DEV = "urn:dev:fuzz";

    @FuzzTest
    void requests(byte[] input) {
        List<CoapRequest> requests = FuzzedRequests.decode(input);
        try (EngineFixture f = new EngineFixture(
                EngineSettings.defaults(),
                Path.of("unused"),
                directory -> MvObjectStore.open(StoreOptions.inMemory(ObjectModelRegistry::standard)))) {
            f.commit(
                    DEV,
                    LwM2mPath.of(Security.ID),
                    bootstrapAccount(0, -1, -1),
                    serverSecurity(1, 101, "coap://127.0.0.1:5683"));
            f.commit(DEV, LwM2mPath.of(Server.ID), server(0, 101));
            ScriptedMode mode = new ScriptedMode("client-initiated", ctx -> new CompletableFuture<>());
            f.install(mode);
            f.addDevice(DEV, "client-initiated");
            BootstrapContext ctx = mode.attempts().get(0);
            TreeView before = f.snapshot(DEV);

            boolean committed = false;
            for (CoapRequest request : requests) {
                CoapResponse response = ctx.bootstrapInterface()
                        .handle(null, request)
                        .toCompletableFuture()
                        .join();
                if (response == null || response.code() == ResponseCode.INTERNAL_SERVER_ERROR) {
                    throw new AssertionError(request + " answered " + response);
                }
                committed |= request.method() == CoapMethod.POST
                        && request.path().equals(List.of("bs"))
                        && response.code() == ResponseCode.CHANGED;
            }

            TreeView after = f.snapshot(DEV);
            if (!committed
                    && (after.revision() != before.revision()
                            || !after.objects().equals(before.objects()))) {
                throw new AssertionError("the store changed without a successful Bootstrap-Finish: " + requests);
            }
            if (after.instance(Security.ID, 0).isEmpty()) {
                throw new AssertionError("the bootstrap account is gone after " + requests);
            }
            if (before.instance(Device.ID, 0).isPresent()
                    && after.instance(Device.ID, 0).isEmpty()) {
                throw new AssertionError("/3/0 is gone after " + requests);
            }
        }
    }
}
