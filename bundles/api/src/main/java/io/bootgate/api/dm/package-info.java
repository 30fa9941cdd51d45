/**
 * Device Management &amp; Service Enablement and Information Reporting of the proxied devices, and the SPI
 * through which adapters supply a device's own objects.
 */
@Export
@Version("1.0.0")
package io.bootgate.api.dm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
