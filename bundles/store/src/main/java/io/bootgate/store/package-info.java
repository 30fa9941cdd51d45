/**
 * Opening an object store outside OSGi (tests of other bundles, tools): {@link io.bootgate.store.MvObjectStore}
 * with {@link io.bootgate.store.StoreOptions}. In Karaf the store is a Declarative Services component
 * configured under the PID {@code io.bootgate.store}; use the {@link io.bootgate.api.store.ObjectStore} service.
 */
@Export
@Version("1.1.0")
package io.bootgate.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
