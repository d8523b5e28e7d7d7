package org.golive.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What golive asks the server's catalog about its databases, and the statements it runs on whole databases. */
final class DatabaseCatalog {

    private DatabaseCatalog() {
    }

    static void terminateSessions(Connection admin, String database) throws SQLException {
        // a superuser's session cannot be ended by golive's role: CREATE DATABASE or the rename then says so
        try (PreparedStatement terminate = admin.prepareStatement("SELECT count(pg_terminate_backend(a.pid)) FROM pg_stat_activity a"
                + " JOIN pg_roles r ON r.oid = a.usesysid WHERE a.datname = ? AND a.pid <> pg_backend_pid() AND NOT r.rolsuper")) {
            terminate.setString(1, database);
            terminate.executeQuery().close();
        }
    }

    static void dropDatabase(Connection admin, String database) throws SQLException {
        try (Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DatabaseDefinition.identifier(database) + " WITH (FORCE)");
        }
    }

    static void setComment(Statement sql, String database, String comment) throws SQLException {
        sql.execute("COMMENT ON DATABASE " + DatabaseDefinition.identifier(database) + " IS "
                + (comment == null ? "NULL" : DatabaseDefinition.literal(comment)));
    }

    static long size(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT pg_database_size(?)")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The comment of a database that exists ("" when it has none); empty when there is no such database. */
    static Optional<String> comment(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database"
                + " WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** golive's copies of a database by name ({@code <db>_golive_…}, {@code <db>_failed_…}), each with its comment. */
    static Map<String, String> copies(Connection admin, String database) throws SQLException {
        Map<String, String> copies = new LinkedHashMap<>();
        try (PreparedStatement query = admin.prepareStatement("SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
                + " WHERE starts_with(datname, ?) OR starts_with(datname, ?) ORDER BY datname")) {
            query.setString(1, database + "_golive_");
            query.setString(2, database + "_failed_");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    copies.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return copies;
    }

    static String currentUser(Statement sql) throws SQLException {
        try (ResultSet row = sql.executeQuery("SELECT current_user")) {
            row.next();
            return row.getString(1);
        }
    }

    /** When a marked copy may be dropped; empty for anything golive did not mark. */
    static Optional<Instant> expiry(String comment, Duration keepFor, Duration keepFailedFor) {
        if (comment == null) {
            return Optional.empty();
        }
        for (String kind : List.of(SnapshotService.SNAPSHOT, SnapshotService.FAILED)) {
            if (comment.startsWith(SnapshotService.mark(kind) + " ")) {
                try {
                    Instant made = Instant.parse(comment.substring(SnapshotService.mark(kind).length() + 1).strip());
                    return Optional.of(made.plus(SnapshotService.SNAPSHOT.equals(kind) ? keepFor : keepFailedFor));
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
