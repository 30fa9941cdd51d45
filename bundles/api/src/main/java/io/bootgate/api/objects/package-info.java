/**
 * Typed views of the standard objects the Bootstrap interface manages: a Security (/0) instance
 * ({@link io.bootgate.api.objects.SecurityInstance}), a Server (/1) instance
 * ({@link io.bootgate.api.objects.ServerInstance}) and an Access Control (/2) instance
 * ({@link io.bootgate.api.objects.AccessControlInstance}).
 * <p>
 * Each record reads an {@link io.bootgate.api.model.ObjectInstance} with {@code from}, which names every
 * missing, mistyped or out-of-range resource in one {@link io.bootgate.api.objects.InvalidObjectInstanceException},
 * and writes it back with {@code toObjectInstance()}. Resources a record does not type are carried unchanged,
 * so reading and writing an instance loses nothing. Callers that must skip an unreadable instance rather than
 * fail use the {@code readableOf} readers or the lenient single-resource reads of
 * {@link io.bootgate.api.objects.ResourceReader}.
 */
@Export
@Version("1.0.0")
package io.bootgate.api.objects;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
