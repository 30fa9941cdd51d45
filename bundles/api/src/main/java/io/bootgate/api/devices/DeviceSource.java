/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.devices;

import java.util.Collection;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One open device source, as {@link DeviceSources#open} returns it. Thread safe; every call returns without waiting
 * for network or timers, and sources do not wait for each other (only two claims of the same endpoint are
 * serialised).
 * <p>
 * A source owns the endpoints it supplied first. An endpoint another source (or a Config Admin configuration, or an
 * API caller of {@link io.bootgate.api.bootstrap.BootstrapEngine#addDevice}) already runs is not taken over: a
 * warning names both origins and the claim waits until the owner withdraws the endpoint.
 */
@ProviderType
public interface DeviceSource extends AutoCloseable {

    /** The name given to {@link DeviceSources#open}. */
    String name();

    /**
     * Adds devices, or replaces the configuration of devices this source supplied before (applied from the
     * device's next attempt). A device the engine refuses is logged with its origin; the others are applied.
     *
     * @return how many of the devices this source now runs (added or updated)
     * @throws IllegalStateException when the source is closed
     */
    int supply(Collection<SourcedDevice> devices);

    /**
     * Withdraws endpoints this source supplied (an endpoint it does not own, or only waits for, just drops its
     * claim). The engine stops running them; their stored objects are kept.
     *
     * @return how many of them the engine ran for this source
     */
    int withdraw(Collection<String> endpoints);

    /** The endpoints this source owns now (not those it only waits for). */
    Set<String> endpoints();

    /** Withdraws every device of this source and closes it; a second call does nothing. */
    @Override
    void close();
}
