/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.DeviceIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;

/**
 * Feature bootgate-bootstrap-config-jdbc in the distribution, on a real PostgreSQL that this JVM (Pax Exam's
 * driver, {@link DriverPostgres}) starts before the container: the DataSource of etc/org.ops4j.datasource-bootgate.cfg (pax-jdbc-config,
 * DBCP 2, pgjdbc), the store registered with store=jdbc and chosen by the bootstrap server through
 * store.target = (store=jdbc), and changes in both directions between the store and the database.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BootstrapConfigJdbcIT extends BootgateTestSupport {

    private static final String DATASOURCE_CFG = "etc/org.ops4j.datasource-bootgate.cfg";

    @Override
    protected Option[] additionalConfiguration() {
        String[] database;
        try {
            database = DriverPostgres.newDatabase();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start PostgreSQL for " + getClass().getSimpleName(), e);
        }
        return new Option[] {
            editConfigurationFileExtend(
                    "etc/org.apache.karaf.features.cfg", "featuresBoot", "bootgate-bootstrap-config-jdbc"),
            editConfigurationFilePut(DATASOURCE_CFG, "osgi.jdbc.driver.name", "PostgreSQL JDBC Driver"),
            editConfigurationFilePut(DATASOURCE_CFG, "pool", "dbcp2"),
            editConfigurationFilePut(DATASOURCE_CFG, "xa", "false"),
            editConfigurationFilePut(DATASOURCE_CFG, "dataSourceName", "bootgate"),
            editConfigurationFilePut(DATASOURCE_CFG, "url", database[0]),
            editConfigurationFilePut(DATASOURCE_CFG, "user", database[1]),
            editConfigurationFilePut(BOOTSTRAP_SERVER_CFG, "store.target", "(store=jdbc)"),
        };
    }

    @Test
    public void theBootstrapServerReadsTheStoreInPostgreSQL() {
        awaitService(BootstrapConfigStore.class, "(store=jdbc)", DEFAULT_TIMEOUT);
        ServiceReference<?> jdbcStore = bundleContext.getServiceReference(BootstrapConfigStore.class.getName());
        long jdbcStoreId = storeServiceId("(store=jdbc)");
        ServiceComponentRuntime scr = awaitService(ServiceComponentRuntime.class, null, DEFAULT_TIMEOUT);
        awaitCondition(
                () -> boundStoreOfTheServer(scr) == jdbcStoreId,
                DEFAULT_TIMEOUT,
                () -> "the bootstrap server's store reference is bound to service " + boundStoreOfTheServer(scr)
                        + ", not to the jdbc store " + jdbcStoreId + " (" + jdbcStore + ")");
        assertNoBootgateComponentBroken();
    }

    @Test
    public void changesGoBothWaysBetweenTheStoreAndTheDatabase() throws Exception {
        BootstrapConfigStore store = awaitService(BootstrapConfigStore.class, "(store=jdbc)", DEFAULT_TIMEOUT);
        DataSource dataSource = awaitService(DataSource.class, "(dataSourceName=bootgate)", DEFAULT_TIMEOUT);

        store.put(BootstrapConfig.builder("it-dev1", DeviceIdentity.x509()).build());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT config->'identity'->>'x509' FROM bootgate_bootstrap_config WHERE endpoint = ?")) {
            select.setString(1, "it-dev1");
            try (ResultSet row = select.executeQuery()) {
                assertTrue("no row for it-dev1", row.next());
                assertEquals("true", row.getString(1));
            }
        }

        // Another node's change, as plain SQL: reaches this node through LISTEN/NOTIFY on a pooled connection.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO bootgate_bootstrap_config (endpoint, config) VALUES (?, ?::jsonb)")) {
            insert.setString(1, "it-dev2");
            insert.setString(2, "{ \"identity\": { \"x509\": true } }");
            insert.executeUpdate();
        }
        awaitCondition(
                () -> store.get("it-dev2").isPresent(),
                DEFAULT_TIMEOUT,
                () -> "it-dev2 inserted in PostgreSQL is not in the store: "
                        + store.getAll().keySet());
    }

    private long storeServiceId(String filter) {
        try {
            ServiceReference<?>[] references =
                    bundleContext.getServiceReferences(BootstrapConfigStore.class.getName(), filter);
            assertTrue("no BootstrapConfigStore " + filter, references != null && references.length == 1);
            return (Long) references[0].getProperty("service.id");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    /** The service id the bootstrap server component's "store" reference is bound to, or -1. */
    private long boundStoreOfTheServer(ServiceComponentRuntime scr) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.name.endsWith(".BootstrapServerComponent")) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                for (SatisfiedReferenceDTO reference : configuration.satisfiedReferences) {
                    if ("store".equals(reference.name) && reference.boundServices.length == 1) {
                        return reference.boundServices[0].id;
                    }
                }
            }
        }
        return -1;
    }
}
