/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * An LwM2M path: the root {@code /}, an object {@code /o}, an object instance {@code /o/i}, a resource
 * {@code /o/i/r} or a resource instance {@code /o/i/r/ri}. Every id is in 0..65534; 65535 is reserved by
 * the specification (it means "no instance" in the Access Control object) and never addresses a node.
 */
public final class LwM2mPath implements Comparable<LwM2mPath> {

    /** The largest id a path segment may carry. */
    public static final int MAX_ID = 65534;

    private static final LwM2mPath ROOT = new LwM2mPath(new int[0]);

    private final int[] ids;

    private LwM2mPath(int[] ids) {
        this.ids = ids;
    }

    public static LwM2mPath root() {
        return ROOT;
    }

    /**
     * @throws IllegalArgumentException if more than four ids are given or an id is out of range
     */
    public static LwM2mPath of(int... ids) {
        if (ids.length > 4) {
            throw new IllegalArgumentException("an LwM2M path has at most 4 segments, got " + ids.length);
        }
        for (int id : ids) {
            checkId(id);
        }
        return ids.length == 0 ? ROOT : new LwM2mPath(ids.clone());
    }

    /**
     * Parses {@code /}, {@code /3}, {@code /3/0}, {@code /3/0/1} or {@code /3/0/1/2}. A trailing slash is
     * tolerated; empty segments, signs, leading "+" and non-decimal digits are not.
     *
     * @throws IllegalArgumentException naming the offending text
     */
    public static LwM2mPath parse(String text) {
        Objects.requireNonNull(text, "path");
        String body = text.startsWith("/") ? text.substring(1) : text;
        if (body.isEmpty()) {
            return ROOT;
        }
        if (body.endsWith("/")) {
            body = body.substring(0, body.length() - 1);
        }
        String[] parts = body.split("/", -1);
        if (parts.length > 4) {
            throw new IllegalArgumentException("invalid LwM2M path '" + text + "': more than 4 segments");
        }
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ids[i] = parseId(parts[i], text);
        }
        return new LwM2mPath(ids);
    }

    private static int parseId(String segment, String text) {
        if (segment.isEmpty() || segment.length() > 5) {
            throw new IllegalArgumentException("invalid LwM2M path '" + text + "': bad segment '" + segment + "'");
        }
        int value = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("invalid LwM2M path '" + text + "': bad segment '" + segment + "'");
            }
            value = value * 10 + (c - '0');
        }
        if (value > MAX_ID) {
            throw new IllegalArgumentException(
                    "invalid LwM2M path '" + text + "': id " + value + " is above " + MAX_ID);
        }
        return value;
    }

    private static void checkId(int id) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("LwM2M id " + id + " is outside 0.." + MAX_ID);
        }
    }

    /** Number of segments: 0 for the root, 4 for a resource instance. */
    public int depth() {
        return ids.length;
    }

    public boolean isRoot() {
        return ids.length == 0;
    }

    public boolean isObject() {
        return ids.length == 1;
    }

    public boolean isObjectInstance() {
        return ids.length == 2;
    }

    public boolean isResource() {
        return ids.length == 3;
    }

    public boolean isResourceInstance() {
        return ids.length == 4;
    }

    /** @throws IllegalStateException for the root */
    public int objectId() {
        return segment(0, "object id");
    }

    /** @throws IllegalStateException above the instance level */
    public int instanceId() {
        return segment(1, "object instance id");
    }

    /** @throws IllegalStateException above the resource level */
    public int resourceId() {
        return segment(2, "resource id");
    }

    /** @throws IllegalStateException above the resource instance level */
    public int resourceInstanceId() {
        return segment(3, "resource instance id");
    }

    private int segment(int index, String what) {
        if (ids.length <= index) {
            throw new IllegalStateException("path " + this + " has no " + what);
        }
        return ids[index];
    }

    /** This path with one more segment. */
    public LwM2mPath append(int id) {
        if (ids.length == 4) {
            throw new IllegalArgumentException("cannot append to resource instance path " + this);
        }
        checkId(id);
        int[] longer = Arrays.copyOf(ids, ids.length + 1);
        longer[ids.length] = id;
        return new LwM2mPath(longer);
    }

    /** @throws IllegalStateException for the root */
    public LwM2mPath parent() {
        if (ids.length == 0) {
            throw new IllegalStateException("the root path has no parent");
        }
        return ids.length == 1 ? ROOT : new LwM2mPath(Arrays.copyOf(ids, ids.length - 1));
    }

    /** The ancestor (or this path) at the given depth. */
    public LwM2mPath truncate(int depth) {
        if (depth < 0 || depth > ids.length) {
            throw new IllegalArgumentException("cannot truncate " + this + " to depth " + depth);
        }
        return depth == ids.length ? this : depth == 0 ? ROOT : new LwM2mPath(Arrays.copyOf(ids, depth));
    }

    /** Whether {@code other} is this path or one of its ancestors. */
    public boolean startsWith(LwM2mPath other) {
        if (other.ids.length > ids.length) {
            return false;
        }
        for (int i = 0; i < other.ids.length; i++) {
            if (ids[i] != other.ids[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(LwM2mPath other) {
        int common = Math.min(ids.length, other.ids.length);
        for (int i = 0; i < common; i++) {
            int c = Integer.compare(ids[i], other.ids[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ids.length, other.ids.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LwM2mPath p && Arrays.equals(ids, p.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        if (ids.length == 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append('/').append(id);
        }
        return sb.toString();
    }
}
