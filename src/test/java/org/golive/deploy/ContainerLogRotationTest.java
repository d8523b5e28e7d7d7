package org.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import org.golive.config.GoliveProperties.Container;
import org.junit.jupiter.api.Test;

class ContainerLogRotationTest {

    @Test
    void aContainerGoliveMakesLogsToJsonFileRotatedAtASize() {
        HostConfig host = ContainerService.hostConfig(new Container("odoo", "golive/odoo", Map.of(), List.of(), List.of(), "host",
                Map.of(), Duration.ofSeconds(30), null, List.of()));

        assertThat(host.getLogConfig().getType()).isEqualTo(LogConfig.LoggingType.JSON_FILE);
        assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", "50m").containsEntry("max-file", "3");
    }
}
