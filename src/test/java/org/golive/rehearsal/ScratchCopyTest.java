package org.golive.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.golive.config.GoliveProperties.Container;
import org.golive.config.GoliveProperties.Database;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.junit.jupiter.api.Test;

/** The scratch names come from the rehearsal id; the copy's environment never names the target's database or data. */
class ScratchCopyTest {

    private static final Target PROD = new Target("prod", new TargetEnvironment("http://127.0.0.1:8069",
            new Database("127.0.0.1", 5432, "prod", "odoo", null, Path.of("/secrets/db")), "unix:///var/run/docker.sock", null,
            new Container("prod-odoo", "golive/odoo", Map.of("HOST", "127.0.0.1"),
                    List.of("/secrets/db:/run/secrets/db:ro", "/srv/odoo/odoo.conf:/etc/odoo/odoo.conf:ro", "/srv/odoo/data:/var/lib/odoo"),
                    null, "host", Map.of("org.golive.environment", "prod"), Duration.ofSeconds(10), null, null),
            Path.of("/srv/odoo/data/filestore/prod"), Path.of("/backups"), null));

    @Test
    void twoRehearsalsOfOneEnvironmentGetDifferentNames() {
        ScratchCopy first = ScratchCopy.of(PROD, "prod-rehearsal-18.0-2-20261202-021500-ab12", Path.of("/scratch"));
        ScratchCopy second = ScratchCopy.of(PROD, "prod-rehearsal-18.0-2-20261202-021500-cd34", Path.of("/scratch"));
        assertThat(first.database()).isEqualTo("prod_rehearsal_20261202021500ab12").isNotEqualTo(second.database());
        assertThat(first.container()).isEqualTo("prod-odoo-rehearsal-20261202021500ab12").isNotEqualTo(second.container());
        assertThat(first.directory()).isNotEqualTo(second.directory());
    }

    @Test
    void theCopysEnvironmentMountsTheScratchDataInsteadOfTheTargets() {
        ScratchCopy copy = ScratchCopy.of(PROD, "prod-rehearsal-18.0-2-20261202-021500-ab12", Path.of("/scratch"));
        TargetEnvironment settings = copy.target(PROD, 18555).settings();
        assertThat(settings.database().name()).isEqualTo(copy.database());
        assertThat(settings.odooUrl()).isEqualTo("http://127.0.0.1:18555");
        assertThat(settings.container().name()).isEqualTo(copy.container());
        assertThat(settings.container().mounts()).contains("/secrets/db:/run/secrets/db:ro", "/srv/odoo/odoo.conf:/etc/odoo/odoo.conf:ro",
                "/scratch/prod_rehearsal_20261202021500ab12/data:/var/lib/odoo").noneMatch(m -> m.startsWith("/srv/odoo/data"));
        assertThat(settings.container().labels()).doesNotContainKey("org.golive.environment");
        assertThat(settings.maintenance()).isNull();
    }

    @Test
    void theTemporaryOdooListensOnLoopbackOnlyWithoutCronThreads() {
        ScratchCopy copy = ScratchCopy.of(PROD, "prod-rehearsal-18.0-2-20261202-021500-ab12", Path.of("/scratch"));
        assertThat(copy.serverArgv(PROD, 18555, 18556)).contains("--http-port=18555", "--http-interface=127.0.0.1",
                "--gevent-port=18556", "--max-cron-threads=0", "--db-filter=^prod_rehearsal_20261202021500ab12$");
    }

    @Test
    void aUsageErrorMeansTheImageHasNoNeutralizeButAFailureDoesNot() {
        assertThat(Neutralization.unsupported(2, "Usage: odoo-bin [options]\n\nodoo-bin: error: no such option: neutralize")).isTrue();
        assertThat(Neutralization.unsupported(1, "Unknown command 'neutralize'")).isTrue();
        assertThat(Neutralization.unsupported(1, "psycopg2.OperationalError: connection refused")).isFalse();
        assertThat(Neutralization.unsupported(0, "Usage: nothing wrong")).isFalse();
    }
}
