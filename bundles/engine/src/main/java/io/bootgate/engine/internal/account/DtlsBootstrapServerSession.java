/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal.account;

import io.bootgate.api.bootstrap.BootstrapServerAccount;
import io.bootgate.api.bootstrap.BootstrapServerSession;
import io.bootgate.api.bootstrap.BootstrapServerSessionException;
import io.bootgate.api.bootstrap.InvalidBootstrapAccountException;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS session one bootstrap attempt of one device opens to the device's bootstrap server, made over the
 * DTLS bundle from the Bootstrap-Server account: its URI and Security Mode, the device's credentials (the
 * configured ones, else those stored in the account) and the account's trust in the server. Closed exactly
 * once, after the finish linger.
 * <p>
 * Keeping this in the engine keeps every mode's refusals, failure messages and session lifetime the same.
 */
public final class DtlsBootstrapServerSession implements BootstrapServerSession {

    private static final Logger LOG = LoggerFactory.getLogger(DtlsBootstrapServerSession.class);

    private static final String POLICY_REFUSAL = "refused by the Bootstrap-interface security policy: ";

    private final BootstrapServerAccount account;
    private final SecureClientEndpoint endpoint;
    private final Duration finishLinger;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DtlsBootstrapServerSession(
            BootstrapServerAccount account,
            SecureClientEndpoint endpoint,
            Duration finishLinger,
            ScheduledExecutorService scheduler) {
        this.account = account;
        this.endpoint = endpoint;
        this.finishLinger = finishLinger;
        this.scheduler = scheduler;
    }

    /**
     * Makes the DTLS client endpoint to the account's server, with the account's credentials and trust.
     *
     * @param dtls the DTLS bundle's factory, empty when that bundle is not active
     * @param configured the device's configured credentials, which win over those stored in the account
     * @param settings the mode's own settings (request handler, timeouts)
     * @param finishLinger how long the session outlives {@link #close()}
     * @param scheduler where the delayed close runs
     * @throws BootstrapServerSessionException when no endpoint can be made, saying why
     */
    public static DtlsBootstrapServerSession open(
            BootstrapServerAccount account,
            Optional<DtlsEndpointFactory> dtls,
            Optional<DtlsCredentials> configured,
            UnaryOperator<ClientEndpointConfig.Builder> settings,
            Duration finishLinger,
            ScheduledExecutorService scheduler)
            throws BootstrapServerSessionException {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(finishLinger, "finishLinger");
        String device = account.endpoint();
        if (dtls.isEmpty()) {
            throw new BootstrapServerSessionException("device " + device
                    + ": no DTLS endpoint factory is available (is bundle io.bootgate.dtls active?)");
        }
        DtlsCredentials credentials;
        try {
            credentials = DeviceBootstrapServerAccount.credentials(account, configured);
        } catch (InvalidBootstrapAccountException e) {
            throw new BootstrapServerSessionException(e.getMessage());
        }
        ClientEndpointConfig config = settings.apply(DeviceBootstrapServerAccount.clientEndpoint(account, credentials))
                .build();
        SecureClientEndpoint endpoint;
        try {
            endpoint = dtls.get().createBootstrapClient(config);
        } catch (SecurityPolicyException e) {
            throw new BootstrapServerSessionException(
                    "device " + device + ": bootstrap server " + account.uri() + " " + POLICY_REFUSAL + e.getMessage());
        } catch (RuntimeException e) {
            throw new BootstrapServerSessionException(
                    "device " + device + ": cannot create a DTLS client endpoint for " + account.uri(), e);
        }
        return new DtlsBootstrapServerSession(
                account, endpoint, finishLinger.isNegative() ? Duration.ZERO : finishLinger, scheduler);
    }

    @Override
    public BootstrapServerAccount account() {
        return account;
    }

    @Override
    public CompletionStage<PeerIdentity> connect() {
        return endpoint.connect();
    }

    @Override
    public CompletionStage<CoapResponse> send(CoapRequest request) {
        try {
            return endpoint.send(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (!finishLinger.isZero()) {
            try {
                scheduler.schedule(this::closeNow, finishLinger.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException e) {
                LOG.debug("device {}: scheduler stopped, closing the DTLS session at once", account.endpoint(), e);
            }
        }
        closeNow();
    }

    private void closeNow() {
        if (closed.compareAndSet(false, true)) {
            endpoint.close();
        }
    }
}
