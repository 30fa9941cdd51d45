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
 * Component property type naming a {@link BootstrapMode} service, so that a mode component declares
 * <pre>
 * &#64;Component(service = BootstrapMode.class)
 * &#64;BootstrapModeName(BootstrapModeName.FACTORY)
 * public class FactoryBootstrapMode implements BootstrapMode { ... }
 * </pre>
 * and the service gets the property {@value #PROPERTY}. The engine looks modes up by this property.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BootstrapModeName {

    /** Makes the property name {@code bootgate.bootstrap.mode.name}. */
    String PREFIX_ = "bootgate.";

    /** The service property holding the mode name. */
    String PROPERTY = "bootgate.bootstrap.mode.name";

    /** Factory Bootstrap (data provisioned with the gateway). */
    String FACTORY = "factory";

    /** Bootstrap from Smartcard (Core Appendix G). */
    String SMARTCARD = "smartcard";

    /** Client Initiated Bootstrap: the device sends a Bootstrap-Request to its bootstrap server. */
    String CLIENT_INITIATED = "client-initiated";

    /** Server Initiated Bootstrap. */
    String SERVER_INITIATED = "server-initiated";

    /** The mode name used in device mode sequences. */
    String value();
}
