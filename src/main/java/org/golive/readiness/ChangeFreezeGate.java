package org.golive.readiness;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.config.ReleaseRuleProperties;
import org.golive.config.ReleaseRuleProperties.Freeze;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Change control: inside one of the environment's freeze windows only a hotfix goes live, and its reason (from the
 * manifest) is recorded next to the window's, so the exception is visible in the evidence and WHAT_SHIPPED.md.
 */
@Component
public class ChangeFreezeGate {

    private final ReleaseRuleProperties rules;
    private final Clock clock;

    @Autowired
    public ChangeFreezeGate(ReleaseRuleProperties rules) {
        this(rules, Clock.systemUTC());
    }

    ChangeFreezeGate(ReleaseRuleProperties rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    public GateResult check(GateRequest request) {
        Instant now = clock.instant();
        List<Freeze> freezes = rules.of(request.environment().name()).freezes();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("checkedAt", now.toString());
        facts.put("freezeWindows", freezes.size());
        facts.put("hotfix", request.hotfixReason() != null);
        Freeze active = freezes.stream().filter(f -> f.contains(now)).findFirst().orElse(null);
        if (active == null) {
            freezes.stream().filter(f -> f.from().isAfter(now)).min((a, b) -> a.from().compareTo(b.from()))
                    .ifPresent(next -> facts.put("nextFreeze", next.start() + " – " + next.end() + " (" + next.reason() + ")"));
            return GateResult.pass("no change freeze on " + request.environment().name() + " now", facts);
        }
        facts.put("freezeStart", active.start());
        facts.put("freezeEnd", active.end());
        facts.put("freezeReason", active.reason());
        String window = "change freeze on " + request.environment().name() + " from " + active.start() + " to " + active.end()
                + " (" + active.reason() + ")";
        if (request.hotfixReason() == null) {
            return GateResult.fail(window + ": only a hotfix with its reason goes live now (manifest hotfix: {reason: ...})", facts);
        }
        facts.put("hotfixReason", request.hotfixReason());
        return GateResult.pass("hotfix inside the " + window + ": " + request.hotfixReason(), facts);
    }
}
