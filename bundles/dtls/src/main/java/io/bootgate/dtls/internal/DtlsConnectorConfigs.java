/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.security.BootstrapSecurityPolicy;
import io.bootgate.api.security.ManagementSecurityPolicy;
import io.bootgate.api.security.PskCredentials;
import io.bootgate.api.security.SecurityPolicyException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.SessionListener;
import org.eclipse.californium.scandium.dtls.SignatureAndHashAlgorithm;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite.CertificateKeyAlgorithm;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.CertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;

/**
 * Scandium connector configurations of the Bootstrap interface: {@link BootstrapSecurityPolicy} turned into
 * Scandium settings, so that no other code chooses cipher suites, groups or roles.
 */
final class DtlsConnectorConfigs {

    /**
     * Signature algorithms for the handshake and the certificate chains. The key exchange always signs with
     * ECDSA (the suites are ECDHE_ECDSA); RSA is listed because TLS 1.2 also applies this list to the
     * signatures on certificates, and CAs signing EC certificates with RSA are common.
     */
    private static final List<SignatureAndHashAlgorithm> SIGNATURES = List.of(
            SignatureAndHashAlgorithm.SHA256_WITH_ECDSA,
            SignatureAndHashAlgorithm.SHA384_WITH_ECDSA,
            SignatureAndHashAlgorithm.SHA256_WITH_RSA);

    /** A device endpoint talks to one bootstrap server: a handful of connection slots suffice. */
    private static final int CLIENT_MAX_CONNECTIONS = 4;

    private DtlsConnectorConfigs() {}

    /** The JCA provider name of the optional bootgate-crypto-native feature (bundle io.bootgate.crypto-native). */
    static final String NATIVE_EC_PROVIDER = "BootgateNativeEC";

    /**
     * Californium's standard configuration, never read from or written to a properties file. Its connectors get
     * the policy's ECDHE groups in the policy's order; a PSK connector (no ECDHE suite) must be built from this one,
     * as Scandium refuses groups without an ECDHE suite.
     */
    static Configuration baseConfiguration() {
        CoapConfig.register();
        DtlsConfig.register();
        return Configuration.createStandardWithoutFile();
    }

    /** As {@link #baseConfiguration()}, whose RPK and X.509 connectors prefer the ECDHE groups in the given order. */
    static Configuration baseConfiguration(List<SupportedGroup> groups) {
        Configuration configuration = baseConfiguration();
        configuration.set(DtlsConfig.DTLS_CURVES, List.copyOf(groups));
        return configuration;
    }

    /** The groups a base configuration sets, else the policy's. */
    private static List<SupportedGroup> groupsOf(Configuration base) {
        List<SupportedGroup> configured = base.get(DtlsConfig.DTLS_CURVES);
        return configured == null || configured.isEmpty() ? groups() : configured;
    }

    /** The policy's suites as Scandium values, each checked against the policy again. */
    static List<CipherSuite> cipherSuites() {
        List<CipherSuite> suites = new ArrayList<>();
        for (String name : BootstrapSecurityPolicy.CIPHER_SUITES) {
            suites.add(checked(CipherSuite.valueOf(name)));
        }
        return List.copyOf(suites);
    }

    /**
     * The policy's ECDHE groups for the provider that serves ECDH on P-256. On the JDK's providers X25519 costs
     * 27–40 % less handshake CPU than secp256r1, hence the policy's order. The native provider of the
     * bootgate-crypto-native feature does ECDH on P-256 in native code but not X25519, which stays on the JDK: with
     * it, secp256r1 goes first. Both sides of a Bootgate handshake apply the same rule; any peer still gets what
     * the policy allows.
     *
     * @param ecdhProvider the name of the JCA provider of {@code KeyAgreement.getInstance("ECDH")}
     */
    static List<SupportedGroup> groupsFor(String ecdhProvider) {
        List<SupportedGroup> groups = new ArrayList<>(groups());
        if (NATIVE_EC_PROVIDER.equals(ecdhProvider) && groups.remove(SupportedGroup.secp256r1)) {
            groups.add(0, SupportedGroup.secp256r1);
        }
        return List.copyOf(groups);
    }

    /** The policy's ECDHE groups in order of preference. */
    static List<SupportedGroup> groups() {
        List<SupportedGroup> groups = new ArrayList<>();
        for (String name : BootstrapSecurityPolicy.KEY_EXCHANGE_GROUPS) {
            SupportedGroup group = SupportedGroup.valueOf(name);
            if (!group.isUsable()) {
                throw new IllegalStateException("ECDHE group " + name + " is not usable on this JVM");
            }
            groups.add(group);
        }
        return List.copyOf(groups);
    }

