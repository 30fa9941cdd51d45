/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.ScriptedMode;
import io.bootgate.engine.testkit.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The commands run against the real engine on the real store, as the shell would call them. */
class ShellCommandsTest {

    private static final byte[] PSK = "super-secret-psk-0123456789".getBytes(StandardCharsets.US_ASCII);

    private EngineFixture f;
    private final BootstrapAttempts attempts = new BootstrapAttempts();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private String testName;

    @BeforeEach
    void setUp(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        f = new EngineFixture();
        f.engine.addListener(attempts);
        // A full bootstrap through the engine: the Finish checks pass, the device ends BOOTSTRAPPED.
        f.install(new ScriptedMode("good", ctx -> f.bootstrapServer()
                .delete("/")
                .write("/0/1", TestConfigs.serverSecurity(1, 101, "coap://127.0.0.1:5683"))
                .write("/1/0", TestConfigs.server(0, 101))
                .finish()
                .run(ctx)));
        f.install(new ScriptedMode(
                "broken",
                ctx -> CompletableFuture.completedFuture(BootstrapOutcome.failure("server refused the PSK"))));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Leaves the output in target/transcripts for the README and reviews; the assertions follow. */
    private void keepTranscript() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "transcripts"));
            Files.writeString(dir.resolve(testName + ".txt"), output());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addDevices() {
        f.addDevice("dev-a", "good");
        f.addDevice("dev-b", "broken");
        f.scheduler.runDue();
        // Written after the bootstrap (which deletes "/" first): a PSK account whose key must never be shown.
        f.commit(
                "dev-a",
                LwM2mPath.of(0),
                ObjectInstance.of(
                        2,
                        SingleResource.ofString(Security.SERVER_URI, "coaps://lwm2m.example:5684"),
                        SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, false),
                        SingleResource.ofInteger(Security.SECURITY_MODE, SecurityMode.PRE_SHARED_KEY.code()),
                        SingleResource.ofOpaque(
                                Security.PUBLIC_KEY_OR_IDENTITY, "dev-a".getBytes(StandardCharsets.US_ASCII)),
                        SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, new byte[0]),
                        SingleResource.ofOpaque(Security.SECRET_KEY, PSK),
                        SingleResource.ofInteger(Security.SHORT_SERVER_ID, 102)));
        TreeMap<Integer, AccessRights> acl = new TreeMap<>();
        acl.put(101, AccessRights.of(AccessRights.READ | AccessRights.WRITE | AccessRights.EXECUTE));
        acl.put(0, AccessRights.of(AccessRights.READ));
        f.commit("dev-a", LwM2mPath.of(2), new AccessControlInstance(0, 3, 0, acl, 101).toObjectInstance());
    }

    private DevicesCommand devices() {
        DevicesCommand command = new DevicesCommand();
        command.engine = f.engine;
        command.out = out;
        return command;
    }

    private DeviceCommand device(String endpoint) {
        DeviceCommand command = new DeviceCommand();
        command.engine = f.engine;
        command.store = f.store;
        command.attempts = attempts;
        command.endpoint = endpoint;
        command.out = out;
        return command;
    }

    @Test
    void devicesListsEveryDeviceWithStateAndLastError() {
        addDevices();
        devices().execute();
        keepTranscript();
        assertThat(output())
                .contains("dev-a")
                .contains("dev-b")
                .contains("server refused the PSK")
                .contains("2 of 2 device(s) shown, 2 in total");
    }

    @Test
    void devicesFiltersByStateAndPages() {
        addDevices();
        DevicesCommand command = devices();
        command.state = "backing-off";
        command.execute();
        assertThat(output()).contains("dev-b").doesNotContain("dev-a ");

        buffer.reset();
        DevicesCommand paged = devices();
        paged.limit = 1;
        paged.offset = 1;
        paged.execute();
        assertThat(output()).contains("dev-b").doesNotContain("dev-a ").contains("1 of 2 device(s) shown");
    }

    @Test
    void devicesRejectsAnUnknownState() {
        DevicesCommand command = devices();
        command.state = "sleeping";
        assertThatThrownBy(command::execute)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--state sleeping");
    }

    @Test
    void deviceShowsObjectsAclsAndAttemptsWithTheSecretMasked() {
        addDevices();
        device("dev-a").execute();
        keepTranscript();
        assertThat(output())
                .contains("/0/2")
                .contains("coaps://lwm2m.example:5684")
                .contains("<secret, " + PSK.length + " bytes>")
                .contains("/3/0 -> default: R----, ssid 101: RWE--; owner 101")
                .contains("Registrations: - (the registration feature is not installed)")
                .contains("good SUCCESS")
                .doesNotContain(Base64.getEncoder().encodeToString(PSK))
                .doesNotContain(HexFormat.of().formatHex(PSK))
                .doesNotContain(new String(PSK, StandardCharsets.US_ASCII));
    }

    @Test
    void deviceNamesAnUnknownEndpoint() {
        assertThatThrownBy(device("nobody")::execute)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown endpoint nobody: not configured in the engine and not in the object store");
    }

    @Test
    void bootstrapRunsAModeAndReportsTheOutcome() throws InterruptedException {
        addDevices();
        BootstrapCommand command = new BootstrapCommand();
        command.engine = f.engine;
        command.out = out;
        command.endpoint = "dev-b";
        command.mode = "broken";
        command.wait = Duration.ZERO;
        command.execute();
        f.scheduler.runDue();
        assertThat(output()).startsWith("dev-b: ");
    }

    @Test
    void bootstrapInitNeedsTheRegistrationFeature() {
        addDevices();
        BootstrapCommand command = new BootstrapCommand();
        command.engine = f.engine;
        command.out = out;
        command.endpoint = "dev-a";
        command.initSsid = 101;
        assertThatThrownBy(command::execute)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs the registration feature");
    }

    @Test
    void bootstrapNamesAnUnknownEndpoint() {
        BootstrapCommand command = new BootstrapCommand();
        command.engine = f.engine;
        command.out = out;
        command.endpoint = "nobody";
        assertThatThrownBy(command::execute)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown endpoint nobody");
    }

    @Test
    void modesListsInstalledModes() {
        ModesCommand command = new ModesCommand();
        command.engine = f.engine;
        command.out = out;
        command.modes = List.of(new ScriptedMode("good", ctx -> null), new ScriptedMode("broken", ctx -> null));
        command.execute();
        assertThat(output()).contains("good").contains("broken").contains("2 mode(s) installed");
    }
}
