package org.golive.rehearsal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rehearsal of a release on a neutralized scratch copy ({@code rehearse-release}), under {@code golive.rehearsal.}.
 *
 * @param scratchDir    where the scratch copies' Odoo data directories (their filestores) live; a path golive and the
 *                      environment's Docker host both see, as the temporary Odoo bind-mounts it. None: {@code <data-dir>/rehearsals}
 * @param backupMaxAge  the newest verified backup of the environment is the copy's source when it is at most this old;
 *                      else the rehearsal takes one first (pg_dump while Odoo serves, verified like every backup)
 * @param checks        the validation checks run against the temporary Odoo (names of {@code validate-release}'s checks)
 * @param environments  per environment: whether the readiness gate {@code rehearsal} requires a passed rehearsal, and how recent
 */
@ConfigurationProperties("golive.rehearsal")
public record RehearsalProperties(
        Path scratchDir,
        @DefaultValue("24h") Duration backupMaxAge,
        @DefaultValue({"health", "login", "database_selector", "assets", "csrf", "websocket", "modules"}) List<String> checks,
        Map<String, Required> environments) {

    public RehearsalProperties {
        checks = checks == null || checks.isEmpty()
                ? List.of("health", "login", "database_selector", "assets", "csrf", "websocket", "modules") : List.copyOf(checks);
        environments = environments == null ? Map.of() : Map.copyOf(environments);
        if (backupMaxAge == null || backupMaxAge.isNegative()) {
            throw new IllegalArgumentException("golive.rehearsal.backup-max-age must be zero (always a fresh backup) or positive, was "
                    + backupMaxAge);
        }
        for (String check : checks) {
            if (!check.matches("[a-z_-]+")) {
                throw new IllegalArgumentException("golive.rehearsal.checks: '" + check + "' is not a check name");
            }
        }
    }

    /** The environment's gate settings; an environment without an entry does not require a rehearsal. */
    public Required of(String environment) {
        return environments.getOrDefault(environment, Required.DEFAULTS);
    }

    /**
     * @param required whether the gate {@code rehearsal} fails without a passed rehearsal of the release on this environment
     * @param maxAge   how recent that rehearsal must be
     */
    public record Required(@DefaultValue("false") boolean required, @DefaultValue("7d") Duration maxAge) {

        static final Required DEFAULTS = new Required(false, Duration.ofDays(7));

        public Required {
            if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("golive.rehearsal.environments.<env>.max-age must be positive, was " + maxAge);
            }
        }
    }
}
