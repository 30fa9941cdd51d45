/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.dm;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Supplies a proxied device's own objects (a sensor's Temperature /3303, a meter's values): the link
 * between the gateway and the device behind it (fieldbus, BLE, Modbus — adapters live outside Bootgate).
 * Registered as an OSGi service (whiteboard) with the service property {@link #ENDPOINTS}, the endpoint
 * names it serves (or {@code *} for every device). The object models of its objects must be known to the
 * object model registry (an {@code ObjectModelProvider} or a shipped DDF file).
 * <p>
 * Called on shared threads: answer from what the adapter holds, never block on the device's link.
 */
@ConsumerType
public interface DeviceDataAdapter {

    /** Service property: the endpoint names this adapter serves, or {@code *}. */
    String ENDPOINTS = "bootgate.endpoints";

    /** The objects this adapter supplies for the device, e.g. {@code [3303]}. */
    Set<Integer> objectIds(String endpoint);

    /** The current instances of one of its objects for the device. */
    List<ObjectInstance> read(String endpoint, int objectId);

    /**
     * A management server wrote a resource (after the ACL allowed it).
     *
     * @return 2.04, or the error to answer (4.00 bad value, 4.05 not writable)
     */
    ResponseCode write(String endpoint, LwM2mPath resource, ResourceValue value);

    /**
     * A management server executed a resource, with its arguments as sent (Core 5.4.5 syntax).
     *
     * @return 2.04, or the error to answer
     */
    ResponseCode execute(String endpoint, LwM2mPath resource, String arguments);

    /**
     * Gives the adapter the sink through which it reports changed values, so that observations notify
     * (pmin/pmax/gt/lt/st are applied by the device-management bundle). Called once when the adapter is bound;
     * {@code null} when it is unbound.
     */
    void setChangeSink(ChangeSink sink);

    /** Where an adapter reports that values changed. */
    @FunctionalInterface
    interface ChangeSink {
        void changed(String endpoint, LwM2mPath path);
    }
}
