package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.golive.config.ReleaseRuleProperties;
import org.golive.validation.LatencyProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The new per-environment settings bind from the keys docs/configuration.md names, with the defaults it states. */
class GateSettingsBindingTest {

    private static final Binder BINDER = new Binder(new MapConfigurationPropertySource(Map.of(
            "golive.release-rules.prod.tag-pattern", "^prod-\\d{8}$",
            "golive.release-rules.prod.require-change", "true",
            "golive.release-rules.prod.freezes[0].start", "2026-12-20T00:00:00+01:00",
            "golive.release-rules.prod.freezes[0].end", "2027-01-05T00:00:00+01:00",
            "golive.release-rules.prod.freezes[0].reason", "year-end closing",
            "golive.readiness.environments.prod.postgres-version", "16",
            "golive.readiness.environments.prod.pg-settings.shared_buffers.min", "1GB",
            "golive.readiness.environments.prod.rto", "15m",
            "golive.validation.latency.staging.concurrency", "100",
            "golive.validation.latency.staging.paths[0]", "/odoo")));

    @Test
    void releaseRulesBindPerEnvironment() {
        ReleaseRuleProperties rules = BINDER.bind("golive", ReleaseRuleProperties.class).get();
        assertThat(rules.of("prod").manifestRules().changeRequired()).isTrue();
        assertThat(rules.of("prod").manifestRules().tagPattern().matcher("prod-20261201").matches()).isTrue();
        assertThat(rules.of("prod").freezes()).singleElement().satisfies(f -> assertThat(f.contains(Instant.parse("2026-12-24T00:00:00Z"))).isTrue());
        assertThat(rules.of("sandbox").freezes()).isEmpty();
        assertThat(rules.of("sandbox").manifestRules().tagPattern()).isNull();
    }

    @Test
    void platformSettingsBindWithTheirDefaults() {
        EnvironmentGateProperties gates = BINDER.bind("golive.readiness", EnvironmentGateProperties.class).get();
        EnvironmentGateProperties.Platform prod = gates.of("prod");
        assertThat(prod.postgresVersion()).isEqualTo(16);
        assertThat(prod.pgSettings()).containsKey("shared_buffers");
        assertThat(prod.rto()).isEqualTo(Duration.ofMinutes(15));
        assertThat(prod.logRotation()).isTrue();
        assertThat(prod.odooUid()).isEqualTo(101);
        assertThat(prod.dataDir()).isEqualTo("/var/lib/odoo");
        assertThat(prod.rollbackRehearsedWithin()).isEqualTo(Duration.ofDays(30));
        assertThat(gates.of("sandbox")).isEqualTo(EnvironmentGateProperties.Platform.DEFAULTS);
    }

    @Test
    void theLatencyProbeBindsPerEnvironment() {
        LatencyProperties latency = BINDER.bind("golive.validation", LatencyProperties.class).get();
        assertThat(latency.latency().get("staging").concurrency()).isEqualTo(100);
        assertThat(latency.latency().get("staging").requests()).isNull();
        assertThat(latency.latency().get("staging").paths()).isEqualTo(List.of("/odoo"));
    }
}
