package org.golive.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.springframework.stereotype.Service;

/**
 * Restore points on the database's own server: {@code <db>_golive_<id>}, a copy of the database made with
 * {@code CREATE DATABASE … TEMPLATE <db> STRATEGY FILE_COPY} while Odoo is stopped, and a filestore of hard links
 * ({@link SnapshotFilestores}: by its host path or inside the Odoo container's mounts). A rollback swaps names: the database golive rolls back from is set aside as
 * {@code <db>_failed_<id>} and the copy becomes {@code <db>}. Each copy carries a comment naming what it is and
 * when it was made, which is how a clean-up knows what it may drop and when.
 */
@Service
public class SnapshotService {

    static final String SNAPSHOT = "snapshot";
    static final String FAILED = "failed";
    private static final int MAX_NAME_BYTES = 63;

    private final TargetDatabases databases;
    private final SnapshotProperties properties;
    private final SnapshotFilestores filestores;

    public SnapshotService(TargetDatabases databases, SnapshotProperties properties, SnapshotFilestores filestores) {
        this.databases = databases;
        this.properties = properties;
        this.filestores = filestores;
    }

    /** The database and filestore names of a go-live's restore point. */
    public record Names(String database, String snapshot, String failed, Path filestore) {
    }

    /** A restore point on the server; {@code files} is -1 when an earlier attempt had made it already. */
    public record Snapshot(String database, String snapshotDatabase, long databaseSizeBytes, Path filestore, Path filestoreSnapshot,
                           long files, Duration took) {
    }

    /** What {@link #take} did: a snapshot, or why none could be made (the caller then dumps inside the window). */
    public record Attempt(Snapshot snapshot, String refusedBecause) {
        public boolean taken() {
            return snapshot != null;
        }
    }

    /** What {@link #swapBack} did, per part: swapped, finished, already swapped, or none. */
    public record Swap(String database, String snapshotDatabase, String failedDatabase, String databaseState,
                       Path filestore, Path failedFilestore, String filestoreState) {
    }

    public Names names(Target environment, String id) {
        String database = environment.settings().database().name();
        String suffix = shortId(id);
        return new Names(database, database + "_golive_" + suffix, database + "_failed_" + suffix, filestores.filestore(environment));
    }

    /** The last 18 letters and digits of a go-live id: its time and random part ({@code …-20261201-193500-ab12}). */
    static String shortId(String id) {
        String plain = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return plain.substring(Math.max(0, plain.length() - 18));
    }

    /** Makes the restore point of go-live {@code id}, or says why it cannot. Odoo must be stopped. Safe to repeat. */
    public Attempt take(Target environment, String id) {
        if (!properties.enabled()) {
            return new Attempt(null, "snapshots are disabled (golive.snapshot.enabled=false)");
        }
        long started = System.nanoTime();
        Names names = names(environment, id);
        if (names.snapshot().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return new Attempt(null, "the copy's name " + names.snapshot() + " is longer than PostgreSQL's " + MAX_NAME_BYTES + " bytes");
        }
        try (Connection admin = databases.connect(environment, "postgres"); Statement sql = admin.createStatement()) {
            long size = DatabaseCatalog.size(admin, names.database());
            Optional<String> existing = DatabaseCatalog.comment(admin, names.snapshot());
            if (existing.isEmpty()) {
                if (properties.maxSize() != null && size > properties.maxSize().toBytes()) {
                    return new Attempt(null, "database " + names.database() + " is " + size + " bytes, over golive.snapshot.max-size "
                            + properties.maxSize().toBytes());
                }
                DatabaseDefinition definition = DatabaseDefinition.read(admin, names.database());
                String refused = copy(admin, sql, names, definition);
                if (refused != null) {
                    return new Attempt(null, refused);
                }
            } else if (!existing.get().startsWith(mark(SNAPSHOT))) {
                return new Attempt(null, "a database named " + names.snapshot() + " exists and golive did not make it");
            }
            long files = linkFilestore(environment, admin, names);
            return new Attempt(new Snapshot(names.database(), names.snapshot(), size, names.filestore(),
                    names.filestore() == null ? null : FilestoreLinks.place(names.filestore(), names.snapshot()), files,
                    Duration.ofNanos(System.nanoTime() - started)), null);
        } catch (SQLException e) {
            return new Attempt(null, "the database server refused: " + e.getMessage());
        } catch (IOException e) {
            return new Attempt(null, "the filestore could not be linked: " + e.getMessage());
        }
    }

