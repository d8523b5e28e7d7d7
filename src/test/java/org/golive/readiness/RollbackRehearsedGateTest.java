package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.golive.config.Target;
import org.golive.config.Environments;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.readiness.EnvironmentGateProperties.Platform;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.RollbackHistory.CompletedRollback;
import org.junit.jupiter.api.Test;

/** The rollback rehearsal gate's judgement on the staging environment's rollback history. */
class RollbackRehearsedGateTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final TargetEnvironment ANY = new TargetEnvironment("http://127.0.0.1:1", null, null, null, null, null, null, null);
    private static final Environments ENVIRONMENTS = new Environments(new GoliveProperties(Path.of("target"),
            Map.of("staging", ANY, "prod", ANY), null, null, null, null, null, "http://localhost:8080", null, null));
    private static final EnvironmentGateProperties SEVEN_DAYS = new EnvironmentGateProperties(Map.of("prod",
            new Platform(null, null, true, "/var/lib/odoo", 101, null, Duration.ofDays(7))));

    private static GateResult check(String staging, RollbackHistory history, String environment) {
        return new RollbackRehearsedGate(history, ENVIRONMENTS, new ReadinessProperties(staging, null, 20, 3, Map.of()), SEVEN_DAYS,
                Clock.fixed(NOW, ZoneOffset.UTC)).check(new GateRequest(new Target(environment, ANY), "golive/odoo", "1.2.3", "x"));
    }

    private static RollbackHistory endedDaysAgo(long days) {
        return environment -> "staging".equals(environment)
                ? Optional.of(new CompletedRollback("staging-1.2.2-r", "pi-1", NOW.minus(Duration.ofDays(days)))) : Optional.empty();
    }

    @Test
    void passesWhenStagingRolledBackWithinTheWindow() {
        GateResult result = check("staging", endedDaysAgo(3), "prod");
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("rollbackGoLiveId", "staging-1.2.2-r").containsEntry("rollbackAgeDays", 3L);
    }

    @Test
    void failsWhenTheLastRollbackIsOlderThanTheWindow() {
        GateResult result = check("staging", endedDaysAgo(10), "prod");
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("10 days ago").contains("7 days");
    }

    @Test
    void failsWhenStagingNeverRolledBack() {
        assertThat(check("staging", environment -> Optional.empty(), "prod").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void isInconclusiveWithoutStagingOrOnStagingItself() {
        assertThat(check("", endedDaysAgo(1), "prod").status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(check("staging", endedDaysAgo(1), "staging").status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(check("qa", endedDaysAgo(1), "prod").status()).isEqualTo(Status.INCONCLUSIVE);
    }
}
