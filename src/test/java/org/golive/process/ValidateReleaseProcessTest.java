package org.golive.process;

import org.golive.config.Target;
import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.golive.step.ProcessConstants.ROLLBACK_CONSIDER;
import static org.golive.step.ProcessConstants.ROLLBACK_CONTINUE;
import static org.golive.step.ProcessConstants.ROLLBACK_IMMEDIATE;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.golive.step.StepFailedException;
import org.golive.validation.CheckFailedException;
import org.golive.validation.ReleaseValidationService.Check;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * validate-release on its own, started with the variables go-live passes in: the checks record what they
 * measured, "Assess release health" turns it into the rollback criteria's inputs, and the DMN decides.
 * One test per outcome of the decision, end to end through the process.
 */
class ValidateReleaseProcessTest extends ProcessTestSupport {

    private static final List<String> MODULES = List.of("golive_extra", "golive_demo");

    @BeforeEach
    void everyCheckPasses() {
        lenient().when(validation.run(eq(Check.LATENCY), any(Target.class), anyList()))
                .thenReturn(Map.of("requests", 20, "failures", 0, "p95Millis", 120L));
    }

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    /** Starts validate-release with what go-live's call activity passes in (and a few more) and runs it to its end. */
    private String validate(Map<String, Object> extra) {
        String goLiveId = "gl-" + UUID.randomUUID();
        Map<String, Object> variables = releaseVariables(goLiveId);
        variables.put(ProcessConstants.VAR_STARTED_BY, "release");
        variables.putAll(extra);
        String id = runtimeService().startProcessInstanceByKey(ProcessConstants.PROCESS_VALIDATE_RELEASE, goLiveId, variables).getId();
        runJobs();
        assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getEndActivityId())
                .as("validate-release ends normally, whatever it measured").isEqualTo("EndEvent_ReleaseAssessed");
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        return id;
    }

    private static Object variable(String processInstanceId, String name) {
        HistoricVariableInstance variable = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    private static void assertDecision(String id, String decision, String criterion) {
        assertThat(variable(id, ProcessConstants.VAR_ROLLBACK_DECISION)).isEqualTo(decision);
        assertThat(variable(id, ProcessConstants.VAR_ROLLBACK_CRITERION)).isEqualTo(criterion);
    }

    @Test
    void everyCheckPassingContinues() {
        String id = validate(Map.of());

        assertThat(new HistoricInstance(id)).hasPassedInOrder("Task_CheckHealth", "Task_CheckLogin", "Task_CheckWebAssets", "Task_CheckCsrf",
                "Task_CheckDatabaseSelector",
                "Task_CheckWebsocket", "Task_VerifyModulesInstalled", "Task_CheckScheduledActions", "Task_RunSmokeCalls",
                "Task_ProbeLatency", "Task_AssessReleaseHealth", "BusinessRuleTask_DecideRollback", "EndEvent_ReleaseAssessed");
        assertDecision(id, ROLLBACK_CONTINUE, "No rollback criterion met");
        for (Check check : Check.values()) {
            assertThat(variable(id, "check_" + check.name().toLowerCase())).as(check.name()).isEqualTo("pass");
            verify(validation).run(check, sandbox(), MODULES);
        }
        assertThat(variable(id, "outageMinutes")).isEqualTo(0);
        assertThat(variable(id, "errorRatePercent")).isEqualTo(0.0);
        assertThat(variable(id, "errorRateMinutes")).isEqualTo(0);
        assertThat(variable(id, "dataCorruption")).isEqualTo(false);
        assertThat(variable(id, "securityBreach")).isEqualTo(false);
        assertThat(variable(id, "coreWorkflowsBlocked")).isEqualTo(false);
        assertThat(variable(id, "failedChecks")).isEqualTo("none");
        assertThat(variable(id, "rollbackReason")).isEqualTo("All 10 checks passed.");
        assertThat(variable(id, "latencyRequests")).isEqualTo(20);
        assertThat(variable(id, "unhealthySince")).isNull();
    }

    @Test
    void healthFailingForMoreThan30MinutesIsAnImmediateRollback() {
        when(validation.run(eq(Check.HEALTH), any(Target.class), anyList())).thenThrow(new StepFailedException("/web/health answered 502"));
        String since = Instant.now().minus(Duration.ofMinutes(31)).toString();

        String id = validate(Map.of("unhealthySince", since));

        assertDecision(id, ROLLBACK_IMMEDIATE, "Total system outage > 30 minutes");
        assertThat((Integer) variable(id, "outageMinutes")).isBetween(31, 32);
        assertThat(variable(id, "unhealthySince")).as("the series goes on from its first failure").isEqualTo(since);
        assertThat(variable(id, "check_health")).isEqualTo("fail");
        assertThat(variable(id, "check_health_failure")).isEqualTo("/web/health answered 502");
        assertThat((String) variable(id, "failedChecks")).contains("health: /web/health answered 502");
    }

    @Test
    void aFirstFailingHealthCheckStartsTheOutageClockAndContinues() {
        when(validation.run(eq(Check.HEALTH), any(Target.class), anyList())).thenThrow(new StepFailedException("/web/health answered 502"));
        Instant before = Instant.now();

        String id = validate(Map.of());

        assertDecision(id, ROLLBACK_CONTINUE, "No rollback criterion met");
        assertThat(variable(id, "outageMinutes")).isEqualTo(0);
        assertThat(Instant.parse((String) variable(id, "unhealthySince"))).isAfterOrEqualTo(before);
    }

    @Test
    void healthyAgainEndsTheOutageSeries() {
        String id = validate(Map.of("unhealthySince", Instant.now().minus(Duration.ofMinutes(45)).toString()));

        assertDecision(id, ROLLBACK_CONTINUE, "No rollback criterion met");
        assertThat(variable(id, "unhealthySince")).isNull();
        assertThat(variable(id, "outageMinutes")).isEqualTo(0);
    }

    @Test
    void smokeCallsFailingBlockCoreWorkflowsWhileTheLoginPageRenders() {
        when(validation.run(eq(Check.SMOKE), any(org.golive.config.Target.class), anyList()))
                .thenThrow(new CheckFailedException("smoke calls failed: sale.order.search_count([]) = 0, expected at least 1", Map.of()));

        String id = validate(Map.of());

        assertDecision(id, ROLLBACK_CONSIDER, "Core workflows blocked");
        assertThat(variable(id, "check_login")).isEqualTo("pass");
        assertThat(variable(id, "check_smoke")).isEqualTo("fail");
        assertThat((String) variable(id, "rollbackReason")).containsIgnoringCase("core workflows blocked (smoke failed)");
    }

    @Test
    void loginFailingBlocksCoreWorkflowsAndIsConsidered() {
        when(validation.run(eq(Check.LOGIN), any(Target.class), anyList()))
                .thenThrow(new StepFailedException("/web/login answered 500, expected [200, 303]"));

        String id = validate(Map.of());

        assertDecision(id, ROLLBACK_CONSIDER, "Core workflows blocked");
        assertThat(variable(id, "coreWorkflowsBlocked")).isEqualTo(true);
        assertThat(variable(id, "check_login")).isEqualTo("fail");
        assertThat(variable(id, "check_login_fault")).isEqualTo("measured");
        assertThat((String) variable(id, "failedChecks")).isEqualTo("login: /web/login answered 500, expected [200, 303]");
        assertThat((String) variable(id, "rollbackReason")).contains("core workflows blocked (login failed)");
        verify(validation, times(1)).run(eq(Check.LOGIN), any(Target.class), anyList());
        // the checks after it still ran: the decision is taken over all of them
        verify(validation).run(eq(Check.LATENCY), any(Target.class), anyList());
    }

    @Test
    void aBrokenBundleAndAnAcceptedForgedLoginAreFailingChecks() {
        when(validation.run(eq(Check.ASSETS), any(Target.class), anyList()))
                .thenThrow(new StepFailedException("login page assets broken: http://odoo/web/assets/1/abc/web.assets_frontend_lazy.min.js answered 500"));
        when(validation.run(eq(Check.CSRF), any(Target.class), anyList()))
                .thenThrow(new StepFailedException("POST http://odoo/web/login without csrf_token was accepted (200)"));

        String id = validate(Map.of());

        assertThat(variable(id, "check_assets")).isEqualTo("fail");
        assertThat(variable(id, "check_csrf")).isEqualTo("fail");
        assertThat((String) variable(id, "failedChecks")).contains("assets: login page assets broken").contains("csrf: POST");
        verify(validation).run(eq(Check.DATABASE_SELECTOR), any(Target.class), anyList());
    }

    @Test
    void aTechnicalFaultOnTheLastRetryIsAFailingCheck() {
        when(validation.run(eq(Check.CRONS), any(Target.class), anyList()))
                .thenThrow(new IllegalStateException("cannot read ir_cron of sandbox: connection refused"));

        String id = validate(Map.of());

        verify(validation, times(3)).run(eq(Check.CRONS), any(Target.class), anyList());
        assertThat(variable(id, "check_crons")).isEqualTo("fail");
        assertThat(variable(id, "check_crons_fault")).isEqualTo("technical");
        assertThat((String) variable(id, "failedChecks")).contains("crons: could not be checked: cannot read ir_cron");
        assertDecision(id, ROLLBACK_CONSIDER, "Core workflows blocked");
    }

    @Test
    void aTechnicalFaultThatClearsOnRetryIsAPass() {
        when(validation.run(eq(Check.WEBSOCKET), any(Target.class), anyList()))
                .thenThrow(new IllegalStateException("connect timed out"))
                .thenReturn(Map.of("handshakeMillis", 12L));

        String id = validate(Map.of());

        verify(validation, times(2)).run(eq(Check.WEBSOCKET), any(Target.class), anyList());
        assertThat(variable(id, "check_websocket")).isEqualTo("pass");
        assertDecision(id, ROLLBACK_CONTINUE, "No rollback criterion met");
    }

    @Test
    void modulesLeftHalfDoneAreDataCorruptionAndAnImmediateRollback() {
        when(validation.run(eq(Check.MODULES), any(Target.class), anyList())).thenThrow(new CheckFailedException(
                "modules not installed: golive_demo (to upgrade)", Map.of("interruptedModules", "golive_demo (to upgrade)")));

        String id = validate(Map.of());

        assertDecision(id, ROLLBACK_IMMEDIATE, "Data corruption detected");
        assertThat(variable(id, "dataCorruption")).isEqualTo(true);
        assertThat(variable(id, "interruptedModules")).isEqualTo("golive_demo (to upgrade)");
    }

    @Test
    void aReportedSecurityBreachIsAnImmediateRollback() {
        String id = validate(Map.of("securityBreachReported", true));

        assertDecision(id, ROLLBACK_IMMEDIATE, "Security breach detected");
        assertThat(variable(id, "securityBreach")).isEqualTo(true);
    }

    @Test
    void errorsAbove10PercentForMoreThan15MinutesAreConsidered() {
        when(validation.run(eq(Check.LATENCY), any(Target.class), anyList())).thenThrow(new CheckFailedException(
                "6 of 20 requests to http://odoo/web/login failed", Map.of("requests", 20, "failures", 6)));
        String since = Instant.now().minus(Duration.ofMinutes(16)).toString();

        String id = validate(Map.of("errorRateHighSince", since));

        assertDecision(id, ROLLBACK_CONSIDER, "Error rate > 10 % for > 15 minutes");
        assertThat(variable(id, "errorRatePercent")).isEqualTo(25.0); // 6 of 24
        assertThat((Integer) variable(id, "errorRateMinutes")).isBetween(16, 17);
        assertThat(variable(id, "latencyFailedRequests")).isEqualTo(6);
        assertThat(variable(id, "errorRateHighSince")).isEqualTo(since);
    }

    @Test
    void aPassingRunClearsTheFailureOfAnEarlierRun() {
        // what go-live hands back in on the next hypercare run
        String id = validate(Map.of("check_login", "fail", "check_login_failure", "/web/login answered 500",
                "check_login_fault", "measured"));

        assertThat(variable(id, "check_login")).isEqualTo("pass");
        assertThat(variable(id, "check_login_failure")).isNull();
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(id)
                .variableNameLike("check_health_%").count())
                .as("a check that passes with no earlier failure in scope writes no empty failure variables").isZero();
        assertDecision(id, ROLLBACK_CONTINUE, "No rollback criterion met");
    }
}
