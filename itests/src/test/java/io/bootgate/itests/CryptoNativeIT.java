/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The optional feature bootgate-crypto-native in the distribution: feature:install puts the restricted native EC
 * provider first, the demo device still bootstraps from the embedded server once the DTLS bundle is restarted (its
 * new threads use the native provider), and feature:uninstall removes the provider.
 */
public class CryptoNativeIT extends BootgateTestSupport {

    private static final String FEATURE = "bootgate-crypto-native";
    private static final String PROVIDER = "BootgateNativeEC";

    @Override
    protected boolean demoDevices() {
        return true;
    }

    @Test
    public void installedTheNativeProviderServesTheHandshakesAndUninstallRemovesIt() throws Exception {
        assertEquals(
                "not booted: nothing native before the feature is installed", null, Security.getProvider(PROVIDER));

        features("installFeature");
        awaitCondition(
                () -> Security.getProviders()[0].getName().equals(PROVIDER),
                DEFAULT_TIMEOUT,
                () -> "providers after feature:install: " + providerNames());
        assertEquals(
                PROVIDER, Signature.getInstance("SHA256withECDSA").getProvider().getName());
        assertBundleActive("io.bootgate.crypto.nativeprovider");

        // Scandium caches Signature instances per thread: the DTLS factory's new threads use the native provider.
        Bundle dtls = assertBundleActive("io.bootgate.dtls");
        dtls.stop();
        dtls.start();
        BootstrapEngine engine = awaitService(BootstrapEngine.class, null, DEFAULT_TIMEOUT);
        awaitCondition(
                () -> engine.state("urn:dev:demo-1").isPresent(),
                DEFAULT_TIMEOUT,
                () -> "demo-1 not known to the engine: " + engine.devices());
        BootstrapOutcome outcome =
                engine.requestBootstrap("urn:dev:demo-1").toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(
                "re-bootstrap of demo-1 with native crypto: " + outcome,
                BootstrapOutcome.Status.SUCCESS,
                outcome.status());
        assertNoBootgateComponentBroken();

        features("uninstallFeature");
        awaitCondition(
                () -> Security.getProvider(PROVIDER) == null,
                DEFAULT_TIMEOUT,
                () -> "providers after feature:uninstall: " + providerNames());
        assertFalse(findBundle("io.bootgate.crypto.nativeprovider").isPresent());
    }

    /** FeaturesService#installFeature / #uninstallFeature(String), by name: the tests have no Karaf features API. */
    private void features(String method) throws Exception {
        ServiceReference<?> reference =
                awaitServiceReference("org.apache.karaf.features.FeaturesService", DEFAULT_TIMEOUT);
        Object service = bundleContext.getService(reference);
        try {
            service.getClass().getMethod(method, String.class).invoke(service, FEATURE);
        } finally {
            bundleContext.ungetService(reference);
        }
    }

    private static String providerNames() {
        return Arrays.toString(
                Arrays.stream(Security.getProviders()).map(p -> p.getName()).toArray());
    }
}
