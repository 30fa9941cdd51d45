/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.StandardObjects;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the bootstrap server does for one endpoint. A session runs, in this order:
 * <ol>
 * <li>a Bootstrap-Read of each path in {@link #reads()}, reported to listeners (auditing);</li>
 * <li>a Bootstrap-Discover of {@code /} when the session needs to know the client's instances
 * (auto-numbering or {@link #resetServers()});</li>
 * <li>the <b>initialization option</b> for each Short Server ID in {@link #resetServers()}: a Bootstrap-Read
 * of {@code /2}, a Bootstrap-Delete of that server's Security and Server instances, and a rewrite of every
 * Access Control instance that names it (entry removed, ownership re-elected) — so no trace of the server
 * remains even on a client that does not implement unbootstrapping;</li>
 * <li>a Bootstrap-Delete of each path in {@link #deletes()};</li>
 * <li>a Bootstrap-Write of each {@link #servers() server account} (Security and Server instance), each
 * {@link #accessControl() Access Control instance}, then each raw {@link #writes() write};</li>
 * <li>Bootstrap-Finish.</li>
 * </ol>
 * A <b>partial re-bootstrap</b> is a config with only {@link #writes()}: nothing is deleted and only those
 * writes are sent.
 *
 * @param endpoint the LwM2M endpoint name
 * @param identity how the device authenticates in the DTLS handshake
 * @param contentFormat the format of Bootstrap-Writes when the client's request carries no {@code pct}; empty
 *            for the server's default
 * @param autoNumberSecurityInstances whether to Discover the client and number instances around its own
 *            bootstrap account and existing accounts; when false, instances without an id are numbered
 *            /0/1.., /1/0.., /2/0..
 * @param resetServers Short Server IDs whose accounts the initialization option removes
 * @param reads paths to Bootstrap-Read and report (only {@code /1}, {@code /2} and their instances)
 * @param deletes paths to Bootstrap-Delete ({@code /}, {@code /O} or {@code /O/I})
 * @param servers management server accounts to write
 * @param accessControl Access Control instances to write
 * @param writes raw writes, sent last
 */
public record BootstrapConfig(
        String endpoint,
        DeviceIdentity identity,
        Optional<ContentFormat> contentFormat,
        boolean autoNumberSecurityInstances,
        List<Integer> resetServers,
        List<LwM2mPath> reads,
        List<LwM2mPath> deletes,
        List<ServerAccount> servers,
        List<AccessControlWrite> accessControl,
        List<BootstrapWrite> writes) {

    /** Formats a Bootstrap-Write may use: the ones that can carry an object instance with typed values. */
    public static final Set<ContentFormat> WRITE_FORMATS =
            Set.of(ContentFormat.TLV, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR);

    public BootstrapConfig {
        checkEndpoint(endpoint);
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(contentFormat, "contentFormat");
        contentFormat.ifPresent(f -> {
            if (!WRITE_FORMATS.contains(f)) {
                throw new IllegalArgumentException(
                        "content format " + f + " cannot carry Bootstrap-Writes; use one of " + WRITE_FORMATS);
            }
        });
        resetServers = List.copyOf(resetServers);
        for (int ssid : resetServers) {
            if (ssid < ServerAccount.MIN_SHORT_SERVER_ID || ssid > ServerAccount.MAX_SHORT_SERVER_ID) {
                throw new IllegalArgumentException("reset: short server id " + ssid + " is outside 1..65534");
            }
        }
        reads = List.copyOf(reads);
        for (LwM2mPath read : reads) {
            if (read.isRoot()
                    || read.depth() > 2
                    || (read.objectId() != StandardObjects.Server.ID
                            && read.objectId() != StandardObjects.AccessControl.ID)) {
                throw new IllegalArgumentException(
                        "read " + read + ": Bootstrap-Read targets /1, /2 or one of their " + "instances");
            }
        }
        deletes = List.copyOf(deletes);
        for (LwM2mPath delete : deletes) {
            if (delete.depth() > 2) {
                throw new IllegalArgumentException("delete " + delete + ": Bootstrap-Delete targets /, /O or /O/I");
            }
        }
        servers = List.copyOf(servers);
        Set<Integer> ssids = new HashSet<>();
        Set<Integer> securityIds = new HashSet<>();
        Set<Integer> serverIds = new HashSet<>();
        for (ServerAccount account : servers) {
            if (!ssids.add(account.shortServerId())) {
                throw new IllegalArgumentException("server " + account.shortServerId() + " is configured twice");
            }
            account.securityInstanceId().ifPresent(id -> {
                if (!securityIds.add(id)) {
                    throw new IllegalArgumentException("two accounts use Security instance /0/" + id);
                }
            });
            account.serverInstanceId().ifPresent(id -> {
                if (!serverIds.add(id)) {
                    throw new IllegalArgumentException("two accounts use Server instance /1/" + id);
                }
            });
        }
        accessControl = List.copyOf(accessControl);
        writes = List.copyOf(writes);
    }

    /**
     * Checks an endpoint name. URN names such as {@code urn:imei:490154203237518} or
     * {@code urn:dev:ops:..}, which LwM2M recommends (Core 7.3), are valid: a store that maps names to files
     * must encode the characters its file system cannot carry (the embedded store percent-encodes them).
     *
     * @throws IllegalArgumentException for an empty or over-long name, {@code .} or {@code ..}, control
     *             characters, path separators ({@code /}, {@code \}; a name must never be able to name another
     *             directory wherever it is used to build a path) and {@code &} (it would split a query string)
     */
    public static void checkEndpoint(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.isEmpty() || endpoint.length() > 255) {
            throw new IllegalArgumentException("endpoint name must have 1..255 characters");
        }
        if (endpoint.equals(".") || endpoint.equals("..")) {
            throw new IllegalArgumentException("endpoint name '" + endpoint + "' is reserved");
        }
        for (int i = 0; i < endpoint.length(); i++) {
            char c = endpoint.charAt(i);
            if (Character.isISOControl(c) || c == '/' || c == '\\' || c == '&') {
                throw new IllegalArgumentException(
                        "endpoint name '" + printable(endpoint) + "' has a forbidden character at " + i);
            }
        }
    }

    /** The name with control characters shown as {@code \\uXXXX}, so that a refusal cannot forge log lines. */
    private static String printable(String endpoint) {
        StringBuilder text = new StringBuilder(endpoint.length());
        for (int i = 0; i < endpoint.length(); i++) {
            char c = endpoint.charAt(i);
            if (Character.isISOControl(c)) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** Whether the session must Discover the client first. */
    public boolean needsDiscover() {
        return !resetServers.isEmpty()
                || (autoNumberSecurityInstances && (!servers.isEmpty() || !accessControl.isEmpty()));
    }

    public static Builder builder(String endpoint, DeviceIdentity identity) {
        return new Builder(endpoint, identity);
    }

    /** A builder holding this config's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(endpoint, identity);
        b.contentFormat = contentFormat;
        b.autoNumber = autoNumberSecurityInstances;
        b.resetServers.addAll(resetServers);
        b.reads.addAll(reads);
        b.deletes = new ArrayList<>(deletes);
        b.servers.addAll(servers);
        b.accessControl.addAll(accessControl);
        b.writes.addAll(writes);
        return b;
    }

    /**
     * Collects a config. When no deletes are given, a config that provisions server accounts without the
     * initialization option deletes {@code /0} and {@code /1} first (and {@code /2} when it provisions Access
     * Control instances), which leaves the client's bootstrap account in place; any other config deletes
     * nothing. Not thread-safe.
     */
    public static final class Builder {
        private final String endpoint;
        private final DeviceIdentity identity;
        private Optional<ContentFormat> contentFormat = Optional.empty();
        private boolean autoNumber = true;
        private final List<Integer> resetServers = new ArrayList<>();
        private final List<LwM2mPath> reads = new ArrayList<>();
        private List<LwM2mPath> deletes;
        private final List<ServerAccount> servers = new ArrayList<>();
        private final List<AccessControlWrite> accessControl = new ArrayList<>();
        private final List<BootstrapWrite> writes = new ArrayList<>();

        private Builder(String endpoint, DeviceIdentity identity) {
            this.endpoint = endpoint;
            this.identity = identity;
        }

        public Builder contentFormat(ContentFormat format) {
            this.contentFormat = Optional.of(format);
            return this;
        }

        public Builder autoNumberSecurityInstances(boolean autoNumber) {
            this.autoNumber = autoNumber;
            return this;
        }

        public Builder resetServer(int shortServerId) {
            resetServers.add(shortServerId);
            return this;
        }

        public Builder read(LwM2mPath path) {
            reads.add(path);
            return this;
        }

        /** Sets the deletes explicitly (an empty list deletes nothing), replacing the default. */
        public Builder deletes(List<LwM2mPath> paths) {
            this.deletes = new ArrayList<>(paths);
            return this;
        }

        public Builder server(ServerAccount account) {
            servers.add(account);
            return this;
        }

        public Builder accessControl(AccessControlWrite write) {
            accessControl.add(write);
            return this;
        }

        public Builder write(BootstrapWrite write) {
            writes.add(write);
            return this;
        }

        /** @throws IllegalArgumentException naming the invalid part */
        public BootstrapConfig build() {
            List<LwM2mPath> effectiveDeletes = deletes;
            if (effectiveDeletes == null) {
                effectiveDeletes = new ArrayList<>();
                if (!servers.isEmpty() && resetServers.isEmpty()) {
                    effectiveDeletes.add(LwM2mPath.of(StandardObjects.Security.ID));
                    effectiveDeletes.add(LwM2mPath.of(StandardObjects.Server.ID));
                    if (!accessControl.isEmpty()) {
                        effectiveDeletes.add(LwM2mPath.of(StandardObjects.AccessControl.ID));
                    }
                }
            }
            return new BootstrapConfig(
                    endpoint,
                    identity,
                    contentFormat,
                    autoNumber,
                    resetServers,
                    reads,
                    effectiveDeletes,
                    servers,
                    accessControl,
                    writes);
        }
    }
}
