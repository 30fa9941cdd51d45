/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;

/**
 * Bootstraps N devices with Bootgate, with bare Scandium (the ceiling) and with Eclipse Leshan, one after the
 * other in this JVM on this machine, and prints per side and round: bootstraps/s, p50/p99 bootstrap time, CPU
 * per bootstrap, heap after GC per bootstrapped device, live threads and failures, then the ratios between them.
 * <p>
 * Each side first bootstraps a warm-up round of its own devices (printed as "cold": the JIT has not compiled
 * that side's code yet), then the measured round of N other devices ("warm").
 */
public final class Benchmark {

    /** Scenarios in the order they run. */
    static final List<String> SCENARIOS =
            List.of("ceiling", "bootgate", "rebootstrap", "x509", "storm", "leshan", "registration");

    /** How long a round may take before what has not ended counts as failed. */
    private static final long ROUND_TIMEOUT_SECONDS = 900;

    /**
     * @param devices devices of the measured round per side
     * @param warmUp devices of the warm-up round per side
     * @param concurrency bootstraps in flight at most, for Bootgate and Leshan (the ceiling has its 16 connectors)
     * @param scenarios which of {@link #SCENARIOS} to run
     */
    record Options(int devices, int warmUp, int concurrency, Set<String> scenarios) {
        Options {
            if (devices < 1 || warmUp < 0 || concurrency < 1) {
                throw new IllegalArgumentException(
                        "--devices and --concurrency must be at least 1 and --warmup at least 0");
            }
            for (String scenario : scenarios) {
                if (!SCENARIOS.contains(scenario)) {
                    throw new IllegalArgumentException(
                            "unknown scenario '" + scenario + "'; known: " + String.join(",", SCENARIOS));
                }
            }
            if (scenarios.contains("rebootstrap") && !scenarios.contains("bootgate")) {
                throw new IllegalArgumentException("scenario 'rebootstrap' needs scenario 'bootgate'");
            }
        }

