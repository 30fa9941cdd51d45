/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.interop;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.resource.SimpleInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * An Eclipse Leshan 2.0.0-M15 client used as the device: its Bootstrap-Server account, Server objects, a
 * writable Access Control object, and a record of how its bootstraps ended.
 */
final class LeshanDevice implements AutoCloseable {

    final String endpoint;
    final LeshanClient client;
    final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param accessControl the Access Control instances the device starts with (none: an empty object)
     * @param sessionTimeoutSeconds how long the device waits for Bootstrap-Finish
     */
    LeshanDevice(
            String endpoint,
            Security bootstrapAccount,
            ContentFormat preferred,
            int sessionTimeoutSeconds,
            LwM2mInstanceEnabler... accessControl) {
        this.endpoint = endpoint;
        ObjectsInitializer initializer = new ObjectsInitializer(new StaticModel(ObjectLoader.loadDefault()));
        initializer.setInstancesForObject(LwM2mId.SECURITY, bootstrapAccount);
        initializer.setClassForObject(LwM2mId.SERVER, Server.class);
        // Instances the bootstrap server creates in /2 store whatever is written, as a real ACL object does.
        initializer.setClassForObject(LwM2mId.ACCESS_CONTROL, SimpleInstanceEnabler.class);
        if (accessControl.length > 0) {
            initializer.setInstancesForObject(LwM2mId.ACCESS_CONTROL, accessControl);
        }
        initializer.setInstancesForObject(LwM2mId.DEVICE, new Device("Bootgate", "interop", endpoint));

        CaliforniumClientEndpointsProvider.Builder endpoints = new CaliforniumClientEndpointsProvider.Builder(
                new CoapsClientProtocolProvider(), new CoapClientProtocolProvider());
        Configuration configuration = endpoints.createDefaultConfiguration();
        // Loopback: a lost flight is repeated soon, and a refused handshake is not retried for long.
        configuration.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, TimeUnit.MILLISECONDS);
        configuration.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2);
        endpoints.setConfiguration(configuration);
        endpoints.setClientAddress(InetAddress.getLoopbackAddress());

        DefaultRegistrationEngineFactory engine = new DefaultRegistrationEngineFactory();
        engine.setRequestTimeoutInMs(3_000);
        engine.setBootstrapSessionTimeoutInSec(sessionTimeoutSeconds);
        engine.setRetryWaitingTimeInMs(60_000);
        if (preferred != null) {
            engine.setPreferredContentFormat(preferred);
        }

        LeshanClientBuilder builder = new LeshanClientBuilder(endpoint);
        builder.setObjects(initializer.createAll());
        builder.setEndpointsProviders(endpoints.build());
        builder.setRegistrationEngineFactory(engine);
        client = builder.build();
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onBootstrapSuccess(LwM2mServer server, BootstrapRequest request) {
                outcomes.add("success");
            }

            @Override
            public void onBootstrapFailure(
                    LwM2mServer server, BootstrapRequest request, ResponseCode code, String message, Exception cause) {
                outcomes.add("failure " + (code == null ? "" : code.getCode() + " ") + message
                        + (cause == null ? "" : " " + cause));
            }

            @Override
            public void onBootstrapTimeout(LwM2mServer server, BootstrapRequest request) {
                outcomes.add("timeout");
            }
        });
    }

    void start() {
        client.start();
    }

    /** Runs a client-initiated bootstrap again, as after a Bootstrap-Request Trigger. */
    void rebootstrap() {
        client.triggerClientInitiatedBootstrap(false);
    }

    /** The first outcome after {@code since} outcomes, waiting up to {@code seconds}. */
    String awaitOutcome(int since, int seconds) {
        await(endpoint + ": bootstrap outcome")
                .atMost(Duration.ofSeconds(seconds))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> outcomes.size() > since);
        return outcomes.get(since);
    }

    @Override
    public void close() {
        client.destroy(false);
    }
}
