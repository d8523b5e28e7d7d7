package org.golive.rehearsal;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Drops the rehearsal's scratch copy, scratch filestore and temporary containers, after a pass and after a failure
 * alike; safe to repeat. Its own failure is no rehearsal outcome: it retries, then an incident asks a person, since a
 * copy left behind holds a copy of production's data.
 */
@Component("dropScratchCopyDelegate")
public class DropScratchCopyDelegate extends StepDelegate {

    private final RehearsalService rehearsals;

    public DropScratchCopyDelegate(EvidenceLog evidence, RehearsalService rehearsals) {
        super(evidence);
        this.rehearsals = rehearsals;
    }

    @Override
    protected boolean failureRollsBack() {
        return false;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        return Map.of("dropped", rehearsals.drop(target(execution), goLiveId(execution)));
    }
}
