/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.debugConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Base of the Bootgate integration tests: boots the Bootgate Karaf distribution built by this Maven build
 * (karaf-distribution, the tar.gz) in a fresh JVM and runs the test methods inside it.
 *
 * <p>A test class extends this, adds {@code @Test} methods, and for extra container options overrides
 * {@link #additionalConfiguration()}. Each test class gets its own container ({@link PerClass}).
 *
 * <p>System properties (set by failsafe in itests/pom.xml, or on the command line):
 * <ul>
 * <li>{@code bootgate.distribution}: path of the distribution archive (required);</li>
 * <li>{@code org.ops4j.pax.url.mvn.localRepository}: local Maven repository, where the container finds the Pax
 * Exam bundles and any freshly installed SNAPSHOT (required);</li>
 * <li>{@code bootgate.itest.keepRuntime=true}: keep the unpacked container under target/exam after the run;</li>
 * <li>{@code bootgate.itest.debugPort=5005}: start the container suspended, waiting for a debugger on that port;</li>
 * <li>{@code bootgate.itest.logLevel}: root log level of the container (default INFO).</li>
 * </ul>
 * The container's karaf.log is written to target/karaf-logs/&lt;test class&gt;/ so it survives the run.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class BootgateTestSupport {

    protected static final String BOOTGATE_BUNDLE_PREFIX = "io.bootgate.";

    /** How long helpers wait for something that happens asynchronously after boot. */
    protected static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Maven Central only: tests must not depend on whatever other repositories a machine is configured with. */
    private static final String CENTRAL = "https://repo1.maven.org/maven2@id=central";

    private static final String PAX_URL_CFG = "etc/org.ops4j.pax.url.mvn.cfg";

    /**
     * The distribution boots the embedded bootstrap server, which listens on 0.0.0.0:5684 by default. Tests use
     * loopback only, and must not collide with whatever else holds 5684 (a running demo, a parallel build): any
     * free loopback port, read back with {@code BootstrapServer.localAddress()}.
     */
    protected static final String BOOTSTRAP_SERVER_CFG = "etc/io.bootgate.bootstrap.server.cfg";

    /** The distribution turns the demo devices on here (enabled=true). */
    protected static final String DEMO_CFG = "etc/io.bootgate.demo.cfg";

    @Inject
    protected BundleContext bundleContext;

    @Configuration
    public Option[] configuration() {
        return OptionUtils.combine(baseConfiguration(), additionalConfiguration());
    }

    /**
     * Whether the container runs the demo devices the distribution ships enabled. Off except where a test class is
     * about them: their keys, configs and bootstrap traffic would be in the way of what other classes check.
     */
    protected boolean demoDevices() {
        return false;
    }

    /**
     * Whether Karaf's ssh server (booted by the distribution for bin/client) starts. Off except where a test class
     * uses it: Pax Exam's container needs no remote shell, and a fixed port could collide with other containers.
     */
    protected boolean remoteShell() {
        return false;
    }

    /** Container options a test class adds to the common ones (features to install, configuration files, ...). */
    protected Option[] additionalConfiguration() {
        return new Option[0];
    }

    private Option[] baseConfiguration() {
        File distribution = new File(requiredProperty("bootgate.distribution"));
        String localRepository = requiredProperty("org.ops4j.pax.url.mvn.localRepository");
        File unpackDirectory = new File(System.getProperty("bootgate.itest.unpackDir", "target/exam"));
        File logDirectory = new File(
                System.getProperty("bootgate.itest.logDir", "target/karaf-logs"),
                getClass().getSimpleName());
        deleteRecursively(logDirectory.toPath());
        String debugPort = System.getProperty("bootgate.itest.debugPort", "");
        LogLevel level = LogLevel.valueOf(System.getProperty("bootgate.itest.logLevel", "INFO"));
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(distribution.toURI().toString())
                    .name("Bootgate")
                    .unpackDirectory(unpackDirectory)
                    .karafLog(logDirectoryRelativeToData(unpackDirectory, logDirectory))
                    .useDeployFolder(false),
            remoteShell()
                    ? configureConsole().ignoreLocalConsole().startRemoteShell()
                    : configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(level),
            editConfigurationFilePut(PAX_URL_CFG, "org.ops4j.pax.url.mvn.repositories", CENTRAL),
            editConfigurationFilePut(PAX_URL_CFG, "org.ops4j.pax.url.mvn.localRepository", localRepository),
            editConfigurationFilePut(PAX_URL_CFG, "org.ops4j.pax.url.mvn.useFallbackRepositories", "false"),
            editConfigurationFilePut(BOOTSTRAP_SERVER_CFG, "host", "127.0.0.1"),
            editConfigurationFilePut(BOOTSTRAP_SERVER_CFG, "port", "0"),
            when(!demoDevices()).useOptions(editConfigurationFilePut(DEMO_CFG, "enabled", "false")),
            // Three demo devices (the shipped default is 10): the tests name them, and fewer handshakes keep them
            // quick.
            when(demoDevices()).useOptions(editConfigurationFilePut(DEMO_CFG, "deviceCount", "3")),
            javaModuleOptions(requiredProperty("karaf.version")),
            when(Boolean.getBoolean("bootgate.itest.keepRuntime")).useOptions(keepRuntimeFolder()),
            when(!debugPort.isEmpty()).useOptions(debugConfiguration(debugPort, true)),
        };
    }

    /**
     * The JVM options bin/karaf of Karaf 4.4 passes on Java 9+, which Pax Exam's launcher does not: without the
     * patched java.base/java.xml modules, Karaf's spec locator is missing (NoClassDefFoundError: OsgiLocator) for
     * any bundle that looks up an XML or JAXB implementation. Paths are relative to the container's base
     * directory, the launcher's working directory.
     */
    private static Option javaModuleOptions(String karafVersion) {
        return composite(
                vmOption("--add-reads=java.xml=java.logging"),
                vmOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
                vmOption("--patch-module"),
                vmOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"),
                vmOption("--patch-module"),
                vmOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
                vmOption("--add-opens"),
                vmOption("java.base/java.security=ALL-UNNAMED"),
                vmOption("--add-opens"),
                vmOption("java.base/java.net=ALL-UNNAMED"),
                vmOption("--add-opens"),
                vmOption("java.base/java.lang=ALL-UNNAMED"),
                vmOption("--add-opens"),
                vmOption("java.base/java.util=ALL-UNNAMED"),
                vmOption("--add-opens"),
                vmOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
                vmOption("--add-opens"),
                vmOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED"),
                vmOption("--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED"),
                vmOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
                vmOption("--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED"),
                vmOption("--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED"),
                vmOption("--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED"));
    }

    /**
     * Pax Exam unpacks the container to unpackDirectory/RANDOM-UUID/ and deletes it after the run; it takes the log
     * directory relative to the container's data directory (unpackDirectory/RANDOM-UUID/data), and passes it on as
     * karaf.log (a -Dkaraf.log vmOption would be overridden). The depth is fixed, so the relative path is too.
     */
    private static String logDirectoryRelativeToData(File unpackDirectory, File logDirectory) {
        Path dataDirectory =
                unpackDirectory.toPath().toAbsolutePath().resolve("container").resolve("data");
        return dataDirectory.relativize(logDirectory.toPath().toAbsolutePath()).toString();
    }

    /** Karaf appends to an existing karaf.log: start each run with an empty log directory. */
    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty the container log directory " + directory, e);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name
                    + " is not set; run the integration tests through Maven (mvn install -pl itests)");
        }
        return value;
    }

    /** The installed bundle with this symbolic name, if any. */
    protected Optional<Bundle> findBundle(String symbolicName) {
        return Arrays.stream(bundleContext.getBundles())
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst();
    }

    /** Fails unless a bundle with this symbolic name is installed and ACTIVE; returns it. */
    protected Bundle assertBundleActive(String symbolicName) {
        Bundle bundle = findBundle(symbolicName).orElse(null);
        assertNotNull("Bundle " + symbolicName + " is not installed; installed: " + installedBundles(), bundle);
        assertEquals(
                "State of bundle " + symbolicName + " (" + stateName(bundle.getState()) + ")",
                stateName(Bundle.ACTIVE),
                stateName(bundle.getState()));
        return bundle;
    }

    /** Installed bundles whose symbolic name starts with the prefix, in bundle id order. */
    protected List<Bundle> bundlesStartingWith(String symbolicNamePrefix) {
        return Arrays.stream(bundleContext.getBundles())
                .filter(bundle -> bundle.getSymbolicName() != null
                        && bundle.getSymbolicName().startsWith(symbolicNamePrefix))
                .collect(Collectors.toList());
    }

    /** Fails unless at least one io.bootgate.* bundle is installed and all of them are ACTIVE. */
    protected void assertEveryBootgateBundleActive() {
        List<Bundle> bootgateBundles = bundlesStartingWith(BOOTGATE_BUNDLE_PREFIX);
        assertFalse(
                "No " + BOOTGATE_BUNDLE_PREFIX + "* bundle installed; installed: " + installedBundles(),
                bootgateBundles.isEmpty());
        List<String> notActive = bootgateBundles.stream()
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
                .map(bundle -> bundle.getSymbolicName() + " " + stateName(bundle.getState()))
                .collect(Collectors.toList());
        assertEquals("Bootgate bundles that are not ACTIVE", List.of(), notActive);
    }

    /** Waits for a service of this interface and fails unless a Bootgate bundle registered it. */
    protected void assertRegisteredByBootgate(String interfaceName) {
        ServiceReference<?> reference = awaitServiceReference(interfaceName, DEFAULT_TIMEOUT);
        Bundle registrant = reference.getBundle();
        assertNotNull("Service " + interfaceName + " was unregistered meanwhile", registrant);
        assertTrue(
                "Service " + interfaceName + " registered by " + registrant.getSymbolicName(),
                registrant.getSymbolicName().startsWith(BOOTGATE_BUNDLE_PREFIX));
    }

    /**
     * No component of a Bootgate bundle may be stuck on a missing reference or fail to activate: either means a
     * feature lacks a bundle or a component is broken, which bundle states alone do not show.
     */
    protected void assertNoBootgateComponentBroken() {
        ServiceComponentRuntime scr = awaitService(ServiceComponentRuntime.class, null, DEFAULT_TIMEOUT);
        Bundle[] bootgateBundles = bundlesStartingWith(BOOTGATE_BUNDLE_PREFIX).toArray(new Bundle[0]);
        // An empty array would make the runtime report the components of all bundles, not of none.
        assertFalse("No " + BOOTGATE_BUNDLE_PREFIX + "* bundle installed", bootgateBundles.length == 0);
        useEveryService(bootgateBundles);
        awaitCondition(
                () -> brokenComponents(scr, bootgateBundles).isEmpty(),
                DEFAULT_TIMEOUT,
                () -> "Bootgate components unsatisfied or failed: " + brokenComponents(scr, bootgateBundles));
    }

    /** Delayed components activate on first use only: use each service once so that activation failures show. */
    private void useEveryService(Bundle[] bundles) {
        for (Bundle bundle : bundles) {
            ServiceReference<?>[] references = bundle.getRegisteredServices();
            if (references == null) {
                continue;
            }
            for (ServiceReference<?> reference : references) {
                if (bundleContext.getService(reference) != null) {
                    bundleContext.ungetService(reference);
                }
            }
        }
    }

    private static List<String> brokenComponents(ServiceComponentRuntime scr, Bundle[] bundles) {
        return scr.getComponentDescriptionDTOs(bundles).stream()
                .filter(scr::isComponentEnabled)
                .flatMap(description -> scr.getComponentConfigurationDTOs(description).stream()
                        .filter(configuration -> configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                                || configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION)
                        .map(configuration -> describe(description, configuration)))
                .collect(Collectors.toList());
    }

    private static String describe(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        String state = configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION
                ? "FAILED_ACTIVATION: " + configuration.failure
                : "UNSATISFIED_REFERENCE: "
                        + List.of(configuration.unsatisfiedReferences).stream()
                                .map(reference -> reference.name + " " + reference.target)
                                .collect(Collectors.joining(", "));
        return description.name + " (" + description.bundle.symbolicName + ") " + state;
    }

    /** Waits until a service of this type (and OSGi filter, may be null) is registered; fails after the timeout. */
    protected <T> T awaitService(Class<T> type, String filter, Duration timeout) {
        String fullFilter = "(objectClass=" + type.getName() + ")";
        if (filter != null && !filter.isBlank()) {
            fullFilter = "(&" + fullFilter + filter + ")";
        }
        return type.cast(awaitServiceMatching(fullFilter, timeout));
    }

    /**
     * Waits until a service registered under this interface name is available and returns its reference; fails
     * after the timeout. Looking up by name keeps the test free of a compile-time dependency on the interface.
     */
    protected ServiceReference<?> awaitServiceReference(String interfaceName, Duration timeout) {
        String filter = "(objectClass=" + interfaceName + ")";
        ServiceTracker<Object, Object> tracker = newTracker(filter);
        tracker.open(true);
        try {
            if (tracker.waitForService(timeout.toMillis()) == null) {
                fail(unavailable(filter, timeout));
            }
            return tracker.getServiceReference();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for service " + interfaceName, e);
        } finally {
            tracker.close();
        }
    }

    private Object awaitServiceMatching(String filter, Duration timeout) {
        ServiceTracker<Object, Object> tracker = newTracker(filter);
        tracker.open(true);
        try {
            Object service = tracker.waitForService(timeout.toMillis());
            if (service == null) {
                fail(unavailable(filter, timeout));
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for service " + filter, e);
        } finally {
            tracker.close();
        }
    }

    /** Tells a service that is not registered from one that is registered but cannot be obtained. */
    private String unavailable(String filter, Duration timeout) {
        ServiceReference<?>[] registered;
        try {
            registered = bundleContext.getAllServiceReferences(null, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Bad service filter " + filter, e);
        }
        if (registered == null) {
            return "No service matching " + filter + " registered within " + timeout;
        }
        return registered.length + " service(s) matching " + filter + " registered, but none could be obtained within "
                + timeout + " (a component that failed to activate? see the container log in target/karaf-logs)";
    }

    private ServiceTracker<Object, Object> newTracker(String filter) {
        try {
            return new ServiceTracker<>(bundleContext, bundleContext.createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Bad service filter " + filter, e);
        }
    }

    /**
     * Polls the condition until it holds; fails with the message of {@code describeFailure} after the timeout.
     * For state that settles asynchronously after boot (components activating, configurations applied).
     */
    protected void awaitCondition(BooleanSupplier condition, Duration timeout, Supplier<String> describeFailure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(describeFailure.get() + " (waited " + timeout + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting: " + describeFailure.get(), e);
            }
        }
    }

    /**
     * Runs a command in a Karaf shell session as an operator with the admin role (Karaf's command ACLs hide
     * feature:install and the like from a caller without it) and returns what it printed followed by its value.
     */
    protected String shellCommand(String command) {
        SessionFactory sessions = awaitService(SessionFactory.class, null, DEFAULT_TIMEOUT);
        Subject operator = new Subject();
        try {
            operator.getPrincipals().add((Principal) Class.forName("org.apache.karaf.jaas.boot.principal.RolePrincipal")
                    .getConstructor(String.class)
                    .newInstance("admin"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no Karaf RolePrincipal", e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            Object value = Subject.doAs(operator, (PrivilegedExceptionAction<Object>) () -> {
                Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
                try {
                    return session.execute(command);
                } finally {
                    session.close();
                }
            });
            return output.toString(StandardCharsets.UTF_8) + (value == null ? "" : value.toString());
        } catch (PrivilegedActionException e) {
            throw new AssertionError(
                    "'" + command + "' failed: " + e.getCause() + "; output: "
                            + output.toString(StandardCharsets.UTF_8),
                    e.getCause());
        }
    }

    /** The lines this container has logged so far (its karaf.log, under target/karaf-logs). */
    protected static List<String> containerLog() {
        Path data = Path.of(System.getProperty("karaf.data"));
        Path log = data.resolve(System.getProperty("karaf.log", "log")).resolve("karaf.log");
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the container log " + log, e);
        }
    }

    protected String installedBundles() {
        return Arrays.stream(bundleContext.getBundles())
                .map(bundle -> bundle.getSymbolicName() + " " + stateName(bundle.getState()))
                .collect(Collectors.joining(", "));
    }

    protected static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED:
                return "UNINSTALLED";
            case Bundle.INSTALLED:
                return "INSTALLED";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            case Bundle.ACTIVE:
                return "ACTIVE";
            default:
                return "UNKNOWN(" + state + ")";
        }
    }
}
