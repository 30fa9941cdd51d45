/**
 * A minimal CoAP message abstraction and the secure endpoints that carry it, so that LwM2M protocol code
 * (bootstrap server, client engine) never imports Californium or Scandium.
 * <p>
 * Messages ({@link io.bootgate.api.transport.CoapRequest}, {@link io.bootgate.api.transport.CoapResponse})
 * are immutable values. Endpoints are created by {@link io.bootgate.api.security.DtlsEndpointFactory}; each
 * inbound request is handed to a {@link io.bootgate.api.transport.CoapRequestHandler} together with the
 * authenticated DTLS identity of the peer ({@link io.bootgate.api.transport.PeerIdentity}).
 */
@Export
@Version("1.2.0")
package io.bootgate.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
