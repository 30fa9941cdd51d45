/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapOperation;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapSessionHistory;
import io.bootgate.api.bsserver.BootstrapSessionRecord;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.bsserver.SessionTrigger;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.bootstrap.server.internal.SessionHistoryComponent;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session history fed by real sessions against the simulated client, and its bounds. */
class SessionHistoryTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimulatedClient client = new SimulatedClient();
    private final SessionHistoryComponent history = new SessionHistoryComponent(3);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private BootstrapSession session(long id, BootstrapConfig config) {
        return new BootstrapSession(
                id,
                config,
                ContentFormat.TLV,
                SessionTrigger.BOOTSTRAP_REQUEST,
                new InetSocketAddress("127.0.0.1", 5683),
                client,
                history::onEvent,
                scheduler,
                Duration.ofSeconds(5),
                Clock.systemUTC());
    }

    @Test
    void aLiveSessionShowsItsStepsSoFarThenMovesToRecentWithItsOutcome() throws Exception {
        client.hold(op -> op instanceof DeviceOperation.Finish);
        BootstrapSession session = session(
                7,
                BootstrapSessionTest.config()
                        .server(BootstrapSessionTest.account(101))
                        .build());
        session.start();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !history.live().isEmpty()
                        && history.live().get(0).steps().stream()
                                .anyMatch(s -> s.operation() == BootstrapOperation.WRITE));
        BootstrapSessionRecord running = history.live().get(0);
        assertThat(running.live()).isTrue();
        assertThat(running.endpoint()).isEqualTo("dev1");
        assertThat(running.sessionId()).isEqualTo(7);
        assertThat(running.started())
                .get()
                .extracting(BootstrapSessionEvent.Started::trigger)
                .isEqualTo(SessionTrigger.BOOTSTRAP_REQUEST);
        assertThat(history.recent()).isEmpty();

        session.cancel("test");
        session.completion().get(5, TimeUnit.SECONDS);

        assertThat(history.live()).isEmpty();
        BootstrapSessionRecord ended = history.recent().get(0);
        assertThat(ended.live()).isFalse();
        assertThat(ended.ended())
                .get()
                .extracting(BootstrapSessionEvent.Ended::outcome)
                .isEqualTo(SessionOutcome.CANCELLED);
        assertThat(ended.steps())
                .extracting(BootstrapSessionEvent.Step::operation)
                .contains(BootstrapOperation.DELETE, BootstrapOperation.WRITE)
                .doesNotContain(BootstrapOperation.FINISH);
    }

    @Test
    void aCompletedSessionIsRecentWithFinish() throws Exception {
        BootstrapSession session = session(
                1,
                BootstrapSessionTest.config()
                        .server(BootstrapSessionTest.account(101))
                        .build());
        session.start();
        session.completion().get(5, TimeUnit.SECONDS);

        BootstrapSessionRecord ended = history.recent().get(0);
        assertThat(ended.ended())
                .get()
                .extracting(BootstrapSessionEvent.Ended::outcome)
                .isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(ended.steps())
                .last()
                .extracting(BootstrapSessionEvent.Step::operation)
                .isEqualTo(BootstrapOperation.FINISH);
    }

    @Test
    void keepsOnlyTheNewestEndedSessionsNewestFirst() {
        for (long id = 1; id <= 5; id++) {
            history.onEvent(ended("dev" + id, id));
        }
        assertThat(history.capacity()).isEqualTo(3);
        assertThat(history.recent())
                .extracting(BootstrapSessionRecord::sessionId)
                .containsExactly(5L, 4L, 3L);
    }

    @Test
    void keepsAtMostMaxStepsOfOneSessionAndCountsTheRest() {
        history.onEvent(new BootstrapSessionEvent.Started(
                "big",
                1,
                Instant.now(),
                SessionTrigger.BOOTSTRAP_REQUEST,
                new InetSocketAddress("127.0.0.1", 1),
                ContentFormat.TLV));
        for (int i = 0; i < BootstrapSessionHistory.MAX_STEPS + 5; i++) {
            history.onEvent(new BootstrapSessionEvent.Step(
                    "big",
                    1,
                    Instant.now(),
                    BootstrapOperation.WRITE,
                    LwM2mPath.of(3303, i),
                    ResponseCode.CHANGED,
                    Optional.empty(),
                    Optional.empty()));
        }
        BootstrapSessionRecord live = history.live().get(0);
        assertThat(live.steps()).hasSize(BootstrapSessionHistory.MAX_STEPS);
        assertThat(live.droppedSteps()).isEqualTo(5);
    }

    @Test
    void sameIdOfTwoEndpointsAreTwoSessions() {
        history.onEvent(new BootstrapSessionEvent.Started(
                "a",
                1,
                Instant.now(),
                SessionTrigger.BOOTSTRAP_REQUEST,
                new InetSocketAddress("127.0.0.1", 1),
                ContentFormat.TLV));
        history.onEvent(ended("b", 1));
        assertThat(history.live()).extracting(BootstrapSessionRecord::endpoint).containsExactly("a");
        assertThat(history.recent())
                .extracting(BootstrapSessionRecord::endpoint)
                .containsExactly("b");
        assertThat(history.recent().get(0).started()).isEmpty();
    }

    private static BootstrapSessionEvent.Ended ended(String endpoint, long id) {
        return new BootstrapSessionEvent.Ended(endpoint, id, Instant.now(), SessionOutcome.SUCCEEDED, "done");
    }
}
