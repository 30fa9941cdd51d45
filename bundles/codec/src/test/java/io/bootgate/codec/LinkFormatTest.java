/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import static io.bootgate.codec.TestData.codecError;
import static io.bootgate.codec.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.codec.Link;
import io.bootgate.api.codec.LinkAttribute;
import io.bootgate.api.model.LwM2mPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkFormatTest {

    private final DefaultLinkFormat format = new DefaultLinkFormat();

    private List<Link> parse(String text) throws CodecException {
        return format.parse(utf8(text));
    }

    // The Bootstrap-Discover answer of the bootstrap digest (Core 1.1 §5.2.7.3): the Bootstrap-Server's own
    // Security instance carries no ssid.
    @Test
    void bootstrapDiscoverAnswer() throws CodecException {
        String text = "</>;lwm2m=1.1,</0/0>;ssid=101;uri=\"coaps://dm.example.com:5684\",</0/1>,</1/0>;ssid=101,</3/0>";
        List<Link> links = parse(text);
        assertThat(links)
                .containsExactly(
                        Link.of("/", LinkAttribute.of("lwm2m", "1.1")),
                        Link.of(
                                "/0/0",
                                LinkAttribute.of("ssid", "101"),
                                LinkAttribute.quoted("uri", "coaps://dm.example.com:5684")),
                        Link.of("/0/1"),
                        Link.of("/1/0", LinkAttribute.of("ssid", "101")),
                        Link.of("/3/0"));
        assertThat(links.get(0).lwm2mPath()).hasValue(LwM2mPath.root());
        assertThat(links.get(1).lwm2mPath()).hasValue(LwM2mPath.of(0, 0));
        assertThat(links.get(1).attributeValue("uri")).hasValue("coaps://dm.example.com:5684");
        assertThat(links.get(2).attribute("ssid")).isEmpty();
        assertThat(new String(format.serialize(links), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    // Core TS 1.1 (draft of 2017-09-15) §5.4.2 Discover on /3/0: the spec's example has spaces after commas.
    @Test
    void specDiscoverExampleWithSpaces() throws CodecException {
        List<Link> links = parse("</3/0>;pmax=60, </3/0/1>, </3/0/2>, </3/0/3>, </3/0/4>, </3/0/6>;dim=8,"
                + "</3/0/7>;dim=8;gt=50;lt=42.2,</3/0/8>;dim=8,</3/0/11>,</3/0/16>");
        assertThat(links).hasSize(10);
        assertThat(links.get(6))
                .isEqualTo(Link.of(
                        "/3/0/7",
                        LinkAttribute.of("dim", "8"),
                        LinkAttribute.of("gt", "50"),
                        LinkAttribute.of("lt", "42.2")));
        assertThat(links.get(6).lwm2mPath()).hasValue(LwM2mPath.of(3, 0, 7));
    }

    @Test
    void quotedStringsValuelessParametersAndEscapes() throws CodecException {
        List<Link> links = parse("</rd>;rt=\"core.rd\";obs;title=\"a \\\"b\\\" c\\\\d é\",<>");
        assertThat(links.get(0).attributes())
                .containsExactly(
                        LinkAttribute.quoted("rt", "core.rd"),
                        LinkAttribute.of("obs"),
                        LinkAttribute.quoted("title", "a \"b\" c\\d é"));
        assertThat(links.get(0).lwm2mPath()).isEmpty();
        assertThat(links.get(1).uriReference()).isEmpty();
        assertThat(format.parse(format.serialize(links))).isEqualTo(links);
        assertThat(parse("")).isEmpty();
    }

    @Test
    void unterminatedQuotes() {
        String text = "</0/0>;uri=\"coaps://host,</1/0>";
        CodecException e = codecError(() -> parse(text));
        assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(e.offset()).hasValue(text.indexOf('"'));
        assertThat(codecError(() -> parse("</0/0>;uri=\"abc\\")).kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    void otherSyntaxErrors() {
        CodecException unclosed = codecError(() -> parse("</3/0;ver=1.1"));
        assertThat(unclosed.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(unclosed.offset()).hasValue(0);
        assertThat(codecError(() -> parse("/3/0")).offset()).hasValue(0);
        assertThat(codecError(() -> parse("</3/0>,")).kind()).isEqualTo(Kind.MALFORMED);
        assertThat(codecError(() -> parse("</3/0>;")).kind()).isEqualTo(Kind.MALFORMED);
        assertThat(codecError(() -> parse("</3/0>;a=")).kind()).isEqualTo(Kind.MALFORMED);
        assertThat(codecError(() -> parse("</3/0> </1/0>")).offset()).hasValue(7);
        assertThat(codecError(() -> parse("</3 0>")).offset()).hasValue(3);
        assertThat(codecError(() -> parse("</3/0>;t=\"a\u0001\"")).kind()).isEqualTo(Kind.MALFORMED);
    }

    @Test
    void invalidUtf8AndLimits() {
        byte[] bad = utf8("</3/0>;t=\"ab\"");
        bad[10] = (byte) 0xFF;
        CodecException utf = codecError(() -> format.parse(bad));
        assertThat(utf.kind()).isEqualTo(Kind.INVALID_UTF8);
        assertThat(utf.offset()).hasValue(10);
        DefaultLinkFormat strict =
                new DefaultLinkFormat(CodecLimits.defaults().withMaxEntries(3).withMaxPayloadBytes(32));
        CodecException entries = codecError(() -> strict.parse(utf8("</1>;a;b,</2>")));
        assertThat(entries.kind()).isEqualTo(Kind.TOO_MANY_ENTRIES);
        assertThat(entries.offset()).hasValue(9);
        assertThat(codecError(() -> strict.parse(new byte[33])).kind()).isEqualTo(Kind.PAYLOAD_TOO_LARGE);
    }

    @Test
    void modelRefusesWhatCannotBeWritten() {
        assertThatThrownBy(() -> Link.of("/a>b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkAttribute("uri", "a,b", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkAttribute.of("bad name", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(LinkAttribute.of("uri", "coaps://h:1/a b").quoted()).isTrue();
    }
}