    private String copy(Connection admin, Statement sql, Names names, DatabaseDefinition definition) throws SQLException {
        // a session left on the template makes CREATE DATABASE fail; Odoo is stopped, so any left is a straggler
        DatabaseCatalog.terminateSessions(admin, names.database());
        StringBuilder create = new StringBuilder("CREATE DATABASE ").append(DatabaseDefinition.identifier(names.snapshot()))
                .append(" TEMPLATE ").append(DatabaseDefinition.identifier(names.database())).append(" STRATEGY FILE_COPY");
        if (definition.owner() != null && !definition.owner().equals(DatabaseCatalog.currentUser(sql))) {
            create.append(" OWNER ").append(DatabaseDefinition.identifier(definition.owner()));
        }
        try {
            sql.execute(create.toString());
        } catch (SQLException e) {
            return "CREATE DATABASE " + names.snapshot() + " TEMPLATE " + names.database() + " failed: " + e.getMessage();
        }
        try {
            // a template copy has the template's encoding, collation and ctype, not its per-database settings
            for (String setting : definition.settings()) {
                int eq = setting.indexOf('=');
                if (eq > 0) {
                    sql.execute("ALTER DATABASE " + DatabaseDefinition.identifier(names.snapshot()) + " SET "
                            + DatabaseDefinition.identifier(setting.substring(0, eq)) + " TO " + DatabaseDefinition.literal(setting.substring(eq + 1)));
                }
            }
            DatabaseCatalog.setComment(sql, names.snapshot(), mark(SNAPSHOT) + " " + Instant.now());
            return null;
        } catch (SQLException e) {
            sql.execute("DROP DATABASE IF EXISTS " + DatabaseDefinition.identifier(names.snapshot()));
            return "the copy " + names.snapshot() + " could not be given the settings of " + names.database() + ": " + e.getMessage();
        }
    }

