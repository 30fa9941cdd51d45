/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bsserver.BootstrapServer;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class BootstrapServerHealthCheckTest {

    /** The API interface reduced to what the check reads: address and sessions. */
    private static final class ListeningServer implements BootstrapServer {
        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 5684);
        }

        @Override
        public PublicKey publicKey() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpoint, InetSocketAddress address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpoint) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> activeSessions() {
            return Set.of("dev1", "dev2");
        }

        @Override
        public boolean cancel(String endpoint) {
            return false;
        }
    }

    @Test
    void aRegisteredServerIsOkAndNamesItsAddressAndSessions() {
        Result result = new BootstrapServerHealthCheck(new ListeningServer()).execute();

        assertThat(result.getStatus()).isEqualTo(Result.Status.OK);
        assertThat(ResultText.of(result))
                .contains("listening on /127.0.0.1:5684")
                .contains("2 session(s)");
    }

    @Test
    void noServerServiceIsCritical() {
        Result result = new BootstrapServerHealthCheck(null).execute();

        assertThat(result.getStatus()).isEqualTo(Result.Status.CRITICAL);
        assertThat(ResultText.of(result)).contains("no bootstrap server is listening");
    }
}
