package org.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/image/compose.yaml as docs/production.md promises it: production mode, secrets only as files, and every
 * file it mounts from the repository there, wired to each other (Grafana reads the Prometheus that scrapes golive).
 * Nothing here can pull postgres, Prometheus or Grafana images, so the file is checked, and GoliveContainerIT runs
 * the golive service's equivalent docker run.
 */
class ProductionComposeTest {

    private static final Path DIR = Path.of("deploy/image");

    @Test
    void goliveRunsInProductionModeWithItsSecretsAsFiles() throws IOException {
        Map<String, Object> golive = service("golive");
        Map<String, Object> environment = map(golive.get("environment"));

        assertThat(golive.get("image")).isEqualTo("golive/golive:latest");
        assertThat(golive.get("network_mode")).isEqualTo("host");
        assertThat(environment).doesNotContainKeys("SPRING_PROFILES_ACTIVE", "GOLIVE_DEMO_USERS", "GOLIVE_ADMIN_PASSWORD",
                "GOLIVE_DB_PASSWORD", "GOLIVE_DEMO_PASSWORD");
        assertThat((String) environment.get("GOLIVE_DB_URL")).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(list(golive.get("secrets"))).containsExactlyInAnyOrder("GOLIVE_ADMIN_PASSWORD", "GOLIVE_DB_PASSWORD");
        assertThat(map(compose().get("secrets"))).containsKeys("GOLIVE_ADMIN_PASSWORD", "GOLIVE_DB_PASSWORD");

        Map<String, Object> db = service("db");
        assertThat(map(db.get("environment"))).containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/GOLIVE_DB_PASSWORD")
                .containsEntry("POSTGRES_USER", environment.get("GOLIVE_DB_USER"));
        assertThat(list(db.get("secrets"))).contains("GOLIVE_DB_PASSWORD");
    }

    @Test
    void everyMountedRepositoryFileExistsAndTheMonitoringIsWiredUp() throws IOException {
        for (String name : List.of("golive", "prometheus", "grafana")) {
            for (Object volume : list(service(name).get("volumes"))) {
                String host = ((String) volume).substring(0, ((String) volume).indexOf(':'));
                if (host.startsWith(".")) {
                    assertThat(DIR.resolve(host)).as("%s mounts %s", name, host).exists();
                }
            }
        }
        String prometheus = Files.readString(Path.of("deploy/prometheus/prometheus.yml"));
        assertThat(prometheus).contains("localhost:" + map(service("golive").get("environment")).get("GOLIVE_PORT"), "golive-alerts.yml");
        assertThat(list(service("prometheus").get("command"))).contains("--web.listen-address=127.0.0.1:9090");

        Map<String, Object> datasources = new Yaml().load(Files.readString(Path.of("deploy/grafana/provisioning/datasources/prometheus.yaml")));
        assertThat(map(list(datasources.get("datasources")).get(0))).containsEntry("type", "prometheus")
                .containsEntry("url", "http://127.0.0.1:9090");
        Map<String, Object> dashboards = new Yaml().load(Files.readString(Path.of("deploy/grafana/provisioning/dashboards/golive.yaml")));
        String dashboardDir = (String) map(map(list(dashboards.get("providers")).get(0)).get("options")).get("path");
        assertThat(list(service("grafana").get("volumes")))
                .contains("../grafana/golive-dashboard.json:" + dashboardDir + "/golive-dashboard.json:ro");
    }

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DIR.resolve("compose.yaml")));
    }

    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> service = map(map(compose().get("services")).get(name));
        assertThat(service).as("service %s", name).isNotNull();
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
