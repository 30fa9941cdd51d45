package io.bootgate.api.security;

import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.SecureServerEndpoint;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates the DTLS endpoints of the Bootstrap interface; registered as an OSGi service by the
 * {@code io.bootgate.dtls} bundle.
 * <p>
 * All endpoints of one factory share its bounded thread pools and its bounded handshake queues, so the
 * thread count does not grow with the number of endpoints. Endpoints stay owned by the caller, who closes
 * them; when the factory goes away (bundle stopped, configuration changed) its endpoints are closed.
 */
@ProviderType
public interface DtlsEndpointFactory {

    /**
     * Creates a bootstrap server endpoint; call {@link SecureServerEndpoint#start()} to listen.
     *
     * @throws SecurityPolicyException when {@link BootstrapSecurityPolicy#checkServer} refuses the config
     */
    SecureServerEndpoint createBootstrapServer(ServerEndpointConfig config) throws SecurityPolicyException;

    /**
     * Creates one device's bootstrap client endpoint; nothing is bound or sent before
     * {@link io.bootgate.api.transport.SecureClientEndpoint#connect()}.
     *
     * @throws SecurityPolicyException when {@link BootstrapSecurityPolicy#checkClient} refuses the config
     *             (coap:// URI, PSK or NoSec mode, credentials or trust not of the account's mode, weak key)
     */
    SecureClientEndpoint createBootstrapClient(ClientEndpointConfig config) throws SecurityPolicyException;
}
