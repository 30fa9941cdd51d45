/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.security.DtlsClusterNode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsTest {

    @TempDir
    Path dir;

    @Test
    void minusOneMeansASingleServer() throws Exception {
        assertThat(ClusterSettings.node(-1, new String[0], "", "")).isEmpty();
    }

    @Test
    void aCfgFileLineOfNodesBecomesTheNodeListAndTheOwnEntryIsTheInternalAddress() throws Exception {
        Path secret = Files.write(dir.resolve("cluster.secret"), new byte[32]);

        Optional<DtlsClusterNode> node = ClusterSettings.node(
                2, new String[] {"1=127.0.0.1:5784, 2=127.0.0.1:5785,3=127.0.0.1:5786"}, "", secret.toString());

        assertThat(node).hasValueSatisfying(n -> {
            assertThat(n.nodeId()).isEqualTo(2);
            assertThat(n.internalAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 5785));
            assertThat(n.nodes())
                    .isEqualTo(Map.of(
                            1, new InetSocketAddress("127.0.0.1", 5784),
                            2, new InetSocketAddress("127.0.0.1", 5785),
                            3, new InetSocketAddress("127.0.0.1", 5786)));
            assertThat(n.secret()).hasValueSatisfying(bytes -> assertThat(bytes).hasSize(32));
            assertThat(n.toString()).doesNotContain("0, 0, 0").contains("secret=set");
        });
    }

    @Test
    void mistakesAreRefusedNamingThePropertyAndTheValue() throws Exception {
        Path shortSecret = Files.write(dir.resolve("short.secret"), new byte[8]);

        assertThatThrownBy(() -> ClusterSettings.node(4, new String[] {"1=127.0.0.1:5784"}, "", ""))
                .hasMessageContaining("clusterNodes [1] do not list this node's id 4");
        assertThatThrownBy(() -> ClusterSettings.node(1, new String[] {"1=127.0.0.1"}, "", ""))
                .hasMessageContaining("clusterNodes '127.0.0.1' is not host:port");
        assertThatThrownBy(() -> ClusterSettings.node(1, new String[] {"one=127.0.0.1:5784"}, "", ""))
                .hasMessageContaining("'one=127.0.0.1:5784' has no numeric node id");
        assertThatThrownBy(() -> ClusterSettings.node(1, new String[] {"1=127.0.0.1:5784", "1=127.0.0.1:5785"}, "", ""))
                .hasMessageContaining("lists node id 1 twice");
        assertThatThrownBy(() -> ClusterSettings.node(1, new String[0], "", ""))
                .hasMessageContaining("clusterNodes is empty");
        assertThatThrownBy(() -> ClusterSettings.node(300, new String[0], "", ""))
                .hasMessageContaining("clusterNodeId must be -1 (no cluster) or 0..255, not 300");
        assertThatThrownBy(() -> ClusterSettings.node(1, new String[] {"1=127.0.0.1:5784"}, "", shortSecret.toString()))
                .hasMessageContaining("holds 8 bytes; the cluster secret needs at least 16");
        assertThatThrownBy(() -> ClusterSettings.node(
                        1,
                        new String[] {"1=127.0.0.1:5784"},
                        "",
                        dir.resolve("absent").toString()))
                .hasMessageContaining("does not exist");
    }
}
