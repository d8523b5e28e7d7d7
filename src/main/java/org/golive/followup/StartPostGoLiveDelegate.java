package org.golive.followup;

import static org.golive.step.ProcessConstants.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Starts the follow-up of a go-live that completed: process {@code post-go-live}, business key the go-live
 * id, with the go-live's variables (validate-release needs the same ones every day). Starts at most one
 * per go-live, because the engine runs this step again when a node died after it had started one. The
 * follow-up of the previous go-live of the environment ends as superseded: one follow-up per environment.
 */
@Component("startPostGoLiveDelegate")
public class StartPostGoLiveDelegate extends StepDelegate {

    // the go-live's own control state and the last validation outcome; the follow-up keeps its own
    private static final Set<String> NOT_CARRIED_OVER = Set.of(VAR_FAILURE_REASON, VAR_HYPERCARE_ENDS_AT, VAR_POST_GO_LIVE_ENDS_AT,
            VAR_POST_GO_LIVE_INSTANCE_ID, VAR_REVIEW_FAILURE, VAR_VALIDATION_ROLLBACK_DECISION, VAR_VALIDATION_ROLLBACK_CRITERION,
            VAR_VALIDATION_FAILED_CHECKS);

    public StartPostGoLiveDelegate(EvidenceLog evidence) {
        super(evidence);
    }

    /** The release is live by now: a failure to start the follow-up is an incident, never a rollback. */
    @Override
    protected boolean failureRollsBack() {
        return false;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String goLiveId = required(execution, VAR_GO_LIVE_ID);
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        HistoryService history = execution.getProcessEngineServices().getHistoryService();

        List<String> superseded = supersedeOlder(runtime, goLiveId, required(execution, VAR_ENVIRONMENT));
        String existing = existing(runtime, history, goLiveId);
        if (existing != null) {
            execution.setVariable(VAR_POST_GO_LIVE_INSTANCE_ID, existing);
            return Map.of("postGoLiveInstanceId", existing, "started", false, "reason", "follow-up of " + goLiveId + " exists",
                    "superseded", superseded);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        execution.getVariables().forEach((name, value) -> {
            if (!NOT_CARRIED_OVER.contains(name)) {
                variables.put(name, value);
            }
        });
        ProcessInstance started = runtime.createProcessInstanceByKey(PROCESS_POST_GO_LIVE).businessKey(goLiveId)
                .setVariables(variables).execute();
        execution.setVariable(VAR_POST_GO_LIVE_INSTANCE_ID, started.getId());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("postGoLiveInstanceId", started.getId());
        facts.put("started", true);
        facts.put("variables", List.copyOf(variables.keySet()));
        facts.put("superseded", superseded);
        return facts;
    }

    /**
     * Ends the running follow-ups of earlier go-lives of this environment: what they watch is no longer live.
     * Each ends at its "superseded" end event, the fact goes to its go-live's evidence; run twice, it finds none.
     */
    private List<String> supersedeOlder(RuntimeService runtime, String goLiveId, String environment) {
        List<String> superseded = new ArrayList<>();
        for (ProcessInstance older : runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_POST_GO_LIVE)
                .variableValueEquals(VAR_ENVIRONMENT, environment).list()) {
            String olderGoLive = older.getBusinessKey() == null ? older.getId() : older.getBusinessKey();
            if (goLiveId.equals(olderGoLive)) {
                continue;
            }
            runtime.createMessageCorrelation(MESSAGE_FOLLOW_UP_SUPERSEDED).processInstanceId(older.getId())
                    .setVariable(VAR_SUPERSEDED_BY, goLiveId).correlateWithResult();
            evidence.record(olderGoLive, "post-go-live-superseded", EvidenceKind.STEP, Map.of("postGoLiveInstanceId", older.getId(),
                    "supersededBy", goLiveId, "environment", environment));
            superseded.add(olderGoLive);
        }
        return superseded;
    }

    /** A follow-up of this go-live, running or finished; history first, the runtime when history is off. */
    private static String existing(RuntimeService runtime, HistoryService history, String goLiveId) {
        List<HistoricProcessInstance> historic = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_POST_GO_LIVE).processInstanceBusinessKey(goLiveId).list();
        if (!historic.isEmpty()) {
            return historic.get(0).getId();
        }
        List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_POST_GO_LIVE)
                .processInstanceBusinessKey(goLiveId).list();
        return running.isEmpty() ? null : running.get(0).getId();
    }
}
