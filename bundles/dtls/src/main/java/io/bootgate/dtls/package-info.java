/**
 * Key tooling over the key service ({@link io.bootgate.api.keys.KeyCodec}, implemented in this bundle) for the Bootstrap interface's DTLS credentials: reading private keys (PKCS#8 or SEC1), public
 * keys (SubjectPublicKeyInfo) and certificates from PEM or DER ({@link io.bootgate.dtls.KeyMaterial}),
 * writing PEM ({@link io.bootgate.dtls.Pem}), and generating device key pairs with the forms an operator
 * enters into a bootstrap server ({@link io.bootgate.dtls.DeviceKeyTool},
 * {@link io.bootgate.dtls.PublicKeyForms}).
 * <p>
 * PEM is parsed and written by BouncyCastle (bcpkix), which the JDK lacks; keys come out as standard JCA
 * objects of the JDK's own provider, and no BouncyCastle type appears in this package's API.
 */
@Export
@Version("1.0.0")
package io.bootgate.dtls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
