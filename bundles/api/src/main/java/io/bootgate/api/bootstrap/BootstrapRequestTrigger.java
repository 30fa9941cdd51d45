/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Executes the Bootstrap-Request Trigger resource ({@code /1/x/9}, LwM2M 1.1) of a proxied device on behalf of
 * a management server: checks that the server may execute it (its Server instance exists and the Access Control
 * object grants it Execute on {@code /1/x}), then asks the bootstrap engine for a client-initiated bootstrap of the
 * device (that mode only: the device's sequence may list modes, e.g. factory, that never contact the server).
 * <p>
 * The answer is returned at once; the bootstrap itself runs afterwards (the specification answers the Execute
 * before the client contacts its bootstrap server). Thread safe; never blocks on the network.
 */
@ProviderType
public interface BootstrapRequestTrigger {

    /**
     * @param endpoint the device's endpoint name
     * @param serverInstance {@code x} of {@code /1/x/9}
     * @param requesterShortServerId the Short Server ID of the management server that sent the Execute, as the
     *            device-management side identified it from its DTLS session
     * @return 2.04 with the bootstrap run started; 4.04 for an unknown device or Server instance; 4.01 or 4.05
     *         as the Access Control object decides; 4.00 for an invalid Short Server ID; 5.03 when no bootstrap
     *         could be started (the client-initiated mode is not installed), with the reason
     */
    TriggerResult execute(String endpoint, int serverInstance, int requesterShortServerId);
}
