/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.health.internal;

import io.bootgate.api.bsserver.BootstrapServer;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * CRITICAL while no {@link BootstrapServer} service is registered: the bootstrap server component registers it
 * only once its DTLS endpoint is bound, so its absence means devices cannot bootstrap against Bootgate (bundle
 * stopped, configuration refused, port taken). The reference is optional so that the check itself stays up and
 * reports the absence instead of disappearing with it.
 */
@Component(
        service = HealthCheck.class,
        property = {
            HealthCheck.NAME + "=Bootgate bootstrap server listening",
            HealthCheck.TAGS + "=bootgate",
            HealthCheck.TAGS + "=bootstrap-server"
        })
public final class BootstrapServerHealthCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BootstrapServer server;

    public BootstrapServerHealthCheck() {}

    BootstrapServerHealthCheck(BootstrapServer server) {
        this.server = server;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        BootstrapServer current = server;
        if (current == null) {
            log.critical("no bootstrap server is listening: the BootstrapServer service is not registered (is feature"
                    + " bootgate-bootstrap-server installed, and does pid io.bootgate.bootstrap.server name a"
                    + " valid key and a free port? see data/log/karaf.log)");
        } else {
            log.info(
                    "bootstrap server listening on {}, {} session(s) in progress",
                    current.localAddress(),
                    current.activeSessions().size());
        }
        return new Result(log);
    }
}
