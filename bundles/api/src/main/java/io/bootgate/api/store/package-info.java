/**
 * The object store: every proxied device (endpoint) has its own LwM2M object tree (Security /0, Server /1,
 * Access Control /2, Device /3 and every other object that has a definition), persisted across restarts.
 * <p>
 * Reads ({@link io.bootgate.api.store.ObjectStore#snapshot(String)}) see the last committed state. Changes
 * are made in a {@link io.bootgate.api.store.StoreTransaction}: begin, write, then commit or roll back. A
 * commit is atomic and durable: after a crash at any instant an endpoint holds exactly the state of its last
 * committed transaction. At most one transaction per endpoint is open at a time; transactions on different
 * endpoints run concurrently.
 * <p>
 * Faults: a failed commit fails that transaction only; the store reports its {@link
 * io.bootgate.api.store.StoreHealth} and heals by itself once the cause is gone. An endpoint whose stored tree is
 * unreadable is quarantined alone ({@link io.bootgate.api.store.EndpointQuarantinedException}).
 */
@Export
@Version("1.1.0")
package io.bootgate.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
