package io.bootgate.dtls.internal;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
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
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.elements.util.CertPathUtil;

/**
 * Converts between Bootgate's CoAP message values and Californium's messages, and reads the peer's DTLS
 * identity from an endpoint context. The only place that knows both.
 */
final class CoapMessages {

    private CoapMessages() {
    }

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
        if (request.payloadLength() > 0) {
            message.setPayload(request.payload());
        }
        return message;
    }

    static Response toCalifornium(CoapResponse response) {
        Response message = new Response(CoAP.ResponseCode.valueOf(response.code().value()));
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
        OptionalInt contentFormat = options.hasContentFormat() ? OptionalInt.of(options.getContentFormat())
                : OptionalInt.empty();
        return CoapResponse.fromWire(ResponseCode.fromValue(response.getCode().value), contentFormat,
                response.getPayload());
    }

    /**
     * The peer's authenticated identity as Scandium recorded it in the endpoint context.
     *
     * @throws IllegalStateException when the context carries no public-key identity (which a DTLS endpoint
     *             of this bundle never produces: client authentication is always required)
     */
    static PeerIdentity peerIdentity(EndpointContext context) {
        Principal principal = context.getPeerIdentity();
        return peerIdentity(principal, context.getPeerAddress(), context.getVirtualHost()).orElseThrow(
                () -> new IllegalStateException("peer " + context.getPeerAddress() + " has no public-key DTLS identity ("
                        + (principal == null ? "unauthenticated" : principal.getClass().getSimpleName()) + ")"));
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
            List<X509Certificate> chain = CertPathUtil
                    .toX509CertificatesList(((X509CertPath) principal).getPath().getCertificates());
            return Optional.of(new X509Peer(address, chain, sni));
        }
        return Optional.empty();
    }
}
