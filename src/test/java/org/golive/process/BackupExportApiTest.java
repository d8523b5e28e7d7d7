package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.Map;

import org.golive.config.Target;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Exporting a backup as Odoo's zip over golive's API: who may, and what a wrong request is told. */
class BackupExportApiTest extends ProcessTestSupport {

    private static final String PATH = "/api/environments/%s/backups/%s/odoo-zip";

    @Test
    void aReleaseManagerMayNotExportABackup() {
        ResponseEntity<Map> answer = post("release", PATH.formatted("sandbox", "b1"), "application/json", "{}");

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        verify(backups, never()).find(any(Target.class), anyString());
    }

    @Test
    void anUnknownEnvironmentIsNamed() {
        ResponseEntity<Map> answer = post("ops", PATH.formatted("nowhere", "b1"), "application/json", "{}");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat((String) answer.getBody().get("error")).contains("unknown environment 'nowhere'");
    }

    @Test
    void aBackupWithoutOdoosManifestIsRefusedAndNamed() {
        ResponseEntity<Map> answer = post("ops", PATH.formatted("sandbox", "b1"), "application/json", "{}");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat((String) answer.getBody().get("error")).contains("backupId: backup 'b1' has no manifest.json");
    }
}