    private long linkFilestore(Target environment, Connection admin, Names names) throws IOException, SQLException {
        if (names.filestore() == null) {
            return 0;
        }
        try {
            return filestores.link(environment, names.filestore(), names.snapshot());
        } catch (IOException | RuntimeException e) {
            // half a restore point is none: the window falls back to the dump, which archives the filestore too
            try (Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + DatabaseDefinition.identifier(names.snapshot()) + " WITH (FORCE)");
            }
            try {
                filestores.remove(environment, names.filestore(), names.snapshot());
            } catch (IOException | RuntimeException left) {
                e.addSuppressed(left); // a partial tree left is replaced by the next attempt and swept with its name
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * Puts go-live {@code id}'s restore point back: the current database and filestore are set aside under the
     * failed names, the snapshot takes their place. Each part checks which names exist, so a repeat after a crash
     * in the middle finishes the swap and a repeat after it changes nothing. Empty when there is no snapshot to
     * swap back (none was taken, or a clean-up dropped it).
     */
    public Optional<Swap> swapBack(Target environment, String id) {
        Names names = names(environment, id);
        try (Connection admin = databases.connect(environment, "postgres")) {
            String databaseState = swapDatabases(admin, names);
            if ("none".equals(databaseState)) {
                return Optional.empty();
            }
            String filestoreState = names.filestore() == null ? "none"
                    : filestores.swapBack(environment, names.filestore(), names.snapshot(), names.failed());
            return Optional.of(new Swap(names.database(), names.snapshot(), names.failed(), databaseState, names.filestore(),
                    names.filestore() == null ? null : FilestoreLinks.place(names.filestore(), names.failed()), filestoreState));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot swap " + names.snapshot() + " back as " + names.database() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot swap the filestore of " + names.snapshot() + " back: " + e.getMessage(), e);
        }
    }

    private String swapDatabases(Connection admin, Names names) throws SQLException {
        boolean live = DatabaseCatalog.exists(admin, names.database());
        boolean snapshot = DatabaseCatalog.exists(admin, names.snapshot());
        boolean failed = DatabaseCatalog.exists(admin, names.failed());
        if (!snapshot) {
            if (live && failed) {
                markFailed(admin, names);
                return "already swapped";
            }
            return "none";
        }
        if (live && failed) {
            throw new IllegalStateException("cannot set " + names.database() + " aside: " + names.failed() + " exists already");
        }
        DatabaseCatalog.terminateSessions(admin, names.database());
        DatabaseCatalog.terminateSessions(admin, names.snapshot());
        boolean autoCommit = admin.getAutoCommit();
        admin.setAutoCommit(false);
        // both renames in one transaction: the target name is never missing to anyone who looks
        try (Statement sql = admin.createStatement()) {
            if (live) {
                sql.execute("ALTER DATABASE " + DatabaseDefinition.identifier(names.database()) + " RENAME TO "
                        + DatabaseDefinition.identifier(names.failed()));
            }
            sql.execute("ALTER DATABASE " + DatabaseDefinition.identifier(names.snapshot()) + " RENAME TO "
                    + DatabaseDefinition.identifier(names.database()));
            admin.commit();
        } catch (SQLException e) {
            admin.rollback();
            throw e;
        } finally {
            admin.setAutoCommit(autoCommit);
        }
        try (Statement sql = admin.createStatement()) {
            DatabaseCatalog.setComment(sql, names.database(), null);
        }
        markFailed(admin, names);
        return live ? "swapped" : "finished";
    }

    /** Marks the set-aside database for the clean-up, also after a kill between the renames and the mark. */
    private static void markFailed(Connection admin, Names names) throws SQLException {
        if (DatabaseCatalog.comment(admin, names.failed()).filter(c -> !c.startsWith(mark(FAILED))).isPresent()) {
            try (Statement sql = admin.createStatement()) {
                DatabaseCatalog.setComment(sql, names.failed(), mark(FAILED) + " " + Instant.now());
            }
        }
    }

    /** Drops go-live {@code id}'s snapshot (database and filestore), if golive made it and it is still there. */
    public List<String> drop(Target environment, String id) {
        Names names = names(environment, id);
        try (Connection admin = databases.connect(environment, "postgres")) {
            List<String> dropped = new ArrayList<>();
            if (DatabaseCatalog.comment(admin, names.snapshot()).filter(c -> c.startsWith(mark(SNAPSHOT))).isPresent()) {
                DatabaseCatalog.dropDatabase(admin, names.snapshot());
                dropped.add(names.snapshot());
            }
            if (names.filestore() != null && filestores.remove(environment, names.filestore(), names.snapshot())) {
                dropped.add(FilestoreLinks.place(names.filestore(), names.snapshot()).toString());
            }
            return dropped;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot drop snapshot " + names.snapshot() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops the environment's snapshots older than {@code keep-for} and set-aside databases older than
     * {@code keep-failed-for}, with their filestores. Only copies golive marked as its own are considered.
     */
    public List<String> sweep(Target environment, Instant now) {
        TargetEnvironment target = environment.settings();
        Path filestore = filestores.filestore(environment);
        List<String> dropped = new ArrayList<>();
        try (Connection admin = databases.connect(environment, "postgres")) {
            for (Map.Entry<String, String> copy : DatabaseCatalog.copies(admin, target.database().name()).entrySet()) {
                Optional<Instant> expires = DatabaseCatalog.expiry(copy.getValue(), properties.keepFor(), properties.keepFailedFor());
                if (expires.isPresent() && !now.isBefore(expires.get())) {
                    DatabaseCatalog.dropDatabase(admin, copy.getKey());
                    dropped.add(copy.getKey());
                    if (filestore != null && filestores.remove(environment, filestore, copy.getKey())) {
                        dropped.add(FilestoreLinks.place(filestore, copy.getKey()).toString());
                    }
                }
            }
            return dropped;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot clean up the restore points of " + environment + ": " + e.getMessage(), e);
        }
    }

    /** The snapshots golive made of the environment's database that are still on its server. */
    public Set<String> onServer(Target environment) throws SQLException {
        try (Connection admin = databases.connect(environment, "postgres")) {
            Set<String> snapshots = new HashSet<>();
            DatabaseCatalog.copies(admin, environment.settings().database().name()).forEach((name, comment) -> {
                if (comment != null && comment.startsWith(mark(SNAPSHOT))) {
                    snapshots.add(name);
                }
            });
            return snapshots;
        }
    }

    static String mark(String kind) {
        return "golive " + kind;
    }
}
