package org.golive.readiness;

import static org.golive.step.ProcessConstants.GATE_REVIEW_ACCEPT;
import static org.golive.step.ProcessConstants.GATE_REVIEW_REJECT;
import static org.golive.step.ProcessConstants.VAR_GATE_REVIEWED_BY;
import static org.golive.step.ProcessConstants.VAR_GATE_REVIEW_DECISION;
import static org.golive.step.ProcessConstants.VAR_GATE_REVIEW_REASON;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_INCONCLUSIVE_GATES;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.springframework.stereotype.Component;

/** An inconclusive gate is accepted or rejected by a named person with a reason, or not at all. */
@Component("readinessReviewListener")
public class ReadinessReviewListener implements TaskListener {

    private static final Set<String> DECISIONS = Set.of(GATE_REVIEW_ACCEPT, GATE_REVIEW_REJECT);

    private final EvidenceLog evidence;

    public ReadinessReviewListener(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        Object decision = task.getVariable(VAR_GATE_REVIEW_DECISION);
        if (decision == null || !DECISIONS.contains(decision.toString())) {
            throw new FormFieldValidationException(VAR_GATE_REVIEW_DECISION, "the review needs a decision: "
                    + VAR_GATE_REVIEW_DECISION + " must be 'accept' or 'reject', was " + (decision == null ? "missing" : "'" + decision + "'"));
        }
        Object reason = task.getVariable(VAR_GATE_REVIEW_REASON);
        if (reason == null || reason.toString().isBlank()) {
            throw new FormFieldValidationException(VAR_GATE_REVIEW_REASON, "the review needs a reason: " + VAR_GATE_REVIEW_REASON + " is empty");
        }
        String by = ReadinessAttestationListener.who(task);
        task.setVariable(VAR_GATE_REVIEWED_BY, by);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("decision", decision.toString());
        facts.put("reason", reason.toString());
        facts.put("reviewedBy", by);
        facts.put("inconclusiveGates", String.valueOf(task.getVariable(VAR_INCONCLUSIVE_GATES)));
        evidence.record(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION, facts);
    }
}
