/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.bsserver.BootstrapOperation;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.bsserver.SessionTrigger;
import io.bootgate.api.keys.KeyAlgorithm;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.bootstrap.server.internal.SessionHistoryComponent;
import io.bootgate.bootstrap.server.internal.config.FileBootstrapConfigStore;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bs-configs, bs-config, bs-sessions and bs-validate against the bootstrap server's real file config store and
 * its real session history, as the shell would call them.
 */
class BootstrapServerCommandsTest {

    /** A PSK for the management server account: it must never reach the console. */
    private static final byte[] PSK = "management-psk-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final DefaultKeyCodec keys = new DefaultKeyCodec();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final SessionHistoryComponent history = new SessionHistoryComponent();

    @TempDir
    Path dir;

    @TempDir
    Path drafts;

    private FileBootstrapConfigStore store;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("dev-a.json"), config("dev-a"));
        Files.writeString(dir.resolve("dev-b.json"), config("dev-b"));
        store = new FileBootstrapConfigStore(dir, ObjectModelRegistry.standard(), keys, Duration.ofSeconds(30));
        store.start();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private String config(String endpoint) {
        KeyPair device = keys.generate(KeyAlgorithm.EC_P256);
        String spki = Base64.getEncoder().encodeToString(device.getPublic().getEncoded());
        return "{ \"identity\": { \"rpkPublicKey\": \"" + spki + "\" },\n"
                + "  \"servers\": [ { \"shortServerId\": 101, \"uri\": \"coaps://lwm2m.example:5684\",\n"
                + "    \"securityMode\": \"PSK\", \"publicKeyOrIdentity\": { \"text\": \"" + endpoint + "\" },\n"
                + "    \"secretKey\": { \"hex\": \"" + HexFormat.of().formatHex(PSK) + "\" }, \"lifetime\": 300 } ],\n"
                + "  \"accessControl\": [ { \"objectId\": 3, \"objectInstanceId\": 0, "
                + "\"acl\": { \"101\": \"RWE\", \"0\": \"R\" }, \"owner\": 101 } ],\n"
                + "  \"writes\": [ { \"path\": \"/3/0/14\", \"value\": \"+01:00\" } ] }";
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private void assertNoSecret() {
        assertThat(output())
                .doesNotContain(HexFormat.of().formatHex(PSK))
                .doesNotContain(Base64.getEncoder().encodeToString(PSK))
                .doesNotContain(new String(PSK, StandardCharsets.US_ASCII));
    }

    @Test
    void bsConfigsListsEveryEndpointWithItsServers() {
        BsConfigsCommand command = new BsConfigsCommand();
        command.configs = store;
        command.out = out;
        command.execute();

        assertThat(output())
                .contains("dev-a")
                .contains("dev-b")
                .contains("RPK sha256:")
                .contains("101:PRE_SHARED_KEY coaps://lwm2m.example:5684")
                .contains("2 of 2 config(s) shown");
        assertNoSecret();
    }

    @Test
    void bsConfigsPages() {
        BsConfigsCommand command = new BsConfigsCommand();
        command.configs = store;
        command.out = out;
        command.limit = 1;
        command.offset = 1;
        command.execute();

        assertThat(output()).contains("dev-b").doesNotContain("dev-a ").contains("1 of 2 config(s) shown");
    }

    @Test
    void bsConfigShowsTheValidatedConfigWithTheSecretKeyMasked() {
        BsConfigCommand command = new BsConfigCommand();
        command.configs = store;
        command.out = out;
        command.endpoint = "dev-a";
        command.execute();

        assertThat(output())
                .contains("Bootstrap config of dev-a")
                .contains("ssid 101 coaps://lwm2m.example:5684 PRE_SHARED_KEY")
                .contains("/0 5 = <secret, " + PSK.length + " bytes>")
                .contains("/3/0 -> default: R----, ssid 101: RWE--; owner 101")
                .contains("/3/0/14 = +01:00");
        assertNoSecret();
    }

    @Test
    void bsConfigNamesAnUnknownEndpoint() {
        BsConfigCommand command = new BsConfigCommand();
        command.configs = store;
        command.out = out;
        command.endpoint = "nobody";
        assertThatThrownBy(command::execute)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown endpoint nobody");
    }

    @Test
    void bsSessionsShowsLiveThenRecentWithStepsAndOutcome() {
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40001);
        Instant now = Instant.now();
        history.onEvent(new BootstrapSessionEvent.Started(
                "dev-a", 1, now, SessionTrigger.BOOTSTRAP_REQUEST, peer, ContentFormat.SENML_CBOR));
        history.onEvent(step("dev-a", 1, BootstrapOperation.DELETE, LwM2mPath.of(0), ResponseCode.DELETED));
        history.onEvent(step("dev-a", 1, BootstrapOperation.FINISH, LwM2mPath.root(), ResponseCode.CHANGED));
        history.onEvent(new BootstrapSessionEvent.Ended("dev-a", 1, now, SessionOutcome.SUCCEEDED, "finished"));
        history.onEvent(new BootstrapSessionEvent.Started(
                "dev-b", 2, now, SessionTrigger.BOOTSTRAP_REQUEST, peer, ContentFormat.TLV));
        history.onEvent(step("dev-b", 2, BootstrapOperation.DISCOVER, LwM2mPath.root(), ResponseCode.CONTENT));

        BsSessionsCommand command = new BsSessionsCommand();
        command.history = history;
        command.out = out;
        command.execute();

        String text = output();
        assertThat(text)
                .contains("Live sessions: 1")
                .contains("#2 dev-b BOOTSTRAP_REQUEST from 127.0.0.1:40001")
                .contains("-> running")
                .contains("Recent sessions: 1 of 1 kept (the server keeps the last 200")
                .contains("#1 dev-a")
                .contains("-> SUCCEEDED (finished)")
                .contains("steps: DELETE /0 2.02");
        assertThat(text.indexOf("#2 dev-b")).isLessThan(text.indexOf("#1 dev-a"));

        buffer.reset();
        BsSessionsCommand one = new BsSessionsCommand();
        one.history = history;
        one.out = out;
        one.endpoint = "dev-a";
        one.steps = true;
        one.execute();
        assertThat(output())
                .contains("Live sessions: none")
                .contains("FINISH / 2.04")
                .doesNotContain("dev-b");
    }

    private static BootstrapSessionEvent.Step step(
            String endpoint, long id, BootstrapOperation operation, LwM2mPath path, ResponseCode code) {
        return new BootstrapSessionEvent.Step(
                endpoint, id, Instant.now(), operation, path, code, Optional.empty(), Optional.empty());
    }

    @Test
    void bsValidateAcceptsAGoodFileAndNamesFileAndFieldOfABadOne() throws Exception {
        Path good = drafts.resolve("dev-c.json");
        Files.writeString(good, config("dev-c"));
        Path bad = drafts.resolve("dev-d.json");
        Files.writeString(bad, config("dev-d").replace("\"lifetime\": 300", "\"lifetime\": \"soon\""));

        BsValidateCommand command = new BsValidateCommand();
        command.validator = store::validate;
        command.out = out;
        command.files = List.of(good.toString(), bad.toString());

        assertThatThrownBy(command::execute)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("1 of 2 file(s) invalid");
        assertThat(output())
                .contains("OK " + good + ": endpoint dev-c, 1 server(s), 1 ACL(s), 1 write(s)")
                .contains("INVALID " + bad + ": dev-d.json: servers[0].lifetime");
        // Validation installs nothing.
        assertThat(store.get("dev-c")).isEmpty();
        assertNoSecret();
    }

    @Test
    void bsValidateSucceedsWhenEveryFileIsValid() throws Exception {
        Path good = drafts.resolve("dev-c.json");
        Files.writeString(good, config("dev-c"));
        BsValidateCommand command = new BsValidateCommand();
        command.validator = store::validate;
        command.out = out;
        command.files = List.of(good.toString());
        command.execute();
        assertThat(output()).startsWith("OK ");
    }

    @Test
    void endpointCompleterOffersTheConfiguredEndpoints() {
        BsEndpointCompleter completer = new BsEndpointCompleter();
        completer.configs = store;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new FixedCommandLine("dev-"), candidates);
        assertThat(candidates).map(String::strip).containsExactlyInAnyOrder("dev-a", "dev-b");
    }

    /** The command line of a Tab press after {@code bs-config <prefix>}. */
    private record FixedCommandLine(String prefix) implements CommandLine {
        @Override
        public int getCursorArgumentIndex() {
            return 1;
        }

        @Override
        public String getCursorArgument() {
            return prefix;
        }

        @Override
        public int getArgumentPosition() {
            return prefix.length();
        }

        @Override
        public String[] getArguments() {
            return new String[] {"bs-config", prefix};
        }

        @Override
        public int getBufferPosition() {
            return "bs-config ".length() + prefix.length();
        }

        @Override
        public String getBuffer() {
            return "bs-config " + prefix;
        }
    }
}
