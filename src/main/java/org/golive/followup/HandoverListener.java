package org.golive.followup;

import static org.golive.step.ProcessConstants.*;

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
 * Refuses the handover to operations while an item of the checklist's "Transition to BAU" is neither done
 * nor explained in the notes, whatever client completes the task (REST skips the form). Records who handed
 * over, when, and the state of every item.
 */
@Component("handoverListener")
public class HandoverListener implements TaskListener {

    /** The handover items, in the order of the form. */
    static final List<String> ITEMS = List.of(VAR_HANDOVER_KNOWLEDGE_TRANSFER, VAR_HANDOVER_POST_IMPLEMENTATION_REVIEW,
            VAR_HANDOVER_LESSONS_LEARNED, VAR_HANDOVER_PERFORMANCE_BASELINE, VAR_HANDOVER_SLA_MONITORING,
            VAR_HANDOVER_OPEN_ISSUES_TRIAGED, VAR_HANDOVER_KNOWN_ISSUES_CLOSED);

    private final EvidenceLog evidence;

    public HandoverListener(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        Object notes = task.getVariable(VAR_HANDOVER_NOTES);
        boolean explained = notes != null && !notes.toString().isBlank();
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String item : ITEMS) {
            boolean done = TaskForm.checkedOrWaived(task, item, VAR_HANDOVER_NOTES, item, "handover: '" + item
                    + "' is not checked; check it, or say in " + VAR_HANDOVER_NOTES + " why operations take over without it").isEmpty();
            facts.put(item, done);
        }
        String by = Deciders.of(task);
        String at = java.time.Instant.now().toString();
        task.setVariable(VAR_HANDED_OVER_BY, by);
        task.setVariable(VAR_HANDED_OVER_AT, at);
        facts.put(VAR_HANDOVER_NOTES, explained ? notes.toString() : "");
        facts.put(VAR_HANDED_OVER_BY, by);
        facts.put(VAR_HANDED_OVER_AT, at);
        evidence.record(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION, facts);
    }
}
