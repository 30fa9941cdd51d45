/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.registration;

import io.bootgate.api.bootstrap.BootstrapOutcome;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Registration interface of every proxied device (OMA LwM2M 1.1 Core 6.2): each bootstrapped device
 * registers with every LwM2M server account in its object store, keeps the registrations alive with
 * Updates, and de-registers when an account goes away. Registered as an OSGi service by the registration
 * bundle. All methods are thread safe and return without waiting for the network.
 */
@ProviderType
public interface DeviceRegistrations {

    /** The device's registrations, one per server account it holds; empty for an unknown device. */
    List<ServerRegistration> registrations(String endpoint);

    /**
     * Sends an Update to the server now (the Registration Update Trigger, /1/x/8, and any change of the
     * device's objects or of /1/x/1, /1/x/7).
     *
     * @return whether the device holds an account for {@code shortServerId}
     */
    boolean triggerUpdate(String endpoint, int shortServerId);

    /**
     * Disables the device towards the server (/1/x/4): de-registers, stays silent for the Disable Timeout
     * (/1/x/5, default 86400 s), then registers again.
     *
     * @return whether the device holds an account for {@code shortServerId}
     */
    boolean disable(String endpoint, int shortServerId);

    /**
     * Re-bootstraps the device on demand (the seed's third re-bootstrap trigger): with
     * {@code initializationSsid}, the server's Server instance and its entries in every Access Control
     * instance are removed first (Core E.1.3, unbootstrapping), in one committed transaction, before the
     * device's mode sequence runs; without it the sequence runs over the device's current objects. After a
     * successful bootstrap the device de-registers from servers whose account was removed and registers with
     * new or changed ones.
     *
     * @throws IllegalArgumentException for an unknown endpoint
     */
    CompletionStage<BootstrapOutcome> rebootstrap(String endpoint, OptionalInt initializationSsid);

    void addListener(RegistrationListener listener);

    void removeListener(RegistrationListener listener);
}
