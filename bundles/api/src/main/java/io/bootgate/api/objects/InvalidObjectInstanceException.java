/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import io.bootgate.api.model.LwM2mPath;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An object instance that cannot be read as the typed record of its object: every resource that is missing,
 * of another type or out of range is listed, each naming its path and resource, e.g.
 * {@code "/0/3/2: Security Mode is missing"}.
 * <p>
 * Unchecked, and an {@link IllegalArgumentException}, on purpose: an instance from the store already fits its
 * object definition, so a failure is a data error the caller cannot repair where it reads. Callers that expect
 * incomplete instances (a Bootstrap-Discover in the middle of a session, timers reading what a device holds)
 * use the lenient readers instead of catching this; parsers of configuration files that already turn an
 * {@code IllegalArgumentException} into their own error naming file and field keep doing so.
 */
public class InvalidObjectInstanceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with a resource. */
    public enum Kind {
        /** A mandatory resource is absent. */
        MISSING,
        /** The resource holds a value of another data type (or is multiple where single is expected). */
        WRONG_TYPE,
        /** The value has the right type but is outside the range or set the specification allows. */
        INVALID_VALUE
    }

    /**
     * One resource that cannot be read.
     *
     * @param resource the resource path {@code /o/i/r}
     * @param resourceName the resource's name in its object definition
     * @param kind what is wrong
     * @param description a sentence starting with the resource name, e.g. "Short Server ID 0 is outside
     *            1..65534"
     */
    public record Problem(LwM2mPath resource, String resourceName, Kind kind, String description) {

        public Problem {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(resourceName, "resourceName");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(description, "description");
        }

        /** The path and the description, e.g. {@code "/0/3/2: Security Mode is missing"}. */
        @Override
        public String toString() {
            return resource + ": " + description;
        }
    }

    private final transient List<Problem> problems;

    /** @throws IllegalArgumentException for an empty list */
    public InvalidObjectInstanceException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid object instance has at least one problem");
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }

    /** Every problem found, in resource order. */
    public List<Problem> problems() {
        return problems;
    }
}
