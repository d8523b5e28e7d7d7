package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
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

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.LogConfig.LoggingType;
import com.sun.net.httpserver.HttpServer;
import org.golive.config.Environments;
import org.golive.deploy.DockerEngines;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.MonitoringGate;
import org.golive.readiness.MonitoringProperties;
import org.golive.readiness.MonitoringProperties.Monitoring;
import org.golive.readiness.TargetContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monitoring gate against a real Prometheus and real Alertmanagers (the stack's, from Debian's packages: deploy/stack/up.sh) that the
 * test starts on 127.0.0.1: Prometheus scrapes a small metrics endpoint the test serves (job {@code odoo}) and a port
 * where nothing listens (job {@code odoo-down}), loads two alert rules and sends alerts to an Alertmanager with a
 * webhook receiver; a second Alertmanager has a receiver without any integration. The log driver is read from a
 * container of the stand-in image created (not started) on the stack's Docker engine, environment 'monitoring'.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
class MonitoringGateIT {

    private static final String ENV = "monitoring";
    private static final String CONTAINER = "golive-it-monitoring-odoo";
    private static final Path WORK = Path.of("target/monitoring-it").toAbsolutePath();
    private static final Path STACK = Path.of(System.getenv().getOrDefault("GOLIVE_STACK_DIR", "/var/lib/golive-stack"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> ALERTS = Map.of("service-down", "OdooDown", "disk-space-low", "DiskSpaceLow");

    private static final List<Process> processes = new ArrayList<>();
    private static final List<HttpServer> servers = new ArrayList<>();
    private static URI prometheus;
    private static URI alertmanager;
    private static URI silentAlertmanager;
    private static URI lackingApi;
    private static URI nothingListens;

    @DynamicPropertySource
    static void monitoringEnvironment(DynamicPropertyRegistry registry) {
        String it = "golive.environments.it.";
        String env = "golive.environments." + ENV + ".";
        registry.add(env + "odoo-url", () -> "http://127.0.0.1:1");
        registry.add(env + "docker-host", () -> "${" + it + "docker-host}");
        registry.add(env + "database.host", () -> "127.0.0.1");
        registry.add(env + "database.port", () -> "5432");
        registry.add(env + "database.name", () -> "golive_it_monitoring");
        registry.add(env + "database.user", () -> "odoo");
        registry.add(env + "database.password-file", () -> "${" + it + "database.password-file}");
        registry.add(env + "container.name", () -> CONTAINER);
        registry.add(env + "container.image-repository", () -> "golive/odoo");
    }

    @Autowired
    TargetContainer containers;
    @Autowired
    Environments environments;
    @Autowired
    DockerEngines engines;

    @BeforeAll
    static void startMonitoring() throws Exception {
        ItStack.deleteTree(WORK);
        Files.createDirectories(WORK);
        int metrics = serve("text/plain; version=0.0.4", "# TYPE odoo_http_requests_total counter\nodoo_http_requests_total 42\n");
        lackingApi = URI.create("http://127.0.0.1:" + serve("application/json", "{\"status\":\"success\",\"data\":{}}"));
        nothingListens = URI.create("http://127.0.0.1:" + LocalPorts.free());
        alertmanager = startAlertmanager("routed", "route: {receiver: ops}\nreceivers:\n"
                + "- name: ops\n  webhook_configs:\n  - url: http://127.0.0.1:9/golive-it-hook\n");
        silentAlertmanager = startAlertmanager("silent", "route: {receiver: nobody}\nreceivers:\n- name: nobody\n");
        Files.writeString(WORK.resolve("rules.yml"), """
                groups:
                  - name: odoo
                    rules:
                      - alert: OdooDown
                        expr: up{job="odoo"} == 0
                        for: 2m
                      - alert: DiskSpaceLow
                        expr: node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"} < 0.10
                        for: 5m
                """);
        int port = LocalPorts.free();
        Files.writeString(WORK.resolve("prometheus.yml"), String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "rule_files: [\"" + WORK.resolve("rules.yml") + "\"]",
                "alerting:",
                "  alertmanagers: [{static_configs: [{targets: [\"" + alertmanager.getAuthority() + "\"]}]}]",
                "scrape_configs:",
                "  - job_name: odoo",
                "    static_configs: [{targets: [\"127.0.0.1:" + metrics + "\"]}]",
                "  - job_name: odoo-down",
                "    static_configs: [{targets: [\"" + nothingListens.getAuthority() + "\"]}]", ""));
        prometheus = URI.create("http://127.0.0.1:" + port);
        start("prometheus", STACK.resolve("prometheus/usr/bin/prometheus").toString(), "--config.file=" + WORK.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + WORK.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + port);
        await("Prometheus scrapes odoo (up) and odoo-down (down) and knows its Alertmanager", () -> {
            String targets = get(prometheus + "/api/v1/targets");
            String alertmanagers = get(prometheus + "/api/v1/alertmanagers");
            return targets.contains("\"health\":\"up\"") && targets.contains("\"health\":\"down\"")
                    && alertmanagers.contains(alertmanager.getAuthority()) && get(prometheus + "/api/v1/rules").contains("DiskSpaceLow")
                    ? "ready" : null;
        });
    }

    private static URI startAlertmanager(String name, String config) throws Exception {
        int port = LocalPorts.free();
        Files.writeString(WORK.resolve(name + ".yml"), config);
        // an empty cluster address: no gossip listener on every interface
        start(name, System.getenv().getOrDefault("GOLIVE_ALERTMANAGER", "/usr/bin/prometheus-alertmanager"), "--config.file=" + WORK.resolve(name + ".yml"),
                "--storage.path=" + WORK.resolve(name + "-data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=");
        URI uri = URI.create("http://127.0.0.1:" + port);
        await("Alertmanager " + name + " is ready", () -> get(uri + "/-/ready").isEmpty() ? null : "ready");
        return uri;
    }

    private static void start(String name, String... argv) throws IOException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(WORK.resolve(name + ".log").toFile()).start();
        processes.add(process);
    }

    private static int serve(String type, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    @AfterAll
    static void stopMonitoring() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            process.waitFor();
        }
        servers.forEach(server -> server.stop(0));
    }

