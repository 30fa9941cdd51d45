/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.devices.DeviceSource;
import io.bootgate.api.devices.DeviceSources;
import io.bootgate.api.devices.SourcedDevice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeviceSources} service: hands the devices of each source to the engine and keeps one owner per
 * endpoint. The claims of an endpoint are kept in arrival order, the first one runs, the others wait and are
 * warned about once with both origins; when the owner withdraws, the next waiting claim takes over.
 * <p>
 * Claims are serialised per endpoint only ({@link ConcurrentHashMap#compute}), so sources do not wait for each
 * other except on the same endpoint. Devices added to the engine by Config Admin or the API are outside the
 * registry: a source's claim of one is refused with a warning (the first stays) and not kept waiting, as the
 * registry cannot learn when such a device goes.
 */
@Component(service = DeviceSources.class)
public final class DeviceSourceRegistry implements DeviceSources {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSourceRegistry.class);

    private final BootstrapEngine engine;
    private final ConcurrentMap<String, Source> open = new ConcurrentHashMap<>();
    /** Per endpoint, its claims in arrival order; the first one is the owner the engine runs. */
    private final ConcurrentMap<String, List<Claim>> claims = new ConcurrentHashMap<>();

    @Activate
    public DeviceSourceRegistry(@Reference(name = "engine") BootstrapEngine engine) {
        this.engine = engine;
    }

    @Override
    public DeviceSource open(String sourceName) {
        Source source = new Source(sourceName);
        if (open.putIfAbsent(sourceName, source) != null) {
            throw new IllegalStateException("a device source named '" + sourceName + "' is open already");
        }
        LOG.info("device source {} opened", sourceName);
        return source;
    }

    /** Closes every open source: their devices are withdrawn from the engine. */
    @Deactivate
    public void closeAll() {
        List.copyOf(open.values()).forEach(Source::close);
    }

    private static final class Claim {
        final Source source;
        SourcedDevice device;

        Claim(Source source, SourcedDevice device) {
            this.source = source;
            this.device = device;
        }
    }

    private static int indexOf(List<Claim> list, Source source) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).source == source) {
                return i;
            }
        }
        return -1;
    }

    /** @return whether the engine runs the device for this source now */
    private boolean claim(Source source, SourcedDevice device) {
        boolean[] running = {false};
        claims.compute(device.endpoint(), (endpoint, list) -> {
            if (list == null) {
                if (engine.state(endpoint).isPresent()) {
                    LOG.warn(
                            "device {} from source {} ({}) refused: the engine already runs it from a Config Admin"
                                    + " configuration (factory pid io.bootgate.device) or an API caller; the first stays",
                            endpoint,
                            source.name,
                            device.origin());
                    return null;
                }
                list = new ArrayList<>(1);
            }
            int mine = indexOf(list, source);
            if (mine >= 0) {
                list.get(mine).device = device;
            } else {
                list.add(new Claim(source, device));
                source.claimed.add(endpoint);
                mine = list.size() - 1;
            }
            if (mine == 0) {
                running[0] = start(list.get(0));
                if (!running[0] && !source.owned.contains(endpoint)) {
                    list.remove(0);
                    source.claimed.remove(endpoint);
                }
            } else {
                Claim owner = list.get(0);
                LOG.warn(
                        "device {} from source {} ({}) is also supplied by source {} ({}); the first stays, {} waits"
                                + " until {} withdraws it",
                        endpoint,
                        source.name,
                        device.origin(),
                        owner.source.name,
                        owner.device.origin(),
                        device.origin(),
                        owner.source.name);
            }
            return list.isEmpty() ? null : list;
        });
        return running[0];
    }

    private boolean start(Claim claim) {
        try {
            engine.addDevice(claim.device.config());
            claim.source.owned.add(claim.device.endpoint());
            return true;
        } catch (RuntimeException e) {
            LOG.error(
                    "device {} from source {} ({}) could not be added: {}",
                    claim.device.endpoint(),
                    claim.source.name,
                    claim.device.origin(),
                    e.toString());
            return false;
        }
    }

    /** @return whether the engine ran the device for this source */
    private boolean release(Source source, String endpoint) {
        boolean[] ran = {false};
        claims.computeIfPresent(endpoint, (key, list) -> {
            int mine = indexOf(list, source);
            if (mine < 0) {
                return list;
            }
            list.remove(mine);
            source.claimed.remove(endpoint);
            if (mine == 0 && source.owned.remove(endpoint)) {
                ran[0] = engine.removeDevice(endpoint);
                while (!list.isEmpty()) {
                    Claim next = list.get(0);
                    if (start(next)) {
                        LOG.info(
                                "device {}: source {} withdrew it, now run from source {} ({})",
                                endpoint,
                                source.name,
                                next.source.name,
                                next.device.origin());
                        break;
                    }
                    list.remove(0);
                    next.source.claimed.remove(endpoint);
                }
            }
            return list.isEmpty() ? null : list;
        });
        return ran[0];
    }

    private final class Source implements DeviceSource {
        final String name;
        /** Endpoints the engine runs for this source. */
        final Set<String> owned = ConcurrentHashMap.newKeySet();
        /** Endpoints this source owns or waits for. */
        final Set<String> claimed = ConcurrentHashMap.newKeySet();

        private volatile boolean closed;

        Source(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int supply(Collection<SourcedDevice> devices) {
            if (closed) {
                throw new IllegalStateException("device source " + name + " is closed");
            }
            int running = 0;
            for (SourcedDevice device : devices) {
                if (claim(this, device)) {
                    running++;
                }
            }
            return running;
        }

        @Override
        public int withdraw(Collection<String> endpoints) {
            int ran = 0;
            for (String endpoint : endpoints) {
                if (release(this, endpoint)) {
                    ran++;
                }
            }
            return ran;
        }

        @Override
        public Set<String> endpoints() {
            return Set.copyOf(owned);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            int withdrawn = withdraw(List.copyOf(claimed));
            open.remove(name, this);
            LOG.info("device source {} closed, {} device(s) withdrawn", name, withdrawn);
        }
    }
}
