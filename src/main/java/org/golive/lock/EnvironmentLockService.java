package org.golive.lock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One change per environment: a row of {@code golive_environment_lock} (Flyway, db/golive) in the engine's
 * database, so every node of a cluster sees it and it outlives a crash. The caller's transaction is the
 * engine's: a start that fails after taking the lock leaves no lock behind, and an end releases it with the
 * instance. The primary key decides a race between two nodes.
 */
@Service
public class EnvironmentLockService {

    private static final String COLUMNS = "environment, holder, holder_process, process_instance_id, acquired_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate separately;

    public EnvironmentLockService(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.separately.setReadOnly(true);
    }

    public Optional<EnvironmentLock> find(String environment) {
        return jdbc.query("SELECT " + COLUMNS + " FROM golive_environment_lock WHERE environment = ?", EnvironmentLockService::lock,
                environment).stream().findFirst();
    }

    public List<EnvironmentLock> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM golive_environment_lock ORDER BY environment", EnvironmentLockService::lock);
    }

    /**
     * Takes the environment for {@code holder}, or confirms it already has it: the same holder in the same process
     * instance (a re-run start listener, a rollback its go-live called, which passes the go-live's instance) gets
     * the lock it holds. Anyone else is refused with the holder named.
     *
     * @return the lock now held, and whether this call took it
     */
    public Acquired acquire(String environment, String holderProcess, String holder, String processInstanceId) {
        Optional<EnvironmentLock> existing = find(environment);
        if (existing.isPresent()) {
            EnvironmentLock held = existing.get();
            if (held.holder().equals(holder) && processInstanceId.equals(held.processInstanceId())) {
                return new Acquired(held, false);
            }
            throw new EnvironmentLockedException(environment, held);
        }
        // whole seconds: what the message shows is what the table holds, on H2 and PostgreSQL alike
        EnvironmentLock lock = new EnvironmentLock(environment, holder, holderProcess, processInstanceId,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try {
            jdbc.update("INSERT INTO golive_environment_lock (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", environment, holder,
                    holderProcess, processInstanceId, Timestamp.from(lock.acquiredAt()));
        } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
            // another node committed the same environment first; this transaction may be unusable now (PostgreSQL)
            throw new EnvironmentLockedException(environment, separately.execute(status -> find(environment).orElse(null)));
        }
        return new Acquired(lock, true);
    }

    /** Releases what this process instance holds (nothing, when an admin released it or it never held one). */
    public List<EnvironmentLock> release(String processInstanceId) {
        List<EnvironmentLock> held = jdbc.query("SELECT " + COLUMNS + " FROM golive_environment_lock WHERE process_instance_id = ?",
                EnvironmentLockService::lock, processInstanceId);
        if (!held.isEmpty()) {
            jdbc.update("DELETE FROM golive_environment_lock WHERE process_instance_id = ?", processInstanceId);
        }
        return held;
    }

    /** Releases the environment whoever holds it (a stale lock, by an admin); the lock that was released, if any. */
    public Optional<EnvironmentLock> forceRelease(String environment) {
        Optional<EnvironmentLock> held = find(environment);
        held.ifPresent(lock -> jdbc.update("DELETE FROM golive_environment_lock WHERE environment = ? AND holder = ?",
                environment, lock.holder()));
        return held;
    }

    /** The lock after {@link #acquire}: {@code taken} is false when the holder already had it. */
    public record Acquired(EnvironmentLock lock, boolean taken) {
    }

    private static EnvironmentLock lock(ResultSet row, int n) throws SQLException {
        Timestamp at = row.getTimestamp("acquired_at");
        return new EnvironmentLock(row.getString("environment"), row.getString("holder"), row.getString("holder_process"),
                row.getString("process_instance_id"), at == null ? null : at.toInstant());
    }
}
