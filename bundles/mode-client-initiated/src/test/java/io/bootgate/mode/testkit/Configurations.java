/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Instances of component property types (configuration annotations) as Declarative Services builds them: each
 * element returns the given override or its declared default. Lets tests activate components with the
 * configuration an operator would set, without an OSGi framework.
 */
public final class Configurations {

    private Configurations() {}

    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + overrides;
                case "hashCode":
                    return overrides.hashCode();
                case "equals":
                    return self == args[0];
                default:
                    Object value = overrides.get(method.getName());
                    if (value != null) {
                        return value;
                    }
                    Object fallback = method.getDefaultValue();
                    if (fallback == null) {
                        throw new IllegalStateException(
                                type.getSimpleName() + "." + method.getName() + " has no default and no test value");
                    }
                    return fallback;
            }
        });
        return type.cast(proxy);
    }

    public static <A> A defaults(Class<A> type) {
        return of(type, Map.of());
    }
}
