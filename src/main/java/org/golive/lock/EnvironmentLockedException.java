package org.golive.lock;

/** A go-live or rollback asked for an environment another one holds: answered 409, nothing is started. */
public class EnvironmentLockedException extends RuntimeException {

    private final transient EnvironmentLock held;

    public EnvironmentLockedException(String environment, EnvironmentLock held) {
        super("environment " + environment + " is held by " + (held == null ? "another go-live or rollback that started just now"
                : held.describe()) + "; one change at a time: start again when it has ended"
                + " (GET /api/environments/" + environment + "/lock shows the holder)");
        this.held = held;
    }

    /** The lock that refused the start; null when it was taken by a concurrent start and could not be read. */
    public EnvironmentLock held() {
        return held;
    }
}
