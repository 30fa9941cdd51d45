package io.bootgate.bootstrap.server.internal.session;

import io.bootgate.api.bsserver.BootstrapSessionEvent;

/** Where a session's events go (the server fans them out to the listener services). */
@FunctionalInterface
public interface SessionEvents {

    void publish(BootstrapSessionEvent event);
}
