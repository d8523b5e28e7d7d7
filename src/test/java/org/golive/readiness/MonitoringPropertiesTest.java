package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The monitoring settings as Spring binds them, with their defaults, and what they refuse at startup. */
class MonitoringPropertiesTest {

    private static MonitoringProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bind("golive.prometheus", MonitoringProperties.class)
                .orElseGet(() -> new MonitoringProperties(null));
    }

    @Test
    void defaultsAndTheUpQueryOfTheJobs() {
        MonitoringProperties.Monitoring prod = bind(Map.of("golive.prometheus.environments.prod.url", "http://127.0.0.1:9090",
                "golive.prometheus.environments.prod.jobs[0]", "odoo")).environments().get("prod");

        assertThat(prod.requireAlertmanager()).isTrue();
        assertThat(prod.maxScrapeAge()).hasMinutes(2);
        assertThat(prod.timeout()).hasSeconds(10);
        assertThat(prod.effectiveDataQuery()).isEqualTo("up{job=\"odoo\"}");
    }

    @Test
    void requiredAlertsBindAsAMapOrAList() {
        MonitoringProperties properties = bind(Map.of(
                "golive.prometheus.environments.prod.url", "http://127.0.0.1:9090",
                "golive.prometheus.environments.prod.instances[0]", "10.0.0.5:8069",
                "golive.prometheus.environments.prod.required-alerts.service-down", "OdooDown",
                "golive.prometheus.environments.staging.url", "http://127.0.0.1:9090",
                "golive.prometheus.environments.staging.jobs[0]", "odoo",
                "golive.prometheus.environments.staging.required-alerts[0]", "OdooDown"));

        assertThat(properties.environments().get("prod").requiredAlerts()).containsExactly(Map.entry("service-down", "OdooDown"));
        assertThat(properties.environments().get("staging").requiredAlerts()).containsExactly(Map.entry("0", "OdooDown"));
        assertThat(properties.environments().get("prod").effectiveDataQuery()).isEqualTo("up{instance=\"10.0.0.5:8069\"}");
    }

    @Test
    void noTargetToLookForIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("golive.prometheus.environments.prod.url", "http://127.0.0.1:9090")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("jobs or instances");
    }

    @Test
    void aMetricForAnAlertNotRequiredIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("golive.prometheus.environments.prod.url", "http://127.0.0.1:9090",
                "golive.prometheus.environments.prod.jobs[0]", "odoo",
                "golive.prometheus.environments.prod.alert-metrics.disk-space-low", "node_filesystem_avail_bytes")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("alert-metrics.disk-space-low");
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("golive.prometheus.environments.prod.url", "prometheus:9090",
                "golive.prometheus.environments.prod.jobs[0]", "odoo")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("url must be an http");
    }
}
