/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import static io.bootgate.dm.internal.DmFixture.ENDPOINT;
import static io.bootgate.dm.internal.DmFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.ObserveRelation.CancelReason;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Observe and notifications under pmin, pmax, gt, lt and st, on a manual clock and scheduler. */
class NotificationTest {

    private static final int S1 = 101;
    private static final String SENSOR = "/3303/0/5700";

    private final DmFixture fx = new DmFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private RecordingRelation observe(int ssid, String path) {
        CoapRequest request =
                CoapRequest.get(path).accept(ContentFormat.TEXT).observe(0).build();
        RecordingRelation relation = new RecordingRelation(request);
        CoapResponse first = fx.dm.observe(ENDPOINT, ssid, request, relation, fx.registrations);
        assertThat(first.code()).isEqualTo(ResponseCode.CONTENT);
        return relation;
    }

    private void attributes(String path, String... query) {
        CoapRequest.Builder builder = CoapRequest.put(path);
        for (String option : query) {
            builder.query(option);
        }
        assertThat(fx.send(S1, builder.build()).code()).isEqualTo(ResponseCode.CHANGED);
    }

    private void advance(int seconds) {
        fx.scheduler.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void everyChangeIsNotifiedWithoutAttributes() {
        fx.server(S1);
        RecordingRelation relation = observe(S1, SENSOR);
        fx.temperature.set(ENDPOINT, 21.5);
        fx.temperature.set(ENDPOINT, 22.0);
        assertThat(relation.notifications).extracting(DmFixture::text).containsExactly("21.5", "22.0");
        assertThat(relation.notifications).allSatisfy(n -> assertThat(n.code()).isEqualTo(ResponseCode.CONTENT));
    }

    @Test
    void pminHoldsChangesBackAndPmaxSendsWithoutChange() {
        fx.server(S1);
        attributes(SENSOR, "pmin=5", "pmax=20");
        RecordingRelation relation = observe(S1, SENSOR);
        advance(1);
        fx.temperature.set(ENDPOINT, 25);
        assertThat(relation.notifications).as("inside pmin").isEmpty();
        advance(3);
        assertThat(relation.notifications).isEmpty();
        advance(1);
        assertThat(relation.notifications)
                .as("at pmin")
                .extracting(DmFixture::text)
                .containsExactly("25.0");
        advance(19);
        assertThat(relation.notifications).as("before pmax").hasSize(1);
        advance(1);
        assertThat(relation.notifications)
                .as("at pmax after the last notification")
                .hasSize(2);
        assertThat(fx.scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void stepNeedsAChangeOfAtLeastSt() {
        fx.server(S1);
        attributes(SENSOR, "st=2");
        RecordingRelation relation = observe(S1, SENSOR);
        fx.temperature.set(ENDPOINT, 21);
        fx.temperature.set(ENDPOINT, 21.9);
        assertThat(relation.notifications).isEmpty();
        fx.temperature.set(ENDPOINT, 22);
        assertThat(relation.notifications).extracting(DmFixture::text).containsExactly("22.0");
        fx.temperature.set(ENDPOINT, 23.5);
        assertThat(relation.notifications).hasSize(1);
    }

    @Test
    void greaterAndLessThanNotifyOnCrossingOnly() {
        fx.server(S1);
        attributes(SENSOR, "gt=30", "lt=10");
        RecordingRelation relation = observe(S1, SENSOR);
        fx.temperature.set(ENDPOINT, 25);
        assertThat(relation.notifications).isEmpty();
        fx.temperature.set(ENDPOINT, 31);
        fx.temperature.set(ENDPOINT, 35);
        assertThat(relation.notifications).extracting(DmFixture::text).containsExactly("31.0");
        fx.temperature.set(ENDPOINT, 29);
        fx.temperature.set(ENDPOINT, 9);
        assertThat(relation.notifications).extracting(DmFixture::text).containsExactly("31.0", "29.0", "9.0");
    }

    @Test
    void serverDefaultPeriodsApplyWithoutAttributes() {
        fx.server(S1).edit(tx -> {
            tx.write(
                    LwM2mPath.of(Server.ID, S1, Server.DEFAULT_MAX_PERIOD),
                    io.bootgate.api.model.SingleResource.ofInteger(Server.DEFAULT_MAX_PERIOD, 60),
                    io.bootgate.api.store.WriteMode.REPLACE);
        });
        RecordingRelation relation = observe(S1, SENSOR);
        advance(59);
        assertThat(relation.notifications).isEmpty();
        advance(1);
        assertThat(relation.notifications).hasSize(1);
    }

    @Test
    void storeChangesNotifyObserversOfStoredObjects() {
        fx.server(S1).testInstance(1);
        RecordingRelation relation = observe(S1, "/1000/1/0");
        assertThat(fx.send(S1, DmFixture.putText("/1000/1/0", "8")).code()).isEqualTo(ResponseCode.CHANGED);
        // The component forwards the store's commit events; the fixture's edits do the same.
        fx.edit(tx -> {});
        assertThat(relation.notifications).extracting(DmFixture::text).contains("8");
    }

    @Test
    void sessionEndCancelsTheServersObservations() {
        // With two servers the sensor instance needs an Access Control instance (the bootstrap server writes it).
        fx.server(S1).server(102).ac(0, 3303, 0, S1, Map.of(0, AccessRights.READ));
        RecordingRelation first = observe(S1, SENSOR);
        RecordingRelation other = observe(102, SENSOR);
        fx.dm.serverSessionEnded(ENDPOINT, S1);
        assertThat(first.isCancelled()).isTrue();
        assertThat(other.isCancelled()).isFalse();
        assertThat(fx.dm.observationCount(ENDPOINT)).isEqualTo(1);
    }

    @Test
    void removingTheServerAccountCancelsItsObservations() {
        // With two servers the sensor instance needs an Access Control instance (the bootstrap server writes it).
        fx.server(S1).server(102).ac(0, 3303, 0, S1, Map.of(0, AccessRights.READ));
        RecordingRelation relation = observe(102, SENSOR);
        fx.edit(tx -> {
            tx.delete(LwM2mPath.of(Server.ID, 102));
            tx.delete(LwM2mPath.of(Security.ID, 102));
        });
        assertThat(relation.isCancelled()).isTrue();
        assertThat(relation.cancelled().toCompletableFuture().join()).isEqualTo(CancelReason.CANCELLED_BY_HANDLER);
        assertThat(fx.dm.observationCount(ENDPOINT)).isZero();
    }

    @Test
    void cancelByPeerForgetsTheObservationAndItsTimer() {
        fx.server(S1);
        attributes(SENSOR, "pmax=10");
        RecordingRelation relation = observe(S1, SENSOR);
        assertThat(fx.scheduler.pendingDelays()).hasSize(1);
        relation.cancelByPeer();
        assertThat(fx.dm.observationCount(ENDPOINT)).isZero();
        assertThat(fx.scheduler.pendingDelays()).isEmpty();
        fx.temperature.set(ENDPOINT, 40);
        assertThat(relation.notifications).isEmpty();
    }

    @Test
    void observeOfAForbiddenPathIsRefused() {
        fx.server(S1);
        CoapRequest request = CoapRequest.get("/0/101").observe(0).build();
        RecordingRelation relation = new RecordingRelation(request);
        assertThat(fx.dm.observe(ENDPOINT, S1, request, relation, fx.registrations)
                        .code())
                .isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(relation.isCancelled()).isTrue();
        assertThat(text(fx.send(S1, CoapRequest.get(SENSOR).build()))).isEqualTo("20.0");
    }
}
