package org.golive.signoff;

import org.golive.step.Deciders;
import org.golive.step.TaskForm;
import static org.golive.step.ProcessConstants.DECISION_GO;
import static org.golive.step.ProcessConstants.DECISION_NO_GO;
import static org.golive.step.ProcessConstants.VAR_DECIDED_BY;
import static org.golive.step.ProcessConstants.VAR_DECISION;
import static org.golive.step.ProcessConstants.VAR_DECISION_REASON;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.GROUP_LEAD;

import java.util.Map;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.ReleaseSeals;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete the go/no-go task (the final go-live authorization) without a decision and a reason,
 * and refuses a "go" from the person who started the go-live, whatever client completes it (the form
 * checks the fields too, but the REST API does not go through the form). Records who decided.
 */
@Component("goNoGoDecisionListener")
public class GoNoGoDecisionListener implements TaskListener {

    private static final List<String> DECISIONS = List.of(DECISION_GO, DECISION_NO_GO);

    private final EvidenceLog evidence;
    private final ReleaseSeals seals;

    public GoNoGoDecisionListener(EvidenceLog evidence, ReleaseSeals seals) {
        this.seals = seals;
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        String decision = TaskForm.choice(task, "go/no-go", "decision", VAR_DECISION, DECISIONS);
        String reason = TaskForm.text(task, "go/no-go", "reason", VAR_DECISION_REASON);
        String decidedBy = Deciders.of(task);
        String startedBy = Deciders.startedBy(task);
        if (DECISION_GO.equals(decision) && startedBy != null && startedBy.equals(decidedBy)) {
            // four eyes: whoever asked for the go-live cannot also authorize it; a no-go stays possible
            throw new FormFieldValidationException(VAR_DECISION, "four eyes: " + decidedBy
                    + " started this go-live and cannot authorize it; another member of " + GROUP_LEAD + " must decide");
        }
        if (DECISION_GO.equals(decision)) {
            String mismatch = seals.mismatch(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), StepDelegate.release(task));
            if (mismatch != null) {
                throw new FormFieldValidationException(VAR_DECISION, "go refused: " + mismatch);
            }
        }
        task.setVariable(VAR_DECIDED_BY, decidedBy);
        evidence.record(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION,
                Map.of("decision", decision, "reason", reason, "decidedBy", decidedBy));
    }

}
