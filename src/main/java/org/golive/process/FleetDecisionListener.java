package org.golive.process;

import static org.golive.step.ProcessConstants.FLEET_GO_ON;
import static org.golive.step.ProcessConstants.FLEET_STOP;
import static org.golive.step.ProcessConstants.VAR_FLEET_DECISION;
import static org.golive.step.ProcessConstants.VAR_FLEET_DECISION_REASON;
import static org.golive.step.ProcessConstants.VAR_FLEET_ID;
import static org.golive.step.ProcessConstants.VAR_FLEET_WAVE;
import static org.golive.step.ProcessConstants.VAR_FLEET_WAVE_FAILURES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.golive.step.Deciders;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.TaskForm;
import org.springframework.stereotype.Component;

/**
 * The lead's decision after a wave in which a go-live did not complete: go on with the next wave or stop the fleet.
 * Refuses a missing decision or reason whatever client completes the task; records who decided, and why.
 */
@Component("fleetDecisionListener")
public class FleetDecisionListener implements TaskListener {

    private static final List<String> DECISIONS = List.of(FLEET_GO_ON, FLEET_STOP);

    private final EvidenceLog evidence;

    public FleetDecisionListener(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        String decision = TaskForm.choice(task, "the next wave", "decision", VAR_FLEET_DECISION, DECISIONS);
        String reason = TaskForm.text(task, "the next wave", "reason", VAR_FLEET_DECISION_REASON);
        String decidedBy = Deciders.of(task);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("decision", decision);
        facts.put("reason", reason);
        facts.put("decidedBy", decidedBy);
        facts.put("afterWave", task.getVariable(VAR_FLEET_WAVE));
        facts.put("failed", String.valueOf(task.getVariable(VAR_FLEET_WAVE_FAILURES)));
        evidence.record(String.valueOf(task.getVariable(VAR_FLEET_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION, facts);
    }
}
