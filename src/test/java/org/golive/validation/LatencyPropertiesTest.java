package org.golive.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.golive.config.GoliveProperties.Validation;
import org.golive.validation.LatencyProperties.Probe;
import org.junit.jupiter.api.Test;

/** The latency probe per environment: its own settings where given, the global ones elsewhere. */
class LatencyPropertiesTest {

    private static final Validation GLOBAL = new Validation(20, 5, Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofSeconds(10),
            Duration.ofSeconds(120));

    @Test
    void anEnvironmentsOwnProbeWinsAndTheRestComesFromTheGlobalSettings() {
        LatencyProperties properties = new LatencyProperties(Map.of("staging", new Probe(200, 100, List.of("/web/login", "/odoo"), null)));
        Probe staging = properties.resolve("staging", GLOBAL);
        assertThat(staging).isEqualTo(new Probe(200, 100, List.of("/web/login", "/odoo"), Duration.ofSeconds(2)));
        assertThat(properties.resolve("prod", GLOBAL)).isEqualTo(new Probe(20, 5, List.of("/web/login"), Duration.ofSeconds(2)));
    }

    @Test
    void moreConcurrencyThanRequestsIsRefused() {
        LatencyProperties properties = new LatencyProperties(Map.of("staging", new Probe(null, 50, null, null)));
        assertThatThrownBy(() -> properties.resolve("staging", GLOBAL)).hasMessageContaining("concurrency 50 is more than the 20 requests");
    }

    @Test
    void aPathThatLeavesTheOdooUrlIsRefused() {
        assertThatThrownBy(() -> new Probe(10, 2, List.of("//evil.example/x"), null)).hasMessageContaining("path");
        assertThatThrownBy(() -> new Probe(10, 2, List.of("web/login"), null)).hasMessageContaining("path");
        assertThatThrownBy(() -> new Probe(10, 0, null, null)).hasMessageContaining("concurrency");
    }
}
