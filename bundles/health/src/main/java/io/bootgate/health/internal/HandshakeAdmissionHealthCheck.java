/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.health.internal;

import io.bootgate.api.security.HandshakeStatistics;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * WARN when the DTLS layer dropped ClientHellos since the previous execution of this check because every server
 * handshake slot was taken: clients retransmit, so nothing is lost yet, but the gateway runs at its configured
 * handshake bound ({@code maxServerHandshakes} of pid {@code io.bootgate.dtls}) and bootstraps are slowed down.
 * Drops long ago do not keep the check WARN: it compares with the count it saw last time.
 */
@Component(
        service = HealthCheck.class,
        property = {
            HealthCheck.NAME + "=Bootgate DTLS handshake admission",
            HealthCheck.TAGS + "=bootgate",
            HealthCheck.TAGS + "=dtls"
        })
public final class HandshakeAdmissionHealthCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HandshakeStatistics statistics;

    /** The drop count seen by the previous execution; -1 before the first. */
    private long lastDropped = -1;

    public HandshakeAdmissionHealthCheck() {}

    HandshakeAdmissionHealthCheck(HandshakeStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public synchronized Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        HandshakeStatistics current = statistics;
        if (current == null) {
            log.critical("no DTLS handshake statistics: the io.bootgate.dtls bundle is not active");
            return new Result(log);
        }
        long dropped = current.droppedClientHellos();
        // The first execution has nothing to compare with: every drop since the start counts.
        long newDrops = lastDropped < 0 || dropped < lastDropped ? dropped : dropped - lastDropped;
        lastDropped = dropped;
        log.info(
                "server handshakes: {} started, {} completed, {} failed, {} running of at most {}",
                current.serverHandshakesStarted(),
                current.serverHandshakesCompleted(),
                current.serverHandshakesFailed(),
                current.serverHandshakesRunning(),
                current.maxServerHandshakes());
        if (newDrops > 0) {
            log.warn(
                    "{} ClientHello(s) dropped since the last check ({} in all): all {} server handshake slots were"
                            + " taken; clients retransmit, raise maxServerHandshakes of pid io.bootgate.dtls if this"
                            + " persists",
                    newDrops,
                    dropped,
                    current.maxServerHandshakes());
        } else {
            log.info("no ClientHello dropped since the last check ({} in all)", dropped);
        }
        return new Result(log);
    }
}
