/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Gateway-wide defaults of the smartcard mode. A device's own mode properties (keys
 * {@value SmartcardSettings#READER}, {@value SmartcardSettings#AID}, {@value SmartcardSettings#LABEL},
 * {@value SmartcardSettings#APPLICATION_OID}, {@value SmartcardSettings#PIN_REFERENCE}) override them.
 * <p>
 * The PIN is a device property ({@value SmartcardSettings#PIN}) only: each card has its own, and component
 * properties of this configuration would also be published as properties of the mode's service.
 */
@ObjectClassDefinition(
        name = "Bootgate smartcard bootstrap mode",
        description = "Bootstrap from Smartcard (LwM2M Core Appendix G) over PC/SC. Devices override these"
                + " defaults with their own smartcard mode properties.")
@interface SmartcardModeConfiguration {

    @AttributeDefinition(
            name = "Reader",
            required = false,
            description = "PC/SC reader name, or a prefix that matches exactly one reader (PC/SC appends"
                    + " slot numbers that change when readers are replugged). Empty: the only reader that holds a"
                    + " card; with several cards present a device must name its reader.")
    String reader() default "";

    @AttributeDefinition(
            name = "PKCS#15 application AID",
            required = false,
            description = "Hex AID of the PKCS#15 application holding the bootstrap data. Empty: every PKCS#15"
                    + " application (A000000063504B43532D3135...) listed in EF DIR, in EF DIR order.")
    String aid() default "";

    @AttributeDefinition(
            name = "Bootstrap data object label",
            description =
                    "Label (or application name) of the DODF opaque data object pointing at EF" + " LwM2M_Bootstrap.")
    String label() default SmartcardSettings.DEFAULT_LABEL;

    @AttributeDefinition(
            name = "Bootstrap data object applicationOID",
            required = false,
            description = "Dotted OID that also identifies the bootstrap data object (LwM2M assigns none).")
    String applicationOid() default "";

    @AttributeDefinition(
            name = "PIN key reference",
            min = "0",
            max = "255",
            description = "Key reference for VERIFY PIN; 0 takes the first enabled PIN of the application's"
                    + " FCP (ETSI TS 102 221 PIN status template).")
    int pinReference() default 0;
}
