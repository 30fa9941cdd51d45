/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the PostgreSQL bootstrap config store (pid {@value #PID}). */
@ObjectClassDefinition(
        id = JdbcConfigStoreConfiguration.PID,
        name = "Bootgate bootstrap configs in PostgreSQL",
        description = "A BootstrapConfigStore (store=jdbc) on a javax.sql.DataSource service; the bootstrap server "
                + "uses it with store.target = (store=jdbc) in pid io.bootgate.bootstrap.server")
public @interface JdbcConfigStoreConfiguration {

    String PID = "io.bootgate.bootstrap.config.jdbc";

    @AttributeDefinition(
            name = "Data source",
            description = "OSGi filter selecting the DataSource service; pax-jdbc-config registers the one of "
                    + "etc/org.ops4j.datasource-bootgate.cfg with dataSourceName=bootgate")
    String dataSource_target() default "(dataSourceName=bootgate)";

    @AttributeDefinition(
            name = "Notification wait (ms)",
            description = "How long the listening connection waits for a notification in one call",
            min = "50")
    int pollMillis() default 500;

    @AttributeDefinition(
            name = "Liveness check (s)",
            description = "With no notification for this long, the listening connection is checked",
            min = "1")
    int livenessSeconds() default 5;

    @AttributeDefinition(
            name = "First reconnect delay (ms)",
            description = "Delay before the first reconnect after the database was lost; doubled at each failure",
            min = "10")
    int firstRetryMillis() default 500;

    @AttributeDefinition(name = "Longest reconnect delay (s)", description = "Cap of the reconnect back-off", min = "1")
    int maxRetrySeconds() default 30;

    @AttributeDefinition(
            name = "Query timeout (s)",
            description = "Limit of each query, so that a dead connection is noticed",
            min = "1")
    int queryTimeoutSeconds() default 10;
}
