package org.golive.readiness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the readiness gates, under {@code golive.readiness.}.
 *
 * @param stagingEnvironment     where a release must have gone live before; empty turns the gate into a person's call
 * @param backupMaxAge           the newest backup of the target must be younger than this
 * @param minConnectionHeadroom  percent of {@code max_connections} that must still be free
 * @param maxRestartCount        more restarts of the Odoo container than this look like a crash loop
 * @param odooConfigs            environment name → the odoo.conf golive reads, when it cannot be found from the
 *                               container's mount of {@code /etc/odoo/odoo.conf}
 */
@ConfigurationProperties("golive.readiness")
public record ReadinessProperties(
        @DefaultValue("staging") String stagingEnvironment,
        @DefaultValue("24h") Duration backupMaxAge,
        @DefaultValue("20") int minConnectionHeadroom,
        @DefaultValue("3") int maxRestartCount,
        Map<String, Path> odooConfigs) {

    public ReadinessProperties {
        odooConfigs = odooConfigs == null ? Map.of() : Map.copyOf(odooConfigs);
    }
}
