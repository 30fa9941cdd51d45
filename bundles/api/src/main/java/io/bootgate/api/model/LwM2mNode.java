/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

/**
 * A node of an LwM2M object tree: an object, an object instance, a resource or a resource instance.
 * Nodes are immutable; "changing" one yields a new node.
 */
public sealed interface LwM2mNode permits LwM2mObject, ObjectInstance, Resource, ResourceInstance {

    /** The node's own id (object id, instance id, resource id or resource instance id). */
    int id();
}
