package org.golive.plan;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code golive_module_checksum} (Flyway, db/golive) in the engine's database: the checksums a go-live's plan
 * found for the modules it installs and updates, marked applied once the go-live completes. Both writes are safe
 * to repeat: a re-planned go-live replaces its unapplied rows, and marking applied twice changes nothing.
 */
@Repository
public class AppliedModules {

    private final JdbcTemplate jdbc;

    public AppliedModules(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void planned(String goLiveId, List<AppliedModule> modules) {
        jdbc.update("DELETE FROM golive_module_checksum WHERE go_live_id = ? AND applied_at IS NULL", goLiveId);
        Timestamp now = Timestamp.from(Instant.now());
        for (AppliedModule m : modules) {
            jdbc.update("INSERT INTO golive_module_checksum (go_live_id, module, environment, checksum, version, image, planned_at)"
                    + " SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM golive_module_checksum WHERE go_live_id = ? AND module = ?)",
                    goLiveId, m.module(), m.environment(), m.checksum(), m.version(), m.image(), now, goLiveId, m.module());
        }
    }

    /** Marks the go-live's planned modules as live; returns every module of the go-live that is. */
    @Transactional
    public List<AppliedModule> applied(String goLiveId) {
        jdbc.update("UPDATE golive_module_checksum SET applied_at = ? WHERE go_live_id = ? AND applied_at IS NULL",
                Timestamp.from(Instant.now()), goLiveId);
        return jdbc.query("SELECT environment, module, go_live_id, checksum, version, image FROM golive_module_checksum"
                + " WHERE go_live_id = ? AND applied_at IS NOT NULL ORDER BY module", (r, i) -> row(r), goLiveId);
    }

    /** The newest applied row per module of an environment. */
    public Map<String, AppliedModule> latest(String environment) {
        Map<String, AppliedModule> latest = new LinkedHashMap<>();
        jdbc.query("SELECT environment, module, go_live_id, checksum, version, image FROM golive_module_checksum"
                        + " WHERE environment = ? AND applied_at IS NOT NULL ORDER BY module, applied_at", (r, i) -> row(r), environment)
                .forEach(m -> latest.put(m.module(), m));
        return latest;
    }

    private static AppliedModule row(java.sql.ResultSet r) throws java.sql.SQLException {
        return new AppliedModule(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6));
    }
}
