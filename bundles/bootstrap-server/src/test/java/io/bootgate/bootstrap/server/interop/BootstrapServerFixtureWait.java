package io.bootgate.bootstrap.server.interop;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Polls a condition, for what happens on other threads (file watching, sessions). */
final class BootstrapServerFixtureWait {

    private BootstrapServerFixtureWait() {
    }

    static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
