/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the registration of the proxied devices (PID {@code io.bootgate.registration}). */
@ObjectClassDefinition(
        id = RegistrationComponent.PID,
        name = "Bootgate registration",
        description = "Threads, timeouts and timing of the Register/Update/De-register of every proxied device with"
                + " its LwM2M servers. The retry resources /1/x/17-20 of each Server instance govern retries.")
public @interface RegistrationConfiguration {

    @AttributeDefinition(
            name = "Threads",
            min = "1",
            max = "64",
            description = "Size of the one scheduler shared by all devices and servers (timers, events).")
    int threads() default 2;

    @AttributeDefinition(
            name = "Request timeout (s)",
            min = "1",
            description = "How long a Register, Update or De-register waits for the server's answer.")
    long requestTimeoutSeconds() default 30;

    @AttributeDefinition(
            name = "Update at (lower bound, % of lifetime)",
            min = "10",
            max = "99",
            description = "Updates are sent at a random point between this and the upper bound of the lifetime,"
                    + " so that devices registered together do not update together.")
    int updateAtMinPercent() default 80;

    @AttributeDefinition(name = "Update at (upper bound, % of lifetime)", min = "10", max = "99")
    int updateAtMaxPercent() default 90;

    @AttributeDefinition(
            name = "Start spread (s)",
            min = "0",
            description = "At start, with more devices in the store than 'Spread above', the first Register or"
                    + " Update of each device that had registered before (a saved registration) is spread at random"
                    + " over this time. Devices that never registered, and every device of a smaller population,"
                    + " register at once; so does a device bootstrapped while the gateway runs.")
    long startSpreadSeconds() default 30;

    @AttributeDefinition(
            name = "Spread above (devices)",
            min = "0",
            description = "The start spread applies only when the store holds more devices than this; 0 spreads"
                    + " every device with a saved registration.")
    int startSpreadAboveDevices() default RegistrationManager.DEFAULT_START_SPREAD_ABOVE;

    @AttributeDefinition(
            name = "Directory",
            description = "Where the registration locations are kept across restarts; empty means"
                    + " ${karaf.data}/bootgate/registrations.")
    String directory() default "";
}
