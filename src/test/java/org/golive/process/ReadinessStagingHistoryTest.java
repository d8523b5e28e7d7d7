package org.golive.process;

import org.golive.readiness.CamundaGoLiveHistory;
import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.golive.config.Target;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.ReadinessProperties;
import org.golive.readiness.StagingHistoryGate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The staging-history gate reads Camunda's real history: a completed go-live counts, anything else does not. */
class ReadinessStagingHistoryTest extends ProcessTestSupport {

    @Autowired
    CamundaGoLiveHistory history;

    @Test
    void aCompletedGoLiveOnStagingPassesTheGateForThatTagOnly() {
        // 'sandbox' plays staging here: it is the environment the process tests can go live on
        StagingHistoryGate gate = new StagingHistoryGate(history, environments,
                new ReadinessProperties("sandbox", null, 20, 3, Map.of()));
        GateRequest prod = new GateRequest(named("prod"), "golive/odoo", "18.0-2", "prod-18.0-2-x");
        GateRequest otherTag = new GateRequest(named("prod"), "golive/odoo", "18.0-9", "prod-18.0-9-x");
        assertThat(gate.check(otherTag).status()).isEqualTo(Status.FAIL);

        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        String task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
        completeGoNoGo("lead", task, Map.of("goNoGoDecision", "go", "goNoGoReason", "staging run"));
        runJobs();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult()
                .getEndActivityId()).isEqualTo(ProcessConstants.END_GO_LIVE_COMPLETED);

        GateResult passed = gate.check(prod);
        assertThat(passed.status()).isEqualTo(Status.PASS);
        assertThat(passed.facts()).containsEntry("stagingProcessInstanceId", id);
        assertThat(gate.check(otherTag).status()).isEqualTo(Status.FAIL);
        assertThat(gate.check(new GateRequest(sandbox(), "golive/odoo", "18.0-2", "x")).status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(new StagingHistoryGate(history, environments, new ReadinessProperties("", null, 20, 3, Map.of()))
                .check(prod).status()).isEqualTo(Status.INCONCLUSIVE);
    }

    /** An environment of that name with sandbox's settings: the gate reads only the name. */
    private Target named(String name) {
        return new Target(name, environments.get("sandbox"));
    }
}
