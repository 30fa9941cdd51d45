/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Device;
import java.util.Map;
import java.util.Objects;

/**
 * What the Device object instance /3/0 holds for a proxied device whose store has none: the gateway's
 * configured manufacturer, model and firmware, the endpoint name as serial number, binding U and error code 0.
 *
 * @param manufacturer /3/0/0
 * @param modelNumber /3/0/1
 * @param firmwareVersion /3/0/3
 */
record DeviceObjectDefaults(String manufacturer, String modelNumber, String firmwareVersion) {

    static final DeviceObjectDefaults BOOTGATE = new DeviceObjectDefaults("Bootgate", "Bootgate proxied device", "1.0");

    DeviceObjectDefaults {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(modelNumber, "modelNumber");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    }

    ObjectInstance instanceFor(String endpoint) {
        return ObjectInstance.of(
                0,
                SingleResource.ofString(Device.MANUFACTURER, manufacturer),
                SingleResource.ofString(Device.MODEL_NUMBER, modelNumber),
                SingleResource.ofString(Device.SERIAL_NUMBER, endpoint),
                SingleResource.ofString(Device.FIRMWARE_VERSION, firmwareVersion),
                MultipleResource.of(Device.ERROR_CODE, ResourceType.INTEGER, Map.of(0, ResourceValue.ofInteger(0))),
                SingleResource.ofString(Device.SUPPORTED_BINDINGS, "U"));
    }
}
