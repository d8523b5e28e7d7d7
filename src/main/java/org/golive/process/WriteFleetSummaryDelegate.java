package org.golive.process;

import static org.golive.step.ProcessConstants.TASK_FLEET_GO_NO_GO;
import static org.golive.step.ProcessConstants.VAR_FLEET_DECISION;
import static org.golive.step.ProcessConstants.VAR_FLEET_ID;
import static org.golive.step.ProcessConstants.VAR_FLEET_OUTCOME;
import static org.golive.step.ProcessConstants.VAR_FLEET_SIGNED_OFF_BY;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_STARTED_BY;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.evidence.EvidenceDocuments;
import org.golive.evidence.FleetSummaryDocument;
import org.golive.evidence.FleetSummaryDocument.EnvironmentOutcome;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes {@code FLEET_SUMMARY.md} at every end of a fleet: each environment's outcome and go-live id, read from the
 * engine's history of the called go-lives. Safe to run twice: the document is rewritten whole.
 */
@Component("writeFleetSummaryDelegate")
public class WriteFleetSummaryDelegate extends StepDelegate {

    private final FleetWaves waves;
    private final EvidenceDocuments documents;
    private final FleetSignOffs signOffs;

    public WriteFleetSummaryDelegate(EvidenceLog evidence, FleetWaves waves, EvidenceDocuments documents, FleetSignOffs signOffs) {
        super(evidence);
        this.signOffs = signOffs;
        this.waves = waves;
        this.documents = documents;
    }

    @Override
    protected boolean failureRollsBack() {
        return false;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.DOCUMENTS;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String fleetId = string(execution, VAR_FLEET_ID);
        Map<String, EnvironmentOutcome> outcomes = waves.outcomes(execution);
        // set on the flows that stop a fleet early; a fleet that ran every wave says whether all completed
        Object stopped = execution.getVariable(VAR_FLEET_OUTCOME);
        String outcome = stopped != null ? stopped.toString()
                : outcomes.values().stream().allMatch(o -> FleetWaves.COMPLETED.equals(o.outcome())) ? FleetWaves.COMPLETED
                : "every wave ran; not every environment completed";
        String signedOffBy = signOffs.signedOffBy(execution);
        execution.setVariable(VAR_FLEET_SIGNED_OFF_BY, signedOffBy);
        String decision = execution.getVariable(VAR_FLEET_DECISION) == null ? "" : "last: " + execution.getVariable(VAR_FLEET_DECISION);
        FleetSummaryDocument.Fleet fleet = new FleetSummaryDocument.Fleet(fleetId,
                string(execution, VAR_IMAGE_REPOSITORY) + ":" + string(execution, VAR_RELEASE_TAG), string(execution, VAR_STARTED_BY),
                signedOffBy, authorizedBy(fleetId), outcome, decision, Instant.now());
        documents.writeFleetSummary(fleetId, FleetSummaryDocument.render(fleet, outcomes.values()));
        execution.setVariable(VAR_FLEET_OUTCOME, outcome);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("document", EvidenceDocuments.FLEET_SUMMARY);
        facts.put("outcome", outcome);
        outcomes.values().forEach(o -> facts.put(o.environment(), o.label() + (o.goLiveId().isEmpty() ? "" : " " + o.goLiveId())));
        return facts;
    }

    /**
     * The lead's go/no-go for the fleet as its task listener recorded it in the fleet's evidence (the engine's user who
     * completed the task), or empty. Not from process variables: a client completing another task could write those.
     */
    private String authorizedBy(String fleetId) {
        String last = "";
        for (Map<String, Object> entry : evidence.entries(fleetId)) {
            if (TASK_FLEET_GO_NO_GO.equals(entry.get("step")) && entry.get("decidedBy") != null) {
                last = entry.get("decision") + " by " + entry.get("decidedBy") + ": " + entry.get("reason");
            }
        }
        return last;
    }
}
