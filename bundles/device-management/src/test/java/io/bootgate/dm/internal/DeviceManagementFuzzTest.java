/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import static io.bootgate.dm.internal.DmFixture.ENDPOINT;
import static io.bootgate.dm.internal.DmFixture.TEST_OBJECT;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jazzer target for the device-management handler ({@link DeviceManagementService#handle} and
 * {@link DeviceManagementService#observe}): a device with two management servers (101 and 102), a test
 * instance /1000/1 owned by 101 that 102 may only read, receives a script of fuzzed server-initiated requests
 * ({@link FuzzedRequests}: Read, Write, Execute, Create, Delete, Discover, Write-Attributes, Observe; path,
 * query, formats, payload up to 64 KB) from either server; after each request the clock moves on 10 s so that
 * notification timers fire. Properties: every request is answered with a CoAP code other than 5.00 (the
 * handler has no catch-all: an exception escaping is a finding as well); the Security object /0 never changes;
 * server 102 never changes /1000/1, which its ACL only lets it read. Each input runs on a fresh fixture.
 */
class DeviceManagementFuzzTest {

    static {
        // A fuzzing run logs every refused input, hundreds a second: the log would cost more than the target.
        if (System.getenv("JAZZER_FUZZ") != null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
    }

    private static final int S1 = 101;
    private static final int S2 = 102;

    @FuzzTest
    void requests(byte[] input) {
        List<FuzzedRequests.Fuzzed> script = FuzzedRequests.decode(input);
        try (DmFixture fx = new DmFixture()) {
            fx.server(S1).server(S2).testInstance(1).ac(10, TEST_OBJECT, 1, S1, Map.of(S2, AccessControl.READ));
            TreeView start = fx.store.snapshot(ENDPOINT);
            Optional<LwM2mObject> security = start.object(Security.ID);
            for (FuzzedRequests.Fuzzed fuzzed : script) {
                CoapRequest request = fuzzed.request();
                int ssid = fuzzed.secondServer() ? S2 : S1;
                Optional<ObjectInstance> guarded = fx.store.snapshot(ENDPOINT).instance(TEST_OBJECT, 1);
                CoapResponse response = request.observe().isPresent()
                        ? fx.dm.observe(ENDPOINT, ssid, request, new RecordingRelation(request), fx.registrations)
                        : fx.send(ssid, request);
                if (response == null || response.code() == ResponseCode.INTERNAL_SERVER_ERROR) {
                    throw new AssertionError("server " + ssid + ": " + request + " answered " + response);
                }
                fx.scheduler.advance(Duration.ofSeconds(10));
                TreeView now = fx.store.snapshot(ENDPOINT);
                if (!now.object(Security.ID).equals(security)) {
                    throw new AssertionError("/0 changed after server " + ssid + ": " + request);
                }
                if (ssid == S2 && !now.instance(TEST_OBJECT, 1).equals(guarded)) {
                    throw new AssertionError("server 102 changed /1000/1, which it may only read: " + request);
                }
            }
        }
    }
}
