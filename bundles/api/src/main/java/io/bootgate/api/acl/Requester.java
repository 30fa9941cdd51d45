/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.acl;

/**
 * Who asks for an operation: the LwM2M Bootstrap-Server, the smartcard (bootstrap from smartcard), or a
 * management LwM2M server identified by its Short Server ID.
 *
 * @param kind the kind of requester
 * @param ssid the Short Server ID (1..65534) of a management server; 0 for the other kinds
 */
public record Requester(Kind kind, int ssid) {

    public enum Kind {
        /** Not constrained by access control. */
        BOOTSTRAP_SERVER,
        /** Not constrained by access control. */
        SMARTCARD,
        /** Constrained by the Access Control object; never reaches the Security object. */
        MANAGEMENT_SERVER
    }

    public Requester {
        if (kind == Kind.MANAGEMENT_SERVER) {
            checkSsid(ssid);
        } else if (ssid != 0) {
            throw new IllegalArgumentException(kind + " has no Short Server ID, got " + ssid);
        }
    }

    public static Requester bootstrapServer() {
        return new Requester(Kind.BOOTSTRAP_SERVER, 0);
    }

    public static Requester smartcard() {
        return new Requester(Kind.SMARTCARD, 0);
    }

    /** @throws IllegalArgumentException outside 1..65534 */
    public static Requester server(int ssid) {
        return new Requester(Kind.MANAGEMENT_SERVER, ssid);
    }

    public boolean isManagementServer() {
        return kind == Kind.MANAGEMENT_SERVER;
    }

    /** @throws IllegalArgumentException outside 1..65534 (0 and 65535 are reserved, Core E.1 resource 10) */
    public static void checkSsid(int ssid) {
        if (ssid < 1 || ssid > 65534) {
            throw new IllegalArgumentException("Short Server ID " + ssid + " is outside 1..65534");
        }
    }

    @Override
    public String toString() {
        return kind == Kind.MANAGEMENT_SERVER ? "server " + ssid : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
