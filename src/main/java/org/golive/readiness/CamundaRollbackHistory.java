package org.golive.readiness;

import static org.golive.step.ProcessConstants.END_ROLLED_BACK;
import static org.golive.step.ProcessConstants.PROCESS_ROLLBACK;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;

import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/** Rollbacks are Camunda's history too: a rollback that ended in {@code EndEvent_RolledBack} restored its environment. */
@Component
public class CamundaRollbackHistory implements RollbackHistory {

    private final HistoryService history;

    public CamundaRollbackHistory(HistoryService history) {
        this.history = history;
    }

    @Override
    public Optional<CompletedRollback> lastCompleted(String environment) {
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_ROLLBACK).finished()
                .variableValueEquals(VAR_ENVIRONMENT, environment)
                .orderByProcessInstanceEndTime().desc()
                .listPage(0, 100)) {
            if (END_ROLLED_BACK.equals(instance.getEndActivityId())) {
                HistoricVariableInstance id = history.createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId()).variableName(VAR_GO_LIVE_ID).singleResult();
                return Optional.of(new CompletedRollback(id == null ? instance.getBusinessKey() : String.valueOf(id.getValue()),
                        instance.getId(), instance.getEndTime().toInstant()));
            }
        }
        return Optional.empty();
    }
}
