package org.golive.readiness;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.golive.rehearsal.RehearsalHistory;
import org.golive.rehearsal.RehearsalHistory.Rehearsal;
import org.golive.rehearsal.RehearsalProperties;
import org.golive.rehearsal.RehearsalProperties.Required;
import org.springframework.stereotype.Component;

/**
 * Issue 13: the release (image, tag and the same module lists) passed a rehearsal on a neutralized copy of this
 * environment recently. Fails when the latest rehearsal of it failed (with the failure, which ends with Odoo's log
 * tail) or when one is required ({@code golive.rehearsal.environments.<env>.required}) and none passed recently.
 */
@Component
public class RehearsalGate {

    private final RehearsalHistory history;
    private final RehearsalProperties properties;

    public RehearsalGate(RehearsalHistory history, RehearsalProperties properties) {
        this.history = history;
        this.properties = properties;
    }

    public GateResult check(GateRequest request) {
        String environment = request.environment().name();
        Required settings = properties.of(environment);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("required", settings.required());
        facts.put("maxAge", settings.maxAge().toString());
        Optional<Rehearsal> latest = history.latest(environment, request.imageRepository(), request.releaseTag(),
                request.install(), request.update());
        Optional<Rehearsal> finished = latest.filter(Rehearsal::finished);
        if (latest.isPresent() && !latest.get().finished()) {
            facts.put("runningRehearsal", latest.get().rehearsalId());
            finished = history.lastPassed(environment, request.imageRepository(), request.releaseTag(), request.install(), request.update());
        }
        if (finished.isPresent() && !finished.get().passed()) {
            Rehearsal failed = finished.get();
            facts.put("rehearsalId", failed.rehearsalId());
            facts.put("rehearsalEndedAt", String.valueOf(failed.endedAt()));
            facts.put("failure", String.valueOf(failed.failure()));
            return GateResult.fail("the latest rehearsal of " + request.image() + " on " + environment + " (" + failed.rehearsalId()
                    + ") failed: " + failed.failure(), facts);
        }
        if (finished.isPresent()) {
            Rehearsal passed = finished.get();
            facts.put("rehearsalId", passed.rehearsalId());
            facts.put("rehearsalEndedAt", String.valueOf(passed.endedAt()));
            facts.put("odooCliMillis", passed.odooCliMillis() == null ? "" : passed.odooCliMillis());
            if (!passed.endedAt().isBefore(Instant.now().minus(settings.maxAge()))) {
                return GateResult.pass(request.image() + " passed its rehearsal " + passed.rehearsalId() + " on " + environment
                        + " (" + passed.endedAt() + ")", facts);
            }
            String old = "the last passed rehearsal of " + request.image() + " on " + environment + " (" + passed.rehearsalId()
                    + ", " + passed.endedAt() + ") is older than " + human(settings.maxAge());
            return settings.required() ? GateResult.fail(old + ": rehearse it again", facts) : GateResult.inconclusive(old, facts);
        }
        if (latest.isPresent()) {
            return GateResult.inconclusive("a rehearsal of " + request.image() + " on " + environment + " (" + latest.get().rehearsalId()
                    + ") is still running: wait for its result", facts);
        }
        if (settings.required()) {
            return GateResult.fail("no rehearsal of " + request.image() + " with these modules on " + environment
                    + ", and golive.rehearsal.environments." + environment + ".required is true: POST /api/rehearsals", facts);
        }
        facts.put("skipped", true);
        return GateResult.pass("skipped: no rehearsal required on " + environment + " and none ran", facts);
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
