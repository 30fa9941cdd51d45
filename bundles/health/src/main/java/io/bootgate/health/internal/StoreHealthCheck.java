/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.health.internal;

import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.StoreHealth;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * OK only while the object store is open and writable ({@link StoreHealth.Status#AVAILABLE}). DEGRADED is
 * CRITICAL too: reads work there, but every bootstrap needs a write, so no device can bootstrap.
 */
@Component(
        service = HealthCheck.class,
        property = {
            HealthCheck.NAME + "=Bootgate object store writable",
            HealthCheck.TAGS + "=bootgate",
            HealthCheck.TAGS + "=store"
        })
public final class StoreHealthCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ObjectStore store;

    public StoreHealthCheck() {}

    StoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        ObjectStore current = store;
        if (current == null) {
            log.critical("no object store: the ObjectStore service is not registered (pid io.bootgate.store)");
            return new Result(log);
        }
        StoreHealth health = current.health();
        switch (health.status()) {
            case AVAILABLE -> log.info("store open and writable since {}", health.since());
            case DEGRADED -> log.critical(
                    "store read-only since {}: writes fail ({}); the store retries by itself",
                    health.since(),
                    health.cause());
            case UNAVAILABLE -> log.critical(
                    "store unavailable since {}: {}; the store retries opening it", health.since(), health.cause());
            case CLOSED -> log.critical("store closed since {}: {}", health.since(), health.cause());
        }
        // Only an open store can list them; a quarantined entry does not stop the other devices, hence WARN.
        int quarantined = health.available() ? current.quarantined().size() : 0;
        if (quarantined > 0) {
            log.warn(
                    "{} endpoint(s) quarantined because their stored entry is damaged (bootgate:devices)", quarantined);
        }
        return new Result(log);
    }
}
