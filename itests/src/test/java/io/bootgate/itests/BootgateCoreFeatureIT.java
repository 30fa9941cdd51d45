package io.bootgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The Bootgate distribution boots with the bootgate-core feature: its bundles are ACTIVE, its Declarative Services
 * components are wired, and the services it promises are registered.
 */
public class BootgateCoreFeatureIT extends BootgateTestSupport {

    private static final String BOOTGATE_BUNDLE_PREFIX = "io.bootgate.";

    /** Bundles bootgate-core must contain (more may exist; all io.bootgate.* ones must be ACTIVE). */
    private static final List<String> EXPECTED_BUNDLES = List.of("io.bootgate.api", "io.bootgate.codec");

    /**
     * Service interfaces bootgate-core must register, looked up by name with a timeout. Add a service here when a
     * bundle of bootgate-core publishes one.
     */
    private static final List<String> EXPECTED_SERVICES = List.of(
            "io.bootgate.api.codec.LwM2mEncoder",
            "io.bootgate.api.codec.LwM2mDecoder",
            "io.bootgate.api.codec.LinkFormat");

    @Test
    public void expectedBootgateBundlesAreActive() {
        for (String symbolicName : EXPECTED_BUNDLES) {
            assertBundleActive(symbolicName);
        }
    }

    @Test
    public void everyBootgateBundleIsActive() {
        List<Bundle> bootgateBundles = bundlesStartingWith(BOOTGATE_BUNDLE_PREFIX);
        assertFalse("No " + BOOTGATE_BUNDLE_PREFIX + "* bundle installed; installed: " + installedBundles(),
                bootgateBundles.isEmpty());
        List<String> notActive = bootgateBundles.stream()
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
                .map(bundle -> bundle.getSymbolicName() + " " + stateName(bundle.getState()))
                .collect(Collectors.toList());
        assertEquals("Bootgate bundles that are not ACTIVE", List.of(), notActive);
    }

    @Test
    public void expectedServicesAreRegistered() {
        for (String interfaceName : EXPECTED_SERVICES) {
            ServiceReference<?> reference = awaitServiceReference(interfaceName, DEFAULT_TIMEOUT);
            Bundle registrant = reference.getBundle();
            assertNotNull("Service " + interfaceName + " was unregistered meanwhile", registrant);
            assertTrue("Service " + interfaceName + " registered by " + registrant.getSymbolicName(),
                    registrant.getSymbolicName().startsWith(BOOTGATE_BUNDLE_PREFIX));
        }
    }

    /**
     * No component of a Bootgate bundle may be stuck on a missing reference or fail to activate: either means the
     * feature lacks a bundle or a component is broken, which bundle states alone do not show.
     */
    @Test
    public void noBootgateComponentIsUnsatisfiedOrFailed() {
        ServiceComponentRuntime scr = awaitService(ServiceComponentRuntime.class, null, DEFAULT_TIMEOUT);
        Bundle[] bootgateBundles = bundlesStartingWith(BOOTGATE_BUNDLE_PREFIX).toArray(new Bundle[0]);
        // An empty array would make the runtime report the components of all bundles, not of none.
        assertFalse("No " + BOOTGATE_BUNDLE_PREFIX + "* bundle installed", bootgateBundles.length == 0);
        useEveryService(bootgateBundles);
        awaitCondition(() -> brokenComponents(scr, bootgateBundles).isEmpty(), DEFAULT_TIMEOUT,
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
                : "UNSATISFIED_REFERENCE: " + List.of(configuration.unsatisfiedReferences).stream()
                        .map(reference -> reference.name + " " + reference.target)
                        .collect(Collectors.joining(", "));
        return description.name + " (" + description.bundle.symbolicName + ") " + state;
    }
}
