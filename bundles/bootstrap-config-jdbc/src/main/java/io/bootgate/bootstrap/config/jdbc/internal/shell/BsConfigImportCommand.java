/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal.shell;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapConfigValidator;
import io.bootgate.bootstrap.config.jdbc.internal.ConfigTransfer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * {@code bootgate:bs-config-import <dir>}: stores every {@code <endpoint>.json} file of a directory in PostgreSQL,
 * after checking all of them as the file store would load them: one invalid file and nothing is imported.
 */
@Command(
        scope = "bootgate",
        name = "bs-config-import",
        description = "Imports a directory of <endpoint>.json bootstrap configs into PostgreSQL")
@Service
public final class BsConfigImportCommand implements Action {

    @Reference(filter = "(store=jdbc)")
    BootstrapConfigStore store;

    @Reference
    BootstrapConfigValidator validator;

    @Argument(index = 0, name = "dir", required = true, description = "directory of <endpoint>.json files")
    @Completion(FileCompleter.class)
    String directory;

    /** The shell session, whose console gets the output. */
    @Reference
    Session session;

    /** The output; the session's console unless a test sets it. */
    PrintStream out;

    @Override
    public Object execute() throws IOException {
        if (out == null) {
            out = session.getConsole();
        }
        Path dir = Path.of(directory);
        try {
            for (BootstrapConfig config : ConfigTransfer.importDirectory(dir, validator, store)) {
                out.println("imported " + config.endpoint());
            }
        } catch (BootstrapConfigException e) {
            out.println("INVALID " + e.getMessage());
            for (Throwable other : e.getSuppressed()) {
                out.println("INVALID " + other.getMessage());
            }
            throw new IllegalArgumentException("nothing imported from " + dir + ": " + (1 + e.getSuppressed().length)
                    + " file(s) invalid or not stored");
        }
        return null;
    }
}
