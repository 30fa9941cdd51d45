/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The bootstrap engine and mode features on top of the distribution: installed at boot here (as an operator adds
 * them to featuresBoot), each mode registers its {@code BootstrapMode} service with its name, every component is
 * wired, and a mode can be removed and added again at run time with the Karaf shell, as operators swap modes.
 */
public class BootstrapModeFeaturesIT extends BootgateTestSupport {

    private static final String BOOTSTRAP_MODE = "io.bootgate.api.bootstrap.BootstrapMode";
    private static final String MODE_NAME_PROPERTY = "bootgate.bootstrap.mode.name";

    /** Mode feature → the name its BootstrapMode service carries. */
    private static final Map<String, String> MODE_FEATURES = Map.of(
            "bootgate-mode-factory", "factory",
            "bootgate-mode-smartcard", "smartcard",
            "bootgate-mode-client-initiated", "client-initiated",
            "bootgate-mode-server-initiated", "server-initiated");

    private static final List<String> EXPECTED_BUNDLES = List.of(
            "io.bootgate.engine",
            "io.bootgate.mode.factory",
            "io.bootgate.mode.smartcard",
            "io.bootgate.mode.client.initiated",
            "io.bootgate.mode.server.initiated");

    @Override
    protected Option[] additionalConfiguration() {
        return new Option[] {
            editConfigurationFileExtend(
                    "etc/org.apache.karaf.features.cfg", "featuresBoot", String.join(",", MODE_FEATURES.keySet())),
        };
    }

    @Test
    public void engineAndModeBundlesAreActive() {
        for (String symbolicName : EXPECTED_BUNDLES) {
            assertBundleActive(symbolicName);
        }
        assertEveryBootgateBundleActive();
    }

    @Test
    public void engineAndEveryModeAreRegistered() {
        assertRegisteredByBootgate("io.bootgate.api.bootstrap.BootstrapEngine");
        assertRegisteredByBootgate("io.bootgate.api.bootstrap.BootstrapRequestTrigger");
        for (String mode : MODE_FEATURES.values()) {
            awaitMode(mode);
        }
    }

    @Test
    public void noBootgateComponentIsUnsatisfiedOrFailed() {
        assertNoBootgateComponentBroken();
    }

    /**
     * The distribution carries the engine and mode features in system/ (karaf-distribution/pom.xml,
     * installedFeatures), so that feature:install needs no network on a gateway.
     */
    @Test
    public void engineAndModeBundlesAreShippedInTheDistribution() throws Exception {
        Path bootgateArtifacts = Path.of(System.getProperty("karaf.home"), "system", "io", "bootgate");
        for (String artifact : List.of(
                "bootgate-engine",
                "bootgate-mode-factory",
                "bootgate-mode-smartcard",
                "bootgate-mode-client-initiated",
                "bootgate-mode-server-initiated")) {
            Path directory = bootgateArtifacts.resolve(artifact);
            assertTrue(artifact + " is not in " + bootgateArtifacts, Files.isDirectory(directory));
            try (Stream<Path> files = Files.walk(directory)) {
                assertTrue(
                        "no jar of " + artifact + " in " + directory,
                        files.anyMatch(file -> file.getFileName().toString().endsWith(".jar")));
            }
        }
    }

    @Test
    public void modeIsRemovedAndAddedAgainAtRunTime() throws Exception {
        awaitMode("factory");

        execute("feature:uninstall bootgate-mode-factory");
        awaitCondition(
                () -> modeNames().stream().noneMatch("factory"::equals),
                DEFAULT_TIMEOUT,
                () -> "factory mode still registered after feature:uninstall; modes: " + modeNames());
        assertTrue(
                "bundle io.bootgate.mode.factory still installed",
                findBundle("io.bootgate.mode.factory").isEmpty());
        // The other modes and the engine stay as they were.
        for (String mode : List.of("smartcard", "client-initiated", "server-initiated")) {
            awaitMode(mode);
        }
        assertRegisteredByBootgate("io.bootgate.api.bootstrap.BootstrapEngine");

        execute("feature:install bootgate-mode-factory");
        awaitMode("factory");
        assertBundleActive("io.bootgate.mode.factory");
        assertNoBootgateComponentBroken();
    }

    private void awaitMode(String modeName) {
        awaitCondition(
                () -> modeNames().contains(modeName),
                DEFAULT_TIMEOUT,
                () -> BOOTSTRAP_MODE + " named '" + modeName + "' not registered; modes: " + modeNames());
    }

    private List<String> modeNames() {
        try {
            ServiceReference<?>[] references = bundleContext.getAllServiceReferences(BOOTSTRAP_MODE, null);
            if (references == null) {
                return List.of();
            }
            return Stream.of(references)
                    .map(reference -> String.valueOf(reference.getProperty(MODE_NAME_PROPERTY)))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a command in a Karaf shell session as an operator with the admin role, as on the console: Karaf's command
     * ACLs (etc/org.apache.karaf.command.acl.feature.cfg) hide feature:install from a caller without that role.
     */
    private void execute(String command) throws Exception {
        SessionFactory sessions = awaitService(SessionFactory.class, null, DEFAULT_TIMEOUT);
        Subject operator = new Subject();
        operator.getPrincipals().add(karafRole("admin"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Subject.doAs(operator, (PrivilegedExceptionAction<Object>) () -> {
                Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
                try {
                    return session.execute(command);
                } finally {
                    session.close();
                }
            });
        } catch (PrivilegedActionException e) {
            throw new AssertionError(
                    "'" + command + "' failed: " + e.getCause() + "; output: "
                            + output.toString(StandardCharsets.UTF_8),
                    e.getCause());
        }
    }

    /**
     * Karaf matches roles by the principal's class name, org.apache.karaf.jaas.boot.principal.RolePrincipal, which
     * the system bundle exports; it is loaded by name so that the tests need no compile-time Karaf JAAS artifact.
     */
    private static Principal karafRole(String role) throws ReflectiveOperationException {
        return (Principal) Class.forName("org.apache.karaf.jaas.boot.principal.RolePrincipal")
                .getConstructor(String.class)
                .newInstance(role);
    }
}
