package org.golive.deploy;

import static org.golive.step.ProcessConstants.VAR_PREVIOUS_IMAGE;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

@Component("restorePreviousOdooDelegate")
public class RestorePreviousOdooDelegate extends StepDelegate {

    private final MaintenanceWindow maintenance;

    public RestorePreviousOdooDelegate(EvidenceLog evidence, MaintenanceWindow maintenance) {
        super(evidence);
        this.maintenance = maintenance;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.ODOO_START;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        return maintenance.endWithPrevious(target(execution), goLiveId(execution),
                string(execution, VAR_PREVIOUS_IMAGE));
    }
}
