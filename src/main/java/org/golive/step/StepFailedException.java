package org.golive.step;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step met a result that retrying will not change (a module that failed to install, a check that
 * measured a failure). Technical faults are plain runtime exceptions and are retried. It may carry facts (what
 * ran, its exit code) that the step's failure evidence records beside the message.
 */
public class StepFailedException extends RuntimeException {

    private final Map<String, Object> facts;

    public StepFailedException(String message) {
        this(message, Map.of());
    }

    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
        this.facts = Map.of();
    }

    public StepFailedException(String message, Map<String, Object> facts) {
        super(message);
        this.facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** What the failed step did before it failed, for the evidence (never secrets). */
    public Map<String, Object> facts() {
        return facts;
    }
}
