package org.golive.plan;

import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.springframework.stereotype.Component;

/**
 * When a go-live has completed (hypercare passed, no rollback), the module checksums its plan recorded become what
 * is live: the next plan of the environment compares against them. Marking twice changes nothing.
 */
@Component("recordAppliedModulesListener")
public class RecordAppliedModulesListener implements ExecutionListener {

    static final String STEP = "modules-applied";

    private final AppliedModules applied;
    private final EvidenceLog evidence;

    public RecordAppliedModulesListener(AppliedModules applied, EvidenceLog evidence) {
        this.applied = applied;
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String goLiveId = String.valueOf(execution.getVariable(VAR_GO_LIVE_ID));
        Map<String, Object> checksums = new LinkedHashMap<>();
        for (AppliedModule m : applied.applied(goLiveId)) {
            checksums.put(m.module(), m.checksum());
        }
        evidence.record(goLiveId, STEP, EvidenceKind.STEP, Map.of("appliedModuleChecksums", checksums));
    }
}
