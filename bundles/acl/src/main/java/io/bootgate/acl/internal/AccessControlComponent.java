/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.acl.internal;

import io.bootgate.acl.DefaultAccessControl;
import io.bootgate.api.acl.AccessControlService;
import org.osgi.service.component.annotations.Component;

/** The {@link AccessControlService} service: the rules hold no state, so one instance serves everybody. */
@Component(service = AccessControlService.class)
public final class AccessControlComponent extends DefaultAccessControl {}
