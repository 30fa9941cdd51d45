/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.X509Trust;
import io.bootgate.api.transport.PeerIdentity;
import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A device's Bootstrap-Server account, resolved by the engine and checked against the Bootstrap-interface
 * security policy: the server URI, the Security Mode (Raw Public Key or Certificate only), the trust in the
 * server, the device's own credentials when the Security instance holds them, and the account's timers.
 * Immutable.
 * <p>
 * <b>Where it comes from.</b> The device's Security object first: the instance whose Bootstrap-Server
 * resource (/0/x/1) is true is the account, as the LwM2M client uses it, and a bootstrap server may rewrite
 * it. Only a device without such an instance is configured by its mode properties
 * ({@link ModeProperties#SERVER_URI} and the other {@code SERVER_*} keys). Two properties complete a stored
 * X.509 account, because the Security object cannot carry them: {@link ModeProperties#SERVER_TRUST_ANCHORS}
 * and {@link ModeProperties#SERVER_NAME}.
 *
 * @see BootstrapContext#bootstrapServerAccount()
 * @since 2.0
 */
@ProviderType
public interface BootstrapServerAccount {

    /** The device's endpoint name. */
    String endpoint();

    /** The bootstrap server URI ({@code coaps://...}). */
    URI uri();

    /** {@link SecurityMode#RAW_PUBLIC_KEY} or {@link SecurityMode#CERTIFICATE}: the policy allows no other. */
    SecurityMode securityMode();

    /** The Security instance the account was read from; empty when it came from the mode properties. */
    OptionalInt securityInstance();

    /** Where the account came from, for logs: {@code /0/1} or {@code mode properties}. */
    default String source() {
        return securityInstance().isPresent() ? "/0/" + securityInstance().getAsInt() : "mode properties";
    }

    /** The Client Hold Off Time (/0/x/11), when the Security instance has one. */
    Optional<Duration> clientHoldOffTime();

    /** The Bootstrap-Server Account Timeout (/0/x/12), when the Security instance has a positive one. */
    Optional<Duration> accountTimeout();

    /** Raw Public Key mode: the server's key (/0/x/4). */
    Optional<PublicKey> serverPublicKey();

    /** Certificate mode: how the server's chain is validated. */
    Optional<X509Trust> x509Trust();

    /** The device's credentials held in the Security instance (/0/x/3 with /0/x/5), if both are there. */
    Optional<DtlsCredentials> storedCredentials();

    /**
     * Whether an authenticated DTLS peer is this bootstrap server: in Raw Public Key mode its key is the Server
     * Public Key; in Certificate mode its end-entity certificate is the one of /0/x/4 (Certificate Usage 1 and
     * 3, which pin it), or (usage 0 and 2, where /0/x/4 is a CA) its certificate names the server (the expected
     * server name or the URI host, as subject CN or subject alternative name).
     */
    boolean isServer(PeerIdentity peer);

    /** The server identity this account expects, for logs. */
    String describeServer();
}
