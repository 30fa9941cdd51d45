/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.acl;

import io.bootgate.api.model.StandardObjects.AccessControl;

/**
 * A set of access rights as held by an ACL resource instance: bit 0 Read (also Observe and
 * Write-Attributes), bit 1 Write, bit 2 Execute, bit 3 Delete, bit 4 Create. Reserved higher bits are
 * dropped.
 */
public record AccessRights(int bits) {

    public static final int READ = AccessControl.READ;
    public static final int WRITE = AccessControl.WRITE;
    public static final int EXECUTE = AccessControl.EXECUTE;
    public static final int DELETE = AccessControl.DELETE;
    public static final int CREATE = AccessControl.CREATE;
    private static final int ALL_BITS = READ | WRITE | EXECUTE | DELETE | CREATE;

    public static final AccessRights NONE = new AccessRights(0);
    public static final AccessRights FULL = new AccessRights(ALL_BITS);

    public AccessRights {
        bits &= ALL_BITS;
    }

    /** Rights from an ACL resource value; bits above Create are reserved and ignored. */
    public static AccessRights of(long aclValue) {
        return new AccessRights((int) (aclValue & ALL_BITS));
    }

    public boolean has(int right) {
        return (bits & right) == right;
    }

    public boolean allows(Operation operation) {
        return has(operation.requiredRight());
    }

    public boolean isNone() {
        return bits == 0;
    }

    /**
     * The score unbootstrapping elects a new Access Control Owner by (Core E.1.3): one for Write plus one
     * for Delete.
     */
    public int writePlusDelete() {
        return (has(WRITE) ? 1 : 0) + (has(DELETE) ? 1 : 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(has(READ) ? 'R' : '-')
                .append(has(WRITE) ? 'W' : '-')
                .append(has(EXECUTE) ? 'E' : '-')
                .append(has(DELETE) ? 'D' : '-')
                .append(has(CREATE) ? 'C' : '-');
        return sb.toString();
    }
}
