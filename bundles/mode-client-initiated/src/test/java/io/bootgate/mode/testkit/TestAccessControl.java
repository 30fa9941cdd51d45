/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import io.bootgate.acl.DefaultAccessControl;
import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.store.ObjectStore;

/** The ACL service of the gateway under test: the real one of the io.bootgate.acl bundle. */
public final class TestAccessControl {

    private TestAccessControl() {}

    public static AccessControlService create(ObjectStore store) {
        return new DefaultAccessControl();
    }
}
