/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.acl;

/**
 * The operations of the Device Management and Service Enablement and Information Reporting interfaces, with
 * the access right each needs on an object instance (Core 7.1.2, "Minimum Access Right").
 */
public enum Operation {
    READ(AccessRights.READ),
    OBSERVE(AccessRights.READ),
    WRITE_ATTRIBUTES(AccessRights.READ),
    /** Needs no access right on an instance (the table of Core 7.1.2 gives "-"). */
    DISCOVER(0),
    WRITE(AccessRights.WRITE),
    EXECUTE(AccessRights.EXECUTE),
    DELETE(AccessRights.DELETE),
    /** Targets an object; needs the Create right of the object-level Access Control instance. */
    CREATE(AccessRights.CREATE);

    private final int requiredRight;

    Operation(int requiredRight) {
        this.requiredRight = requiredRight;
    }

    /** The ACL bit this operation needs, 0 if none. */
    public int requiredRight() {
        return requiredRight;
    }
}
