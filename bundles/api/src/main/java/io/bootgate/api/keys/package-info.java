/**
 * The one key and PEM layer of Bootgate: reading and writing private keys, public keys and X.509 certificate
 * chains ({@link io.bootgate.api.keys.KeyCodec}), and the JSON form of byte values that factory files and
 * bootstrap-server configurations share ({@link io.bootgate.api.keys.ByteValues}).
 * <p>
 * <b>Algorithm set</b> (the same everywhere): EC keys on P-256 ({@code secp256r1}) and P-384
 * ({@code secp384r1}), and Ed25519, which Scandium 3.14 speaks when the JDK provides EdDSA (Java 15 and
 * later). RSA, other EC curves (P-521, secp256k1, ...) and any other algorithm are refused with a
 * {@link io.bootgate.api.keys.KeyFormatException} naming the source and the reason, never the key bytes.
 * <p>
 * The types are plain JDK: keys are {@link java.security.Key} objects of the JDK's providers. The
 * {@code io.bootgate.dtls} bundle implements {@link io.bootgate.api.keys.KeyCodec} (over BouncyCastle) and
 * registers it as an OSGi service.
 */
@Export
@Version("1.0.0")
package io.bootgate.api.keys;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
