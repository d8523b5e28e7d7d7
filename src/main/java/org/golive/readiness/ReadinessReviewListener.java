package org.golive.readiness;

import static org.golive.step.ProcessConstants.GATE_REVIEW_ACCEPT;
import static org.golive.step.ProcessConstants.GATE_REVIEW_REJECT;
import static org.golive.step.ProcessConstants.VAR_GATE_REVIEWED_BY;
import static org.golive.step.ProcessConstants.VAR_GATE_REVIEW_DECISION;
import static org.golive.step.ProcessConstants.VAR_GATE_REVIEW_REASON;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_INCONCLUSIVE_GATES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.TaskForm;
import org.springframework.stereotype.Component;

/** An inconclusive gate is accepted or rejected by a named person with a reason, or not at all. */
@Component("readinessReviewListener")
public class ReadinessReviewListener implements TaskListener {

    private static final List<String> DECISIONS = List.of(GATE_REVIEW_ACCEPT, GATE_REVIEW_REJECT);

    private final EvidenceLog evidence;

    public ReadinessReviewListener(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        String decision = TaskForm.choice(task, "the review", "decision", VAR_GATE_REVIEW_DECISION, DECISIONS);
        String reason = TaskForm.text(task, "the review", "reason", VAR_GATE_REVIEW_REASON);
        String by = ReadinessAttestationListener.who(task);
        task.setVariable(VAR_GATE_REVIEWED_BY, by);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("decision", decision);
        facts.put("reason", reason);
        facts.put("reviewedBy", by);
        facts.put("inconclusiveGates", String.valueOf(task.getVariable(VAR_INCONCLUSIVE_GATES)));
        evidence.record(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION, facts);
    }
}
