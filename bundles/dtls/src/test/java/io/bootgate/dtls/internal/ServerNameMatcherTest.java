/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.dtls.internal.TestPki.Authority;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 6125 server identity checks. */
class ServerNameMatcherTest {

    private static Authority ca;
    private static X509Certificate exact;
    private static X509Certificate wildcard;

    @BeforeAll
    static void certificates() {
        ca = TestPki.root("Name Test CA");
        exact = ca.server(List.of("bs.bootgate.test"), List.of("127.0.0.1", "::1"))
                .certificate();
        wildcard = ca.server(List.of("*.bootgate.test"), List.of()).certificate();
    }

    @Test
    void dnsNamesMatchCaseInsensitivelyAndIgnoreATrailingDot() {
        assertThat(ServerNameMatcher.matches(exact, "bs.bootgate.test")).isTrue();
        assertThat(ServerNameMatcher.matches(exact, "BS.Bootgate.TEST.")).isTrue();
        assertThat(ServerNameMatcher.matches(exact, "dm.bootgate.test")).isFalse();
    }

    @Test
    void wildcardCoversExactlyOneLeftMostLabel() {
        assertThat(ServerNameMatcher.matches(wildcard, "bs.bootgate.test")).isTrue();
        assertThat(ServerNameMatcher.matches(wildcard, "a.bs.bootgate.test")).isFalse();
        assertThat(ServerNameMatcher.matches(wildcard, "bootgate.test")).isFalse();
        assertThat(ServerNameMatcher.matchesDnsId("*.test", "bootgate.test")).isFalse();
        assertThat(ServerNameMatcher.matchesDnsId("b*.bootgate.test", "bs.bootgate.test"))
                .isFalse();
    }

    @Test
    void ipLiteralsMatchOnlyIpAddressNames() {
        assertThat(ServerNameMatcher.matches(exact, "127.0.0.1")).isTrue();
        assertThat(ServerNameMatcher.matches(exact, "[::1]")).isTrue();
        assertThat(ServerNameMatcher.matches(exact, "127.0.0.2")).isFalse();
        assertThat(ServerNameMatcher.matches(wildcard, "127.0.0.1")).isFalse();
    }

    @Test
    void commonNameCountsOnlyWithoutDnsNames() {
        X509Certificate commonNameOnly = TestPki.root("cn.bootgate.test").certificate;
        assertThat(ServerNameMatcher.matches(commonNameOnly, "cn.bootgate.test"))
                .isTrue();
        // With DNS names present, the CN is ignored (RFC 6125 §6.4.4).
        X509Certificate otherCn = ca.serverWithCommonName("cn-only.bootgate.test", List.of("dns.bootgate.test"))
                .certificate();
        assertThat(ServerNameMatcher.matches(otherCn, "dns.bootgate.test")).isTrue();
        assertThat(ServerNameMatcher.matches(otherCn, "cn-only.bootgate.test")).isFalse();
        assertThat(ServerNameMatcher.matches(wildcard, "*.bootgate.test"))
                .as("a wildcard is no host name")
                .isFalse();
    }
}
