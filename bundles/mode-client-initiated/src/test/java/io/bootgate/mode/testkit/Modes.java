/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedBootstrapMode;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedConfiguration;

/** The modes as their DS components are activated, with their default configuration. */
public final class Modes {

    private Modes() {}

    public static BootstrapMode clientInitiated(TestGateway gateway) {
        return new ClientInitiatedBootstrapMode(
                gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class));
    }
}
