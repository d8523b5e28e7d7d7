package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.golive.readiness.EnvironmentGateProperties.Bounds;
import org.golive.readiness.PostgresSettingsGate.Setting;
import org.junit.jupiter.api.Test;

/** How a configured bound is read against a setting: bytes for memory settings, plain numbers otherwise. */
class PostgresSettingsBoundsTest {

    private static final Setting MEMORY = new Setting("128MB", new BigDecimal(16384), new BigDecimal(134217728));
    private static final Setting COUNT = new Setting("100", new BigDecimal(100), null);

    @Test
    void aMemoryBoundIsReadInBytes() {
        assertThat(PostgresSettingsGate.number("128MB", MEMORY)).isEqualByComparingTo("134217728");
        assertThat(PostgresSettingsGate.number("1GB", MEMORY)).isEqualByComparingTo("1073741824");
        assertThat(PostgresSettingsGate.number("64kB", MEMORY)).isEqualByComparingTo("65536");
    }

    @Test
    void aCountIsAPlainNumberAndRefusesAUnit() {
        assertThat(PostgresSettingsGate.number("100", COUNT)).isEqualByComparingTo("100");
        assertThatThrownBy(() -> PostgresSettingsGate.number("100MB", COUNT)).hasMessageContaining("no memory size");
    }

    @Test
    void boundsWithoutEitherEndOrWithAWordAreRefusedAtStartup() {
        assertThatThrownBy(() -> new Bounds(null, " ")).hasMessageContaining("min, max or both");
        assertThatThrownBy(() -> new Bounds("lots", null)).hasMessageContaining("not a number");
    }
}
