/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.NoSecPeer;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.PskPeer;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.X509Peer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.elements.util.CertPathUtil;

/**
 * Converts between Bootgate's CoAP message values and Californium's messages, and reads the peer's DTLS
 * identity from an endpoint context. The only place that knows both.
 */
final class CoapMessages {

    private CoapMessages() {}

    /**
     * @throws IllegalArgumentException for a method LwM2M does not use (PATCH) or an invalid option
     */
    static CoapRequest toRequest(Request request) {
        CoapMethod method = CoapMethod.fromCode(request.getCode().value);
        OptionSet options = request.getOptions();
        CoapRequest.Builder builder = CoapRequest.builder(method, "/").pathSegments(options.getUriPath());
        for (String query : options.getUriQuery()) {
            builder.query(query);
        }
        if (options.hasContentFormat()) {
            builder.contentFormat(options.getContentFormat());
        }
        if (options.hasAccept()) {
            builder.accept(options.getAccept());
        }
        if (options.hasObserve()) {
            builder.observe(options.getObserve());
        }
        return builder.payload(request.getPayload()).build();
    }

    static Request toCalifornium(CoapRequest request) {
        Request message = new Request(CoAP.Code.valueOf(request.method().code()));
        OptionSet options = message.getOptions();
        for (String segment : request.path()) {
            options.addUriPath(segment);
        }
        for (String query : request.query()) {
            options.addUriQuery(query);
        }
        request.contentFormat().ifPresent(options::setContentFormat);
        request.accept().ifPresent(options::setAccept);
        request.observe().ifPresent(options::setObserve);
        if (request.payloadLength() > 0) {
            message.setPayload(request.payload());
        }
        return message;
    }

    /**
     * The response's Observe value is not copied: the endpoint's observe relations number the notifications
     * they send.
     */
    static Response toCalifornium(CoapResponse response) {
        Response message =
                new Response(CoAP.ResponseCode.valueOf(response.code().value()));
        for (String segment : response.locationPath()) {
            message.getOptions().addLocationPath(segment);
        }
        Optional<String> diagnostic = response.diagnostic();
        if (diagnostic.isPresent()) {
            // RFC 7252 §5.5.2: a diagnostic payload is UTF-8 text without Content-Format.
            message.setPayload(diagnostic.get().getBytes(StandardCharsets.UTF_8));
        } else {
            response.contentFormat().ifPresent(message.getOptions()::setContentFormat);
            byte[] payload = response.payload();
            if (payload.length > 0) {
                message.setPayload(payload);
            }
        }
        return message;
    }

    /**
     * @throws IllegalArgumentException for a response code Bootgate's model does not define
     */
    static CoapResponse toResponse(Response response) {
        OptionSet options = response.getOptions();
        OptionalInt contentFormat =
                options.hasContentFormat() ? OptionalInt.of(options.getContentFormat()) : OptionalInt.empty();
        CoapResponse converted = CoapResponse.fromWire(
                ResponseCode.fromValue(response.getCode().value), contentFormat, response.getPayload());
        if (options.getLocationPathCount() > 0) {
            converted = converted.withLocationPath(options.getLocationPath());
        }
        if (options.hasObserve()) {
            converted = converted.withObserve(options.getObserve());
        }
        return converted;
    }

    /**
     * The identity of a management server as seen by a management client endpoint: a public key as on the
     * Bootstrap interface, else the PSK identity of the session, else (plain UDP, only on a NoSec endpoint)
     * its address alone.
     *
     * @param noSec whether the endpoint is a NoSec one (plain UDP, no identity to expect)
     * @throws IllegalStateException when a DTLS context carries no identity this endpoint may accept
     */
    static PeerIdentity managementPeerIdentity(EndpointContext context, boolean noSec) {
        Principal principal = context.getPeerIdentity();
        InetSocketAddress address = context.getPeerAddress();
        if (principal instanceof PreSharedKeyIdentity) {
            return new PskPeer(
                    address,
                    ((PreSharedKeyIdentity) principal).getIdentity(),
                    Optional.ofNullable(context.getVirtualHost()));
        }
        if (principal == null && noSec) {
            return new NoSecPeer(address);
        }
        return peerIdentity(context);
    }

    /**
     * The peer's authenticated identity as Scandium recorded it in the endpoint context.
     *
     * @throws IllegalStateException when the context carries no public-key identity (which a DTLS endpoint
     *             of this bundle never produces: client authentication is always required)
     */
    static PeerIdentity peerIdentity(EndpointContext context) {
        Principal principal = context.getPeerIdentity();
        return peerIdentity(principal, context.getPeerAddress(), context.getVirtualHost())
                .orElseThrow(() -> new IllegalStateException(
                        "peer " + context.getPeerAddress() + " has no public-key DTLS identity ("
                                + (principal == null
                                        ? "unauthenticated"
                                        : principal.getClass().getSimpleName()) + ")"));
    }

    /**
     * The identity of a Scandium principal seen at an address.
     *
     * @return empty for anything but a Raw Public Key or an X.509 chain (no other kind is ever authenticated here)
     */
    static Optional<PeerIdentity> peerIdentity(Principal principal, InetSocketAddress address, String serverName) {
        Optional<String> sni = Optional.ofNullable(serverName);
        if (principal instanceof RawPublicKeyIdentity) {
            return Optional.of(new RpkPeer(address, ((RawPublicKeyIdentity) principal).getKey(), sni));
        }
        if (principal instanceof X509CertPath) {
            List<X509Certificate> chain = CertPathUtil.toX509CertificatesList(
                    ((X509CertPath) principal).getPath().getCertificates());
            return Optional.of(new X509Peer(address, chain, sni));
        }
        return Optional.empty();
    }
}
