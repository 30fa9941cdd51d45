/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.transport.CoapRequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link BootstrapMode} gets for one attempt on one device. Provided by the engine; valid for the
 * attempt only.
 * <p>
 * There are two ways to deliver the bootstrap information, and both end in the same consistency checks:
 * <ul>
 * <li>Modes that relay a bootstrap server (client- and server-initiated) hand every request the server sends
 * to {@link #bootstrapInterface()} and send back its answer. The engine implements the client side of the
 * Bootstrap interface against {@link #tree()}: Discover, Read ({@code /1} and {@code /2} only),
 * Delete (never the Bootstrap-Server account nor {@code /3/0}), Write (object, instance or resource) and
 * Finish (2.04, or 4.06 with the reasons). {@link #finished()} tells the mode when a Finish was answered.</li>
 * <li>Modes that hold the data themselves (factory, smartcard) write {@link #tree()} and call
 * {@link #finish()}.</li>
 * </ul>
 * A consistent Finish commits the attempt's tree; nothing else does, and a mode cannot (its
 * {@link AttemptTree} has no commit). An inconsistent Finish leaves the tree open so that a bootstrap server
 * may correct the data and finish again; the engine rolls it back when the attempt ends without a commit.
 * <p>
 * Modes that talk to the device's bootstrap server get its account from {@link #bootstrapServerAccount()}
 * and a DTLS session to it from {@link #openBootstrapServerSession}, so that every mode reads the account and
 * reaches the server the same way.
 */
@ProviderType
public interface BootstrapContext {

    /** The device's LwM2M client endpoint name. */
    String endpoint();

    /** The name of the mode this attempt runs. */
    String modeName();

    /**
     * The mode-specific configuration of this device (from the device's configuration, keys as the mode
     * documents them); empty when none is configured.
     */
    Map<String, String> configuration();

    /** One value of {@link #configuration()}. */
    default Optional<String> property(String key) {
        return Optional.ofNullable(configuration().get(key));
    }

    /**
     * The attempt's view of the device's object tree, to read and write. It already holds the device's
     * committed state (including its Bootstrap-Server account, if any). Only a consistent Finish commits it.
     *
     * @since 2.0
     */
    AttemptTree tree();

    /**
     * The object models of the device's object store, which its writes are checked against: a mode that
     * decodes bootstrap data itself (TLV from a smartcard, a Bootstrap-Pack) types it by these, so what it
     * decodes is what the store accepts.
     *
     * @since 1.1
     */
    ObjectModelRegistry models();

    /** The device's own credentials for the Bootstrap interface, if configured. */
    Optional<DtlsCredentials> credentials();

    /** Creates DTLS endpoints of the Bootstrap interface; empty when no DTLS bundle is active. */
    Optional<DtlsEndpointFactory> dtls();

    /**
     * The engine's timers, for the mode's timeouts and continuations. Bounded and shared by all devices: never
     * block on it.
     *
     * @since 2.0
     */
    BootstrapTimer timer();

    /**
     * The device's Bootstrap-Server account: its Security instance with Bootstrap-Server = true in
     * {@link #tree()}, else the mode properties ({@link ModeProperties#SERVER_URI} and the other
     * {@code SERVER_*} keys of {@link #configuration()}).
     *
     * @return empty when the device has neither a Bootstrap-Server account nor a {@link ModeProperties#SERVER_URI}
     * @throws InvalidBootstrapAccountException when the account is incomplete, unreadable, ambiguous or refused by
     *             the Bootstrap-interface security policy
     * @since 2.0
     */
    Optional<BootstrapServerAccount> bootstrapServerAccount() throws InvalidBootstrapAccountException;

    /**
     * Opens a DTLS client session to the account's bootstrap server through the DTLS bundle, with the device's
     * credentials (the configured ones, {@link #credentials()}, else those stored in the account) and the
     * account's trust in the server. Not connected yet: call {@link BootstrapServerSession#connect()}. The
     * engine closes it when the attempt ends, at the latest.
     *
     * @param account the account from {@link #bootstrapServerAccount()}
     * @param settings the mode's own endpoint settings (request handler, timeouts), added to the endpoint
     *            configuration made from the account
     * @param finishLinger how long the session stays open after {@link BootstrapServerSession#close()}, so that
     *            the answer to a Finish reaches the server; zero closes at once
     * @throws BootstrapServerSessionException when no session can be made; the message says why
     * @since 2.0
     */
    BootstrapServerSession openBootstrapServerSession(
            BootstrapServerAccount account, UnaryOperator<ClientEndpointConfig.Builder> settings, Duration finishLinger)
            throws BootstrapServerSessionException;

    /** The engine's clock; use it for every time stamp and deadline so that tests can drive time. */
    Clock clock();

    /**
     * The client side of the LwM2M Bootstrap interface, served against {@link #tree()}. The
     * {@code peer} given to it is the bootstrap server's DTLS identity; the engine only logs it ({@code null}
     * is accepted for a request that did not come over DTLS). Every request
     * also restarts the session's EXCHANGE_LIFETIME timer (no Finish within that time of the last request
     * fails the attempt). Requests after the attempt ended are answered 4.00 (5.03 after engine shutdown).
     */
    CoapRequestHandler bootstrapInterface();

    /**
     * Completes with the answer to the first Bootstrap-Finish: 2.04 (committed) or 4.06 with the reasons.
     * A bootstrap server may retry after a 4.06; the stage reports the first answer only, later answers are
     * seen in the responses of {@link #bootstrapInterface()}. Completes exceptionally when the attempt ends
     * without any Finish.
     */
    CompletionStage<FinishResult> finished();

    /**
     * Finishes the bootstrap directly: runs the consistency checks on {@link #tree()} and commits it
     * when they pass. Thread safe; a second call after a commit answers 4.00.
     *
     * @return 2.04 committed, 4.06 with the reasons (the tree stays open), or another error
     */
    FinishResult finish();

    /**
     * Completes when the engine ends the attempt (after the mode's outcome, on EXCHANGE_LIFETIME timeout,
     * device removal or engine shutdown). A mode closes its network resources then.
     */
    CompletionStage<Void> closed();
}
