package org.golive.readiness;

import org.golive.step.Deciders;
import static org.golive.step.ProcessConstants.VAR_ATTESTED_BY;
import static org.golive.step.ProcessConstants.VAR_ATTESTED_ITEMS;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_WAIVED_ITEMS;
import static org.golive.step.ProcessConstants.VAR_WAIVERS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.TaskForm;
import org.golive.readiness.AttestationItems.Item;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete the attestation while an item is neither checked nor waived with a reason, whatever
 * client completes it (the form asks for the reason too, but the REST API does not go through the form).
 * Records what was attested, what was waived and why, and who did it.
 */
@Component("readinessAttestationListener")
public class ReadinessAttestationListener implements TaskListener {

    private final EvidenceLog evidence;

    public ReadinessAttestationListener(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        List<String> attested = new ArrayList<>();
        Map<String, String> waived = new LinkedHashMap<>();
        for (Item item : AttestationItems.ALL) {
            TaskForm.checkedOrWaived(task, item.attestField(), item.waiverField(), item.waiverField(), "'" + item.label()
                    + "' is not attested: check " + item.attestField() + " or give a waiver reason in " + item.waiverField())
                    .ifPresentOrElse(reason -> waived.put(item.key(), reason), () -> attested.add(item.key()));
        }
        String by = who(task);
        StringBuilder waivers = new StringBuilder();
        waived.forEach((key, reason) -> waivers.append(waivers.isEmpty() ? "" : "\n").append(key).append(": ").append(reason));
        task.setVariable(VAR_ATTESTED_ITEMS, String.join(",", attested));
        task.setVariable(VAR_WAIVED_ITEMS, String.join(",", waived.keySet()));
        task.setVariable(VAR_WAIVERS, waivers.toString());
        task.setVariable(VAR_ATTESTED_BY, by);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("attestedBy", by);
        facts.put("attested", attested);
        facts.put("waived", waived);
        evidence.record(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION, facts);
    }

    static String who(DelegateTask task) {
        return Deciders.of(task);
    }
}
