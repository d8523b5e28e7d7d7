package org.golive.readiness;

import org.golive.step.EvidenceKind;
import org.golive.step.StepDelegate;
import org.golive.step.VariableText;
import static org.golive.step.ProcessConstants.TASK_PROPERTY_GATE;
import static org.golive.step.ProcessConstants.VAR_GATE_PREFIX;
import static org.golive.step.ProcessConstants.VAR_GATE_SUMMARY_PREFIX;
import static org.golive.step.ProcessConstants.VAR_HOTFIX_REASON;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceLog;
import org.springframework.stereotype.Component;

/**
 * Runs the readiness gate named by the task's {@code camunda:property} {@code gate} and records its result in
 * {@code gate_<name>} and {@code gateSummary_<name>}. A FAIL or INCONCLUSIVE completes the task: the
 * process decides what it means. A gate that cannot look is retried; when the retries are used up it
 * counts as inconclusive, so a person decides instead of an incident holding the readiness check.
 */
@Component("checkReadinessGateDelegate")
public class CheckReadinessGateDelegate extends StepDelegate {

    static final int MAX_VARIABLE_TEXT = VariableText.MAX;

    private final ReadinessGateService gates;

    public CheckReadinessGateDelegate(EvidenceLog evidence, ReadinessGateService gates) {
        super(evidence);
        this.gates = gates;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.GATE;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        // a misspelt gate is a modelling error: it raises an incident rather than being judged inconclusive
        Gate gate = Gate.valueOf(taskProperty(execution, TASK_PROPERTY_GATE));
        GateResult result;
        try {
            // resolved in here: an environment no longer configured is a gate that cannot look, as it was before
            GateRequest request = new GateRequest(target(execution), string(execution, VAR_IMAGE_REPOSITORY),
                    string(execution, VAR_RELEASE_TAG), goLiveId(execution), string(execution, VAR_HOTFIX_REASON),
                    modules(execution, VAR_INSTALL_MODULES), modules(execution, VAR_UPDATE_MODULES));
            result = gates.check(gate, request);
        } catch (RuntimeException e) {
            if (!lastAttempt(execution)) {
                throw e;
            }
            result = GateResult.inconclusive(gate + " could not be checked after retries: " + e.getMessage(),
                    Map.of("error", String.valueOf(e.getMessage())));
        }
        execution.setVariable(VAR_GATE_PREFIX + gate.name(), result.status().value());
        execution.setVariable(VAR_GATE_SUMMARY_PREFIX + gate.name(), variableText(result.summary()));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("gate", gate.name());
        facts.put("status", result.status().value());
        facts.put("summary", result.summary());
        facts.putAll(result.facts());
        return facts;
    }

    /**
     * A summary as a String variable, which the engine keeps in 4000 characters: a plan of a release that changes
     * hundreds of addons, or a gate that lists many users, says more. The evidence keeps the whole summary.
     */
    static String variableText(String summary) {
        return VariableText.cut(summary, " … (cut: the whole summary is in the evidence)");
    }
}
