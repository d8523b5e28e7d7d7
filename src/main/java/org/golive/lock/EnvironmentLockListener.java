package org.golive.lock;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The environment lock in the life of a go-live or rollback: {@link #acquire} from their start listeners, and
 * the process-level {@code end} listener of go-live.bpmn and rollback.bpmn, which the engine calls at every end:
 * completed, stopped, rolled back, and a deleted or cancelled instance (unless deleted skipping custom listeners;
 * the next start then finds a lock whose instance is gone and takes it over, recorded).
 */
@Component("environmentLockListener")
public class EnvironmentLockListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentLockListener.class);

    private final EnvironmentLockService locks;
    private final EvidenceLog evidence;

    public EnvironmentLockListener(EnvironmentLockService locks, EvidenceLog evidence) {
        this.locks = locks;
        this.evidence = evidence;
    }

    /**
     * Takes {@code environment} for the go-live or rollback {@code holder} starting in {@code execution}, or
     * throws {@link EnvironmentLockedException}. A rollback a go-live called runs under the go-live's lock: its
     * root instance is the go-live's, so it is let in, and refused if its go-live no longer holds the environment.
     */
    public void acquire(DelegateExecution execution, String environment, String holder) {
        DelegateExecution root = root(execution);
        String process = root.getProcessDefinitionId() == null ? null : root.getProcessDefinitionId().split(":")[0];
        EnvironmentLockService.Acquired acquired;
        try {
            acquired = locks.acquire(environment, process, holder, root.getProcessInstanceId());
        } catch (EnvironmentLockedException refused) {
            EnvironmentLock held = refused.held();
            if (held == null || held.processInstanceId() == null || instanceRuns(execution, held.processInstanceId())) {
                throw refused;
            }
            locks.forceRelease(environment);
            record(held, "released: its instance " + held.processInstanceId() + " ended without releasing it; taken over by " + holder,
                    "golive");
            acquired = locks.acquire(environment, process, holder, root.getProcessInstanceId());
        }
        if (acquired.taken()) {
            log.info("{} holds environment {}", holder, environment);
            evidence.record(holder, "environment-lock-acquired", EvidenceKind.STEP, Map.of("environment", environment, "acquiredAt",
                    acquired.lock().acquiredAt().toString()));
        }
    }

    /** The process-level end: releases what this instance holds, whichever way it ended. */
    @Override
    public void notify(DelegateExecution execution) {
        for (EnvironmentLock released : locks.release(execution.getProcessInstanceId())) {
            log.info("{} released environment {} ({})", released.holder(), released.environment(),
                    execution.getCurrentActivityId() == null ? "ended" : "ended at " + execution.getCurrentActivityId());
            evidence.record(released.holder(), "environment-lock-released", EvidenceKind.STEP, Map.of("environment", released.environment(),
                    "heldSince", released.acquiredAt().toString(), "reason", "the " + released.holderProcess() + " ended"));
        }
    }

    /** An admin's release of a stale lock: the holder's evidence and the log say who released it and why. */
    public void record(EnvironmentLock released, String reason, String releasedBy) {
        log.warn("environment {} released from {} by {}: {}", released.environment(), released.describe(), releasedBy, reason);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("environment", released.environment());
        facts.put("heldSince", released.acquiredAt().toString());
        facts.put("processInstanceId", String.valueOf(released.processInstanceId()));
        facts.put("releasedBy", releasedBy);
        facts.put("reason", reason);
        evidence.record(released.holder(), "environment-lock-released", EvidenceKind.STEP, facts);
    }

    /** Asked of the engine itself: the caller's authorizations may hide the holder's instance from them. */
    private static boolean instanceRuns(DelegateExecution execution, String processInstanceId) {
        return Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices().getRuntimeService()
                .createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0);
    }

    private static DelegateExecution root(DelegateExecution execution) {
        DelegateExecution instance = execution.getProcessInstance();
        while (instance.getSuperExecution() != null) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance;
    }
}
