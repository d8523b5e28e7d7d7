package org.golive.readiness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one readiness gate found: a status, one line a person can act on, and the facts behind it (recorded
 * as evidence, so never a secret).
 */
public record GateResult(Status status, String summary, Map<String, Object> facts) {

    public enum Status {
        PASS, FAIL, INCONCLUSIVE;

        /** {@code pass}, {@code fail}, {@code inconclusive}: how the status travels in process variables. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GateResult {
        if (status == null || summary == null) {
            throw new IllegalArgumentException("a gate result needs a status and a summary");
        }
        // insertion order keeps the evidence readable; copyOf would lose it
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static GateResult pass(String summary, Map<String, Object> facts) {
        return new GateResult(Status.PASS, summary, facts);
    }

    public static GateResult fail(String summary, Map<String, Object> facts) {
        return new GateResult(Status.FAIL, summary, facts);
    }

    public static GateResult inconclusive(String summary, Map<String, Object> facts) {
        return new GateResult(Status.INCONCLUSIVE, summary, facts);
    }
}
