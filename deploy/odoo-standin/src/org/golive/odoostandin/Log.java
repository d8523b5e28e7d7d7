package org.golive.odoostandin;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Log lines in Odoo's format: {@code 2025-01-01 12:00:00,123 1 INFO db odoo.modules.loading: message}. */
final class Log {
    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final long PID = ProcessHandle.current().pid();

    private Log() {
    }

    static synchronized void log(String level, String db, String logger, String msg) {
        System.err.println(F.format(LocalDateTime.now(ZoneOffset.UTC)) + " " + PID + " " + level + " "
                + (db == null || db.isEmpty() ? "?" : db) + " " + logger + ": " + msg);
        System.err.flush();
    }

    static void info(String db, String logger, String msg) { log("INFO", db, logger, msg); }
    static void warn(String db, String logger, String msg) { log("WARNING", db, logger, msg); }
    static void error(String db, String logger, String msg) { log("ERROR", db, logger, msg); }
    static void critical(String db, String logger, String msg) { log("CRITICAL", db, logger, msg); }
}
