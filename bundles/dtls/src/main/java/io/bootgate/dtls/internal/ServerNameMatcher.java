/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Server identity check of RFC 6125 §6: does a certificate name the host a client meant to reach?
 * <ul>
 * <li>a host name is compared with the DNS-ID subject alternative names, case-insensitively, a wildcard
 * allowed only as the whole left-most label ({@code *.example.com} matches {@code a.example.com}, not
 * {@code example.com} nor {@code a.b.example.com}) and never directly under a top-level domain;</li>
 * <li>the subject CN is used only when the certificate has no DNS-ID at all (§6.4.4);</li>
 * <li>an IP address literal is compared with the iPAddress subject alternative names only.</li>
 * </ul>
 */
final class ServerNameMatcher {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private ServerNameMatcher() {}

    static boolean matches(X509Certificate certificate, String expected) {
        String host = normalize(expected);
        List<String> dnsNames = subjectAltNames(certificate, SAN_DNS);
        if (isIpLiteral(host)) {
            return subjectAltNames(certificate, SAN_IP).stream().anyMatch(ip -> sameAddress(ip, host));
        }
        if (!dnsNames.isEmpty()) {
            return dnsNames.stream().anyMatch(pattern -> matchesDnsId(pattern, host));
        }
        return commonName(certificate).map(cn -> matchesDnsId(cn, host)).orElse(false);
    }

    /** An IPv4 dotted quad or an IPv6 literal (with or without brackets). */
    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.startsWith("[") || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    static String normalize(String name) {
        String host = name.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    static boolean matchesDnsId(String pattern, String host) {
        String id = normalize(pattern);
        if (host.isEmpty() || host.indexOf('*') >= 0) {
            return false;
        }
        if (!id.startsWith("*.")) {
            return id.equals(host) && id.indexOf('*') < 0;
        }
        String suffix = id.substring(1);
        // "*.com" and other wildcards directly below a top-level domain are not honoured.
        if (suffix.indexOf('.', 1) < 0 || suffix.indexOf('*') >= 0) {
            return false;
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0;
    }

    private static boolean sameAddress(String sanIp, String literal) {
        try {
            // Both are literals: getByName parses them without a DNS lookup.
            return InetAddress.getByName(sanIp).equals(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static List<String> subjectAltNames(X509Certificate certificate, int type) {
        List<String> values = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if ((Integer) name.get(0) == type && name.get(1) instanceof String) {
                        values.add((String) name.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unreadable extension names nothing: the match fails, which refuses the peer.
            return List.of();
        }
        return values;
    }

    private static Optional<String> commonName(X509Certificate certificate) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return Optional.ofNullable(cn);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
