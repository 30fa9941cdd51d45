/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bsserver.AccessControlWrite;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapWrite;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code bootgate:bs-config <endpoint>}: the endpoint's validated config as the server holds it (configs that fail
 * validation never reach the store), with secret key material shown only by its length.
 */
@Command(scope = "bootgate", name = "bs-config", description = "Shows one endpoint's bootstrap config, keys masked")
@Service
public final class BsConfigCommand implements Action {

    @Reference
    BootstrapConfigStore configs;

    @Argument(index = 0, name = "endpoint", required = true, description = "The endpoint name")
    @Completion(BsEndpointCompleter.class)
    String endpoint;

    /** The shell session, whose console gets the output. */
    @Reference
    Session session;

    /** The output; the session's console unless a test sets it. */
    PrintStream out;

    @Override
    public Object execute() {
        if (out == null) {
            out = session.getConsole();
        }
        BootstrapConfig config = configs.get(endpoint)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown endpoint " + endpoint + ": the bootstrap server has no (valid) config for it; "
                                + "bootgate:bs-validate <file> shows why a file is refused"));
        out.println("Bootstrap config of " + config.endpoint());
        out.println("  identity: " + Render.identity(config.identity()));
        out.println("  content format: "
                + config.contentFormat().map(Object::toString).orElse("server default"));
        out.println("  auto-number instances: " + config.autoNumberSecurityInstances());
        out.println("  reset servers (initialization option): "
                + (config.resetServers().isEmpty() ? "none" : config.resetServers()));
        out.println("  reads: " + (config.reads().isEmpty() ? "none" : config.reads()));
        out.println("  deletes: " + (config.deletes().isEmpty() ? "none" : config.deletes()));
        out.println("Servers:" + (config.servers().isEmpty() ? " none" : ""));
        for (ServerAccount account : config.servers()) {
            out.println("  ssid " + account.shortServerId() + " " + account.serverUri() + " "
                    + account.securityMode() + " (/0/" + instance(account.securityInstanceId()) + ", /1/"
                    + instance(account.serverInstanceId()) + ")");
            account.securityInstance(0).resources().forEach((id, resource) -> {
                if (id != Security.SERVER_URI && id != Security.SECURITY_MODE) {
                    out.println("    /0 " + id + " = " + Render.resource(Security.ID, resource));
                }
            });
            account.serverInstance(0).resources().forEach((id, resource) -> {
                if (id != Server.SHORT_SERVER_ID) {
                    out.println("    /1 " + id + " = " + Render.resource(Server.ID, resource));
                }
            });
        }
        out.println("Access control (/2):" + (config.accessControl().isEmpty() ? " none" : ""));
        for (AccessControlWrite write : config.accessControl()) {
            out.println("  "
                    + (write.instanceId().isPresent()
                            ? "/2/" + write.instanceId().getAsInt()
                            : "/2/(chosen)") + " " + Render.acl(write.accessControl()));
        }
        out.println("Writes:" + (config.writes().isEmpty() ? " none" : ""));
        for (BootstrapWrite write : config.writes()) {
            out.println("  " + write.path() + " = " + Render.node(write.path().objectId(), write.node()));
        }
        return null;
    }

    private static String instance(java.util.OptionalInt id) {
        return id.isPresent() ? String.valueOf(id.getAsInt()) : "auto";
    }
}
