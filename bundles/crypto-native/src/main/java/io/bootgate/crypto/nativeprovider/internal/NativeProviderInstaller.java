/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.crypto.nativeprovider.internal;

import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Installs the restricted native provider first in the JCA list when the native library loaded, and removes it
 * again. When the library did not load, it reports one warning naming the cause and installs nothing: the JDK's
 * providers keep serving.
 */
public final class NativeProviderInstaller {

    /** What loading the native provider gave: the provider when healthy, otherwise the cause. */
    record Loaded(Provider provider, Throwable failure) {}

    private final Supplier<Loaded> loader;
    private final Consumer<String> warn;
    private Provider installed;

    NativeProviderInstaller(Supplier<Loaded> loader, Consumer<String> warn) {
        this.loader = loader;
        this.warn = warn;
    }

    /**
     * An installer loading the Amazon Corretto Crypto Provider; public for plain-Java users on the class path (the
     * benchmarks' {@code --native}), not exported to OSGi.
     */
    public static NativeProviderInstaller forNativeLibrary(Consumer<String> warn) {
        return new NativeProviderInstaller(AccpLoader::load, warn);
    }

    /** Returns the installed provider, or empty when the native library is not usable. */
    public synchronized Optional<Provider> install() {
        if (installed != null) {
            return Optional.of(installed);
        }
        Loaded loaded;
        try {
            loaded = loader.get();
        } catch (LinkageError | RuntimeException e) {
            loaded = new Loaded(null, e);
        }
        if (loaded.provider() == null) {
            warn.accept(
                    "Native crypto not installed, the JDK provider stays in use: the Amazon Corretto Crypto Provider did not"
                            + " load: "
                            + loaded.failure());
            return Optional.empty();
        }
        Provider restricted = new RestrictedNativeProvider(loaded.provider());
        Security.removeProvider(restricted.getName());
        Security.insertProviderAt(restricted, 1);
        installed = restricted;
        return Optional.of(restricted);
    }

    public synchronized void uninstall() {
        if (installed != null) {
            Security.removeProvider(installed.getName());
            installed = null;
        }
    }
}
