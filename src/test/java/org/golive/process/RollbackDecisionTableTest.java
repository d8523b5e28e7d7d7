package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.step.ProcessConstants.DECISION_ROLLBACK;
import static org.golive.step.ProcessConstants.ROLLBACK_CONSIDER;
import static org.golive.step.ProcessConstants.ROLLBACK_CONTINUE;
import static org.golive.step.ProcessConstants.ROLLBACK_IMMEDIATE;

import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * processes/rollback-decision.dmn against checklist 000's "Rollback Decision Criteria": one test per row of
 * the checklist's table, the "continue" row, and the thresholds, which the checklist states as strictly
 * greater.
 */
class RollbackDecisionTableTest {

    private static DmnDecision decision;
    private static DmnEngine dmn;

    @BeforeAll
    static void parseTheTable() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream model = RollbackDecisionTableTest.class.getResourceAsStream("/processes/rollback-decision.dmn")) {
            assertThat(model).as("processes/rollback-decision.dmn on the classpath").isNotNull();
            decision = dmn.parseDecision(DECISION_ROLLBACK, model);
        }
    }

    /** All quiet: no outage, no corruption, no breach, no errors, nothing blocked. */
    private static VariableMap healthy() {
        return Variables.createVariables()
                .putValue("outageMinutes", 0)
                .putValue("dataCorruption", false)
                .putValue("securityBreach", false)
                .putValue("errorRatePercent", 0.0)
                .putValue("errorRateMinutes", 0)
                .putValue("coreWorkflowsBlocked", false);
    }

    private static Map<String, Object> decide(VariableMap variables) {
        DmnDecisionResultEntries result = dmn.evaluateDecision(decision, variables).getSingleResult();
        assertThat(result).as("FIRST always yields one row: the last row catches all").isNotNull();
        return result.getEntryMap();
    }

    private static void assertDecision(VariableMap variables, String decision, String criterion) {
        assertThat(decide(variables)).containsEntry("rollbackDecision", decision).containsEntry("rollbackCriterion", criterion);
    }

    // --- one test per row of the checklist's table ---

    @Test
    void criticalTotalOutageOver30MinutesIsAnImmediateRollback() {
        assertDecision(healthy().putValue("outageMinutes", 31), ROLLBACK_IMMEDIATE, "Total system outage > 30 minutes");
    }

    @Test
    void criticalDataCorruptionIsAnImmediateRollback() {
        assertDecision(healthy().putValue("dataCorruption", true), ROLLBACK_IMMEDIATE, "Data corruption detected");
    }

    @Test
    void criticalSecurityBreachIsAnImmediateRollback() {
        assertDecision(healthy().putValue("securityBreach", true), ROLLBACK_IMMEDIATE, "Security breach detected");
    }

    @Test
    void highErrorRateOver10PercentForOver15MinutesIsConsidered() {
        assertDecision(healthy().putValue("errorRatePercent", 25.0).putValue("errorRateMinutes", 20), ROLLBACK_CONSIDER,
                "Error rate > 10 % for > 15 minutes");
    }

    @Test
    void highCoreWorkflowsBlockedIsConsidered() {
        assertDecision(healthy().putValue("coreWorkflowsBlocked", true), ROLLBACK_CONSIDER, "Core workflows blocked");
    }

    @Test
    void noCriterionMetContinues() {
        assertDecision(healthy(), ROLLBACK_CONTINUE, "No rollback criterion met");
    }

    // --- thresholds: strictly greater, as the checklist says ---

    @Test
    void outageOfExactly30MinutesContinues() {
        assertDecision(healthy().putValue("outageMinutes", 30), ROLLBACK_CONTINUE, "No rollback criterion met");
    }

    @Test
    void errorRateOfExactly10PercentForLongContinues() {
        assertDecision(healthy().putValue("errorRatePercent", 10.0).putValue("errorRateMinutes", 16), ROLLBACK_CONTINUE,
                "No rollback criterion met");
    }

    @Test
    void highErrorRateForExactly15MinutesContinues() {
        assertDecision(healthy().putValue("errorRatePercent", 11.0).putValue("errorRateMinutes", 15), ROLLBACK_CONTINUE,
                "No rollback criterion met");
    }

    @Test
    void errorRateJustOverBothThresholdsIsConsidered() {
        assertDecision(healthy().putValue("errorRatePercent", 11.0).putValue("errorRateMinutes", 16), ROLLBACK_CONSIDER,
                "Error rate > 10 % for > 15 minutes");
    }

    @Test
    void aHighErrorRateThatHasJustStartedContinues() {
        assertDecision(healthy().putValue("errorRatePercent", 100.0).putValue("errorRateMinutes", 0), ROLLBACK_CONTINUE,
                "No rollback criterion met");
    }

    // --- several criteria at once: the most severe row wins ---

    @Test
    void everyCriterionAtOnceGivesTheFirstCriticalRow() {
        assertDecision(Variables.createVariables()
                        .putValue("outageMinutes", 45)
                        .putValue("dataCorruption", true)
                        .putValue("securityBreach", true)
                        .putValue("errorRatePercent", 100.0)
                        .putValue("errorRateMinutes", 45)
                        .putValue("coreWorkflowsBlocked", true),
                ROLLBACK_IMMEDIATE, "Total system outage > 30 minutes");
    }

    @Test
    void aCriticalCriterionBeatsHighOnes() {
        assertDecision(healthy().putValue("securityBreach", true).putValue("coreWorkflowsBlocked", true)
                        .putValue("errorRatePercent", 50.0).putValue("errorRateMinutes", 20),
                ROLLBACK_IMMEDIATE, "Security breach detected");
    }

    @Test
    void bothHighCriteriaGiveTheErrorRateRow() {
        assertDecision(healthy().putValue("coreWorkflowsBlocked", true).putValue("errorRatePercent", 50.0)
                .putValue("errorRateMinutes", 20), ROLLBACK_CONSIDER, "Error rate > 10 % for > 15 minutes");
    }

    @Test
    void integerErrorRatesAreReadAsWell() {
        assertDecision(healthy().putValue("errorRatePercent", 12).putValue("errorRateMinutes", 16), ROLLBACK_CONSIDER,
                "Error rate > 10 % for > 15 minutes");
    }
}
