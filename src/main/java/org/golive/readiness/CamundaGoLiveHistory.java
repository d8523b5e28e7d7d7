package org.golive.readiness;

import static org.golive.step.ProcessConstants.END_GO_LIVE_COMPLETED;
import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;

import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * golive's history is Camunda's: a go-live that ended in {@code EndEvent_GoLiveCompleted} passed validation
 * and hypercare without a rollback.
 */
@Component
public class CamundaGoLiveHistory implements GoLiveHistory {

    private final HistoryService history;

    public CamundaGoLiveHistory(HistoryService history) {
        this.history = history;
    }

    @Override
    public Optional<SuccessfulGoLive> lastSuccessful(String environment, String imageRepository, String releaseTag) {
        return first(history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_GO_LIVE).finished()
                .variableValueEquals(VAR_ENVIRONMENT, environment)
                .variableValueEquals(VAR_IMAGE_REPOSITORY, imageRepository)
                .variableValueEquals(VAR_RELEASE_TAG, releaseTag));
    }

    @Override
    public Optional<SuccessfulGoLive> lastSuccessful(String environment) {
        return first(history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_GO_LIVE).finished()
                .variableValueEquals(VAR_ENVIRONMENT, environment));
    }

    private Optional<SuccessfulGoLive> first(HistoricProcessInstanceQuery query) {
        for (HistoricProcessInstance instance : query.orderByProcessInstanceEndTime().desc().listPage(0, 100)) {
            if (END_GO_LIVE_COMPLETED.equals(instance.getEndActivityId())) {
                HistoricVariableInstance id = history.createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId()).variableName(VAR_GO_LIVE_ID).singleResult();
                return Optional.of(new SuccessfulGoLive(id == null ? instance.getBusinessKey() : String.valueOf(id.getValue()),
                        instance.getId(), instance.getEndTime().toInstant()));
            }
        }
        return Optional.empty();
    }
}
