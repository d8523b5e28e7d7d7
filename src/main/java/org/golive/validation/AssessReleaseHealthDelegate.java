package org.golive.validation;

import static org.golive.step.ProcessConstants.CHECK_PASS;
import static org.golive.step.ProcessConstants.FAULT_TECHNICAL;
import static org.golive.step.ProcessConstants.VAR_CHECK_FAILURE_SUFFIX;
import static org.golive.step.ProcessConstants.VAR_CHECK_FAULT_SUFFIX;
import static org.golive.step.ProcessConstants.VAR_CORE_WORKFLOWS_BLOCKED;
import static org.golive.step.ProcessConstants.VAR_DATA_CORRUPTION;
import static org.golive.step.ProcessConstants.VAR_ERROR_RATE_HIGH_SINCE;
import static org.golive.step.ProcessConstants.VAR_ERROR_RATE_MINUTES;
import static org.golive.step.ProcessConstants.VAR_ERROR_RATE_PERCENT;
import static org.golive.step.ProcessConstants.VAR_FAILED_CHECKS;
import static org.golive.step.ProcessConstants.VAR_INTERRUPTED_MODULES;
import static org.golive.step.ProcessConstants.VAR_LATENCY_FAILED_REQUESTS;
import static org.golive.step.ProcessConstants.VAR_LATENCY_REQUESTS;
import static org.golive.step.ProcessConstants.VAR_OUTAGE_MINUTES;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_REASON;
import static org.golive.step.ProcessConstants.VAR_SECURITY_BREACH;
import static org.golive.step.ProcessConstants.VAR_SECURITY_BREACH_REPORTED;
import static org.golive.step.ProcessConstants.VAR_UNHEALTHY_SINCE;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.GoliveProperties;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.golive.validation.ReleaseValidationService.Check;
import org.golive.validation.RollbackMeasurements.CheckOutcome;
import org.golive.validation.RollbackMeasurements.Measurements;
import org.golive.validation.RollbackMeasurements.Observation;
import org.springframework.stereotype.Component;

/** Reads this run's check results and the earlier runs' state, and writes the rollback criteria's inputs. */
@Component("assessReleaseHealthDelegate")
public class AssessReleaseHealthDelegate extends StepDelegate {

    private final RollbackMeasurements measurements;

    public AssessReleaseHealthDelegate(EvidenceLog evidence, GoliveProperties properties) {
        super(evidence);
        this.measurements = new RollbackMeasurements(Clock.systemUTC(), properties.validation().latencyRequests());
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Map<Check, CheckOutcome> checks = new EnumMap<>(Check.class);
        for (Check check : Check.values()) {
            String variable = RunValidationCheckDelegate.resultVariable(check);
            Object result = execution.getVariable(variable);
            if (result != null) {
                String failure = string(execution, variable + VAR_CHECK_FAILURE_SUFFIX);
                checks.put(check, CHECK_PASS.equals(result.toString()) ? CheckOutcome.pass()
                        : FAULT_TECHNICAL.equals(string(execution, variable + VAR_CHECK_FAULT_SUFFIX))
                        ? CheckOutcome.technicalFailure(failure) : CheckOutcome.measuredFailure(failure));
            }
        }
        Measurements measured = measurements.measure(new Observation(checks,
                integer(execution.getVariable(VAR_LATENCY_REQUESTS)), integer(execution.getVariable(VAR_LATENCY_FAILED_REQUESTS)),
                string(execution, VAR_INTERRUPTED_MODULES),
                instant(execution, VAR_UNHEALTHY_SINCE), instant(execution, VAR_ERROR_RATE_HIGH_SINCE),
                Boolean.parseBoolean(string(execution, VAR_SECURITY_BREACH_REPORTED))));

        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(VAR_OUTAGE_MINUTES, measured.outageMinutes());
        variables.put(VAR_DATA_CORRUPTION, measured.dataCorruption());
        variables.put(VAR_SECURITY_BREACH, measured.securityBreach());
        variables.put(VAR_ERROR_RATE_PERCENT, measured.errorRatePercent());
        variables.put(VAR_ERROR_RATE_MINUTES, measured.errorRateMinutes());
        variables.put(VAR_CORE_WORKFLOWS_BLOCKED, measured.coreWorkflowsBlocked());
        variables.put(VAR_FAILED_CHECKS, measured.failedChecks());
        variables.put(VAR_ROLLBACK_REASON, measured.rollbackReason());
        // ISO text, not Date: readable in Cockpit and the same after every copy between go-live and validate-release
        variables.put(VAR_UNHEALTHY_SINCE, measured.unhealthySince() == null ? null : measured.unhealthySince().toString());
        variables.put(VAR_ERROR_RATE_HIGH_SINCE, measured.errorRateHighSince() == null ? null : measured.errorRateHighSince().toString());
        variables.forEach(execution::setVariable);
        return variables;
    }

    private static Integer integer(Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }

    /** A state that cannot be read starts a new series rather than stopping the validation. */
    private static Instant instant(DelegateExecution execution, String name) {
        if (execution.getVariable(name) instanceof Date date) {
            return date.toInstant();
        }
        String value = string(execution, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
