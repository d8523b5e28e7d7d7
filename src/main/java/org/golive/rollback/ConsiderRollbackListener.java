package org.golive.rollback;

import org.golive.step.Deciders;
import org.golive.step.TaskForm;
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
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
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

    private static final List<String> CHOICES = List.of(ROLLBACK_CHOICE_ROLLBACK, ROLLBACK_CHOICE_CONTINUE);

    private final EvidenceLog evidence;

    public ConsiderRollbackListener(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        String choice = TaskForm.choice(task, "consider rollback", "choice", VAR_ROLLBACK_CHOICE, CHOICES);
        String reason = TaskForm.text(task, "consider rollback", "reason", VAR_ROLLBACK_CHOICE_REASON);
        String decidedBy = Deciders.of(task);
        task.setVariable(VAR_ROLLBACK_CHOICE_BY, decidedBy);
        Object criterion = task.getVariable(VAR_ROLLBACK_CRITERION);
        if (ROLLBACK_CHOICE_ROLLBACK.equals(choice)) {
            task.setVariable(VAR_FAILURE_REASON, "Rollback chosen by " + decidedBy + " on '" + criterion + "': "
                    + reason);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("choice", choice);
        facts.put("reason", reason);
        facts.put("decidedBy", decidedBy);
        facts.put("criterion", String.valueOf(criterion));
        facts.put("measured", String.valueOf(task.getVariable(VAR_ROLLBACK_REASON)));
        evidence.record(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION, facts);
    }
}
