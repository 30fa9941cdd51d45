/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

import io.bootgate.api.security.HandshakeStatistics;
import javax.management.ObjectName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Shows {@link HandshakeStatistics} as an MXBean; present while the dtls bundle is. */
@Component(
        service = {},
        immediate = true)
public final class HandshakeMetrics implements HandshakesMXBean {

    static final ObjectName NAME = MBeans.name("type=Handshakes");

    private final HandshakeStatistics statistics;
    private final MBeans mbeans;

    @Activate
    public HandshakeMetrics(@Reference HandshakeStatistics statistics) {
        this(statistics, new MBeans());
    }

    HandshakeMetrics(HandshakeStatistics statistics, MBeans mbeans) {
        this.statistics = statistics;
        this.mbeans = mbeans;
        mbeans.register(this, NAME);
    }

    @Deactivate
    void deactivate() {
        mbeans.close();
    }

    @Override
    public long getServerHandshakesStarted() {
        return statistics.serverHandshakesStarted();
    }

    @Override
    public long getServerHandshakesCompleted() {
        return statistics.serverHandshakesCompleted();
    }

    @Override
    public long getServerHandshakesFailed() {
        return statistics.serverHandshakesFailed();
    }

    @Override
    public int getServerHandshakesRunning() {
        return statistics.serverHandshakesRunning();
    }

    @Override
    public int getMaxServerHandshakes() {
        return statistics.maxServerHandshakes();
    }

    @Override
    public long getDroppedClientHellos() {
        return statistics.droppedClientHellos();
    }

    @Override
    public long getClientSessionsOffered() {
        return statistics.clientSessionsOffered();
    }

    @Override
    public long getClientSessionsResumed() {
        return statistics.clientSessionsResumed();
    }
}
