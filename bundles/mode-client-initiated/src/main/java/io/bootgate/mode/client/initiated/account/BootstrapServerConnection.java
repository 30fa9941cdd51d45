package io.bootgate.mode.client.initiated.account;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.TransportException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * The DTLS session one bootstrap attempt of one device opens to the device's bootstrap server, and the outcome
 * of that attempt.
 * <p>
 * The LwM2M client is always the DTLS client (Transport spec), so the client-initiated mode (which then sends
 * its Bootstrap-Request) and the server-initiated mode (which then waits for the server's pushes) reach the
 * server the same way: the Bootstrap-Server account is resolved and checked against the Bootstrap-interface
 * security policy, a DTLS client endpoint is made from it and connected, and the session is closed exactly once,
 * after the Finish linger, when the attempt ends. Keeping that here keeps the two modes' refusals, failure
 * messages and session lifetime the same.
 * <p>
 * Failures are logged through the mode's own logger, so that an operator's log configuration for a mode keeps
 * covering everything its attempts say. Not thread-safe for setup ({@link #resolveAccount()},
 * {@link #createEndpoint}, {@link #connect}, called in that order by one thread); completion and closing may
 * then happen from any thread.
 */
public final class BootstrapServerConnection {

    private final KeyCodec keys;
    private static final String POLICY_REFUSAL = "refused by the Bootstrap-interface security policy: ";

    private final BootstrapContext context;
    private final Duration finishLinger;
    private final Logger log;
    private final String device;
    private final CompletableFuture<BootstrapOutcome> outcome = new CompletableFuture<>();
    private final AtomicBoolean endpointClosed = new AtomicBoolean();
    private volatile BootstrapServerAccount account;
    private volatile SecureClientEndpoint endpoint;

    /**
     * @param context the attempt's context: the device, its transaction, configuration, credentials, DTLS factory
     *        and scheduler
     * @param keys the key service, to read the account's keys and certificates
     * @param finishLinger how long the session stays open once the attempt ended, so that the answer to the
     *        Finish reaches the server and a retransmitted Finish is answered from the transport's deduplication
     *        cache; zero closes at once
     * @param log the mode's logger, which says why an attempt failed
     */
    public BootstrapServerConnection(BootstrapContext context, KeyCodec keys, Duration finishLinger, Logger log) {
        this.context = Objects.requireNonNull(context, "context");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.finishLinger = Objects.requireNonNull(finishLinger, "finishLinger");
        this.log = Objects.requireNonNull(log, "log");
        this.device = context.endpoint();
    }

    /**
     * Finds the device's Bootstrap-Server account in the attempt's transaction, else in its mode properties.
     *
     * @return the account, or empty when the device has none (the mode does not apply)
     * @throws InvalidBootstrapAccountException when the account is unusable or refused by the security policy;
     *         {@link #refuse} turns it into the attempt's failure
     */
    public Optional<BootstrapServerAccount> resolveAccount() throws InvalidBootstrapAccountException {
        Optional<BootstrapServerAccount> resolved = BootstrapServerAccount.resolve(context.transaction(),
                context.configuration(), keys);
        resolved.ifPresent(found -> account = found);
        return resolved;
    }

    /** Fails the attempt because its account was refused, saying so when the security policy refused it. */
    public CompletionStage<BootstrapOutcome> refuse(InvalidBootstrapAccountException e) {
        return fail((e.isPolicyViolation() ? POLICY_REFUSAL : "") + e.getMessage(), null);
    }

    /** The resolved account; {@code null} before {@link #resolveAccount()} found one. */
    public BootstrapServerAccount account() {
        return account;
    }

    /**
     * Makes the DTLS client endpoint to the account's server, with the account's credentials and trust.
     *
     * @param settings the mode's own settings (request handler, timeouts) added to the account's endpoint
     *        configuration
     * @return whether the endpoint was made; when not, the attempt has failed, saying why
     */
    public boolean createEndpoint(UnaryOperator<ClientEndpointConfig.Builder> settings) {
        Optional<DtlsEndpointFactory> dtls = context.dtls();
        if (dtls.isEmpty()) {
            fail("device " + device + ": no DTLS endpoint factory is available (is bundle io.bootgate.dtls"
                    + " active?)", null);
            return false;
        }
        DtlsCredentials credentials;
        try {
            credentials = account.credentials(context.credentials());
        } catch (InvalidBootstrapAccountException e) {
            fail(e.getMessage(), null);
            return false;
        }
        ClientEndpointConfig config = settings.apply(account.clientEndpoint(credentials)).build();
        try {
            endpoint = dtls.get().createBootstrapClient(config);
        } catch (SecurityPolicyException e) {
            fail("device " + device + ": bootstrap server " + account.uri() + " " + POLICY_REFUSAL
                    + e.getMessage(), null);
            return false;
        } catch (RuntimeException e) {
            fail("device " + device + ": cannot create a DTLS client endpoint for " + account.uri(), e);
            return false;
        }
        return true;
    }

    /**
     * Starts the DTLS handshake. A failed handshake fails the attempt; a session goes to {@code onSession}. Both
     * run on the engine's scheduler, never on the transport's threads.
     */
    public void connect(Consumer<PeerIdentity> onSession) {
        endpoint.connect().whenCompleteAsync((server, error) -> {
            if (error != null) {
                fail("device " + device + ": DTLS handshake with bootstrap server " + account.uri() + " failed: "
                        + describe(error), error);
            } else {
                onSession.accept(server);
            }
        }, context.scheduler());
    }

    /** Sends a request to the server; a request the endpoint refuses at once gives a failed stage. */
    public CompletionStage<CoapResponse> send(CoapRequest request) {
        try {
            return endpoint.send(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The attempt's outcome, completed once by {@link #complete}, {@link #fail} or {@link #refuse}. */
    public CompletionStage<BootstrapOutcome> outcome() {
        return outcome;
    }

    /** Whether the attempt already has its outcome. */
    public boolean isDone() {
        return outcome.isDone();
    }

    /**
     * Ends the attempt with {@code result}, unless it already ended.
     *
     * @return whether this call ended it (so that only the deciding call logs)
     */
    public boolean complete(BootstrapOutcome result) {
        return outcome.complete(result);
    }

    /**
     * Ends the attempt as a failure, unless it already ended, and logs {@code cause} as a warning. A transport
     * error is part of the cause's text, so only other errors are attached to the outcome.
     */
    public CompletionStage<BootstrapOutcome> fail(String cause, Throwable error) {
        BootstrapOutcome failure = error == null || TransportException.find(error).isPresent()
                ? BootstrapOutcome.failure(cause)
                : BootstrapOutcome.failure(cause, error);
        if (outcome.complete(failure)) {
            log.warn("{}", cause);
        }
        return outcome;
    }

    /**
     * Closes the DTLS session once the Finish linger has passed, so that the answer to the Finish (2.04 or 4.06)
     * reaches the server and a retransmitted Finish is answered from the transport's deduplication cache. Closes
     * at most once, however often it is called; does nothing before an endpoint was made.
     */
    public void closeEndpoint() {
        SecureClientEndpoint current = endpoint;
        if (current == null || endpointClosed.get()) {
            return;
        }
        if (!finishLinger.isZero()) {
            try {
                context.scheduler().schedule(() -> closeNow(current), finishLinger.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException e) {
                log.debug("device {}: scheduler stopped, closing the DTLS session at once", device, e);
            }
        }
        closeNow(current);
    }

    private void closeNow(SecureClientEndpoint current) {
        if (endpointClosed.compareAndSet(false, true)) {
            current.close();
        }
    }

    /** A failure as a log line or outcome detail: the transport's reason when it has one, else the error's type. */
    public static String describe(Throwable error) {
        return TransportException.find(error).map(e -> e.reason() + ": " + e.getMessage())
                .orElseGet(() -> error.getClass().getSimpleName() + ": " + error.getMessage());
    }
}
