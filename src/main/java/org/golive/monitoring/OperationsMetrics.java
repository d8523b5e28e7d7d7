package org.golive.monitoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;

/**
 * What ops alert on, at {@code /actuator/prometheus}: {@code golive_incidents_open{process,activity}} (a step out of
 * retries, waiting for a person), {@code golive_jobs_retrying{process,activity}} (a step that failed and will run
 * again) and {@code golive_instances_running{process}}. Read from the engine's database every
 * {@code golive.monitoring.refresh}: every node of a cluster reports the same figures, so rules aggregate them with
 * {@code max}, never {@code sum} (deploy/prometheus/golive-alerts.yml).
 */
@Component
public class OperationsMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsMetrics.class);

    private final RuntimeService runtime;
    private final ManagementService management;
    private final RepositoryService repository;
    private final MultiGauge incidents;
    private final MultiGauge retrying;
    private final MultiGauge running;

    public OperationsMetrics(RuntimeService runtime, ManagementService management, RepositoryService repository, MeterRegistry meters) {
        this.runtime = runtime;
        this.management = management;
        this.repository = repository;
        this.incidents = MultiGauge.builder("golive.incidents.open")
                .description("Open incidents: steps out of retries, waiting for a person (Cockpit)").register(meters);
        this.retrying = MultiGauge.builder("golive.jobs.retrying")
                .description("Steps that failed and will be retried").register(meters);
        this.running = MultiGauge.builder("golive.instances.running")
                .description("Running process instances").register(meters);
    }

    @Scheduled(fixedDelayString = "${golive.monitoring.refresh:15s}")
    public void refresh() {
        try {
            Map<String, String> keys = new HashMap<>();
            Function<String, String> key = definitionId -> keys.computeIfAbsent(definitionId,
                    id -> repository.getProcessDefinition(id).getKey());

            incidents.register(rows(runtime.createIncidentQuery().list().stream()
                    .collect(Collectors.groupingBy(i -> Tags.of("process", key.apply(i.getProcessDefinitionId()),
                            "activity", String.valueOf(i.getActivityId())), Collectors.counting()))), true);
            retrying.register(rows(management.createJobQuery().withException().withRetriesLeft().list().stream()
                    .collect(Collectors.groupingBy(j -> Tags.of("process", String.valueOf(j.getProcessDefinitionKey()),
                            "activity", String.valueOf(j.getFailedActivityId())), Collectors.counting()))), true);

            // every deployed process, so that "none running" is a 0 and not a missing series
            Map<Tags, Long> perProcess = new HashMap<>();
            repository.createProcessDefinitionQuery().latestVersion().list().stream().map(ProcessDefinition::getKey)
                    .forEach(k -> perProcess.put(Tags.of("process", k), 0L));
            runtime.createProcessInstanceQuery().list()
                    .forEach(p -> perProcess.merge(Tags.of("process", key.apply(p.getProcessDefinitionId())), 1L, Long::sum));
            running.register(rows(perProcess), true);
        } catch (RuntimeException e) {
            // the figures stay as last read; a database hiccup must not stop the scheduler
            LOG.warn("could not read the engine's state for the operations metrics: {}", e.toString());
        }
    }

    private static List<Row<?>> rows(Map<Tags, Long> counts) {
        return counts.entrySet().stream().<Row<?>>map(e -> Row.of(e.getKey(), e.getValue())).toList();
    }
}
