/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.dm;

import io.bootgate.api.registration.DeviceRegistrations;
import io.bootgate.api.transport.CoapRequestHandler;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Device Management &amp; Service Enablement and Information Reporting interfaces of every proxied device
 * (OMA LwM2M 1.1 Core 6.3, 6.4): answers what a management server sends over the device's registration
 * session, every operation decided by the device's Access Control objects. Registered as an OSGi service by
 * the device-management bundle; the registration bundle installs {@link #handler} as the request handler of
 * each management-server endpoint it opens.
 */
@ProviderType
public interface DeviceManagement {

    /**
     * The handler for the requests of one server to one device: Read, Discover, Write, Write-Attributes,
     * Execute, Create, Delete, Observe / Cancel Observe (and Read-Composite where supported). Requests are
     * answered per the Core's codes: any access to /0 4.01, an operation the ACL denies 4.01, an unknown path
     * 4.04, an operation the resource does not support 4.05.
     *
     * <p>{@code registrations} is the registration side of the session the requests arrive through: Execute on
     * a Server instance's Registration Update Trigger (/1/x/8) or Disable (/1/x/4) acts on it (5.03 when it is
     * {@code null}). The caller passes it rather than device management looking it up, so that the two
     * services do not depend on each other (the registration bundle already depends on this one).
     */
    CoapRequestHandler handler(String endpoint, int shortServerId, DeviceRegistrations registrations);

    /**
     * The server's session with the device ended (De-register, a new Register, its account removed):
     * cancels the server's observations of the device.
     */
    void serverSessionEnded(String endpoint, int shortServerId);

    /**
     * The CoRE Link Format payload of a Register or Update: the device's objects and instances (never /0),
     * e.g. {@code </>;rt="oma.lwm2m";ct=11543,</1/0>,</3/0>,</3303/0>}, from its object store and the
     * objects its data adapters supply.
     */
    String registrationLinks(String endpoint);
}
