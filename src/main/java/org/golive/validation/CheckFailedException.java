package org.golive.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.step.StepFailedException;

/**
 * A validation check measured a failure, and what it measured on the way still counts: the rollback
 * criteria need the failed requests of the latency probe and the modules left half-done, not only the
 * message.
 */
public class CheckFailedException extends StepFailedException {

    private final Map<String, Object> facts;

    public CheckFailedException(String message, Map<String, Object> facts) {
        super(message);
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
