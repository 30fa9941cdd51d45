package io.bootgate.api.bsserver;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The running bootstrap server, as an operator sees it.
 */
@ProviderType
public interface BootstrapServer {

    /** The address the DTLS endpoint is bound to. */
    InetSocketAddress localAddress();

    /**
     * Server-initiated bootstrap (LwM2M 1.0 style): pushes the endpoint's configuration (Delete, Write, Finish)
     * to the client at {@code clientAddress} without waiting for a Bootstrap-Request. The client must hold a
     * DTLS session with this server (the LwM2M client is always the DTLS client); its identity is checked
     * against the endpoint's configuration before anything is written. Cancels a running session of the same
     * endpoint.
     *
     * @return completes with the session's end; fails with {@link IllegalArgumentException} when the endpoint
     *         has no configuration
     */
    CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpoint, InetSocketAddress clientAddress);

    /** The endpoints that have a session in progress. */
    Set<String> activeSessions();

    /**
     * Cancels an endpoint's session, if one is running; the client gets no Finish and rolls back.
     *
     * @return whether a session was cancelled
     */
    boolean cancel(String endpoint);
}
