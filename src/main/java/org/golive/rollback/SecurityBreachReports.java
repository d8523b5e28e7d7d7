package org.golive.rollback;

import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE;
import static org.golive.step.ProcessConstants.VAR_SECURITY_BREACH_REPORTED;

import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.golive.step.AsGolive;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.springframework.stereotype.Service;

/**
 * A security breach is a rollback criterion golive cannot detect itself: a person reports it, and the go-live's
 * next validation (at the latest the next hypercare check) decides an immediate rollback. The reporter's role was
 * checked by the API; the flag itself is set by golive, since no person may change a go-live's variables.
 */
@Service
public class SecurityBreachReports {

    private final RuntimeService runtime;
    private final IdentityService identity;
    private final EvidenceLog evidence;

    public SecurityBreachReports(RuntimeService runtime, IdentityService identity, EvidenceLog evidence) {
        this.runtime = runtime;
        this.identity = identity;
        this.evidence = evidence;
    }

    /** Flags the running go-live; empty when no go-live of that id is running. */
    public Optional<String> report(String goLiveId, String reason, String reportedBy) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say what was breached and how it was detected");
        }
        return AsGolive.call(identity, () -> {
            ProcessInstance goLive = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_GO_LIVE)
                    .processInstanceBusinessKey(goLiveId).active().singleResult();
            if (goLive == null) {
                return Optional.empty();
            }
            runtime.setVariables(goLive.getId(), Map.of(VAR_SECURITY_BREACH_REPORTED, true,
                    "securityBreachReport", reason.strip() + " (reported by " + reportedBy + ")"));
            evidence.record(goLiveId, "security-breach-report", EvidenceKind.REQUEST, Map.of("reason", reason.strip(), "reportedBy", reportedBy));
            return Optional.of(goLive.getId());
        });
    }
}
