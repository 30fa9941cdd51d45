/**
 * Device sources: where the proxied devices the engine runs come from, beyond Config Admin.
 * <p>
 * A <em>device source</em> (for example the {@code io.bootgate.device.directory} bundle, a directory of
 * per-device files) opens a {@link io.bootgate.api.devices.DeviceSource} from the
 * {@link io.bootgate.api.devices.DeviceSources} service under its name, supplies and withdraws devices in batches,
 * each with its <em>origin</em> (file and line), and closes it when it stops, which withdraws its devices. The
 * property vocabulary of a device ({@code endpoint}, {@code modeSequence}, {@code credentials.*},
 * {@code mode.<mode>.<key>}) is the one of the Config Admin factory configuration {@code io.bootgate.device}, parsed
 * by {@link io.bootgate.api.devices.DeviceProperties}, so an operator learns one set of names.
 * <p>
 * <b>One owner per endpoint.</b> An endpoint supplied by two sources (or by a source while a Config Admin
 * configuration or an API caller already added it) is a warning naming both origins; the first stays. A refused
 * claim of another source waits: when the owner withdraws the endpoint, the earliest waiting claim takes over.
 */
@Export
@Version("1.0.0")
package io.bootgate.api.devices;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
