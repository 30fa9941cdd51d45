/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

import io.bootgate.api.registration.RegistrationEvent;
import io.bootgate.api.registration.RegistrationListener;
import io.bootgate.api.registration.RegistrationState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** Counts registrations from the registration bundle's events (whiteboard {@link RegistrationListener}). */
@Component(service = RegistrationListener.class)
public final class RegistrationMetrics implements RegistrationListener, RegistrationCountersMXBean {

    static final ObjectName NAME = MBeans.name("type=Registrations");

    private final MBeans mbeans;
    /** The last state of each device-server pair, so that an Update's REGISTERED is not a new registration. */
    private final Map<String, RegistrationState> states = new ConcurrentHashMap<>();

    private final AtomicLong registrations = new AtomicLong();
    private final AtomicLong updateFailures = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong deregistrations = new AtomicLong();

    @Activate
    public RegistrationMetrics() {
        this(new MBeans());
    }

    RegistrationMetrics(MBeans mbeans) {
        this.mbeans = mbeans;
        mbeans.register(this, NAME);
    }

    @Override
    public void registrationChanged(RegistrationEvent event) {
        String pair = event.endpoint() + "\u0000" + event.shortServerId();
        RegistrationState previous = states.put(pair, event.state());
        switch (event.state()) {
            case REGISTERED -> {
                if (previous != RegistrationState.REGISTERED) {
                    registrations.incrementAndGet();
                }
            }
            case UPDATE_FAILED -> updateFailures.incrementAndGet();
            case FAILED -> failures.incrementAndGet();
            case DEREGISTERED -> deregistrations.incrementAndGet();
            default -> {
                // REGISTERING and DISABLED are states, not outcomes worth a counter.
            }
        }
    }

    @Deactivate
    void deactivate() {
        mbeans.close();
    }

    @Override
    public long getRegisteredNow() {
        return states.values().stream()
                .filter(s -> s == RegistrationState.REGISTERED || s == RegistrationState.UPDATE_FAILED)
                .count();
    }

    @Override
    public long getRegistrations() {
        return registrations.get();
    }

    @Override
    public long getUpdateFailures() {
        return updateFailures.get();
    }

    @Override
    public long getFailures() {
        return failures.get();
    }

    @Override
    public long getDeregistrations() {
        return deregistrations.get();
    }
}
