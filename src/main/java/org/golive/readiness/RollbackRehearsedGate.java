package org.golive.readiness;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.golive.config.Environments;
import org.golive.readiness.RollbackHistory.CompletedRollback;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checklist "rollback procedure tested": the rollback was rehearsed, that is a rollback of the staging environment
 * completed recently enough ({@code golive.readiness.environments.<environment>.rollback-rehearsed-within}).
 */
@Component
public class RollbackRehearsedGate {

    private final RollbackHistory history;
    private final Environments environments;
    private final ReadinessProperties readiness;
    private final EnvironmentGateProperties settings;
    private final Clock clock;

    @Autowired
    public RollbackRehearsedGate(RollbackHistory history, Environments environments, ReadinessProperties readiness,
                                 EnvironmentGateProperties settings) {
        this(history, environments, readiness, settings, Clock.systemUTC());
    }

    RollbackRehearsedGate(RollbackHistory history, Environments environments, ReadinessProperties readiness,
                          EnvironmentGateProperties settings, Clock clock) {
        this.history = history;
        this.environments = environments;
        this.readiness = readiness;
        this.settings = settings;
        this.clock = clock;
    }

    public GateResult check(GateRequest request) {
        String staging = readiness.stagingEnvironment();
        Duration within = settings.of(request.environment().name()).rollbackRehearsedWithin();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("stagingEnvironment", staging == null ? "" : staging);
        facts.put("rehearsedWithinDays", within.toDays());
        if (staging == null || staging.isBlank()) {
            return GateResult.inconclusive("no staging environment configured (golive.readiness.staging-environment):"
                    + " nowhere to rehearse the rollback", facts);
        }
        if (staging.equals(request.environment().name())) {
            return GateResult.inconclusive(staging + " is the staging environment itself: its rollback rehearsal is a person's call", facts);
        }
        if (!environments.exists(staging)) {
            return GateResult.inconclusive("staging environment '" + staging + "' is not configured under golive.environments", facts);
        }
        Optional<CompletedRollback> last = history.lastCompleted(staging);
        if (last.isEmpty()) {
            return GateResult.fail("no rollback of " + staging + " has completed: rehearse one before going live on "
                    + request.environment().name(), facts);
        }
        Duration age = Duration.between(last.get().endedAt(), clock.instant());
        facts.put("rollbackGoLiveId", last.get().goLiveId());
        facts.put("rollbackProcessInstanceId", last.get().processInstanceId());
        facts.put("rollbackEndedAt", last.get().endedAt().toString());
        facts.put("rollbackAgeDays", age.toDays());
        if (age.compareTo(within) > 0) {
            return GateResult.fail("the last rollback of " + staging + " (" + last.get().goLiveId() + ") completed " + age.toDays()
                    + " days ago, longer than " + within.toDays() + " days", facts);
        }
        return GateResult.pass("rollback of " + staging + " rehearsed in " + last.get().goLiveId() + " (" + last.get().endedAt() + ")", facts);
    }
}
