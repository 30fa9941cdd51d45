/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import java.util.Objects;

/**
 * A Bootstrap-Write of one node: an object ({@code /O}), an object instance ({@code /O/I}) or a resource
 * ({@code /O/I/R}). Used for partial re-bootstraps that change single resources without deleting anything.
 *
 * @param path where to write
 * @param node what to write; its kind and id match the path
 */
public record BootstrapWrite(LwM2mPath path, LwM2mNode node) {

    public BootstrapWrite {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(node, "node");
        boolean matches =
                switch (path.depth()) {
                    case 1 -> node instanceof LwM2mObject o && o.id() == path.objectId();
                    case 2 -> node instanceof ObjectInstance i && i.id() == path.instanceId();
                    case 3 -> node instanceof Resource r && r.id() == path.resourceId();
                    default -> false;
                };
        if (!matches) {
            throw new IllegalArgumentException("a Bootstrap-Write targets /O, /O/I or /O/I/R with an object, instance "
                    + "or resource of the same id; got " + node.getClass().getSimpleName() + " " + node.id() + " at "
                    + path);
        }
    }
}
