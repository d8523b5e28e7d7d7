package org.golive.readiness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What several checks of one gate found: each failure and each check that could not look, in the order they
 * ran, with their facts. One failure fails the gate; otherwise one unknown makes it inconclusive.
 */
final class Findings {

    final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> unknowns = new ArrayList<>();
    private final List<String> passed = new ArrayList<>();

    void pass(String check) {
        passed.add(check);
    }

    void fail(String problem) {
        failures.add(problem);
    }

    void unknown(String why) {
        unknowns.add(why);
    }

    /** Passes when {@code ok}, fails with {@code problem} otherwise. */
    void require(boolean ok, String check, String problem) {
        if (ok) {
            pass(check);
        } else {
            fail(problem);
        }
    }

    GateResult result(String allPassed) {
        facts.put("passedChecks", String.join(", ", passed));
        if (!failures.isEmpty()) {
            return GateResult.fail(String.join("; ", failures), facts);
        }
        if (!unknowns.isEmpty()) {
            return GateResult.inconclusive(String.join("; ", unknowns), facts);
        }
        return GateResult.pass(allPassed, facts);
    }
}
