/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MBeans one component registered with the platform MBeanServer (the one Karaf's JMX connector and
 * {@code jconsole} show), so that deactivation unregisters exactly those.
 */
final class MBeans implements AutoCloseable {

    static final String DOMAIN = "io.bootgate";

    private static final Logger LOG = LoggerFactory.getLogger(MBeans.class);

    private final MBeanServer server;
    private final List<ObjectName> registered = new CopyOnWriteArrayList<>();

    MBeans() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    MBeans(MBeanServer server) {
        this.server = server;
    }

    static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a valid MBean name: " + DOMAIN + ":" + properties, e);
        }
    }

    /**
     * Registers {@code bean} as {@code name}; a leftover registration of the same name (a previous instance of the
     * component that could not unregister) is replaced rather than failing activation.
     */
    void register(Object bean, ObjectName name) {
        try {
            if (server.isRegistered(name)) {
                LOG.warn("MBean {} was still registered; replacing it", name);
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
            registered.add(name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register MBean " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // Already gone (someone unregistered it by hand): nothing to undo.
            } catch (JMException e) {
                LOG.warn("cannot unregister MBean {}: {}", name, e.getMessage());
            }
        }
        registered.clear();
    }
}
