/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal.shell;

import io.bootgate.api.bsserver.BootstrapConfigCodec;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.bootstrap.config.jdbc.internal.ConfigTransfer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * {@code bootgate:bs-config-export <dir>}: writes every config held in PostgreSQL as an {@code <endpoint>.json}
 * file (owner-only, key material inline), the form the file store reads.
 */
@Command(
        scope = "bootgate",
        name = "bs-config-export",
        description = "Exports the bootstrap configs in PostgreSQL as <endpoint>.json files")
@Service
public final class BsConfigExportCommand implements Action {

    @Reference(filter = "(store=jdbc)")
    BootstrapConfigStore store;

    @Reference
    BootstrapConfigCodec codec;

    @Argument(index = 0, name = "dir", required = true, description = "directory to write (created if missing)")
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
        List<Path> files = ConfigTransfer.exportDirectory(store.getAll(), codec, Path.of(directory));
        files.forEach(file -> out.println("exported " + file));
        out.println(files.size() + " config(s) written to " + directory);
        return null;
    }
}
