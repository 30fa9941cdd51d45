/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.transport;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.Link;
import io.bootgate.api.codec.LinkFormat;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.bootstrap.server.internal.session.DeviceChannel;
import io.bootgate.bootstrap.server.internal.session.DeviceOperation;
import io.bootgate.bootstrap.server.internal.session.DeviceResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Carries a session's operations as CoAP requests over the bootstrap server's DTLS endpoint to one client:
 * encodes writes, sets the Accept option of reads and discovers, and decodes the answers.
 */
public final class TransportDeviceChannel implements DeviceChannel {

    /** The Bootstrap-Finish resource: {@code POST /bs} without query. */
    static final String FINISH_PATH = "/bs";

    private final SecureServerEndpoint endpoint;
    private final InetSocketAddress peer;
    private final LwM2mEncoder encoder;
    private final LwM2mDecoder decoder;
    private final LinkFormat linkFormat;
    private final ObjectModelRegistry models;

    public TransportDeviceChannel(
            SecureServerEndpoint endpoint,
            InetSocketAddress peer,
            LwM2mEncoder encoder,
            LwM2mDecoder decoder,
            LinkFormat linkFormat,
            ObjectModelRegistry models) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.linkFormat = Objects.requireNonNull(linkFormat, "linkFormat");
        this.models = Objects.requireNonNull(models, "models");
    }

    @Override
    public CompletionStage<DeviceResult> execute(DeviceOperation operation, ContentFormat format) {
        CoapRequest request;
        try {
            request = request(operation, format);
        } catch (CodecException e) {
            return CompletableFuture.failedFuture(e);
        }
        return endpoint.send(peer, request).thenApply(response -> decode(operation, response));
    }

    CoapRequest request(DeviceOperation operation, ContentFormat format) throws CodecException {
        String path = operation.path().toString();
        if (operation instanceof DeviceOperation.Discover) {
            return CoapRequest.get(path).accept(ContentFormat.LINK).build();
        }
        if (operation instanceof DeviceOperation.Read) {
            return CoapRequest.get(path).accept(format).build();
        }
        if (operation instanceof DeviceOperation.Delete) {
            return CoapRequest.delete(path).build();
        }
        if (operation instanceof DeviceOperation.Write write) {
            byte[] payload = encoder.encode(write.node(), write.path(), format, models);
            return CoapRequest.put(path).contentFormat(format).payload(payload).build();
        }
        return CoapRequest.post(FINISH_PATH).build();
    }

    /** @throws CompletionException wrapping the {@link CodecException} of an undecodable answer */
    DeviceResult decode(DeviceOperation operation, CoapResponse response) {
        ResponseCode code = response.code();
        if (!response.isSuccess()) {
            return DeviceResult.error(code, response.diagnostic().orElse(null));
        }
        try {
            if (operation instanceof DeviceOperation.Discover && code == ResponseCode.CONTENT) {
                byte[] payload = response.payload();
                List<Link> links = linkFormat.parse(payload);
                return DeviceResult.discovered(links, new String(payload, StandardCharsets.UTF_8));
            }
            if (operation instanceof DeviceOperation.Read && code == ResponseCode.CONTENT) {
                OptionalInt contentFormat = response.contentFormat();
                ContentFormat answered = contentFormat.isPresent()
                        ? ContentFormat.fromCode(contentFormat.getAsInt()).orElse(null)
                        : null;
                if (answered == null) {
                    throw new CompletionException(new IllegalStateException("Bootstrap-Read " + operation.path()
                            + " answered in unknown content format " + contentFormat));
                }
                LwM2mNode node = decoder.decode(response.payload(), answered, operation.path(), models);
                return DeviceResult.content(node);
            }
        } catch (CodecException e) {
            throw new CompletionException(e);
        }
        return new DeviceResult(code, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }
}
