/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the local account of {@code bin/client} at the first start when configured (pid
 * {@value #PID}, {@code enabled = true}; the Bootgate distribution ships that file). Without the configuration
 * the shell bundle never touches {@code etc/users.properties}, so installing it in another Karaf adds no user.
 */
@Component(configurationPid = ClientAccountComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ClientAccountComponent {

    static final String PID = "io.bootgate.shell.client";

    private static final Logger LOG = LoggerFactory.getLogger(ClientAccountComponent.class);

    /** The account's settings. */
    public @interface Config {
        /** Whether to create the account when users.properties has no entry for it. */
        boolean enabled() default false;

        /** The user name. */
        String user() default "bootgate";
    }

    @Activate
    void activate(Config config) {
        if (!config.enabled()) {
            return;
        }
        Path etc = karafEtc();
        try {
            switch (ClientAccount.ensure(etc, config.user())) {
                case CREATED -> LOG.info(
                        "Created the local account {} for bin/client; its password is in {} (owner-only)",
                        config.user(),
                        etc.resolve(ClientAccount.SECRET_FILE));
                case RESTORED -> LOG.info(
                        "Restored the local account {} for bin/client with the password in {}",
                        config.user(),
                        etc.resolve(ClientAccount.SECRET_FILE));
                case EXISTS -> LOG.debug("The local account {} exists already", config.user());
            }
        } catch (IOException | RuntimeException e) {
            // Not an ERROR: the gateway runs on; only bin/client is without an account.
            LOG.warn("Cannot create the local account {} for bin/client in {}: {}", config.user(), etc, e.toString());
        }
    }

    /** Karaf's etc/ directory, or etc/ under the working directory outside Karaf. */
    static Path karafEtc() {
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null || etc.isBlank() ? "etc" : etc);
    }
}
