package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.golive.plan.PlanProperties;
import org.golive.readiness.StagingLoadProperties.Load;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** golive.staging-load and golive.plan.manifest-check-prefixes bind from the keys docs/configuration.md names, with its defaults. */
class StagingLoadSettingsTest {

    private static Binder binder(Map<String, String> keys) {
        return new Binder(new MapConfigurationPropertySource(keys));
    }

    @Test
    void aTargetNamingItsStagingGetsTheChecklistsLoad() {
        StagingLoadProperties load = binder(Map.of("golive.staging-load.environments.prod.staging", "staging"))
                .bind("golive.staging-load", StagingLoadProperties.class).get();
        assertThat(load.environments().get("prod")).isEqualTo(new Load("staging", 100, 400, List.of("/web/login"), Duration.ofSeconds(2)));
        assertThat(load.environments()).doesNotContainKey("staging");
    }

    @Test
    void badLoadSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new Load(" ", 100, 400, List.of(), Duration.ofSeconds(2))).hasMessageContaining("staging must name");
        assertThatThrownBy(() -> new Load("staging", 501, 600, List.of(), Duration.ofSeconds(2))).hasMessageContaining("concurrency must be 1 to 500");
        assertThatThrownBy(() -> new Load("staging", 100, 50, List.of(), Duration.ofSeconds(2))).hasMessageContaining("requests (50)");
        assertThatThrownBy(() -> new Load("staging", 10, 50, List.of("odoo"), Duration.ofSeconds(2))).hasMessageContaining("path 'odoo'");
        assertThatThrownBy(() -> new Load("staging", 10, 50, List.of(), Duration.ZERO)).hasMessageContaining("p95-max must be positive");
    }

    @Test
    void manifestCheckPrefixesBindPerEnvironmentAndDefaultToNone() {
        PlanProperties plan = binder(Map.of("golive.plan.manifest-check-prefixes.prod[0]", "ipai_"))
                .bind("golive.plan", PlanProperties.class).get();
        assertThat(plan.manifestCheckPrefixes("prod")).containsExactly("ipai_");
        assertThat(plan.manifestCheckPrefixes("staging")).isEmpty();
        assertThat(plan.unlistedChanges()).isEqualTo(PlanProperties.UnlistedChanges.review);
        assertThatThrownBy(() -> new PlanProperties(PlanProperties.UnlistedChanges.review, Map.of("prod", List.of(""))))
                .hasMessageContaining("manifest-check-prefixes.prod");
    }
}
