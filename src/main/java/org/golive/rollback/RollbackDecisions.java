package org.golive.rollback;

import static org.golive.step.ProcessConstants.VAR_FAILED_CHECKS;
import static org.golive.step.ProcessConstants.ROLLBACK_CONSIDER;
import static org.golive.step.ProcessConstants.ROLLBACK_CONTINUE;
import static org.golive.step.ProcessConstants.ROLLBACK_IMMEDIATE;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_DECISION;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The gateway conditions on the rollback decision, {@code ${rollbackDecisions.isImmediate(execution)}} and
 * friends. A missing or unknown decision is an error, not "continue": a go-live must not carry on because
 * validation did not say anything.
 */
@Component("rollbackDecisions")
public class RollbackDecisions {

    private static final Set<String> DECISIONS = Set.of(ROLLBACK_IMMEDIATE, ROLLBACK_CONSIDER, ROLLBACK_CONTINUE);

    public boolean isImmediate(DelegateExecution execution) {
        return ROLLBACK_IMMEDIATE.equals(decision(execution));
    }

    public boolean isConsider(DelegateExecution execution) {
        return ROLLBACK_CONSIDER.equals(decision(execution));
    }

    public boolean isContinue(DelegateExecution execution) {
        return ROLLBACK_CONTINUE.equals(decision(execution));
    }

    /**
     * Right after the deploy a release that fails any check goes to a person even when no rollback
     * criterion is met yet (a failing health check has no outage minutes at first): it is not announced
     * unseen. During hypercare the criteria alone decide.
     */
    public boolean needsPersonAfterDeploy(DelegateExecution execution) {
        return isConsider(execution) || (isContinue(execution) && checksFailed(execution));
    }

    public boolean passedAfterDeploy(DelegateExecution execution) {
        return isContinue(execution) && !checksFailed(execution);
    }

    private static boolean checksFailed(DelegateExecution execution) {
        Object failed = execution.getVariable(VAR_FAILED_CHECKS);
        return failed != null && !failed.toString().isBlank() && !"none".equals(failed.toString());
    }

    static String decision(DelegateExecution execution) {
        Object decision = execution.getVariable(VAR_ROLLBACK_DECISION);
        if (decision == null || !DECISIONS.contains(decision.toString())) {
            throw new IllegalStateException("process variable '" + VAR_ROLLBACK_DECISION + "' must be one of " + DECISIONS
                    + ", was " + (decision == null ? "missing" : "'" + decision + "'") + ": did validate-release run?");
        }
        return decision.toString();
    }
}
