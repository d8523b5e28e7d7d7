package org.golive.readiness;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the platform gates compare with, per environment, under {@code golive.readiness.environments.<environment>.}.
 * An environment without an entry gets the defaults.
 */
@ConfigurationProperties("golive.readiness")
public record EnvironmentGateProperties(Map<String, Platform> environments) {

    public EnvironmentGateProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    public Platform of(String environment) {
        return environments.getOrDefault(environment, Platform.DEFAULTS);
    }

    /**
     * @param postgresVersion         the PostgreSQL major version the environment is pinned to (gate {@code postgres});
     *                                none: recorded, not compared
     * @param pgSettings              setting name → bounds (gate {@code postgresSettings}), e.g. {@code shared_buffers:
     *                                {min: 1GB}}; memory settings take PostgreSQL's units (kB, MB, GB), others plain numbers
     *                                in the setting's own unit; none: the gate is inconclusive
     * @param logRotation             the Odoo container's log driver must rotate ({@code max-size}; gate {@code logRotation})
     * @param dataDir                 where Odoo keeps its data inside the container: the filestore mount (gate {@code filestore})
     * @param odooUid                 the uid Odoo runs as (101 in the official image), who must be able to write the filestore
     * @param rto                     the recovery time objective: a test restore slower than this fails {@code backupRestore};
     *                                none: the restore time is recorded, not compared
     * @param rollbackRehearsedWithin a rollback of the staging environment must have completed this recently
     *                                (gate {@code rollbackRehearsed})
     */
    public record Platform(
            Integer postgresVersion,
            Map<String, Bounds> pgSettings,
            @DefaultValue("true") boolean logRotation,
            @DefaultValue("/var/lib/odoo") String dataDir,
            @DefaultValue("101") int odooUid,
            Duration rto,
            @DefaultValue("30d") Duration rollbackRehearsedWithin) {

        static final Platform DEFAULTS = new Platform(null, null, true, "/var/lib/odoo", 101, null, Duration.ofDays(30));

        public Platform {
            pgSettings = pgSettings == null ? Map.of() : Map.copyOf(pgSettings);
            if (postgresVersion != null && postgresVersion < 9) {
                throw new IllegalArgumentException("postgres-version is a major version such as 16, was " + postgresVersion);
            }
            if (rto != null && (rto.isNegative() || rto.isZero())) {
                throw new IllegalArgumentException("rto must be positive, was " + rto);
            }
            if (rollbackRehearsedWithin == null || rollbackRehearsedWithin.isNegative() || rollbackRehearsedWithin.isZero()) {
                throw new IllegalArgumentException("rollback-rehearsed-within must be positive, was " + rollbackRehearsedWithin);
            }
            if (dataDir == null || !dataDir.startsWith("/")) {
                throw new IllegalArgumentException("data-dir must be an absolute path inside the container, was " + dataDir);
            }
            pgSettings.forEach((name, bounds) -> {
                if (!name.matches("[a-z_]+")) {
                    throw new IllegalArgumentException("pg-settings: '" + name + "' is not a PostgreSQL setting name");
                }
            });
        }
    }

    /** Inclusive bounds; either may be left out, not both. */
    public record Bounds(String min, String max) {

        public Bounds {
            min = min == null || min.isBlank() ? null : min.strip();
            max = max == null || max.isBlank() ? null : max.strip();
            if (min == null && max == null) {
                throw new IllegalArgumentException("pg-settings bounds need min, max or both");
            }
            for (String value : new String[] {min, max}) {
                if (value != null && !value.matches("\\d+(\\.\\d+)?\\s*(B|bytes|kB|MB|GB|TB)?")) {
                    throw new IllegalArgumentException("pg-settings bound '" + value + "' is not a number with an optional unit (kB, MB, GB, TB)");
                }
            }
        }
    }
}
