package io.bootgate.api.bootstrap;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.transport.CoapRequestHandler;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link BootstrapMode} gets for one attempt on one device. Provided by the engine; valid for the
 * attempt only.
 * <p>
 * There are two ways to deliver the bootstrap information, and both end in the same consistency checks:
 * <ul>
 * <li>Modes that relay a bootstrap server (client- and server-initiated) hand every request the server sends
 * to {@link #bootstrapInterface()} and send back its answer. The engine implements the client side of the
 * Bootstrap interface against {@link #transaction()}: Discover, Read ({@code /1} and {@code /2} only),
 * Delete (never the Bootstrap-Server account nor {@code /3/0}), Write (object, instance or resource) and
 * Finish (2.04, or 4.06 with the reasons). {@link #finished()} tells the mode when a Finish was answered.</li>
 * <li>Modes that hold the data themselves (factory, smartcard) write {@link #transaction()} and call
 * {@link #finish()}.</li>
 * </ul>
 * A consistent Finish commits the transaction; nothing else does. An inconsistent Finish leaves the
 * transaction open so that a bootstrap server may correct the data and finish again; the engine rolls it
 * back when the attempt ends without a commit.
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
     * The attempt's transaction on the device's object store. It already holds the device's committed
     * state (including its Bootstrap-Server account, if any). Do not commit, roll back or close it: the
     * engine does, so that only a consistent configuration is ever committed.
     */
    StoreTransaction transaction();

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
     * The engine's shared scheduler, for the mode's timers and continuations. Bounded and shared by all
     * devices: never block on it.
     */
    ScheduledExecutorService scheduler();

    /** The engine's clock; use it for every time stamp and deadline so that tests can drive time. */
    Clock clock();

    /**
     * The client side of the LwM2M Bootstrap interface, served against {@link #transaction()}. The
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
     * Finishes the bootstrap directly: runs the consistency checks on {@link #transaction()} and commits it
     * when they pass. Thread safe; a second call after a commit answers 4.00.
     *
     * @return 2.04 committed, 4.06 with the reasons (the transaction stays open), or another error
     */
    FinishResult finish();

    /**
     * Completes when the engine ends the attempt (after the mode's outcome, on EXCHANGE_LIFETIME timeout,
     * device removal or engine shutdown). A mode closes its network resources then.
     */
    CompletionStage<Void> closed();
}
