package org.golive.lock;

import java.time.Instant;

/**
 * An environment held by one go-live or rollback: {@code holder} is its id (business key), {@code holderProcess}
 * what it is ({@code go-live}, {@code rollback}), {@code processInstanceId} the instance that took the lock.
 */
public record EnvironmentLock(String environment, String holder, String holderProcess, String processInstanceId,
                              Instant acquiredAt) {

    /** "go-live sandbox-18.0-2-20261201-101010-abcd since 2026-12-01T10:10:10Z", what a refused start shows. */
    public String describe() {
        return (holderProcess == null ? "go-live" : holderProcess) + " " + holder + " since " + acquiredAt;
    }
}
