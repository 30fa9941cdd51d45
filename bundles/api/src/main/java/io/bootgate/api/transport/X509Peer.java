/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A peer authenticated by an X.509 certificate chain, end-entity certificate first.
 *
 * @param address where the peer was seen
 * @param chain the validated chain as presented, end-entity certificate first; never empty
 * @param serverName the SNI of the session, if any
 */
public record X509Peer(InetSocketAddress address, List<X509Certificate> chain, Optional<String> serverName)
        implements PeerIdentity {

    /** GeneralName tags of RFC 5280 §4.2.1.6 that carry a string value. */
    private static final int SAN_RFC822 = 1;

    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;

    public X509Peer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an X.509 peer needs at least its end-entity certificate");
        }
    }

    public X509Peer(InetSocketAddress address, List<X509Certificate> chain) {
        this(address, chain, Optional.empty());
    }

    /** The end-entity certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public PublicKey publicKey() {
        return certificate().getPublicKey();
    }

    /**
     * The most specific (last) CN attribute of the end-entity certificate's subject, where LwM2M clients
     * carry their endpoint name.
     */
    public Optional<String> commonName() {
        try {
            LdapName name = new LdapName(certificate().getSubjectX500Principal().getName());
            String commonName = null;
            // LdapName indexes RDNs from the right (most significant first): the last CN met is the most specific.
            for (Rdn rdn : name.getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    commonName = String.valueOf(rdn.getValue());
                }
            }
            return Optional.ofNullable(commonName);
        } catch (InvalidNameException e) {
            throw new IllegalStateException(
                    "certificate subject is not an RFC 2253 name: "
                            + certificate().getSubjectX500Principal(),
                    e);
        }
    }

    /** The string-valued subject alternative names (DNS, URI, IP address, e-mail) of the end-entity certificate. */
    public List<String> subjectAltNames() {
        try {
            Collection<List<?>> names = certificate().getSubjectAlternativeNames();
            List<String> values = new ArrayList<>();
            if (names != null) {
                for (List<?> entry : names) {
                    int tag = (Integer) entry.get(0);
                    if ((tag == SAN_DNS || tag == SAN_URI || tag == SAN_IP || tag == SAN_RFC822)
                            && entry.get(1) instanceof String) {
                        values.add((String) entry.get(1));
                    }
                }
            }
            return List.copyOf(values);
        } catch (CertificateParsingException e) {
            throw new IllegalStateException(
                    "unreadable subject alternative names in " + certificate().getSubjectX500Principal(), e);
        }
    }

    @Override
    public String describe() {
        return "X.509 '" + certificate().getSubjectX500Principal().getName() + "' at " + address;
    }
}
