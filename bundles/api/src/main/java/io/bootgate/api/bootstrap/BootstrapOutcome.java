/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a bootstrap attempt ended: {@link Status#SUCCESS}, {@link Status#FAILURE} with a cause, or
 * {@link Status#NOT_APPLICABLE} with a reason (the mode has nothing to offer for this device, e.g. no
 * factory data or no smartcard). The engine goes on with the next mode of the sequence after a failure or
 * a "not applicable". Immutable.
 */
public final class BootstrapOutcome {

    /** The three ways an attempt can end. */
    public enum Status {
        /** The device's configuration was finished consistently and committed. */
        SUCCESS,
        /** The mode applied but did not produce a consistent configuration. */
        FAILURE,
        /** The mode has nothing to offer for this device. */
        NOT_APPLICABLE
    }

    private static final BootstrapOutcome SUCCESS =
            new BootstrapOutcome(Status.SUCCESS, "bootstrapped", List.of(), null);

    private final Status status;
    private final String detail;
    private final List<String> reasons;
    private final Throwable error;

    private BootstrapOutcome(Status status, String detail, List<String> reasons, Throwable error) {
        this.status = status;
        this.detail = detail;
        this.reasons = List.copyOf(reasons);
        this.error = error;
    }

    public static BootstrapOutcome success() {
        return SUCCESS;
    }

    /** A failure with a human readable cause, for logs and the device's state. */
    public static BootstrapOutcome failure(String cause) {
        return new BootstrapOutcome(Status.FAILURE, requireText(cause, "cause"), List.of(), null);
    }

    /** A failure caused by an exception; {@code cause} says what was being done. */
    public static BootstrapOutcome failure(String cause, Throwable error) {
        return new BootstrapOutcome(
                Status.FAILURE, requireText(cause, "cause"), List.of(), Objects.requireNonNull(error, "error"));
    }

    /** A failure because Finish found the configuration inconsistent; carries the reasons of the 4.06. */
    public static BootstrapOutcome failure(FinishResult finish) {
        if (finish.isSuccess()) {
            throw new IllegalArgumentException("a successful Finish is not a failure");
        }
        return new BootstrapOutcome(
                Status.FAILURE, "Bootstrap-Finish answered " + finish.code().dotted(), finish.reasons(), null);
    }

    public static BootstrapOutcome notApplicable(String reason) {
        return new BootstrapOutcome(Status.NOT_APPLICABLE, requireText(reason, "reason"), List.of(), null);
    }

    public Status status() {
        return status;
    }

    public boolean isSuccess() {
        return status == Status.SUCCESS;
    }

    /** The cause of a failure, the reason of a "not applicable", or "bootstrapped". */
    public String detail() {
        return detail;
    }

    /** The consistency violations found at Finish, for a failure built from a {@link FinishResult}. */
    public List<String> reasons() {
        return reasons;
    }

    public Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }

    private static String requireText(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BootstrapOutcome that
                && status == that.status
                && detail.equals(that.detail)
                && reasons.equals(that.reasons)
                && Objects.equals(error, that.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, detail, reasons, error);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(status.name()).append(": ").append(detail);
        if (!reasons.isEmpty()) {
            text.append(' ').append(reasons);
        }
        if (error != null) {
            text.append(" (").append(error).append(')');
        }
        return text.toString();
    }
}
