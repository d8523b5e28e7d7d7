package org.golive.validation;

import static org.golive.step.ProcessConstants.CHECK_FAIL;
import static org.golive.step.ProcessConstants.CHECK_PASS;
import static org.golive.step.ProcessConstants.FAULT_MEASURED;
import static org.golive.step.ProcessConstants.FAULT_TECHNICAL;
import static org.golive.step.ProcessConstants.TASK_PROPERTY_CHECK;
import static org.golive.step.ProcessConstants.VAR_CHECK_FAILURE_SUFFIX;
import static org.golive.step.ProcessConstants.VAR_CHECK_FAULT_SUFFIX;
import static org.golive.step.ProcessConstants.VAR_CHECK_RESULT_PREFIX;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_INTERRUPTED_MODULES;
import static org.golive.step.ProcessConstants.VAR_LATENCY_FAILED_REQUESTS;
import static org.golive.step.ProcessConstants.VAR_LATENCY_REQUESTS;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.golive.step.StepFailedException;
import org.golive.validation.ReleaseValidationService.Check;
import org.springframework.stereotype.Component;

/**
 * Runs the validation check named by the task's {@code camunda:property} {@code check} and records its result as
 * {@code check_<name>} = pass|fail (with {@code check_<name>_failure} and {@code _fault}) instead of failing
 * the instance: whether a failure means rollback is for the rollback criteria to say, over all checks. A
 * technical fault still retries first; on the last attempt it is a failing check, because a check that
 * cannot reach Odoo has found Odoo unreachable.
 */
@Component("runValidationCheckDelegate")
public class RunValidationCheckDelegate extends StepDelegate {

    private final ReleaseValidationService validation;

    public RunValidationCheckDelegate(EvidenceLog evidence, ReleaseValidationService validation) {
        super(evidence);
        this.validation = validation;
    }

    /** The variable holding a check's pass|fail, e.g. {@code check_database_selector}. */
    public static String resultVariable(Check check) {
        return VAR_CHECK_RESULT_PREFIX + check.name().toLowerCase(Locale.ROOT);
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.CHECK;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Check check = Check.parse(taskProperty(execution, TASK_PROPERTY_CHECK));
        List<String> modules = new ArrayList<>(modules(execution, VAR_INSTALL_MODULES));
        modules.addAll(modules(execution, VAR_UPDATE_MODULES));
        Map<String, Object> facts = new LinkedHashMap<>();
        try {
            facts.putAll(validation.run(check, target(execution), modules));
            record(execution, check, facts, null, null);
        } catch (StepFailedException e) {
            if (e instanceof CheckFailedException measured) {
                facts.putAll(measured.facts());
            }
            record(execution, check, facts, e.getMessage(), FAULT_MEASURED);
        } catch (RuntimeException e) {
            if (!lastAttempt(execution)) {
                throw e;
            }
            record(execution, check, facts, e.getMessage(), FAULT_TECHNICAL);
        }
        facts.put("check", check.name());
        facts.put("outcome", execution.getVariable(resultVariable(check)));
        return facts;
    }

    private static void record(DelegateExecution execution, Check check, Map<String, Object> facts, String failure, String fault) {
        String variable = resultVariable(check);
        execution.setVariable(variable, fault == null ? CHECK_PASS : CHECK_FAIL);
        // a pass clears a failure that an earlier run left in scope (the post-go-live review passes all its
        // variables), but writes nothing where there is none: each variable written is a row and a history entry
        setOrClear(execution, variable + VAR_CHECK_FAILURE_SUFFIX, fault == null ? null : String.valueOf(failure));
        setOrClear(execution, variable + VAR_CHECK_FAULT_SUFFIX, fault);
        if (fault != null) {
            facts.put("failure", String.valueOf(failure));
            facts.put("fault", fault);
        }
        if (check == Check.LATENCY) {
            execution.setVariable(VAR_LATENCY_REQUESTS, integer(facts.get(ReleaseValidationService.FACT_REQUESTS)));
            execution.setVariable(VAR_LATENCY_FAILED_REQUESTS, integer(facts.get(ReleaseValidationService.FACT_FAILURES)));
        }
        if (check == Check.MODULES) {
            Object interrupted = facts.get(ReleaseValidationService.FACT_INTERRUPTED_MODULES);
            execution.setVariable(VAR_INTERRUPTED_MODULES, interrupted == null || interrupted.toString().isBlank() ? null : interrupted.toString());
        }
    }

    private static void setOrClear(DelegateExecution execution, String name, Object value) {
        if (value != null || execution.hasVariable(name)) {
            execution.setVariable(name, value);
        }
    }

    private static Integer integer(Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }
}
