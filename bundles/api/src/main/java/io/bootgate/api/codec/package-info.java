/**
 * Contracts for turning LwM2M nodes into payloads and back: {@link io.bootgate.api.codec.LwM2mEncoder},
 * {@link io.bootgate.api.codec.LwM2mDecoder} for the value formats (TLV, plain text, opaque, SenML-JSON,
 * SenML-CBOR) and {@link io.bootgate.api.codec.LinkFormat} for the CoRE Link Format answers of Discover.
 * <p>
 * Decoding is the boundary where bytes from a device or a server enter Bootgate, so every failure is a
 * checked {@link io.bootgate.api.codec.CodecException} that names its {@link io.bootgate.api.codec.CodecException.Kind kind}
 * and where it happened, within hard {@link io.bootgate.api.codec.CodecLimits limits}. The package is free of
 * any JSON/CBOR library and of any CoAP library.
 */
@Export
@Version("1.0.0")
package io.bootgate.api.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
