/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Marker component property type for a {@link BootstrapMode} whose attempt starts with a Bootstrap-Request to
 * a bootstrap server. The engine waits the device's Client Hold Off Time (Security resource /0/x/11 of the
 * bootstrap account) before each attempt of such a mode, as the specification asks of a client-initiated
 * bootstrap. Sets the service property {@value #PROPERTY} to {@code true}.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ClientInitiated {

    /** Makes the property name {@code bootgate.client.initiated}. */
    String PREFIX_ = "bootgate.";

    /** The service property set by this marker. */
    String PROPERTY = "bootgate.client.initiated";
}
