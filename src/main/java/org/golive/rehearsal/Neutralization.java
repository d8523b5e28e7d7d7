package org.golive.rehearsal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * golive's own equivalent of {@code odoo neutralize} for images without it (Odoo before 16): scheduled actions off,
 * outgoing and incoming mail servers off, where the tables exist; and the check that follows either way.
 */
final class Neutralization {

    /** What must have no active row afterwards: crons would act on the world, mail servers would send or fetch mail. */
    static final List<String> TABLES = List.of("ir_cron", "ir_mail_server", "fetchmail_server");

    private Neutralization() {
    }

    /** Whether a failed {@code odoo neutralize} said it has no such command (or option), rather than failing at it. */
    static boolean unsupported(int exitCode, String logs) {
        if (exitCode == 0) {
            return false;
        }
        String text = logs == null ? "" : logs.toLowerCase(java.util.Locale.ROOT);
        return text.contains("unknown command") || text.contains("usage:") || text.contains("no such option")
                || text.contains("invalid choice") || text.contains("unrecognized arguments");
    }

    /** Turns every cron and mail server of the copy off; returns the rows changed per table. */
    static Map<String, Integer> apply(Connection copy) throws SQLException {
        Map<String, Integer> changed = new LinkedHashMap<>();
        try (Statement sql = copy.createStatement()) {
            for (String table : TABLES) {
                if (exists(sql, table)) {
                    changed.put(table, sql.executeUpdate("UPDATE " + table + " SET active = false WHERE active"));
                }
            }
            if (exists(sql, "ir_config_parameter")) {
                // what odoo neutralize leaves behind, so Odoo (and a person) can tell a neutralized copy
                sql.executeUpdate("INSERT INTO ir_config_parameter (key, value) VALUES ('database.is_neutralized', 'true')"
                        + " ON CONFLICT (key) DO UPDATE SET value = 'true'");
            }
        }
        return changed;
    }

    /** Active rows left per table that exists. */
    static Map<String, Integer> active(Connection copy) throws SQLException {
        Map<String, Integer> active = new LinkedHashMap<>();
        try (Statement sql = copy.createStatement()) {
            for (String table : TABLES) {
                if (exists(sql, table)) {
                    try (ResultSet row = sql.executeQuery("SELECT count(*) FROM " + table + " WHERE active")) {
                        row.next();
                        active.put(table, row.getInt(1));
                    }
                }
            }
        }
        return active;
    }

    private static boolean exists(Statement sql, String table) throws SQLException {
        try (ResultSet row = sql.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
