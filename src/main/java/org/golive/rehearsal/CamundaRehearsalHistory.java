package org.golive.rehearsal;

import static org.golive.step.ProcessConstants.END_REHEARSAL_PASSED;
import static org.golive.step.ProcessConstants.PROCESS_REHEARSE_RELEASE;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_FAILURE;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_ODOO_CLI_MILLIS;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_START_MILLIS;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * Rehearsals are {@code rehearse-release} instances in Camunda's history: one that ended in
 * {@code EndEvent_RehearsalPassed} passed; the release is the start listener's variables (module lists as the
 * comma-separated text the manifest's order gives).
 */
@Component
public class CamundaRehearsalHistory implements RehearsalHistory {

    private final HistoryService history;

    public CamundaRehearsalHistory(HistoryService history) {
        this.history = history;
    }

    @Override
    public Optional<Rehearsal> latest(String environment, String imageRepository, String releaseTag, List<String> install,
                                      List<String> update) {
        return first(environment, imageRepository, releaseTag, install, update, instance -> true);
    }

    @Override
    public Optional<Rehearsal> lastPassed(String environment, String imageRepository, String releaseTag, List<String> install,
                                          List<String> update) {
        return first(environment, imageRepository, releaseTag, install, update,
                instance -> END_REHEARSAL_PASSED.equals(instance.getEndActivityId()));
    }

    private Optional<Rehearsal> first(String environment, String imageRepository, String releaseTag, List<String> install,
                                      List<String> update, Predicate<HistoricProcessInstance> wanted) {
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_REHEARSE_RELEASE)
                .variableValueEquals(VAR_ENVIRONMENT, environment)
                .variableValueEquals(VAR_IMAGE_REPOSITORY, imageRepository)
                .variableValueEquals(VAR_RELEASE_TAG, releaseTag)
                .orderByProcessInstanceStartTime().desc().listPage(0, 100);
        String installed = String.join(",", install);
        String updated = String.join(",", update);
        for (HistoricProcessInstance instance : instances) {
            Map<String, Object> variables = variables(instance.getId());
            // the same release means the same module lists too: a rehearsal of other modules proves nothing about these
            if (!installed.equals(text(variables.get(VAR_INSTALL_MODULES))) || !updated.equals(text(variables.get(VAR_UPDATE_MODULES)))) {
                continue;
            }
            if (wanted.test(instance)) {
                boolean finished = instance.getEndTime() != null;
                return Optional.of(new Rehearsal(text(variables.getOrDefault(VAR_GO_LIVE_ID, instance.getBusinessKey())), instance.getId(),
                        finished, END_REHEARSAL_PASSED.equals(instance.getEndActivityId()),
                        finished ? instance.getEndTime().toInstant() : null, (String) variables.get(VAR_REHEARSAL_FAILURE),
                        millis(variables.get(VAR_REHEARSAL_ODOO_CLI_MILLIS)), millis(variables.get(VAR_REHEARSAL_START_MILLIS))));
            }
        }
        return Optional.empty();
    }

    private Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableNameIn(VAR_GO_LIVE_ID, VAR_INSTALL_MODULES, VAR_UPDATE_MODULES, VAR_REHEARSAL_FAILURE,
                        VAR_REHEARSAL_ODOO_CLI_MILLIS, VAR_REHEARSAL_START_MILLIS).list()) {
            variables.put(variable.getName(), variable.getValue());
        }
        return variables;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Long millis(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }
}
