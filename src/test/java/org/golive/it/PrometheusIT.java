package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Ops see golive in Prometheus: a real Prometheus (the stack's, from Debian's package) scrapes a golive with an
 * incident, a step being retried and ended instances, and evaluates the shipped alert rules against what it
 * scraped. Also runs the rules' own unit tests with promtool, and checks that every golive metric the Grafana
 * dashboard and the alert rules query is one golive exports.
 */
// Spring Boot tests leave out the Prometheus endpoint unless asked: golive has it on
@AutoConfigureObservability
@ActiveProfiles("sandbox")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=false", "golive.monitoring.refresh=1s"})
class PrometheusIT {

    private static final Path DATA = Path.of("target/prometheus-it").toAbsolutePath();
    private static final Path BIN = Path.of(System.getenv().getOrDefault("GOLIVE_STACK_DIR", "/var/lib/golive-stack"),
            "prometheus", "usr", "bin");
    private static final Path RULES = Path.of("deploy/prometheus").toAbsolutePath();
    private static final Path DASHBOARD = Path.of("deploy/grafana/golive-dashboard.json");
    private static final String FAILING = "monitoring-it";
    private static final String QUICK = "monitoring-it-quick";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void freshEngine(DynamicPropertyRegistry registry) throws IOException {
        // a fresh engine database: incidents left by an earlier run would be counted too
        ItStack.deleteTree(DATA);
        registry.add("golive.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;

    private final List<String> deployments = new ArrayList<>();
    private Process prometheus;

    @AfterEach
    void cleanUp() {
        if (prometheus != null) {
            prometheus.destroy();
        }
        deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
    }

    @Test
    void theAlertRulesPassTheirUnitTests() throws Exception {
        assertThat(run(BIN.resolve("promtool").toString(), "check", "config", "prometheus.yml")).contains("SUCCESS: 4 rules found");
        assertThat(run(BIN.resolve("promtool").toString(), "test", "rules", "golive-alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void prometheusSeesIncidentsRetriesAndEndsAndTheIncidentAlertMatches() throws Exception {
        deploy(Bpmn.createExecutableProcess(FAILING).camundaHistoryTimeToLive(1).startEvent("StartEvent_Test")
                .serviceTask("Task_FailOnPurpose").camundaAsyncBefore().camundaExpression("${noSuchBean.fail()}")
                .endEvent("EndEvent_MonitoringDone").done(), FAILING);
        deploy(Bpmn.createExecutableProcess(QUICK).camundaHistoryTimeToLive(1).startEvent("StartEvent_Test")
                .serviceTask("Task_AnnounceTest").camundaDelegateExpression("${notifyDelegate}")
                .camundaInputParameter("event", "monitoring-test").camundaInputParameter("message", "a golive step, timed")
                .endEvent("EndEvent_QuickDone").done(), QUICK);
        String incident = engine.getRuntimeService().startProcessInstanceByKey(FAILING).getId();
        String retrying = engine.getRuntimeService().startProcessInstanceByKey(FAILING).getId();
        String canceled = engine.getRuntimeService().startProcessInstanceByKey(FAILING).getId();
        engine.getRuntimeService().startProcessInstanceByKey(QUICK, Map.of("goLiveId", QUICK));
        engine.getRuntimeService().deleteProcessInstance(canceled, "monitoring test");
        failUntil(incident, job -> job.getRetries() == 0);
        failUntil(retrying, job -> job.getExceptionMessage() != null);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(incident).count()).isEqualTo(1);

        String[] last = {""};
        String scrape;
        try {
            // the gauges are read one after the other: wait for a scrape after a whole refresh
            scrape = await("golive's scrape shows the incident, the retrying step and the running instances", () -> {
                last[0] = get("http://127.0.0.1:" + port + "/actuator/prometheus");
                return value(last[0], "golive_incidents_open", Map.of("process", FAILING, "activity", "Task_FailOnPurpose")) == 1.0
                        && value(last[0], "golive_jobs_retrying", Map.of("process", FAILING, "activity", "Task_FailOnPurpose")) == 1.0
                        && value(last[0], "golive_instances_running", Map.of("process", FAILING)) == 2.0 ? last[0] : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; golive's lines of the last scrape:\n"
                    + String.join("\n", last[0].lines().filter(l -> l.startsWith("golive_")).toList()), e);
        }
        assertThat(value(scrape, "golive_instances_running", Map.of("process", "go-live"))).as("a process with none running").isEqualTo(0.0);
        assertThat(value(scrape, "golive_process_ended_total", Map.of("process", QUICK, "end", "EndEvent_QuickDone"))).isEqualTo(1.0);
        assertThat(value(scrape, "golive_step_seconds_count", Map.of("process", QUICK, "step", "Task_AnnounceTest", "result", "done")))
                .isEqualTo(1.0);
        assertThat(value(scrape, "golive_process_ended_total", Map.of("process", FAILING, "end", "canceled"))).isEqualTo(1.0);
        assertThat(value(scrape, "golive_process_ended_total", Map.of("process", "go-live", "end", "EndEvent_GoLiveRolledBack")))
                .as("an end no instance reached yet is a 0, so that increase() sees the first one").isEqualTo(0.0);

        Set<String> exported = new TreeSet<>();
        Matcher names = Pattern.compile("(?m)^(golive_[a-z_]+)[{ ]").matcher(scrape);
        while (names.find()) {
            exported.add(names.group(1));
        }
        for (Path queries : List.of(DASHBOARD, RULES.resolve("golive-alerts.yml"))) {
            Matcher used = Pattern.compile("golive_[a-z_]+").matcher(Files.readString(queries));
            while (used.find()) {
                assertThat(exported).as("%s queries %s", queries, used.group()).contains(used.group());
            }
        }

        int prometheusPort = LocalPorts.free();
        startPrometheus(prometheusPort);
        String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/";
        JsonNode series = await("Prometheus has scraped the incident", () -> {
            JsonNode result = JSON.readTree(get(api + "query?query=" + URLEncoder.encode(
                    "max by (process, activity) (golive_incidents_open{process=\"" + FAILING + "\"})", StandardCharsets.UTF_8)))
                    .path("data").path("result");
            return result.size() > 0 ? result : null;
        });
        assertThat(series.get(0).path("metric").path("activity").asText()).isEqualTo("Task_FailOnPurpose");
        assertThat(series.get(0).path("value").get(1).asText()).isEqualTo("1");

        JsonNode alert = await("the shipped rule GoliveIncidentOpen matches the scraped incident", () -> {
            for (JsonNode candidate : JSON.readTree(get(api + "alerts")).path("data").path("alerts")) {
                JsonNode labels = candidate.path("labels");
                if ("GoliveIncidentOpen".equals(labels.path("alertname").asText()) && FAILING.equals(labels.path("process").asText())) {
                    return candidate;
                }
            }
            return null;
        });
        // "for: 1m" keeps it pending for a minute: matching is what this test proves, the delay is promtool's to test
        assertThat(alert.path("state").asText()).isIn("pending", "firing");
        assertThat(alert.path("labels").path("activity").asText()).isEqualTo("Task_FailOnPurpose");
        assertThat(alert.path("annotations").path("summary").asText()).isEqualTo(FAILING + ": step Task_FailOnPurpose is out of retries");
    }

    private void deploy(org.camunda.bpm.model.bpmn.BpmnModelInstance model, String key) {
        deployments.add(engine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", model).deploy().getId());
    }

    /** Runs the instance's job until it fails as wanted; the engine records each failure in its own transaction. */
    private void failUntil(String processInstanceId, Predicate<Job> done) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Job job = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).singleResult();
            if (attempt > 0 && done.test(job)) {
                return;
            }
            try {
                engine.getManagementService().executeJob(job.getId());
            } catch (RuntimeException expected) {
                // noSuchBean: the technical fault this test wants
            }
        }
        throw new AssertionError("the job of " + processInstanceId + " did not fail as expected");
    }

    private void startPrometheus(int prometheusPort) throws Exception {
        Path work = Files.createDirectories(DATA.resolve("prometheus").toAbsolutePath());
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "rule_files: [\"" + RULES.resolve("golive-alerts.yml") + "\"]",
                "scrape_configs:",
                "  - job_name: golive",
                "    metrics_path: /actuator/prometheus",
                "    static_configs: [{targets: [\"127.0.0.1:" + port + "\"]}]", ""));
        prometheus = new ProcessBuilder(BIN.resolve("prometheus").toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        await("Prometheus is ready", () -> {
            if (!prometheus.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(work.resolve("prometheus.log")));
            }
            return get("http://127.0.0.1:" + prometheusPort + "/-/ready").contains("Ready") ? "ready" : null;
        });
    }

    /** The value of the one sample of {@code metric} carrying all of {@code labels}, or NaN. */
    private static double value(String scrape, String metric, Map<String, String> labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(metric + "{") && labels.entrySet().stream().allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    private static String get(String url) throws IOException, InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.net.ConnectException e) {
            return "";
        }
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).directory(RULES.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", argv), output).isZero();
        return output;
    }

    private static <T> T await(String what, GoliveServer.Call<T> probe) throws Exception {
        return GoliveServer.await(what, Duration.ofSeconds(30), probe, Objects::nonNull);
    }
}
