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

    private static final int PAGE = 100;

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
        String installed = String.join(",", install);
        String updated = String.join(",", update);
        // golive names every rehearsal <environment>-rehearsal-<tag>-…: the business key index finds this environment's
        // rehearsals, where variableValueEquals made H2 walk every go-live's variables (a quarter of the job threads' CPU)
        for (int page = 0; ; page += PAGE) {
            List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(PROCESS_REHEARSE_RELEASE)
                    .processInstanceBusinessKeyLike(likePrefix(environment + "-rehearsal-") + "%")
                    .orderByProcessInstanceStartTime().desc().listPage(page, PAGE);
            if (instances.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Map<String, Object>> variables = variables(instances);
            for (HistoricProcessInstance instance : instances) {
                Map<String, Object> own = variables.getOrDefault(instance.getId(), Map.of());
                // the same release means the same module lists too: a rehearsal of other modules proves nothing about these
                boolean same = environment.equals(own.get(VAR_ENVIRONMENT)) && imageRepository.equals(own.get(VAR_IMAGE_REPOSITORY))
                        && releaseTag.equals(own.get(VAR_RELEASE_TAG))
                        && installed.equals(text(own.get(VAR_INSTALL_MODULES))) && updated.equals(text(own.get(VAR_UPDATE_MODULES)));
                if (same && wanted.test(instance)) {
                    boolean finished = instance.getEndTime() != null;
                    return Optional.of(new Rehearsal(text(own.getOrDefault(VAR_GO_LIVE_ID, instance.getBusinessKey())), instance.getId(),
                            finished, END_REHEARSAL_PASSED.equals(instance.getEndActivityId()),
                            finished ? instance.getEndTime().toInstant() : null, (String) own.get(VAR_REHEARSAL_FAILURE),
                            millis(own.get(VAR_REHEARSAL_ODOO_CLI_MILLIS)), millis(own.get(VAR_REHEARSAL_START_MILLIS))));
                }
            }
            if (instances.size() < PAGE) {
                return Optional.empty();
            }
        }
    }

    /** One query for a page of instances, by instance id (indexed), for the names this record needs. */
    private Map<String, Map<String, Object>> variables(List<HistoricProcessInstance> instances) {
        Map<String, Map<String, Object>> byInstance = new HashMap<>();
        String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceIdIn(ids)
                .variableNameIn(VAR_GO_LIVE_ID, VAR_ENVIRONMENT, VAR_IMAGE_REPOSITORY, VAR_RELEASE_TAG, VAR_INSTALL_MODULES,
                        VAR_UPDATE_MODULES, VAR_REHEARSAL_FAILURE, VAR_REHEARSAL_ODOO_CLI_MILLIS, VAR_REHEARSAL_START_MILLIS)
                .list()) {
            byInstance.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>()).put(variable.getName(), variable.getValue());
        }
        return byInstance;
    }

    /** An environment name is [a-z0-9-]-ish, but '_' would be LIKE's one-character wildcard: escape what LIKE reads. */
    static String likePrefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Long millis(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }
}
