package org.golive.hooks;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code golive_release_hook} (Flyway, db/golive) in the engine's database: the hooks a go-live ran to completion,
 * keyed by go-live, phase, index and argv digest. Written only after the hook's container exited 0, so a hook whose
 * run a crash cut short has no row and runs again.
 */
@Repository
public class HookRuns {

    /** A hook recorded as done. */
    public record Done(int exitCode, long millis, Instant finishedAt) {
    }

    private final JdbcTemplate jdbc;

    public HookRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Done> done(String goLiveId, String phase, int index, String argvDigest) {
        return jdbc.query("SELECT exit_code, millis, finished_at FROM golive_release_hook"
                        + " WHERE go_live_id = ? AND phase = ? AND hook_index = ? AND argv_digest = ?",
                (r, n) -> new Done(r.getInt(1), r.getLong(2), r.getTimestamp(3).toInstant()), goLiveId, phase, index, argvDigest)
                .stream().findFirst();
    }

    /** Records a completed hook; recording it twice (two nodes finishing the same job) keeps the first. */
    public void completed(String goLiveId, String phase, int index, String argvDigest, int exitCode, long millis) {
        try {
            jdbc.update("INSERT INTO golive_release_hook (go_live_id, phase, hook_index, argv_digest, exit_code, millis, finished_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", goLiveId, phase, index, argvDigest, exitCode, millis, Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException e) {
            // already recorded: the hook ran once
        }
    }
}
