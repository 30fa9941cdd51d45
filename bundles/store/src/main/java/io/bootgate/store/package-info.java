/**
 * Opening an object store outside OSGi (unit tests of other bundles, through a test-scope Maven dependency):
 * {@link io.bootgate.store.MvObjectStore} with {@link io.bootgate.store.StoreOptions}. Not exported: in Karaf the
 * store is a Declarative Services component configured under the PID {@code io.bootgate.store}; use the
 * {@link io.bootgate.api.store.ObjectStore} service.
 */
package io.bootgate.store;
