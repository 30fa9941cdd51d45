/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.acl;

import io.bootgate.api.model.LwM2mPath;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link AccessControlService#removeServer} changed, for the log and for the caller's own clean-up.
 *
 * @param ssid the removed server
 * @param deletedInstances every object instance deleted, Access Control, Server and Security instances
 *            included, in path order
 * @param removedAclEntries the ACL resource instances {@code /2/x/2/ssid} deleted from Access Control
 *            instances that were kept
 * @param newOwners Access Control instances whose owner was re-elected, with the new owner
 */
public record UnbootstrapReport(
        int ssid,
        List<LwM2mPath> deletedInstances,
        List<LwM2mPath> removedAclEntries,
        SortedMap<LwM2mPath, Integer> newOwners) {

    public UnbootstrapReport {
        deletedInstances = List.copyOf(deletedInstances);
        removedAclEntries = List.copyOf(removedAclEntries);
        newOwners = Collections.unmodifiableSortedMap(new TreeMap<>(newOwners));
    }

    /** Whether the server was not present at all on the endpoint. */
    public boolean nothingChanged() {
        return deletedInstances.isEmpty() && removedAclEntries.isEmpty() && newOwners.isEmpty();
    }
}
