/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import io.bootgate.api.bsserver.BootstrapOperation;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import java.util.Objects;

/** One operation a bootstrap session sends to the client, before any encoding. */
public sealed interface DeviceOperation {

    BootstrapOperation type();

    /** The target; the root for Finish. */
    LwM2mPath path();

    record Discover(LwM2mPath path) implements DeviceOperation {
        public Discover {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public BootstrapOperation type() {
            return BootstrapOperation.DISCOVER;
        }
    }

    record Read(LwM2mPath path) implements DeviceOperation {
        public Read {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public BootstrapOperation type() {
            return BootstrapOperation.READ;
        }
    }

    record Delete(LwM2mPath path) implements DeviceOperation {
        public Delete {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public BootstrapOperation type() {
            return BootstrapOperation.DELETE;
        }
    }

    record Write(LwM2mPath path, LwM2mNode node) implements DeviceOperation {
        public Write {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public BootstrapOperation type() {
            return BootstrapOperation.WRITE;
        }
    }

    record Finish() implements DeviceOperation {
        @Override
        public BootstrapOperation type() {
            return BootstrapOperation.FINISH;
        }

        @Override
        public LwM2mPath path() {
            return LwM2mPath.root();
        }
    }
}
