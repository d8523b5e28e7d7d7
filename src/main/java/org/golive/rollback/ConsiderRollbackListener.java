package org.golive.rollback;

import org.golive.step.Deciders;
import static org.golive.step.ProcessConstants.ROLLBACK_CHOICE_CONTINUE;
import static org.golive.step.ProcessConstants.ROLLBACK_CHOICE_ROLLBACK;
import static org.golive.step.ProcessConstants.VAR_FAILURE_REASON;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_CHOICE;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_CHOICE_BY;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_CHOICE_REASON;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_CRITERION;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_REASON;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.springframework.stereotype.Component;

/**
 * On completing "Consider rollback": refuses the task without a choice and a reason, whatever client
 * completes it (the REST API does not go through the form), records who chose, and when the choice is to roll
 * back writes the {@code failureReason} the rollback and its announcement show.
 */
@Component("considerRollbackListener")
public class ConsiderRollbackListener implements TaskListener {

    private static final Set<String> CHOICES = Set.of(ROLLBACK_CHOICE_ROLLBACK, ROLLBACK_CHOICE_CONTINUE);

    private final EvidenceLog evidence;

    public ConsiderRollbackListener(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        Object choice = task.getVariable(VAR_ROLLBACK_CHOICE);
        if (choice == null || !CHOICES.contains(choice.toString())) {
            throw new FormFieldValidationException(VAR_ROLLBACK_CHOICE, "consider rollback needs a choice: " + VAR_ROLLBACK_CHOICE
                    + " must be 'rollback' or 'continue', was " + (choice == null ? "missing" : "'" + choice + "'"));
        }
        Object reason = task.getVariable(VAR_ROLLBACK_CHOICE_REASON);
        if (reason == null || reason.toString().isBlank()) {
            throw new FormFieldValidationException(VAR_ROLLBACK_CHOICE_REASON,
                    "consider rollback needs a reason: " + VAR_ROLLBACK_CHOICE_REASON + " is empty");
        }
        String decidedBy = Deciders.of(task);
        task.setVariable(VAR_ROLLBACK_CHOICE_BY, decidedBy);
        Object criterion = task.getVariable(VAR_ROLLBACK_CRITERION);
        if (ROLLBACK_CHOICE_ROLLBACK.equals(choice.toString())) {
            task.setVariable(VAR_FAILURE_REASON, "Rollback chosen by " + decidedBy + " on '" + criterion + "': "
                    + reason.toString().strip());
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("choice", choice.toString());
        facts.put("reason", reason.toString());
        facts.put("decidedBy", decidedBy);
        facts.put("criterion", String.valueOf(criterion));
        facts.put("measured", String.valueOf(task.getVariable(VAR_ROLLBACK_REASON)));
        evidence.record(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION, facts);
    }
}
