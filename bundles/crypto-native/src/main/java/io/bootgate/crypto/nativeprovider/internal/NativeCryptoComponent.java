/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.crypto.nativeprovider.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the native EC provider while this bundle is active and {@code enabled}; the DTLS bundle's signatures and
 * key agreements then come from it (threads and factories created afterwards: Scandium caches Signature instances
 * per thread, so restart bootgate-dtls after installing).
 */
@Component(name = NativeCryptoComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = NativeCryptoComponent.Config.class)
public final class NativeCryptoComponent {

    static final String PID = "io.bootgate.crypto.native";

    private static final Logger LOG = LoggerFactory.getLogger(NativeCryptoComponent.class);

    @ObjectClassDefinition(
            name = "Bootgate native crypto",
            description = "EC signatures, EC keys and ECDH from the Amazon Corretto Crypto Provider's native code.")
    public @interface Config {
        @AttributeDefinition(
                description = "Install the native EC provider first in the JCA provider list (false: the JDK serves).")
        boolean enabled() default true;
    }

    private final NativeProviderInstaller installer = NativeProviderInstaller.forNativeLibrary(LOG::warn);

    @Activate
    void activate(Config config) {
        if (!config.enabled()) {
            LOG.info("Native crypto disabled ({} enabled=false): the JDK providers serve", PID);
            return;
        }
        installer
                .install()
                .ifPresent(p -> LOG.info(
                        "Native crypto installed: provider {} first, serving {}",
                        p.getName(),
                        p.getServices().size() + " EC services"));
    }

    @Deactivate
    void deactivate() {
        installer.uninstall();
    }
}
