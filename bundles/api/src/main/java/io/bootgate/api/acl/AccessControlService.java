/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.acl;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import java.util.SortedSet;
import org.osgi.annotation.versioning.ProviderType;

/**
 * LwM2M access control over an endpoint's object tree (OMA LwM2M Core 1.1, 7.1 and Appendix E.3).
 * <p>
 * Rules, in the order they are applied by {@link #check}:
 * <ol>
 * <li>The Bootstrap-Server and the smartcard are not constrained.</li>
 * <li>The Security object /0 is never accessible to a management server, whatever the ACLs say.</li>
 * <li>A server that has no Server instance (/1/x with its Short Server ID) on the endpoint has no rights.</li>
 * <li>An Access Control instance (/2/x) is managed only by its Access Control Owner; owner 65535 means only
 * the bootstrap server manages it. Access Control instances are never created or deleted by a management
 * server (4.05): the client does that.</li>
 * <li>A single server (one Server instance on the endpoint) has full access to every other object; the
 * Access Control object may then be absent.</li>
 * <li>Otherwise rights on an object instance come from the Access Control instance whose Object ID and
 * Object Instance ID name it: the Access Control Owner without an ACL entry of its own has full rights; a
 * server with an ACL entry (resource instance id = its Short Server ID) has exactly those rights; any other
 * server has the default rights of ACL resource instance 0; without that, or without any Access Control
 * instance for the object instance, none.</li>
 * <li>Create needs the Create right in the server's own ACL entry of the object-level Access Control
 * instance (Object Instance ID 65535); the default entry does not grant Create.</li>
 * <li>Write, Execute and Delete on a whole object are not allowed (4.05); Create on anything but an object
 * is not allowed (4.05); Discover and Write-Attributes on an object need no right; Read and Observe on an
 * object are granted and return only the instances {@link #instancesAllowing} lists.</li>
 * </ol>
 * Whether the targeted resource supports the operation (the second step of Core 7.1.2) is the caller's
 * check against the object definitions.
 */
@ProviderType
public interface AccessControlService {

    /** Whether {@code requester} may perform {@code operation} on {@code target} of the endpoint's tree. */
    AccessDecision check(TreeView tree, Requester requester, Operation operation, LwM2mPath target);

    /**
     * The rights a management server has on one object instance (rules 2 to 6 above; for an Access Control
     * instance: full for its owner, none for others).
     *
     * @throws IllegalArgumentException for an invalid Short Server ID
     */
    AccessRights rights(TreeView tree, int ssid, int objectId, int instanceId);

    /**
     * The existing instances of an object on which a management server may perform {@code operation}: for
     * Read and Observe of a whole object, which return only those.
     */
    SortedSet<Integer> instancesAllowing(TreeView tree, int ssid, int objectId, Operation operation);

    /**
     * Creates an object instance on behalf of a management server together with its Access Control instance
     * (Core 7.1.1.2.2): Object ID and Object Instance ID name the new instance, the Access Control Owner is the
     * creator, and the ACL is empty, so the owner has full rights and other servers none until the owner
     * grants them. A stale Access Control instance naming the same object instance is replaced.
     * <p>
     * Does not check the Create right: call {@link #check} first.
     *
     * @return the path of the new Access Control instance
     * @throws io.bootgate.api.store.WriteRejectedException if the instance exists or does not fit its
     *             definition
     */
    LwM2mPath createInstance(StoreTransaction tx, int creatorSsid, int objectId, ObjectInstance instance);

    /**
     * Deletes an object instance together with every Access Control instance that names it
     * (Core 7.1.1.2.2). Does not check the Delete right: call {@link #check} first.
     *
     * @return whether the object instance existed
     * @throws IllegalArgumentException if {@code instance} is not an object instance path
     */
    boolean deleteInstance(StoreTransaction tx, LwM2mPath instance);

    /**
     * Unbootstraps a server account from the endpoint (Core E.1.3), inside the caller's transaction:
     * <ol>
     * <li>object instances that only this server could access (it is the Access Control Owner and no other
     * server keeps a right on them) are deleted with their Access Control instances; the Device instance
     * /3/0, Security instances and other servers' Server instances are never deleted this way, only their
     * Access Control instance is;</li>
     * <li>its ACL entries are deleted from every other Access Control instance;</li>
     * <li>where it was the Access Control Owner, the server with the highest Write + Delete score becomes
     * owner; ties go to the lowest Short Server ID. A new owner that had no ACL entry of its own gets one with
     * the default rights it had, because an owner without an entry would otherwise gain full rights;</li>
     * <li>its Server instance(s) and its management Security instance(s) (Short Server ID equal, not a
     * Bootstrap-Server account) are deleted, with Access Control instances naming them.</li>
     * </ol>
     * Cancelling the server's observations and de-registering from it are the caller's part.
     *
     * @throws IllegalArgumentException for an invalid Short Server ID
     */
    UnbootstrapReport removeServer(StoreTransaction tx, int ssid);
}
