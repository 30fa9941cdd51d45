/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.dm.DeviceDataAdapter;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import java.util.List;
import java.util.Set;

/** A test adapter: Temperature /3303/0 whose value the test sets. */
final class SimulatedTemperature implements DeviceDataAdapter {

    private volatile double value = 20.0;
    private volatile ChangeSink sink;
    volatile String lastExecute;

    void set(String endpoint, double newValue) {
        value = newValue;
        ChangeSink current = sink;
        if (current != null) {
            current.changed(endpoint, LwM2mPath.of(3303, 0, 5700));
        }
    }

    @Override
    public Set<Integer> objectIds(String endpoint) {
        return Set.of(3303);
    }

    @Override
    public List<ObjectInstance> read(String endpoint, int objectId) {
        return List.of(ObjectInstance.of(
                0, SingleResource.of(5700, ResourceValue.ofFloat(value)), SingleResource.ofString(5701, "Cel")));
    }

    @Override
    public ResponseCode write(String endpoint, LwM2mPath resource, ResourceValue newValue) {
        return ResponseCode.METHOD_NOT_ALLOWED;
    }

    @Override
    public ResponseCode execute(String endpoint, LwM2mPath resource, String arguments) {
        lastExecute = resource + " " + arguments;
        return ResponseCode.CHANGED;
    }

    @Override
    public void setChangeSink(ChangeSink sink) {
        this.sink = sink;
    }
}
