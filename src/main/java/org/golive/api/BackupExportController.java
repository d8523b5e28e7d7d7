package org.golive.api;

import static org.golive.step.ProcessConstants.GROUP_LEAD;
import static org.golive.step.ProcessConstants.GROUP_OPS;

import java.util.Map;

import org.golive.backup.OdooZipExport;
import org.golive.backup.OdooZipExport.Exported;
import org.golive.config.Environments;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A golive backup as the zip Odoo's database manager restores ({@code dump.sql}, {@code filestore/},
 * {@code manifest.json}), written beside the backup: for moving a database to another Odoo, or for restoring
 * it with Odoo's own tools when golive is not there.
 */
@RestController
@RequestMapping("/api/environments/{environment}/backups/{backupId}")
public class BackupExportController {

    private final Environments environments;
    private final OdooZipExport export;

    public BackupExportController(Environments environments, OdooZipExport export) {
        this.environments = environments;
        this.export = export;
    }

    @RequiresGroup({GROUP_OPS, GROUP_LEAD})
    @PostMapping("/odoo-zip")
    public Exported exportOdooZip(@PathVariable String environment, @PathVariable String backupId) {
        return export.export(environments.target(environment), backupId);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
    }
}
