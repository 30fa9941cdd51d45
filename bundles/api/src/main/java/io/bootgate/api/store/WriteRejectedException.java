/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResponseCode;
import java.util.Objects;

/**
 * A write, create or delete that does not fit the object definitions or the stored tree. Nothing was
 * changed. Carries the CoAP code an LwM2M client answers with for such a request.
 */
public class WriteRejectedException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient LwM2mPath path;
    private final ResponseCode responseCode;

    public WriteRejectedException(LwM2mPath path, ResponseCode responseCode, String message) {
        super(message);
        this.path = Objects.requireNonNull(path, "path");
        this.responseCode = Objects.requireNonNull(responseCode, "responseCode");
    }

    /** The path that was rejected (possibly below the path of the request). */
    public LwM2mPath path() {
        return path;
    }

    /** 4.00 Bad Request for content that does not fit, 4.04 Not Found for an undefined object or resource. */
    public ResponseCode responseCode() {
        return responseCode;
    }
}
