package org.golive.rollback;

import static org.golive.step.ProcessConstants.GROUP_LEAD;
import static org.golive.step.ProcessConstants.ROLLBACK_APPROVE;
import static org.golive.step.ProcessConstants.ROLLBACK_REJECT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_APPROVAL;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_APPROVAL_REASON;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_APPROVED_BY;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.golive.step.Deciders;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.TaskForm;
import org.springframework.stereotype.Component;

/**
 * A rollback started on its own restores a backup and loses what was written since: a go-live lead approves or
 * rejects it, with a reason, and not the person who asked for it (four eyes).
 */
@Component("rollbackApprovalListener")
public class RollbackApprovalListener implements TaskListener {

    private static final List<String> CHOICES = List.of(ROLLBACK_APPROVE, ROLLBACK_REJECT);

    private final EvidenceLog evidence;

    public RollbackApprovalListener(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        String choice = TaskForm.choice(task, "a rollback", "decision", VAR_ROLLBACK_APPROVAL, CHOICES);
        String reason = TaskForm.text(task, "a rollback decision", "reason", VAR_ROLLBACK_APPROVAL_REASON);
        String decidedBy = Deciders.of(task);
        String requestedBy = Deciders.startedBy(task);
        if (ROLLBACK_APPROVE.equals(choice) && requestedBy != null && requestedBy.equals(decidedBy)) {
            throw new FormFieldValidationException(VAR_ROLLBACK_APPROVAL, "four eyes: " + decidedBy
                    + " asked for this rollback and cannot approve it; another member of " + GROUP_LEAD + " must decide");
        }
        task.setVariable(VAR_ROLLBACK_APPROVED_BY, decidedBy);
        evidence.record(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION,
                Map.of("decision", choice, "reason", reason, "decidedBy", decidedBy,
                        "requestedBy", String.valueOf(requestedBy)));
    }
}
