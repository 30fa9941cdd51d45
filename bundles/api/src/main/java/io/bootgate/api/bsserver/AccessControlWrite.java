/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import io.bootgate.api.objects.AccessControlInstance;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One Access Control (/2) instance a bootstrap session writes, at an instance id the config names or at one
 * the session chooses.
 *
 * @param instanceId the /2 instance to write, or empty to let the session choose: it reuses the instance that
 *            already governs the same object instance, else takes the lowest free id
 * @param accessControl what to write; its instance id equals {@code instanceId} when that is given, and is 0
 *            (and not used) when the session chooses
 */
public record AccessControlWrite(OptionalInt instanceId, AccessControlInstance accessControl) {

    /** @throws IllegalArgumentException if an explicit instance id differs from the instance's own */
    public AccessControlWrite {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(accessControl, "accessControl");
        if (instanceId.isPresent() && instanceId.getAsInt() != accessControl.instanceId()) {
            throw new IllegalArgumentException("Access Control instance id " + instanceId.getAsInt()
                    + " differs from the instance's own id " + accessControl.instanceId());
        }
        if (instanceId.isEmpty()) {
            // One representation per content, so that two configs that say the same thing are equal.
            accessControl = accessControl.withInstanceId(0);
        }
    }

    /** Writes {@code accessControl} at its own instance id. */
    public static AccessControlWrite at(AccessControlInstance accessControl) {
        return new AccessControlWrite(OptionalInt.of(accessControl.instanceId()), accessControl);
    }

    /** Writes {@code accessControl} at an instance id the session chooses; its own id is not used. */
    public static AccessControlWrite sessionChosen(AccessControlInstance accessControl) {
        return new AccessControlWrite(OptionalInt.empty(), accessControl);
    }

    /** The instance to write once the session has settled on {@code id}. */
    public AccessControlInstance instanceAt(int id) {
        return accessControl.withInstanceId(id);
    }
}
