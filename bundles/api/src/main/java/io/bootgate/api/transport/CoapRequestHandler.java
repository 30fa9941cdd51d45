package io.bootgate.api.transport;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers inbound CoAP requests of a secure endpoint.
 * <p>
 * Called on both sides of the Bootstrap interface: on a server endpoint for the Bootstrap-Request, on a
 * client endpoint for the Bootstrap-Write / Delete / Discover / Read / Finish the bootstrap server sends
 * over the same DTLS session.
 * <p>
 * Called on a shared transport thread: an implementation must not block; slow work completes the
 * returned stage later. A stage that completes exceptionally is answered 5.00 and logged.
 */
@ConsumerType
@FunctionalInterface
public interface CoapRequestHandler {

    /**
     * @param peer the DTLS identity of the sender, already authenticated and, for requests carrying an
     *            {@code ep} query parameter on a server endpoint, already matched to that endpoint name
     * @param request the request
     * @return the response to send
     */
    CompletionStage<CoapResponse> handle(PeerIdentity peer, CoapRequest request);
}
