package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.golive.config.GoliveProperties.Container;
import org.golive.config.GoliveProperties.Database;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.readiness.GateResult.Status;
import org.golive.rehearsal.RehearsalHistory;
import org.golive.rehearsal.RehearsalHistory.Rehearsal;
import org.golive.rehearsal.RehearsalProperties;
import org.golive.rehearsal.RehearsalProperties.Required;
import org.junit.jupiter.api.Test;

/** The gate rehearsal: pass, fail with Odoo's log tail, inconclusive, skipped, per environment. */
class RehearsalGateTest {

    private static final Target PROD = new Target("prod", new TargetEnvironment("http://127.0.0.1:8069",
            new Database("127.0.0.1", 5432, "prod", "odoo", null, null), "unix:///var/run/docker.sock", null,
            new Container("prod-odoo", "golive/odoo", null, null, null, "host", null, Duration.ofSeconds(10), null, null),
            Path.of("/odoo/filestore/prod"), Path.of("/backups"), null));
    private static final GateRequest REQUEST = new GateRequest(PROD, "golive/odoo", "18.0-2", "prod-18.0-2-20261202-000000-abcd",
            List.of("golive_extra"), List.of("golive_demo"));

    @Test
    void passesWhenTheReleasePassedARecentRehearsal() {
        Rehearsal passed = rehearsal(true, true, Instant.now().minus(Duration.ofHours(2)), null);
        GateResult result = gate(history(passed, passed), true).check(REQUEST);
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("rehearsalId", "prod-rehearsal-18.0-2-20261202-000000-abcd");
    }

    @Test
    void failsWhenTheLatestRehearsalFailedWithOdoosLogTail() {
        Rehearsal failed = rehearsal(true, false, Instant.now().minus(Duration.ofHours(1)),
                "Task_RunModulesOnCopy: installing golive_broken: odoo exited 255\nERROR prod odoo.modules.registry: Failed to load registry");
        GateResult result = gate(history(failed, null), false).check(REQUEST);
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("failed").contains("ERROR prod odoo.modules.registry: Failed to load registry");
    }

    @Test
    void failsWhenRequiredAndNoneRan() {
        GateResult result = gate(history(null, null), true).check(REQUEST);
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("golive.rehearsal.environments.prod.required");
    }

    @Test
    void failsWhenRequiredAndTheLastPassIsTooOld() {
        Rehearsal old = rehearsal(true, true, Instant.now().minus(Duration.ofDays(9)), null);
        assertThat(gate(history(old, old), true).check(REQUEST).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void isInconclusiveWhenNotRequiredAndTheLastPassIsTooOld() {
        Rehearsal old = rehearsal(true, true, Instant.now().minus(Duration.ofDays(9)), null);
        GateResult result = gate(history(old, old), false).check(REQUEST);
        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("older than 168h");
    }

    @Test
    void isInconclusiveWhileTheOnlyRehearsalStillRuns() {
        Rehearsal running = rehearsal(false, false, null, null);
        GateResult result = gate(history(running, null), true).check(REQUEST);
        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("still running");
    }

    @Test
    void isSkippedWhenNotRequiredAndNoneRan() {
        GateResult result = gate(history(null, null), false).check(REQUEST);
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.summary()).startsWith("skipped");
        assertThat(result.facts()).containsEntry("skipped", true);
    }

    private static RehearsalGate gate(RehearsalHistory history, boolean required) {
        return new RehearsalGate(history, new RehearsalProperties(null, Duration.ofHours(24), null,
                Map.of("prod", new Required(required, Duration.ofDays(7)))));
    }

    private static Rehearsal rehearsal(boolean finished, boolean passed, Instant endedAt, String failure) {
        return new Rehearsal("prod-rehearsal-18.0-2-20261202-000000-abcd", "pi-1", finished, passed, endedAt, failure, 4200L, 1800L);
    }

    /** Answers only for exactly the request's release, as Camunda's history is queried. */
    private static RehearsalHistory history(Rehearsal latest, Rehearsal lastPassed) {
        return new RehearsalHistory() {
            @Override
            public Optional<Rehearsal> latest(String environment, String image, String tag, List<String> install, List<String> update) {
                return matches(environment, image, tag, install, update) ? Optional.ofNullable(latest) : Optional.empty();
            }

            @Override
            public Optional<Rehearsal> lastPassed(String environment, String image, String tag, List<String> install, List<String> update) {
                return matches(environment, image, tag, install, update) ? Optional.ofNullable(lastPassed) : Optional.empty();
            }

            private boolean matches(String environment, String image, String tag, List<String> install, List<String> update) {
                return environment.equals("prod") && image.equals("golive/odoo") && tag.equals("18.0-2")
                        && install.equals(REQUEST.install()) && update.equals(REQUEST.update());
            }
        };
    }
}
