/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.ResourceReader;
import io.bootgate.api.store.EndpointBusyException;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of a device's Bootstrap-Server account: the Client Hold Off Time (/0/x/11) waited before a
 * client-initiated attempt, and the purge of the account at Last Bootstrapped + Bootstrap-Server Account
 * Timeout (/0/x/12). Both are read from the committed tree leniently: an absent or mistyped value means no
 * timer, as it did in the engine before.
 * <p>
 * The purge runs under the device's monitor, as every change of a {@link DeviceRecord} does.
 */
final class AccountTimers {

    private static final Logger LOG = LoggerFactory.getLogger(AccountTimers.class);

    private final ObjectStore store;
    private final Clock clock;
    private final EngineTasks tasks;
    private final Supplier<Duration> storeBusyDelay;
    private final Consumer<DeviceRecord> purged;

    /**
     * @param storeBusyDelay how long a purge waits when the device's store is busy (read at each retry)
     * @param purged told, under the device's monitor, after a purge was committed
     */
    AccountTimers(
            ObjectStore store,
            Clock clock,
            EngineTasks tasks,
            Supplier<Duration> storeBusyDelay,
            Consumer<DeviceRecord> purged) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.storeBusyDelay = Objects.requireNonNull(storeBusyDelay, "storeBusyDelay");
        this.purged = Objects.requireNonNull(purged, "purged");
    }

    /** The Client Hold Off Time of the device's committed Bootstrap-Server account; zero when it has none. */
    Duration clientHoldOff(String endpoint) {
        return bootstrapAccount(store.snapshot(endpoint))
                .map(account -> ResourceReader.integer(account, Security.CLIENT_HOLD_OFF_TIME))
                .filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong)
                .filter(seconds -> seconds > 0)
                .map(Duration::ofSeconds)
                .orElse(Duration.ZERO);
    }

    /** The latest Last Bootstrapped (/1/x/12) of the tree's Server instances. */
    static Optional<Instant> lastBootstrapped(TreeView tree) {
        return ResourceReader.instances(tree, Server.ID).values().stream()
                .map(i -> ResourceReader.time(i, Server.LAST_BOOTSTRAPPED))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
    }

    /**
     * Schedules the purge of the Bootstrap-Server account at Last Bootstrapped + Bootstrap-Server Account
     * Timeout (/0/x/12), when the account has one; cancels an earlier one. Computed from the stored Last
     * Bootstrapped, so the purge also happens after a gateway restart. Call under the device's monitor.
     */
    void schedulePurge(DeviceRecord device, TreeView committed) {
        device.cancelPurge();
        OptionalLong timeout = bootstrapAccount(committed)
                .map(account -> ResourceReader.integer(account, Security.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT))
                .orElse(OptionalLong.empty());
        if (timeout.isEmpty() || timeout.getAsLong() <= 0) {
            return;
        }
        Instant since = lastBootstrapped(committed).orElse(device.lastBootstrapped);
        if (since == null) {
            return;
        }
        Instant due = since.plusSeconds(timeout.getAsLong());
        Duration delay = Duration.between(clock.instant(), due);
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        LOG.debug("device {}: Bootstrap-Server account purged at {}", device.endpoint, due);
        device.purge = tasks.schedule(() -> purge(device), delay, device.endpoint);
    }

    private void purge(DeviceRecord device) {
        synchronized (device) {
            if (device.state() == RunState.REMOVED) {
                return;
            }
            device.purge = null;
            if (device.current != null) {
                // A bootstrap is running; its success reschedules the purge from the new data.
                return;
            }
            try (StoreTransaction tx = store.begin(device.endpoint, Duration.ZERO)) {
                List<LwM2mPath> deleted = new ArrayList<>();
                for (ObjectInstance account :
                        ResourceReader.instances(tx, Security.ID).values()) {
                    if (isBootstrapAccount(account)) {
                        LwM2mPath path = LwM2mPath.of(Security.ID, account.id());
                        tx.delete(path);
                        deleted.add(path);
                    }
                }
                tx.commit();
                LOG.info(
                        "device {}: Bootstrap-Server account {} purged after its Bootstrap-Server Account Timeout",
                        device.endpoint,
                        deleted);
                purged.accept(device);
            } catch (EndpointBusyException e) {
                LOG.debug("device {}: object store busy, Bootstrap-Server account purge retried", device.endpoint);
                device.purge = tasks.schedule(() -> purge(device), storeBusyDelay.get(), device.endpoint);
            } catch (StoreException e) {
                LOG.warn(
                        "device {}: Bootstrap-Server account could not be purged: {}",
                        device.endpoint,
                        e.getMessage(),
                        e);
            }
        }
    }

    private static Optional<ObjectInstance> bootstrapAccount(TreeView tree) {
        return ResourceReader.instances(tree, Security.ID).values().stream()
                .filter(AccountTimers::isBootstrapAccount)
                .findFirst();
    }

    private static boolean isBootstrapAccount(ObjectInstance instance) {
        return ResourceReader.bool(instance, Security.BOOTSTRAP_SERVER).orElse(false);
    }
}
