/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.Link;
import io.bootgate.api.codec.LinkFormat;
import io.bootgate.codec.DefaultLinkFormat;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/** Registers {@link DefaultLinkFormat} as the {@link LinkFormat} service, with the codec configuration's limits. */
@Component(service = LinkFormat.class, configurationPid = CodecConfig.PID)
public final class LinkFormatComponent implements LinkFormat {

    private volatile DefaultLinkFormat linkFormat;

    @Activate
    @Modified
    void configure(CodecConfig config) {
        linkFormat = new DefaultLinkFormat(CodecComponent.limits(config));
    }

    @Override
    public List<Link> parse(byte[] payload) throws CodecException {
        return linkFormat.parse(payload);
    }

    @Override
    public byte[] serialize(List<Link> links) {
        return linkFormat.serialize(links);
    }
}