    @AfterEach
    void removeContainer() {
        try {
            docker().removeContainerCmd(CONTAINER).withForce(true).exec();
        } catch (NotFoundException e) {
            // none created by this test
        }
    }

    private GateResult check(Monitoring monitoring) {
        MonitoringGate gate = new MonitoringGate(new MonitoringProperties(monitoring == null ? Map.of() : Map.of(ENV, monitoring)), containers);
        return gate.check(new GateRequest(environments.target(ENV), "golive/odoo", "18.0-2", "monitoring-it-1"));
    }

    private static Monitoring monitoring(URI url, URI alertmanagerUrl, List<String> jobs, Map<String, String> alerts, String logDriver) {
        Map<String, String> metrics = alerts.containsKey("disk-space-low") ? Map.of("disk-space-low", "node_filesystem_avail_bytes") : Map.of();
        return new Monitoring(url, alertmanagerUrl, jobs, List.of(), alerts, metrics,
                true, null, Duration.ofMinutes(2), logDriver, Duration.ofSeconds(5));
    }

    @Test
    void anOdooScrapedWithItsAlertsRoutedToAReceiverPasses() {
        GateResult result = check(monitoring(prometheus, alertmanager, List.of("odoo"), ALERTS, null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts().get("passedChecks")).asString().contains("targets", "alertRules", "alertmanagers", "receivers", "recentData");
        assertThat(result.facts()).containsEntry("alertmanagerReceivers", "ops [webhook_configs]").containsEntry("dataQuery", "up{job=\"odoo\"}");
        assertThat(result.facts().get("odooTargets")).asString().contains("odoo/127.0.0.1:").endsWith(" up");
    }

    @Test
    void aMissingRequiredAlertRuleFailsAndIsNamed() {
        Map<String, String> alerts = Map.of("service-down", "OdooDown", "high-error-rate", "OdooHighErrorRate");
        GateResult result = check(monitoring(prometheus, alertmanager, List.of("odoo"), alerts, null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("alert rule OdooHighErrorRate (high-error-rate) is not loaded").doesNotContain("OdooDown");
    }

    @Test
    void aDiskRuleThatDoesNotWatchTheMetricFails() {
        Map<String, String> alerts = Map.of("disk-space-low", "OdooDown");
        GateResult result = check(monitoring(prometheus, alertmanager, List.of("odoo"), alerts, null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("alert rule OdooDown (disk-space-low) does not watch node_filesystem_avail_bytes");
    }

    @Test
    void aTargetDownFailsWithItsDataNotOne() {
        GateResult result = check(monitoring(prometheus, alertmanager, List.of("odoo-down"), ALERTS, null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("target " + nothingListens.getAuthority() + " of job odoo-down is down")
                .contains("up{job=\"odoo-down\"} answers").contains("= 0.0, not 1");
    }

    @Test
    void aJobPrometheusDoesNotScrapeFails() {
        GateResult result = check(monitoring(prometheus, alertmanager, List.of("odoo-prod"), ALERTS, null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("Prometheus scrapes no target of job odoo-prod").contains("answers no data");
    }

    @Test
    void anAlertmanagerWhoseReceiversHaveNoIntegrationFails() {
        GateResult result = check(monitoring(prometheus, silentAlertmanager, List.of("odoo"), ALERTS, null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("has an integration").contains("alerts reach nobody");
    }

    @Test
    void aPrometheusThatDoesNotAnswerFails() {
        GateResult result = check(monitoring(nothingListens, null, List.of("odoo"), ALERTS, null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("Prometheus at " + nothingListens + " does not answer");
    }

    @Test
    void anEnvironmentWithoutPrometheusIsInconclusive() {
        GateResult result = check(null);

        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).startsWith("not configured: no golive.prometheus.environments.monitoring.url");
    }

    @Test
    void aPrometheusApiLackingTheFieldsReadIsInconclusive() {
        GateResult result = check(monitoring(lackingApi, null, List.of("odoo"), ALERTS, null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("scrape targets unreadable: targets: the answer has no activeTargets")
                .contains("alert rules unreadable").contains("recent data unreadable");
    }

    @Test
    void noRequiredAlertsConfiguredIsInconclusive() {
        GateResult result = check(monitoring(prometheus, alertmanager, List.of("odoo"), Map.of(), null));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("no required-alerts configured");
    }

    @Test
    void aContainerLoggingToTheRequiredDriverPasses() {
        create(new LogConfig(LoggingType.SYSLOG, Map.of()));
        GateResult result = check(monitoring(prometheus, alertmanager, List.of("odoo"), ALERTS, "syslog"));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("logDriver", "syslog");
    }

    @Test
    void aContainerLoggingToFilesWhereFluentdIsRequiredFails() {
        create(new LogConfig(LoggingType.JSON_FILE, Map.of("max-size", "10m")));
        GateResult result = check(monitoring(prometheus, alertmanager, List.of("odoo"), ALERTS, "fluentd"));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains(CONTAINER + " logs with json-file, not fluentd");
    }

    private void create(LogConfig log) {
        removeContainer();
        docker().createContainerCmd("golive/odoo:18.0-1").withName(CONTAINER).withLabels(Map.of("org.golive.environment", ENV))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withLogConfig(log)).exec();
    }

    private DockerClient docker() {
        return engines.client(environments.get(ENV).dockerHost());
    }

    private static String get(String url) throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (java.net.ConnectException e) {
            return "";
        }
    }

    private static <T> T await(String what, GoliveServer.Call<T> probe) throws Exception {
        return GoliveServer.await(what, Duration.ofSeconds(60), probe, Objects::nonNull);
    }
}
