package org.golive.process;

import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_FLEET_MANIFEST;
import static org.golive.step.ProcessConstants.VAR_FLEET_WAVE;
import static org.golive.step.ProcessConstants.VAR_FLEET_WAVES;
import static org.golive.step.ProcessConstants.VAR_FLEET_WAVE_FAILURES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.golive.evidence.FleetSummaryDocument.EnvironmentOutcome;
import org.golive.manifest.FleetManifestReader;
import org.springframework.stereotype.Component;

/**
 * The waves of a fleet as the BPMN walks them: which environments the running wave ships to, the release manifest
 * each called go-live starts with, and how each environment's go-live ended, read from the engine's history of the
 * fleet's called instances (not from variables the children could be made to return). The rule for the next wave:
 * every go-live of the wave before ended {@code completed}.
 */
@Component("fleetWaves")
public class FleetWaves {

    static final String COMPLETED = "completed";
    private static final String GO_LIVE_OUTCOME = "goLiveOutcome";

    private final FleetManifestReader fleets;

    public FleetWaves(FleetManifestReader fleets) {
        this.fleets = fleets;
    }

    static String format(List<List<String>> waves) {
        return String.join("\n", waves.stream().map(w -> String.join(",", w)).toList());
    }

    static List<List<String>> parse(Object text) {
        if (text == null || text.toString().isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.toString().split("\n")).map(line -> Arrays.stream(line.split(",")).map(String::strip).toList()).toList();
    }

    static int wave(DelegateExecution execution) {
        Object wave = execution.getVariable(VAR_FLEET_WAVE);
        return wave instanceof Number n ? n.intValue() : 0;
    }

    /** The environments of the running wave: the multi-instance collection of the wave's call activity. */
    public List<String> current(DelegateExecution execution) {
        List<List<String>> waves = parse(execution.getVariable(VAR_FLEET_WAVES));
        int wave = wave(execution);
        return wave < waves.size() ? waves.get(wave) : List.of();
    }

    /** The release manifest of one environment's go-live, read from the fleet manifest again (and so validated again). */
    public String childManifest(DelegateExecution execution, String environment) {
        return fleets.read(String.valueOf(execution.getVariable(VAR_FLEET_MANIFEST))).childManifest(environment);
    }

    public boolean moreWaves(DelegateExecution execution) {
        return wave(execution) + 1 < parse(execution.getVariable(VAR_FLEET_WAVES)).size();
    }

    public void nextWave(DelegateExecution execution) {
        execution.setVariable(VAR_FLEET_WAVE, wave(execution) + 1);
    }

    /** Whether a go-live of the running wave did not complete; the lines naming them go to the lead's task. */
    public boolean waveFailed(DelegateExecution execution) {
        List<String> failures = new ArrayList<>();
        Map<String, EnvironmentOutcome> outcomes = outcomes(execution);
        for (String environment : current(execution)) {
            EnvironmentOutcome outcome = outcomes.get(environment);
            if (!COMPLETED.equals(outcome.outcome())) {
                failures.add(environment + " (" + outcome.goLiveId() + "): " + outcome.outcome());
            }
        }
        execution.setVariable(VAR_FLEET_WAVE_FAILURES, String.join("\n", failures));
        return !failures.isEmpty();
    }

    /** Every environment of the fleet, wave by wave, with how its go-live ended or that none started. */
    public Map<String, EnvironmentOutcome> outcomes(DelegateExecution execution) {
        HistoryService history = execution.getProcessEngineServices().getHistoryService();
        String fleetInstanceId = execution.getProcessInstanceId();
        Map<String, HistoricProcessInstance> children = new LinkedHashMap<>();
        Map<String, String> childOutcomes = new LinkedHashMap<>();
        Context.getCommandContext().runWithoutAuthorization(() -> {
            List<HistoricProcessInstance> called = history.createHistoricProcessInstanceQuery().superProcessInstanceId(fleetInstanceId)
                    .processDefinitionKey(PROCESS_GO_LIVE).list();
            called.sort(Comparator.comparing(HistoricProcessInstance::getStartTime));
            for (HistoricProcessInstance child : called) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(child.getId())
                        .variableNameIn(VAR_ENVIRONMENT, GO_LIVE_OUTCOME).list()) {
                    values.put(v.getName(), v.getValue());
                }
                String environment = String.valueOf(values.get(VAR_ENVIRONMENT));
                children.put(environment, child);
                Object outcome = values.get(GO_LIVE_OUTCOME);
                childOutcomes.put(environment, child.getEndTime() == null ? "running"
                        : outcome == null ? "ended without an outcome (" + child.getState() + ")" : outcome.toString());
            }
            return null;
        });
        Map<String, EnvironmentOutcome> outcomes = new LinkedHashMap<>();
        List<List<String>> waves = parse(execution.getVariable(VAR_FLEET_WAVES));
        for (int w = 0; w < waves.size(); w++) {
            for (String environment : waves.get(w)) {
                HistoricProcessInstance child = children.get(environment);
                outcomes.put(environment, child == null ? new EnvironmentOutcome(w, environment, EnvironmentOutcome.NOT_STARTED, "")
                        : new EnvironmentOutcome(w, environment, childOutcomes.get(environment),
                                child.getBusinessKey() == null ? "" : child.getBusinessKey()));
            }
        }
        return outcomes;
    }
}
