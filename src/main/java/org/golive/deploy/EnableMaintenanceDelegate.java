package org.golive.deploy;


import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

@Component("enableMaintenanceDelegate")
public class EnableMaintenanceDelegate extends StepDelegate {

    private final MaintenanceWindow maintenance;

    public EnableMaintenanceDelegate(EvidenceLog evidence, MaintenanceWindow maintenance) {
        super(evidence);
        this.maintenance = maintenance;
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        return maintenance.begin(target(execution));
    }
}