    /**
     * A bootstrap server. As one node of a cluster ({@code clusterNodeId} present) its Connection IDs start with
     * the node id (Scandium's node CID generator, which its cluster connector requires), and it has receiver
     * threads of its own, because Scandium's cluster connector reads its sockets itself.
     */
    static DtlsConnectorConfig server(
            Configuration base,
            DtlsTransportSettings settings,
            InetSocketAddress bind,
            boolean connectionId,
            Optional<Integer> clusterNodeId,
            PeerCertificateVerifier verifier,
            CertificateProvider identity,
            SessionListener listener,
            EndpointLabel label) {
        DtlsConnectorConfig.Builder builder = common(base, settings, bind, verifier, identity, listener, label)
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY)
                .set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED)
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, settings.serverMaxConnections())
                // A session is resumed only for a client the live trust still accepts.
                .setResumptionVerifier(new TrustCheckingResumptionVerifier(verifier));
        if (clusterNodeId.isPresent()) {
            builder.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, settings.receiverThreads())
                    // One byte of node id plus at least four random bytes per session.
                    .set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, Math.max(5, settings.connectionIdLength()))
                    .set(DtlsConfig.DTLS_CONNECTION_ID_NODE_ID, clusterNodeId.get());
        } else if (connectionId) {
            builder.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, settings.connectionIdLength());
        }
        return verified(builder.build());
    }

    static DtlsConnectorConfig client(
            Configuration base,
            DtlsTransportSettings settings,
            InetSocketAddress bind,
            boolean connectionId,
            NewAdvancedCertificateVerifier verifier,
            CertificateProvider identity,
            SessionListener listener,
            EndpointLabel label) {
        DtlsConnectorConfig.Builder builder = common(base, settings, bind, verifier, identity, listener, label)
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, CLIENT_MAX_CONNECTIONS);
        if (connectionId) {
            // Length 0: the client needs no CID of its own, but asks the server for one to use when sending,
            // so that the server finds the session after the device's NAT mapping changes.
            builder.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, 0);
        }
        return verified(builder.build());
    }

    /**
     * A management-server client with a pre-shared key ({@link ManagementSecurityPolicy}: only when the
     * factory's configuration allows PSK, checked by the caller): the PSK suites LwM2M requires, no
     * certificates, and the policy's check that no other suite slips in.
     */
    static DtlsConnectorConfig managementPskClient(
            Configuration base,
            DtlsTransportSettings settings,
            InetSocketAddress bind,
            boolean connectionId,
            PskCredentials psk,
            SessionListener listener,
            EndpointLabel label) {
        if (!settings.managementAllowPsk()) {
            throw new IllegalStateException(
                    label + ": PSK connector while " + ManagementSecurityPolicy.ALLOW_PSK_PROPERTY + " is false");
        }
        List<CipherSuite> suites = new ArrayList<>();
        for (String name : ManagementSecurityPolicy.PSK_CIPHER_SUITES) {
            CipherSuite suite = CipherSuite.valueOf(name);
            if (!suite.isSupported()) {
                throw new IllegalStateException(
                        "cipher suite " + suite + " is not supported by this JVM's crypto providers");
            }
            suites.add(suite);
        }
        DtlsConnectorConfig.Builder builder = DtlsConnectorConfig.builder(new Configuration(base))
                .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 0)
                .set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false)
                .set(DtlsConfig.DTLS_CIPHER_SUITES, suites)
                .set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, true)
                .set(
                        DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT,
                        (int) settings.retransmissionTimeout().toMillis(),
                        TimeUnit.MILLISECONDS)
                .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, settings.maxRetransmissions())
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, CLIENT_MAX_CONNECTIONS)
                .setAddress(bind)
                .setAdvancedPskStore(new AdvancedSinglePskStore(
                        new PskPublicInformation(psk.identityText(), psk.identity()), psk.key()))
                .setSessionListener(listener)
                .setLoggingTag(label.toString());
        if (connectionId) {
            builder.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, 0);
        }
        DtlsConnectorConfig config = builder.build();
        for (CipherSuite suite : config.getSupportedCipherSuites()) {
            if (!ManagementSecurityPolicy.PSK_CIPHER_SUITES.contains(suite.name())) {
                throw new IllegalStateException(label + ": cipher suite " + suite + " outside the PSK policy");
            }
        }
        return config;
    }

    private static DtlsConnectorConfig.Builder common(
            Configuration base,
            DtlsTransportSettings settings,
            InetSocketAddress bind,
            NewAdvancedCertificateVerifier verifier,
            CertificateProvider identity,
            SessionListener listener,
            EndpointLabel label) {
        return DtlsConnectorConfig.builder(new Configuration(base))
                // Sockets are read by the shared DatagramReceiverPool, never by per-connector threads.
                .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 0)
                // Scandium flags CBC suites as "not recommended"; LwM2M requires the CBC_SHA256 suite of RPK and
                // certificate servers, so it stays, after CCM_8 in preference.
                .set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false)
                .set(DtlsConfig.DTLS_CIPHER_SUITES, cipherSuites())
                .set(DtlsConfig.DTLS_CURVES, groupsOf(base))
                .set(DtlsConfig.DTLS_SIGNATURE_AND_HASH_ALGORITHMS, SIGNATURES)
                .set(DtlsConfig.DTLS_CERTIFICATE_KEY_ALGORITHMS, List.of(CertificateKeyAlgorithm.EC))
                .set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, true)
                // The PeerCertificateVerifier checks server names (RFC 6125, wildcards, IP literals) itself.
                .set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, false)
                .set(
                        DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT,
                        (int) settings.retransmissionTimeout().toMillis(),
                        TimeUnit.MILLISECONDS)
                .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, settings.maxRetransmissions())
                .setAddress(bind)
                .setAdvancedCertificateVerifier(verifier)
                .setCertificateIdentityProvider(identity)
                .setSessionListener(listener)
                .setLoggingTag(label.toString());
    }

    /** The policy, enforced once more on what Scandium will actually negotiate. */
    private static DtlsConnectorConfig verified(DtlsConnectorConfig config) {
        for (CipherSuite suite : config.getSupportedCipherSuites()) {
            checked(suite);
        }
        if (config.getAdvancedPskStore() != null) {
            throw new IllegalStateException("a PSK store on a Bootstrap-interface connector");
        }
        return config;
    }

    private static CipherSuite checked(CipherSuite suite) {
        try {
            BootstrapSecurityPolicy.checkCipherSuite(suite.name());
        } catch (SecurityPolicyException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (!suite.isSupported()) {
            throw new IllegalStateException(
                    "cipher suite " + suite + " is not supported by this JVM's crypto providers");
        }
        return suite;
    }
}
