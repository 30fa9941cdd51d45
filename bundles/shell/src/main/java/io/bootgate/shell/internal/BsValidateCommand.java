/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigValidator;
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
 * {@code bootgate:bs-validate <file>...}: checks bootstrap config files as the server would load them, without
 * installing them; prints each error with its file and field and fails when any file is invalid (so that a
 * script using {@code bin/client} sees it).
 */
@Command(scope = "bootgate", name = "bs-validate", description = "Validates bootstrap config JSON files")
@Service
public final class BsValidateCommand implements Action {

    @Reference
    BootstrapConfigValidator validator;

    @Argument(index = 0, name = "files", required = true, multiValued = true, description = "<endpoint>.json files")
    @Completion(FileCompleter.class)
    List<String> files;

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
        int invalid = 0;
        for (String name : files) {
            Path file = Path.of(name);
            try {
                BootstrapConfig config = validator.validate(file);
                out.println("OK " + file + ": endpoint " + config.endpoint() + ", "
                        + config.servers().size()
                        + " server(s), " + config.accessControl().size() + " ACL(s), "
                        + config.writes().size()
                        + " write(s)");
            } catch (BootstrapConfigException e) {
                invalid++;
                out.println("INVALID " + file + ": " + e.getMessage());
            }
        }
        if (invalid > 0) {
            throw new IllegalArgumentException(invalid + " of " + files.size() + " file(s) invalid");
        }
        return null;
    }
}
