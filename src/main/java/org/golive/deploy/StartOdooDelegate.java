package org.golive.deploy;


import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/** Starts Odoo and waits for its health check; with Odoo serving again, maintenance is over. */
@Component("startOdooDelegate")
public class StartOdooDelegate extends StepDelegate {

    private final MaintenanceWindow maintenance;

    public StartOdooDelegate(EvidenceLog evidence, MaintenanceWindow maintenance) {
        super(evidence);
        this.maintenance = maintenance;
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.ODOO_START;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        return maintenance.endWithRelease(target(execution));
    }
}
