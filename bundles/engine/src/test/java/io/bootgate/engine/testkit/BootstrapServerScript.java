/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.testkit;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a bootstrap server sends, replayed against {@link BootstrapContext#bootstrapInterface()}: the test
 * stand-in of the client-initiated mode, which relays a real server's requests the same way. Payloads are
 * encoded with the real codec.
 */
public final class BootstrapServerScript {

    private final LwM2mEncoder encoder;
    private final ObjectModelRegistry models;
    private final List<CoapRequest> requests = new ArrayList<>();
    private final List<CoapResponse> responses = new ArrayList<>();

    public BootstrapServerScript(LwM2mEncoder encoder, ObjectModelRegistry models) {
        this.encoder = encoder;
        this.models = models;
    }

    public BootstrapServerScript delete(String path) {
        requests.add(CoapRequest.delete(path).build());
        return this;
    }

    public BootstrapServerScript write(String path, LwM2mNode node) {
        try {
            byte[] payload = encoder.encode(node, LwM2mPath.parse(path), ContentFormat.TLV, models);
            requests.add(CoapRequest.put(path)
                    .contentFormat(ContentFormat.TLV)
                    .payload(payload)
                    .build());
        } catch (CodecException e) {
            throw new IllegalArgumentException("test data cannot be encoded at " + path, e);
        }
        return this;
    }

    public BootstrapServerScript request(CoapRequest request) {
        requests.add(request);
        return this;
    }

    public BootstrapServerScript finish() {
        requests.add(CoapRequest.post("/bs").build());
        return this;
    }

    /** Sends every request in order and answers the last response's verdict as the mode's outcome. */
    public CompletionStage<BootstrapOutcome> run(BootstrapContext context) {
        CoapResponse last = null;
        for (CoapRequest request : requests) {
            last = context.bootstrapInterface()
                    .handle(null, request)
                    .toCompletableFuture()
                    .join();
            responses.add(last);
        }
        if (last != null && last.code() == ResponseCode.CHANGED) {
            return CompletableFuture.completedFuture(BootstrapOutcome.success());
        }
        return CompletableFuture.completedFuture(BootstrapOutcome.failure(
                "bootstrap server session ended with " + (last == null ? "no request" : last.toString())));
    }

    public List<CoapResponse> responses() {
        return responses;
    }
}
