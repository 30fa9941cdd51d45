package io.bootgate.mode.smartcard.internal;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.FinishResult;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.transport.CoapRequestHandler;
import io.bootgate.engine.internal.ConsistencyChecker;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A bootstrap context for one attempt over a real object store, doing what the engine does for a mode that
 * holds its data itself: one transaction per attempt; {@link #finish()} runs the engine's own Bootstrap-Finish
 * consistency checks ({@link ConsistencyChecker}) and commits only a consistent configuration; {@link #end()}
 * rolls back whatever was not committed. The bootstrap-server side of the context is not part of a smartcard
 * attempt and is refused.
 */
final class StoreBootstrapContext implements BootstrapContext, AutoCloseable {

    private final String endpoint;
    private final Map<String, String> configuration;
    private final StoreTransaction transaction;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<FinishResult> finished = new CompletableFuture<>();
    private final ConsistencyChecker checker;

    StoreBootstrapContext(ObjectStore store, String endpoint, Map<String, String> configuration,
            ScheduledExecutorService scheduler) {
        this.endpoint = endpoint;
        this.configuration = Map.copyOf(configuration);
        this.transaction = store.begin(endpoint);
        this.scheduler = scheduler;
        this.checker = new ConsistencyChecker(store.models());
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public String modeName() {
        return "smartcard";
    }

    @Override
    public Map<String, String> configuration() {
        return configuration;
    }

    @Override
    public StoreTransaction transaction() {
        return transaction;
    }

    @Override
    public Optional<DtlsCredentials> credentials() {
        return Optional.empty();
    }

    @Override
    public Optional<DtlsEndpointFactory> dtls() {
        return Optional.empty();
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public CoapRequestHandler bootstrapInterface() {
        throw new UnsupportedOperationException("a smartcard attempt has no bootstrap server to relay");
    }

    @Override
    public CompletionStage<FinishResult> finished() {
        return finished;
    }

    @Override
    public synchronized FinishResult finish() {
        if (!transaction.isOpen()) {
            return FinishResult.error(io.bootgate.api.model.ResponseCode.BAD_REQUEST, "the attempt already ended");
        }
        List<String> reasons = checker.check(transaction);
        FinishResult result;
        if (reasons.isEmpty()) {
            transaction.commit();
            result = FinishResult.committed();
        } else {
            result = FinishResult.inconsistent(reasons);
        }
        finished.complete(result);
        return result;
    }

    @Override
    public CompletionStage<Void> closed() {
        return closed;
    }

    /** Ends the attempt as the engine does: whatever Finish did not commit is rolled back. */
    void end() {
        transaction.close();
        closed.complete(null);
    }

    @Override
    public void close() {
        end();
    }

}
