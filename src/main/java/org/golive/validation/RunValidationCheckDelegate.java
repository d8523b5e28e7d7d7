package org.golive.validation;

import static org.golive.process.ProcessConstants.VAR_CHECK;
import static org.golive.process.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.process.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.process.ProcessConstants.VAR_UPDATE_MODULES;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.evidence.EvidenceLog;
import org.golive.process.StepDelegate;
import org.golive.validation.ReleaseValidationService.Check;
import org.springframework.stereotype.Component;

/** Runs the validation check named by the task's input parameter {@code check}. */
@Component("runValidationCheckDelegate")
public class RunValidationCheckDelegate extends StepDelegate {

    private final ReleaseValidationService validation;

    public RunValidationCheckDelegate(EvidenceLog evidence, ReleaseValidationService validation) {
        super(evidence);
        this.validation = validation;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Check check = Check.parse(required(execution, VAR_CHECK));
        List<String> modules = new ArrayList<>(modules(execution, VAR_INSTALL_MODULES));
        modules.addAll(modules(execution, VAR_UPDATE_MODULES));
        Map<String, Object> facts = new LinkedHashMap<>(validation.run(check, required(execution, VAR_ENVIRONMENT), modules));
        facts.put("check", check.name());
        return facts;
    }
}
