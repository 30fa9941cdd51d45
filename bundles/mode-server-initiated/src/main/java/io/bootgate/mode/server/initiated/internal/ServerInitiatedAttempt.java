package io.bootgate.mode.server.initiated.internal;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.FinishResult;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.mode.client.initiated.account.BootstrapServerAccount;
import io.bootgate.mode.client.initiated.account.InvalidBootstrapAccountException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LwM2M 1.0 server-initiated bootstrap of one device: a DTLS server endpoint on the device's address
 * accepts the Bootstrap-Write / Delete / Finish its bootstrap server pushes, during the hold-off window.
 * <p>
 * <b>Only the configured bootstrap server.</b> The handshake authenticates every peer (the key or chain must
 * be proven), but only a peer whose identity is the device's bootstrap server (its Server Public Key, or its
 * pinned certificate / server name in Certificate mode) is served; any other gets 4.01 and a log line naming
 * the device and the identity. In Raw Public Key mode the handshake therefore accepts any key, so that a
 * wrong server is seen and logged rather than failing silently in the handshake.
 * <p>
 * <b>The window.</b> The bootstrap server must start pushing within the Client Hold Off Time of the
 * Bootstrap-Server account (/0/x/11; else the {@value #WINDOW_PROPERTY} property or the configured default).
 * When it elapses without any push the attempt fails. A session that started inside the window runs to its
 * Finish under the engine's EXCHANGE_LIFETIME rule, so that a slow but legitimate bootstrap is not cut off
 * half-way.
 */
final class ServerInitiatedAttempt {

    /** Mode property: the address the device is reached at, {@code host:port} (IPv6 as {@code [::1]:port}). */
    static final String LISTEN_PROPERTY = "listen.address";
    /** Mode property: the window in seconds, overriding the Client Hold Off Time. */
    static final String WINDOW_PROPERTY = "window.seconds";

    private static final Logger LOG = LoggerFactory.getLogger(ServerInitiatedAttempt.class);

    private final BootstrapContext context;
    private final Duration defaultWindow;
    private final Duration finishLinger;
    private final String device;
    private final CompletableFuture<BootstrapOutcome> outcome = new CompletableFuture<>();
    private final AtomicBoolean pushed = new AtomicBoolean();
    private final AtomicBoolean endpointClosed = new AtomicBoolean();
    private volatile BootstrapServerAccount account;
    private volatile SecureServerEndpoint endpoint;
    private volatile ScheduledFuture<?> windowTimer;

    ServerInitiatedAttempt(BootstrapContext context, Duration defaultWindow, Duration finishLinger) {
        this.context = context;
        this.defaultWindow = defaultWindow;
        this.finishLinger = finishLinger;
        this.device = context.endpoint();
    }

    CompletionStage<BootstrapOutcome> start() {
        Optional<BootstrapServerAccount> resolved;
        try {
            resolved = BootstrapServerAccount.resolve(context.transaction(), context.configuration());
        } catch (InvalidBootstrapAccountException e) {
            return fail((e.isPolicyViolation() ? "refused by the Bootstrap-interface security policy: " : "")
                    + e.getMessage());
        }
        if (resolved.isEmpty()) {
            String reason = "device " + device + " has no Bootstrap-Server account and no "
                    + BootstrapServerAccount.URI_PROPERTY + " mode property: no bootstrap server could push to it";
            LOG.info("{}", reason);
            return CompletableFuture.completedFuture(BootstrapOutcome.notApplicable(reason));
        }
        account = resolved.get();
        InetSocketAddress listen;
        Duration window;
        try {
            listen = listenAddress();
            window = window();
        } catch (IllegalArgumentException e) {
            return fail("device " + device + ": " + e.getMessage());
        }
        Optional<DtlsEndpointFactory> dtls = context.dtls();
        if (dtls.isEmpty()) {
            return fail("device " + device + ": no DTLS endpoint factory is available (is bundle io.bootgate.dtls"
                    + " active?)");
        }
        DtlsCredentials credentials;
        try {
            credentials = account.credentials(context.credentials());
        } catch (InvalidBootstrapAccountException e) {
            return fail(e.getMessage());
        }
        ServerEndpointConfig.Builder config = ServerEndpointConfig.builder(listen).credentials(credentials)
                .handler(this::gate)
                // A push carries no endpoint name; a Bootstrap-Request (with ep) has no business here.
                .identityVerifier((endpointName, peer) -> false);
        if (account.securityMode() == SecurityMode.RAW_PUBLIC_KEY) {
            config.rpkTrust(peerKey -> true);
        } else {
            config.x509Trust(account.x509Trust().orElseThrow());
        }
        SecureServerEndpoint created = null;
        try {
            created = dtls.get().createBootstrapServer(config.build());
            created.start();
        } catch (SecurityPolicyException e) {
            return fail("device " + device + ": DTLS server endpoint refused by the Bootstrap-interface security"
                    + " policy: " + e.getMessage());
        } catch (TransportException | RuntimeException e) {
            if (created != null) {
                created.close();
            }
            String reason = e instanceof TransportException t ? t.reason() + ": " + t.getMessage() : e.toString();
            return fail("device " + device + ": cannot listen for bootstrap pushes on " + listen + ": " + reason);
        }
        endpoint = created;
        context.finished().whenCompleteAsync(this::onFinished, context.scheduler());
        context.closed().whenComplete((done, error) -> onClosed());
        outcome.whenComplete((result, error) -> {
            ScheduledFuture<?> timer = windowTimer;
            if (timer != null) {
                timer.cancel(false);
            }
            closeEndpoint();
        });
        try {
            windowTimer = context.scheduler().schedule(() -> windowElapsed(window), window.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return fail("device " + device + ": the engine's scheduler refused the window timer");
        }
        LOG.info("device {}: waiting {} s on {} for pushes from bootstrap server {} ({}, account {})", device,
                window.toSeconds(), endpoint.localAddress(), account.uri(), account.describeServer(),
                account.source());
        return outcome;
    }

    private CompletionStage<CoapResponse> gate(PeerIdentity peer, CoapRequest request) {
        if (!account.isServer(peer)) {
            LOG.warn("device {}: refused {} from {}: not the device's bootstrap server ({})", device, request,
                    peer.describe(), account.describeServer());
            return CompletableFuture.completedFuture(CoapResponse.error(ResponseCode.UNAUTHORIZED,
                    "not the bootstrap server of this device"));
        }
        if (outcome.isDone() && !pushed.get()) {
            // The window elapsed without a push: the attempt is over, a late server gets what the engine says.
            LOG.info("device {}: {} from bootstrap server {} after the window closed", device, request,
                    peer.describe());
        }
        if (pushed.compareAndSet(false, true)) {
            LOG.info("device {}: bootstrap server {} started pushing ({})", device, peer.describe(), request);
        }
        return context.bootstrapInterface().handle(peer, request);
    }

    private void windowElapsed(Duration window) {
        if (!pushed.get() && outcome.complete(BootstrapOutcome.failure("device " + device
                + ": no push from bootstrap server " + account.uri() + " within the " + window.toSeconds()
                + " s window"))) {
            LOG.warn("device {}: no push from bootstrap server {} within the {} s window", device, account.uri(),
                    window.toSeconds());
        }
    }

    private void onFinished(FinishResult finish, Throwable error) {
        if (error != null) {
            // The engine ends the Finish stage exceptionally when it ends the attempt (e.g. EXCHANGE_LIFETIME).
            if (outcome.complete(BootstrapOutcome.failure("device " + device + ": no pushed Finish from "
                    + account.uri() + ": " + error.getMessage()))) {
                LOG.warn("device {}: no pushed Finish from {}: {}", device, account.uri(), error.getMessage());
            }
        } else if (finish.isSuccess()) {
            if (outcome.complete(BootstrapOutcome.success())) {
                LOG.info("device {}: bootstrapped by pushes from {}", device, account.uri());
            }
        } else if (outcome.complete(BootstrapOutcome.failure(finish))) {
            LOG.warn("device {}: pushed Bootstrap-Finish answered {}: {}", device, finish.code(), finish.reasons());
        }
    }

    private void onClosed() {
        if (outcome.complete(BootstrapOutcome.failure("device " + device + ": the attempt ended before the bootstrap"
                + " server " + account.uri() + " finished (EXCHANGE_LIFETIME, device removed or engine stopped)"))) {
            LOG.warn("device {}: attempt ended by the engine before a pushed Finish", device);
        }
        closeEndpoint();
    }

    private CompletionStage<BootstrapOutcome> fail(String cause) {
        if (outcome.complete(BootstrapOutcome.failure(cause))) {
            LOG.warn("{}", cause);
        }
        return outcome;
    }

    private InetSocketAddress listenAddress() {
        String text = context.property(LISTEN_PROPERTY).map(String::strip).orElseThrow(
                () -> new IllegalArgumentException("mode property " + LISTEN_PROPERTY
                        + " (host:port the bootstrap server pushes to) is missing"));
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("mode property " + LISTEN_PROPERTY + "='" + text
                    + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mode property " + LISTEN_PROPERTY + "='" + text
                    + "' has no numeric port", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("mode property " + LISTEN_PROPERTY + "='" + text
                    + "': port outside 0..65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("mode property " + LISTEN_PROPERTY + "='" + text
                    + "': host does not resolve");
        }
        return address;
    }

    private Duration window() {
        Optional<String> property = context.property(WINDOW_PROPERTY);
        if (property.isPresent()) {
            try {
                long seconds = Long.parseLong(property.get().strip());
                if (seconds <= 0) {
                    throw new IllegalArgumentException("mode property " + WINDOW_PROPERTY + " must be positive");
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mode property " + WINDOW_PROPERTY + "='" + property.get()
                        + "' is not a number of seconds", e);
            }
        }
        return account.clientHoldOffTime().filter(d -> !d.isZero()).orElse(defaultWindow);
    }

    /** Closes the endpoint once the linger has passed, so that the answer to the last push reaches the server. */
    private void closeEndpoint() {
        SecureServerEndpoint current = endpoint;
        if (current == null || endpointClosed.get()) {
            return;
        }
        if (!finishLinger.isZero()) {
            try {
                context.scheduler().schedule(() -> closeNow(current), finishLinger.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException e) {
                LOG.debug("device {}: scheduler stopped, closing the DTLS endpoint at once", device, e);
            }
        }
        closeNow(current);
    }

    private void closeNow(SecureServerEndpoint current) {
        if (endpointClosed.compareAndSet(false, true)) {
            current.close();
        }
    }
}
