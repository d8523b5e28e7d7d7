package org.golive.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

import org.golive.validation.ReleaseValidationService.Check;
import org.golive.validation.RollbackMeasurements.CheckOutcome;
import org.golive.validation.RollbackMeasurements.Measurements;
import org.golive.validation.RollbackMeasurements.Observation;
import org.junit.jupiter.api.Test;

class RollbackMeasurementsTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final int LATENCY_REQUESTS = 20;

    private static RollbackMeasurements at(Instant now) {
        return new RollbackMeasurements(Clock.fixed(now, ZoneOffset.UTC), LATENCY_REQUESTS);
    }

    private static Map<Check, CheckOutcome> allPass() {
        Map<Check, CheckOutcome> checks = new EnumMap<>(Check.class);
        for (Check check : Check.values()) {
            checks.put(check, CheckOutcome.pass());
        }
        return checks;
    }

    private static Map<Check, CheckOutcome> with(Map<Check, CheckOutcome> checks, Check check, CheckOutcome outcome) {
        checks.put(check, outcome);
        return checks;
    }

    private static Observation run(Map<Check, CheckOutcome> checks, Integer requests, Integer failed, Instant unhealthySince,
                                   Instant errorRateHighSince) {
        return new Observation(checks, requests, failed, null, unhealthySince, errorRateHighSince, false);
    }

    @Test
    void allChecksPassingMeasuresNothing() {
        Measurements m = at(T0).measure(run(allPass(), 20, 0, null, null));

        assertThat(m.outageMinutes()).isZero();
        assertThat(m.errorRatePercent()).isZero();
        assertThat(m.errorRateMinutes()).isZero();
        assertThat(m.dataCorruption()).isFalse();
        assertThat(m.securityBreach()).isFalse();
        assertThat(m.coreWorkflowsBlocked()).isFalse();
        assertThat(m.failedChecks()).isEqualTo("none");
        assertThat(m.rollbackReason()).isEqualTo("All 10 checks passed.");
        assertThat(m.unhealthySince()).isNull();
        assertThat(m.errorRateHighSince()).isNull();
    }

    @Test
    void anUnhealthySeriesCountsFromItsFirstFailureAcrossRunsAndEndsWhenHealthy() {
        CheckOutcome down = CheckOutcome.measuredFailure("/web/health answered 502");

        Measurements first = at(T0).measure(run(with(allPass(), Check.HEALTH, down), 20, 0, null, null));
        assertThat(first.unhealthySince()).isEqualTo(T0);
        assertThat(first.outageMinutes()).isZero();

        Measurements second = at(T0.plus(Duration.ofMinutes(30))).measure(
                run(with(allPass(), Check.HEALTH, down), 20, 0, first.unhealthySince(), null));
        assertThat(second.unhealthySince()).isEqualTo(T0);
        assertThat(second.outageMinutes()).isEqualTo(30);

        Measurements third = at(T0.plus(Duration.ofMinutes(31))).measure(
                run(with(allPass(), Check.HEALTH, down), 20, 0, second.unhealthySince(), null));
        assertThat(third.outageMinutes()).isEqualTo(31);
        assertThat(third.rollbackReason()).contains("unhealthy for 31 min");

        Measurements healthy = at(T0.plus(Duration.ofMinutes(60))).measure(run(allPass(), 20, 0, third.unhealthySince(), null));
        assertThat(healthy.unhealthySince()).isNull();
        assertThat(healthy.outageMinutes()).isZero();

        Measurements again = at(T0.plus(Duration.ofMinutes(90))).measure(
                run(with(allPass(), Check.HEALTH, down), 20, 0, healthy.unhealthySince(), null));
        assertThat(again.outageMinutes()).as("a new series starts at zero").isZero();
    }

    @Test
    void minutesAreRoundedUpSoThatMoreThan30MeansWhatItSays() {
        assertThat(RollbackMeasurements.minutesBetween(T0, T0.plus(Duration.ofMinutes(30)))).isEqualTo(30);
        assertThat(RollbackMeasurements.minutesBetween(T0, T0.plus(Duration.ofMinutes(30).plusSeconds(1)))).isEqualTo(31);
        assertThat(RollbackMeasurements.minutesBetween(T0, T0)).isZero();
        assertThat(RollbackMeasurements.minutesBetween(T0, T0.minusSeconds(5))).as("clock skew").isZero();
        assertThat(RollbackMeasurements.minutesBetween(null, T0)).isZero();
    }

    @Test
    void errorRateCountsTheLatencyProbeAndTheHttpChecks() {
        // 3 of 20 probe requests failed, 1 of 4 HTTP checks (websocket) failed: 4 of 24
        Map<Check, CheckOutcome> checks = with(allPass(), Check.WEBSOCKET, CheckOutcome.measuredFailure("refused"));
        checks.put(Check.LATENCY, CheckOutcome.measuredFailure("3 of 20 requests failed"));
        Measurements m = at(T0).measure(run(checks, 20, 3, null, null));

        assertThat(m.errorRatePercent()).isEqualTo(16.7);
        assertThat(m.errorRateHighSince()).isEqualTo(T0);
        assertThat(m.errorRateMinutes()).isZero();
        assertThat(m.rollbackReason()).contains("4 of 24 requests failed (16.7 %");
        assertThat(m.coreWorkflowsBlocked()).as("websocket and latency are not core workflows").isFalse();
    }

    @Test
    void aHighErrorRateIsTimedAcrossRunsAndResetWhenItDrops() {
        Map<Check, CheckOutcome> failing = with(allPass(), Check.LATENCY, CheckOutcome.measuredFailure("5 of 20 requests failed"));

        Measurements first = at(T0).measure(run(failing, 20, 5, null, null));
        assertThat(first.errorRatePercent()).isEqualTo(20.8); // 5 of 24
        Measurements later = at(T0.plus(Duration.ofMinutes(16))).measure(run(failing, 20, 5, null, first.errorRateHighSince()));
        assertThat(later.errorRateMinutes()).isEqualTo(16);
        assertThat(later.errorRateHighSince()).isEqualTo(T0);

        Measurements low = at(T0.plus(Duration.ofMinutes(20))).measure(run(failing, 20, 2, null, later.errorRateHighSince()));
        assertThat(low.errorRatePercent()).isEqualTo(8.3); // 2 of 24: not above 10 %
        assertThat(low.errorRateHighSince()).isNull();
        assertThat(low.errorRateMinutes()).isZero();
    }

    @Test
    void aLatencyProbeThatCouldNotRunCountsAllItsRequestsAsFailed() {
        Map<Check, CheckOutcome> checks = with(allPass(), Check.LATENCY, CheckOutcome.technicalFailure("connection refused"));
        Measurements m = at(T0).measure(run(checks, null, null, null, null));

        assertThat(m.errorRatePercent()).isEqualTo(83.3); // 20 of 24
        assertThat(m.failedChecks()).isEqualTo("latency: could not be checked: connection refused");
    }

    @Test
    void modulesLeftHalfDoneAreDataCorruptionAndBlockCoreWorkflows() {
        Map<Check, CheckOutcome> checks = with(allPass(), Check.MODULES,
                CheckOutcome.measuredFailure("modules not installed: golive_demo (to upgrade)"));
        Measurements m = at(T0).measure(new Observation(checks, 20, 0, "golive_demo (to upgrade)", null, null, false));

        assertThat(m.dataCorruption()).isTrue();
        assertThat(m.coreWorkflowsBlocked()).isTrue();
        assertThat(m.rollbackReason()).contains("half-done by Odoo: golive_demo (to upgrade)").contains("modules failed");
    }

    @Test
    void aModuleThatIsMerelyMissingBlocksWorkflowsButIsNoCorruption() {
        Map<Check, CheckOutcome> checks = with(allPass(), Check.MODULES,
                CheckOutcome.measuredFailure("modules not installed: golive_extra (uninstalled)"));
        Measurements m = at(T0).measure(new Observation(checks, 20, 0, null, null, null, false));

        assertThat(m.dataCorruption()).isFalse();
        assertThat(m.coreWorkflowsBlocked()).isTrue();
    }

    @Test
    void unreadableModuleStatesAreDataCorruption() {
        Map<Check, CheckOutcome> checks = with(allPass(), Check.MODULES,
                CheckOutcome.technicalFailure("cannot read ir_module_module of sandbox: relation does not exist"));
        Measurements m = at(T0).measure(run(checks, 20, 0, null, null));

        assertThat(m.dataCorruption()).isTrue();
        assertThat(m.rollbackReason()).contains("Module states (ir_module_module) could not be read");
    }

    @Test
    void loginOrCronsFailingBlockCoreWorkflows() {
        assertThat(at(T0).measure(run(with(allPass(), Check.LOGIN, CheckOutcome.measuredFailure("500")), 20, 0, null, null))
                .coreWorkflowsBlocked()).isTrue();
        Measurements crons = at(T0).measure(run(with(allPass(), Check.CRONS, CheckOutcome.measuredFailure("stalled")), 20, 0, null, null));
        assertThat(crons.coreWorkflowsBlocked()).isTrue();
        assertThat(crons.errorRatePercent()).as("crons are no HTTP request").isZero();
    }

    @Test
    void smokeCallsFailingBlockCoreWorkflowsWithoutCountingAsAnHttpRequest() {
        Measurements smoke = at(T0).measure(run(with(allPass(), Check.SMOKE, CheckOutcome.measuredFailure("refused")), 20, 0, null, null));
        assertThat(smoke.coreWorkflowsBlocked()).isTrue();
        assertThat(smoke.rollbackReason()).containsIgnoringCase("core workflows blocked (smoke failed)");
        assertThat(smoke.errorRatePercent()).isZero();
    }

    @Test
    void aSecurityBreachIsOnlyWhatSomeoneReported() {
        Measurements m = at(T0).measure(new Observation(allPass(), 20, 0, null, null, null, true));
        assertThat(m.securityBreach()).isTrue();
        assertThat(m.rollbackReason()).contains("security breach was reported");
        assertThat(at(T0).measure(run(allPass(), 20, 0, null, null)).securityBreach()).isFalse();
    }

    @Test
    void aFailedCheckThatMeetsNoCriterionIsStillReported() {
        Measurements m = at(T0).measure(run(with(allPass(), Check.LATENCY,
                CheckOutcome.measuredFailure("p95 latency of /web/login is 3400 ms, above 2000 ms")), 20, 0, null, null));

        assertThat(m.failedChecks()).isEqualTo("latency: p95 latency of /web/login is 3400 ms, above 2000 ms");
        assertThat(m.rollbackReason()).startsWith("No rollback criterion measured; 1 check(s) failed: latency: p95");
    }
}
