package org.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.golive.backup.BackupService;
import org.junit.jupiter.api.Test;

class DumpCompressionTest {

    @Test
    void aLevelOutsideZeroToNineIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new GoliveProperties.Steps("R3/PT10S", Duration.ofMinutes(30), 10, null))
                .hasMessageContaining("golive.steps.dump-compression").hasMessageContaining("was 10");
        assertThatThrownBy(() -> new GoliveProperties.Steps("R3/PT10S", Duration.ofMinutes(30), -1, null))
                .hasMessageContaining("0 (none) to 9");
    }

    @Test
    void theDumpRunsWithTheConfiguredLevel() {
        assertThat(BackupService.dumpArgv(1, "/b/database.dump.partial", "golive_prod"))
                .containsExactly("pg_dump", "--format=custom", "--compress=1", "--no-owner", "--file=/b/database.dump.partial", "golive_prod");
    }
}
