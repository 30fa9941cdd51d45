/**
 * Bootgate's codecs for plain Java use: {@link io.bootgate.codec.DefaultLwM2mCodec} and
 * {@link io.bootgate.codec.DefaultLinkFormat} can be created with {@code new}, outside OSGi and in tests of
 * other bundles. In a framework the same implementations are registered as services by this bundle.
 */
@Export
@Version("1.0.0")
package io.bootgate.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