        static Options parse(String... args) {
            int devices = 1000;
            Integer warmUp = null;
            int concurrency = 32;
            Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--devices" -> devices = Integer.parseInt(value);
                    case "--warmup" -> warmUp = Integer.parseInt(value);
                    case "--concurrency" -> concurrency = Integer.parseInt(value);
                    case "--scenarios" -> scenarios = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                    default -> throw new IllegalArgumentException("unknown option " + option
                            + "; options: --native --devices N --warmup N --concurrency N --scenarios "
                            + String.join(",", SCENARIOS));
                }
            }
            return new Options(devices, warmUp == null ? Math.min(devices, 500) : warmUp, concurrency, scenarios);
        }
    }

    private final Options options;
    private final PrintStream out;
    private final Map<String, Figures> figures = new LinkedHashMap<>();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    Benchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // --native (no value): the same restricted native EC provider the bootgate-crypto-native feature installs.
        boolean nativeCrypto = Arrays.asList(args).contains("--native");
        if (nativeCrypto) {
            args = Arrays.stream(args).filter(a -> !a.equals("--native")).toArray(String[]::new);
            String provider = io.bootgate.crypto.nativeprovider.internal.NativeProviderInstaller.forNativeLibrary(
                            System.out::println)
                    .install()
                    .map(java.security.Provider::getName)
                    .orElse("none, the JDK's");
            System.out.println("--native: provider " + provider + " first; SHA256withECDSA from "
                    + java.security.Signature.getInstance("SHA256withECDSA")
                            .getProvider()
                            .getName());
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bootgate-benchmarks: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<Figures> all = new Benchmark(options, System.out).run();
        System.exit(all.stream().anyMatch(f -> f.failures() > 0) ? 1 : 0);
    }

    /** Runs the chosen scenarios and prints every round's figures and the ratios; returns the figures. */
    List<Figures> run() throws Exception {
        out.printf(
                Locale.ROOT,
                "bootgate-benchmarks %s: JDK %s (%s), %d cores, load average %s, %d devices (warm-up %d),"
                        + " concurrency %d, scenarios %s%n",
                Instant.now(),
                Runtime.version(),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                options.devices(),
                options.warmUp(),
                options.concurrency(),
                String.join(",", options.scenarios()));
        out.println(Figures.HEADER);
        if (options.scenarios().contains("ceiling")) {
            measureSide(
                    "scandium ceiling", () -> new ScandiumCeiling(List.of()), ScandiumCeiling.CLIENT_CONNECTORS, null);
            // The same with the ECDHE groups Bootgate's DTLS bundle offers (X25519 first): like for like.
            measureSide(
                    "scandium ceiling x25519",
                    () -> new ScandiumCeiling(List.of(SupportedGroup.X25519, SupportedGroup.secp256r1)),
                    ScandiumCeiling.CLIENT_CONNECTORS,
                    null);
        }
        if (options.scenarios().contains("bootgate")) {
            measureSide(
                    "bootgate rpk",
                    () -> new BootgateSide(BootgateSide.Credentials.RPK, Optional.empty()),
                    options.concurrency(),
                    options.scenarios().contains("rebootstrap") ? this::rebootstrap : null);
        }
        if (options.scenarios().contains("x509")) {
            measureSide(
                    "bootgate x509",
                    () -> new BootgateSide(BootgateSide.Credentials.X509, Optional.empty()),
                    options.concurrency(),
                    null);
        }
        if (options.scenarios().contains("storm")) {
            // All devices at once: only the engine's admission control (its default limit and jitter) spreads them.
            measureSide(
                    "bootgate storm",
                    () -> new BootgateSide(BootgateSide.Credentials.RPK, Optional.of(BootgateSide.defaultAdmission())),
                    Integer.MAX_VALUE,
                    null);
        }
        if (options.scenarios().contains("leshan")) {
            measureSide("leshan", LeshanSide::new, options.concurrency(), null);
        }
        if (options.scenarios().contains("registration")) {
            new RegistrationScenario(options.devices(), options.concurrency(), out)
                    .run()
                    .forEach(f -> figures.put(f.label(), f));
        }
        printRatios();
        out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
        return List.copyOf(figures.values());
    }

    private interface SideFactory {
        Side open() throws Exception;
    }

    private interface Extra {
        void run(Side side, List<String> bootstrapped) throws Exception;
    }

    private void measureSide(String name, SideFactory factory, int concurrency, Extra extra) throws Exception {
        long baseline = heapAfterGc();
        try (Side side = factory.open()) {
            List<String> warm = side.provision("warm", options.warmUp());
            List<String> measured = side.provision("dev", options.devices());
            if (!warm.isEmpty()) {
                record(round(name + " cold", warm, concurrency, side::bootstrap), side);
            }
            Figures warmFigures = round(name + " warm", measured, concurrency, side::bootstrap);
            double kbPerDevice = (heapAfterGc() - baseline) / 1024.0 / (warm.size() + measured.size());
            record(warmFigures.withHeap(kbPerDevice), side);
            if (extra != null) {
                extra.run(side, measured);
            }
        }
        // Let the side's threads end before the next side counts its own.
        heapAfterGc();
        Thread.sleep(1000);
    }

    private void rebootstrap(Side side, List<String> bootstrapped) throws Exception {
        BootgateSide bootgate = (BootgateSide) side;
        record(round("bootgate rpk re-bootstrap", bootstrapped, options.concurrency(), bootgate::rebootstrap), side);
    }

    private interface Bootstrapper {
        void bootstrap(List<String> endpoints, Run run) throws Exception;
    }

    private Figures round(String label, List<String> endpoints, int concurrency, Bootstrapper bootstrapper)
            throws Exception {
        Run run = new Run(endpoints.size(), concurrency);
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        bootstrapper.bootstrap(endpoints, run);
        run.await(ROUND_TIMEOUT_SECONDS);
        double seconds = (System.nanoTime() - wall) / 1e9;
        double cpuMillis = (os.getProcessCpuTime() - cpu) / 1e6;
        for (String failure : run.firstFailures()) {
            out.println("  " + label + " failure: " + failure);
        }
        return new Figures(
                label,
                endpoints.size(),
                seconds,
                run.percentileMillis(50),
                run.percentileMillis(99),
                cpuMillis / Math.max(1, run.successes()),
                Double.NaN,
                ManagementFactory.getThreadMXBean().getThreadCount(),
                run.failures());
    }

    private void record(Figures round, Side side) {
        figures.put(round.label(), round);
        out.println(round.row());
        String note = side.roundNote();
        if (!note.isEmpty()) {
            out.println("  " + round.label() + ": " + note);
        }
    }

    private void printRatios() {
        Figures ours = figures.get("bootgate rpk warm");
        Figures ceiling = figures.get("scandium ceiling warm");
        Figures ceilingX25519 = figures.get("scandium ceiling x25519 warm");
        Figures leshan = figures.get("leshan warm");
        if (ours == null) {
            return;
        }
        if (ceiling != null) {
            out.printf(
                    Locale.ROOT,
                    "ratio ours / ceiling: %.2f of its rate (target >= 0.80), %.1fx its CPU per bootstrap%n",
                    ours.bootstrapsPerSecond() / ceiling.bootstrapsPerSecond(),
                    ours.cpuMillisPerBootstrap() / ceiling.cpuMillisPerBootstrap());
        }
        if (ceilingX25519 != null) {
            out.printf(
                    Locale.ROOT,
                    "ratio ours / ceiling with X25519: %.2f of its rate, %.1fx its CPU per bootstrap%n",
                    ours.bootstrapsPerSecond() / ceilingX25519.bootstrapsPerSecond(),
                    ours.cpuMillisPerBootstrap() / ceilingX25519.cpuMillisPerBootstrap());
        }
        if (leshan != null) {
            out.printf(
                    Locale.ROOT,
                    "ratio ours / Leshan: %.2fx its rate (target >= 2.5), %.2fx its CPU per bootstrap;"
                            + " Leshan heap / ours: %.1fx (target >= 5); threads %d vs %d%n",
                    ours.bootstrapsPerSecond() / leshan.bootstrapsPerSecond(),
                    ours.cpuMillisPerBootstrap() / leshan.cpuMillisPerBootstrap(),
                    leshan.heapKbPerDevice() / ours.heapKbPerDevice(),
                    ours.liveThreads(),
                    leshan.liveThreads());
        }
    }

    private long heapAfterGc() {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
