package io.bootgate.mode.testkit;

import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedBootstrapMode;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedConfiguration;

/** The modes as their DS components are activated, with their default configuration. */
public final class Modes {

    private Modes() {
    }

    public static BootstrapMode clientInitiated(TestGateway gateway) {
        return new ClientInitiatedBootstrapMode(gateway.codec(), new DefaultKeyCodec(),
                Configurations.defaults(ClientInitiatedConfiguration.class));
    }
}
