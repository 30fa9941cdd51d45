/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Bootstraps the devices the gateway proxies: runs each device's mode sequence, falls back to the next mode
 * on failure, and retries the whole sequence with a bounded exponential back-off when every mode failed.
 * <p>
 * Devices are added here or, equivalently, as Config Admin factory configurations of the engine's device
 * component. All methods are thread safe and return without waiting for network or timers.
 */
@ProviderType
public interface BootstrapEngine {

    /**
     * Adds a device and schedules its first bootstrap, or replaces the configuration of a known device. A
     * replaced configuration applies from the device's next attempt; an attempt in flight goes on with the
     * configuration it started with.
     */
    void addDevice(DeviceBootstrapConfig config);

    /**
     * Removes a device: cancels its pending retry and ends (rolls back) an attempt in flight. Its object
     * store is left as it is.
     *
     * @return whether the device was known
     */
    boolean removeDevice(String endpoint);

    /**
     * Runs the device's mode sequence now (an on-demand re-bootstrap), cancelling a pending back-off. When an
     * attempt is in flight no second one is started: the returned stage then reports the run in flight.
     *
     * @return completes with the outcome of the run: success as soon as one mode succeeded, otherwise the
     *         outcome of the last mode tried (a run where no mode was installed ends with a failure saying
     *         so)
     * @throws IllegalArgumentException for an unknown endpoint
     */
    CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint);

    /**
     * Runs one bootstrap mode now for a device, instead of its whole mode sequence: for a request that names
     * how to bootstrap, such as the LwM2M 1.1 Bootstrap-Request Trigger, which asks for a client-initiated
     * bootstrap (in the device's sequence a mode listed earlier, e.g. factory, would otherwise "succeed"
     * without contacting the bootstrap server). The mode need not be in the device's sequence; it gets the
     * device's properties for that mode name. Cancels a pending back-off; a failed run backs off as any run,
     * and later runs follow the device's sequence again. When an attempt is in flight no second one is
     * started: the returned stage then reports the run in flight.
     *
     * @param modeName a {@link BootstrapModeName} value, e.g. {@link BootstrapModeName#CLIENT_INITIATED}
     * @return completes with the outcome of the mode's attempt; when no such mode is installed, at once with a
     *         failure saying so (nothing is started and the device's state is unchanged)
     * @throws IllegalArgumentException for an unknown endpoint
     * @since 1.1
     */
    CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint, String modeName);

    /** The bootstrap state of a device, empty for an unknown endpoint. */
    Optional<DeviceBootstrapStatus> state(String endpoint);

    /** The endpoint names of all known devices. */
    List<String> devices();

    /**
     * Registers a listener for the events of all devices. Listeners may also be registered as
     * {@link BootstrapListener} OSGi services.
     */
    void addListener(BootstrapListener listener);

    void removeListener(BootstrapListener listener);
}
