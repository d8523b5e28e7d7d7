package org.golive.readiness;

import static org.golive.step.ProcessConstants.END_NOT_READY;
import static org.golive.step.ProcessConstants.END_READY;
import static org.golive.step.ProcessConstants.END_READY_AFTER_REVIEW;
import static org.golive.step.ProcessConstants.END_REVIEW_REJECTED;
import static org.golive.step.ProcessConstants.READINESS_NOT_READY;
import static org.golive.step.ProcessConstants.READINESS_READY;
import static org.golive.step.ProcessConstants.VAR_GATE_PREFIX;
import static org.golive.step.ProcessConstants.VAR_GATE_REVIEWED_BY;
import static org.golive.step.ProcessConstants.VAR_GATE_REVIEW_REASON;
import static org.golive.step.ProcessConstants.VAR_GATE_SUMMARY_PREFIX;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_INCONCLUSIVE_GATES;
import static org.golive.step.ProcessConstants.VAR_READINESS_OUTCOME;
import static org.golive.step.ProcessConstants.VAR_READINESS_REASON;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.readiness.GateResult.Status;
import org.springframework.stereotype.Component;

/**
 * The aggregates check-readiness decides on: {@code ${readinessGates.anyFailed(execution)}},
 * {@code ${readinessGates.anyInconclusive(execution)}}, and at every end event
 * {@code ${readinessGates.conclude(execution)}}, which sets {@code readinessOutcome} and {@code readinessReason}.
 */
@Component("readinessGates")
public class ReadinessGates {

    private final EvidenceLog evidence;

    public ReadinessGates(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    public boolean anyFailed(DelegateExecution execution) {
        return !withStatus(execution, Status.FAIL).isEmpty();
    }

    public boolean anyInconclusive(DelegateExecution execution) {
        return !withStatus(execution, Status.INCONCLUSIVE).isEmpty();
    }

    /** "imageTag: summary; backupRestore: summary" of the failed gates. */
    public String failures(DelegateExecution execution) {
        return describe(execution, withStatus(execution, Status.FAIL));
    }

    public String inconclusive(DelegateExecution execution) {
        return describe(execution, withStatus(execution, Status.INCONCLUSIVE));
    }

    /** Before the review task: what the reviewer is asked to accept, one gate per line. */
    public void prepareReview(DelegateExecution execution) {
        execution.setVariable(VAR_INCONCLUSIVE_GATES, inconclusive(execution).replace("; ", "\n"));
    }

    /** At an end event: the outcome go-live reads, with a reason a person can act on. */
    public void conclude(DelegateExecution execution) {
        String end = execution.getCurrentActivityId();
        String outcome;
        String reason;
        switch (end) {
            case END_READY -> {
                outcome = READINESS_READY;
                reason = "all readiness gates passed";
            }
            case END_READY_AFTER_REVIEW -> {
                outcome = READINESS_READY;
                reason = "inconclusive gates accepted by " + execution.getVariable(VAR_GATE_REVIEWED_BY) + ": "
                        + execution.getVariable(VAR_GATE_REVIEW_REASON) + " (" + inconclusive(execution) + ")";
            }
            case END_NOT_READY -> {
                outcome = READINESS_NOT_READY;
                reason = "failed readiness gates: " + failures(execution);
            }
            case END_REVIEW_REJECTED -> {
                outcome = READINESS_NOT_READY;
                reason = "inconclusive gates rejected by " + execution.getVariable(VAR_GATE_REVIEWED_BY) + ": "
                        + execution.getVariable(VAR_GATE_REVIEW_REASON) + " (" + inconclusive(execution) + ")";
            }
            default -> throw new IllegalStateException("conclude() is meant for check-readiness' end events, not " + end);
        }
        execution.setVariable(VAR_READINESS_OUTCOME, outcome);
        execution.setVariable(VAR_READINESS_REASON, reason);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("readinessOutcome", outcome);
        facts.put("reason", reason);
        for (Gate gate : Gate.values()) {
            facts.put(VAR_GATE_PREFIX + gate.name(), status(execution, gate));
        }
        evidence.record(String.valueOf(execution.getVariable(VAR_GO_LIVE_ID)), end, EvidenceKind.READINESS, facts);
    }

    private static List<Gate> withStatus(DelegateExecution execution, Status status) {
        return Arrays.stream(Gate.values()).filter(gate -> status.value().equals(status(execution, gate))).toList();
    }

    /** A gate that left no result (it never ran) counts as inconclusive, never as passed. */
    private static String status(DelegateExecution execution, Gate gate) {
        Object value = execution.getVariable(VAR_GATE_PREFIX + gate.name());
        return value == null ? Status.INCONCLUSIVE.value() : value.toString();
    }

    private static String describe(DelegateExecution execution, List<Gate> gates) {
        StringBuilder text = new StringBuilder();
        for (Gate gate : gates) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            Object summary = execution.getVariable(VAR_GATE_SUMMARY_PREFIX + gate.name());
            text.append(gate.name()).append(": ").append(summary == null ? "no result recorded" : summary);
        }
        return text.toString();
    }
}
