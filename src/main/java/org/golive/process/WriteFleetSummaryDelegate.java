package org.golive.process;

import static org.golive.step.ProcessConstants.VAR_FLEET_DECISION;
import static org.golive.step.ProcessConstants.VAR_FLEET_ID;
import static org.golive.step.ProcessConstants.VAR_FLEET_OUTCOME;
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

    /** Input parameter of the task: how the fleet ended (completed, stopped, sign-off rejected). */
    static final String INPUT_OUTCOME = "outcome";

    private final FleetWaves waves;
    private final EvidenceDocuments documents;

    public WriteFleetSummaryDelegate(EvidenceLog evidence, FleetWaves waves, EvidenceDocuments documents) {
        super(evidence);
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
        String outcome = string(execution, INPUT_OUTCOME);
        Map<String, EnvironmentOutcome> outcomes = waves.outcomes(execution);
        String decision = execution.getVariable(VAR_FLEET_DECISION) == null ? "" : "last: " + execution.getVariable(VAR_FLEET_DECISION);
        FleetSummaryDocument.Fleet fleet = new FleetSummaryDocument.Fleet(fleetId,
                string(execution, VAR_IMAGE_REPOSITORY) + ":" + string(execution, VAR_RELEASE_TAG), string(execution, VAR_STARTED_BY),
                signers(execution), outcome, decision, Instant.now());
        documents.writeFleetSummary(fleetId, FleetSummaryDocument.render(fleet, outcomes.values()));
        execution.setVariable(VAR_FLEET_OUTCOME, outcome);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("document", EvidenceDocuments.FLEET_SUMMARY);
        facts.put("outcome", outcome);
        outcomes.values().forEach(o -> facts.put(o.environment(), o.label() + (o.goLiveId().isEmpty() ? "" : " " + o.goLiveId())));
        return facts;
    }

    /** The sign-off records of the fleet's sign-off instance, one per role, as the sign-off listener wrote them. */
    private static String signers(DelegateExecution execution) {
        Object signers = execution.getVariable(org.golive.step.ProcessConstants.VAR_FLEET_SIGNED_OFF_BY);
        return signers == null ? "—" : signers.toString();
    }
}
