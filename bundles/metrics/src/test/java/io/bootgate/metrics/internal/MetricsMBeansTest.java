/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.bsserver.SessionTrigger;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.registration.RegistrationEvent;
import io.bootgate.api.registration.RegistrationState;
import io.bootgate.api.security.HandshakeStatistics;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Every MXBean read as an operator's JMX client reads it: attributes through an MBeanServer. */
class MetricsMBeansTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A server of its own per test (not kept by the factory), so that no test sees another's registrations. */
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();

    private Object attribute(ObjectName name, String attribute) throws Exception {
        return server.getAttribute(name, attribute);
    }

    private static BootstrapEvent attempt(
            String endpoint, BootstrapEvent.Type type, Instant time, String mode, BootstrapOutcome outcome) {
        return new BootstrapEvent(
                endpoint, type, time, Optional.of(mode), Optional.ofNullable(outcome), Optional.empty());
    }

    @Test
    void bootstrapAttemptsAreCountedInTotalAndPerModeWithTheirDuration() throws Exception {
        BootstrapMetrics metrics = new BootstrapMetrics(new MBeans(server));

        metrics.onEvent(attempt("dev1", BootstrapEvent.Type.ATTEMPT_STARTED, T0, "factory", null));
        metrics.onEvent(attempt(
                "dev1",
                BootstrapEvent.Type.ATTEMPT_ENDED,
                T0.plusMillis(40),
                "factory",
                BootstrapOutcome.failure("no factory bootstrap in the store")));
        metrics.onEvent(
                attempt("dev1", BootstrapEvent.Type.ATTEMPT_STARTED, T0.plusMillis(50), "client-initiated", null));
        metrics.onEvent(attempt(
                "dev1",
                BootstrapEvent.Type.ATTEMPT_ENDED,
                T0.plusMillis(350),
                "client-initiated",
                BootstrapOutcome.success()));
        metrics.onEvent(attempt("dev2", BootstrapEvent.Type.ATTEMPT_STARTED, T0, "factory", null));

        ObjectName total = MBeans.name("type=Bootstraps");
        assertThat(attribute(total, "Started")).isEqualTo(3L);
        assertThat(attribute(total, "Succeeded")).isEqualTo(1L);
        assertThat(attribute(total, "Failed")).isEqualTo(1L);
        assertThat(attribute(total, "InProgress")).isEqualTo(1L);
        assertThat(attribute(total, "MeanSuccessDurationMillis")).isEqualTo(300.0);

        ObjectName factory = MBeans.name("type=Bootstraps,mode=factory");
        assertThat(attribute(factory, "Started")).isEqualTo(2L);
        assertThat(attribute(factory, "Failed")).isEqualTo(1L);
        assertThat(attribute(factory, "LastDurationMillis")).isEqualTo(40L);
        ObjectName clientInitiated = MBeans.name("type=Bootstraps,mode=client-initiated");
        assertThat(attribute(clientInitiated, "Succeeded")).isEqualTo(1L);
        assertThat(attribute(clientInitiated, "Failed")).isEqualTo(0L);

        metrics.deactivate();
        assertThat(server.isRegistered(total)).isFalse();
        assertThat(server.isRegistered(factory)).isFalse();
        assertThat(server.isRegistered(clientInitiated)).isFalse();
    }

    @Test
    void aModeNameWithObjectNameSyntaxIsQuoted() throws Exception {
        BootstrapMetrics metrics = new BootstrapMetrics(new MBeans(server));

        metrics.onEvent(attempt("dev1", BootstrapEvent.Type.ATTEMPT_STARTED, T0, "a,b=c", null));

        assertThat(attribute(BootstrapMetrics.modeName("a,b=c"), "Started")).isEqualTo(1L);
        assertThat(BootstrapMetrics.modeName("a,b=c").getKeyProperty("mode")).isEqualTo("\"a,b=c\"");
        metrics.deactivate();
    }

    @Test
    void bootstrapServerSessionsAreCountedByOutcome() throws Exception {
        SessionMetrics metrics = new SessionMetrics(new MBeans(server));
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);

        metrics.onEvent(new BootstrapSessionEvent.Started(
                "dev1", 1, T0, SessionTrigger.BOOTSTRAP_REQUEST, peer, ContentFormat.TEXT));
        metrics.onEvent(new BootstrapSessionEvent.Started(
                "dev2", 2, T0, SessionTrigger.BOOTSTRAP_REQUEST, peer, ContentFormat.TEXT));
        metrics.onEvent(new BootstrapSessionEvent.Started(
                "dev3", 3, T0, SessionTrigger.BOOTSTRAP_REQUEST, peer, ContentFormat.TEXT));
        metrics.onEvent(new BootstrapSessionEvent.Ended("dev1", 1, T0.plusMillis(120), SessionOutcome.SUCCEEDED, "ok"));
        metrics.onEvent(new BootstrapSessionEvent.Ended(
                "dev2", 2, T0.plusSeconds(30), SessionOutcome.TIMED_OUT, "no request for 30 s"));

        assertThat(attribute(SessionMetrics.NAME, "Started")).isEqualTo(3L);
        assertThat(attribute(SessionMetrics.NAME, "Active")).isEqualTo(1L);
        assertThat(attribute(SessionMetrics.NAME, "Succeeded")).isEqualTo(1L);
        assertThat(attribute(SessionMetrics.NAME, "TimedOut")).isEqualTo(1L);
        assertThat(attribute(SessionMetrics.NAME, "Failed")).isEqualTo(0L);
        assertThat(attribute(SessionMetrics.NAME, "LastDurationMillis")).isEqualTo(30_000L);

        metrics.deactivate();
        assertThat(server.isRegistered(SessionMetrics.NAME)).isFalse();
    }

    @Test
    void handshakeCountersAreReadLiveFromTheStatisticsService() throws Exception {
        long[] dropped = {0};
        HandshakeStatistics statistics = new HandshakeStatistics() {
            @Override
            public long serverHandshakesStarted() {
                return 5;
            }

            @Override
            public long serverHandshakesCompleted() {
                return 4;
            }

            @Override
            public long serverHandshakesFailed() {
                return 1;
            }

            @Override
            public long droppedClientHellos() {
                return dropped[0];
            }

            @Override
            public int serverHandshakesRunning() {
                return 0;
            }

            @Override
            public int maxServerHandshakes() {
                return 16;
            }

            @Override
            public long clientSessionsOffered() {
                return 7;
            }

            @Override
            public long clientSessionsResumed() {
                return 6;
            }
        };
        HandshakeMetrics metrics = new HandshakeMetrics(statistics, new MBeans(server));

        assertThat(attribute(HandshakeMetrics.NAME, "ServerHandshakesCompleted"))
                .isEqualTo(4L);
        assertThat(attribute(HandshakeMetrics.NAME, "MaxServerHandshakes")).isEqualTo(16);
        assertThat(attribute(HandshakeMetrics.NAME, "DroppedClientHellos")).isEqualTo(0L);
        assertThat(attribute(HandshakeMetrics.NAME, "ClientSessionsOffered")).isEqualTo(7L);
        assertThat(attribute(HandshakeMetrics.NAME, "ClientSessionsResumed")).isEqualTo(6L);
        dropped[0] = 9;
        assertThat(attribute(HandshakeMetrics.NAME, "DroppedClientHellos")).isEqualTo(9L);

        metrics.deactivate();
        assertThat(server.isRegistered(HandshakeMetrics.NAME)).isFalse();
    }

    private static RegistrationEvent registration(String endpoint, int ssid, RegistrationState state) {
        return new RegistrationEvent(
                endpoint, ssid, URI.create("coaps://dm.example:5684"), state, Optional.empty(), Optional.empty(), T0);
    }

    @Test
    void registrationsCountRegistersNotUpdates() throws Exception {
        RegistrationMetrics metrics = new RegistrationMetrics(new MBeans(server));

        metrics.registrationChanged(registration("dev1", 1, RegistrationState.REGISTERING));
        metrics.registrationChanged(registration("dev1", 1, RegistrationState.REGISTERED));
        metrics.registrationChanged(registration("dev1", 1, RegistrationState.REGISTERED)); // an Update
        metrics.registrationChanged(registration("dev1", 2, RegistrationState.REGISTERED)); // a second server
        metrics.registrationChanged(registration("dev2", 1, RegistrationState.FAILED));
        metrics.registrationChanged(registration("dev1", 2, RegistrationState.DEREGISTERED));

        assertThat(attribute(RegistrationMetrics.NAME, "Registrations")).isEqualTo(2L);
        assertThat(attribute(RegistrationMetrics.NAME, "RegisteredNow")).isEqualTo(1L);
        assertThat(attribute(RegistrationMetrics.NAME, "Failures")).isEqualTo(1L);
        assertThat(attribute(RegistrationMetrics.NAME, "Deregistrations")).isEqualTo(1L);

        metrics.deactivate();
        assertThat(server.isRegistered(RegistrationMetrics.NAME)).isFalse();
    }

    @Test
    void theComponentsRegisterWithThePlatformMBeanServerAndUnregisterOnDeactivate() throws Exception {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        SessionMetrics metrics = new SessionMetrics();

        assertThat(platform.getAttribute(SessionMetrics.NAME, "Started")).isEqualTo(0L);
        assertThat(platform.getMBeanInfo(SessionMetrics.NAME).getDescriptor().getFieldValue("mxbean"))
                .isEqualTo("true");

        metrics.deactivate();
        assertThat(platform.isRegistered(SessionMetrics.NAME)).isFalse();
    }

    @Test
    void aLeftoverRegistrationIsReplacedNotAnActivationFailure() throws Exception {
        RegistrationMetrics first = new RegistrationMetrics(new MBeans(server));
        first.registrationChanged(registration("dev1", 1, RegistrationState.REGISTERED));

        RegistrationMetrics second = new RegistrationMetrics(new MBeans(server));

        assertThat(attribute(RegistrationMetrics.NAME, "Registrations")).isEqualTo(0L);
        second.deactivate();
        first.deactivate(); // its name now belongs to nobody: no exception
        assertThat(server.isRegistered(RegistrationMetrics.NAME)).isFalse();
    }
}
