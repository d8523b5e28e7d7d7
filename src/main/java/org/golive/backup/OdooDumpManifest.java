package org.golive.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Odoo writes as {@code manifest.json} beside {@code dump.sql} in its own backups ({@code dump_db_manifest} in
 * {@code odoo/service/db.py}): the database name, the Odoo version, the PostgreSQL version and each installed
 * module's {@code latest_version}. golive has no Odoo process to ask for {@code odoo.release}, so the version
 * fields come from the series of {@code base}'s {@code latest_version} (e.g. {@code 18.0.1.3} → {@code 18.0}), which
 * is what Odoo's restore reads them for.
 */
public record OdooDumpManifest(String dbName, String version, List<Object> versionInfo, String majorVersion, String pgVersion,
                               Map<String, String> modules) {

    /** The manifest's file name, in golive's backup directory and in Odoo's zip. */
    public static final String FILE = "manifest.json";

    /** Reads the manifest of the database {@code db} is connected to; {@code dbName} as Odoo would name it. */
    public static OdooDumpManifest read(Connection db, String dbName) throws SQLException {
        Map<String, String> modules = new TreeMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, latest_version FROM ir_module_module WHERE state = 'installed'")) {
            while (rs.next()) {
                modules.put(rs.getString(1), rs.getString(2));
            }
        }
        int serverVersion;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            serverVersion = Integer.parseInt(rs.getString(1).trim());
        }
        String series = series(modules.get("base"));
        return new OdooDumpManifest(dbName, series, versionInfo(series), series, pgVersion(serverVersion), modules);
    }

    /**
     * Odoo's {@code "%d.%d" % divmod(server_version / 100, 100)}: for PostgreSQL 10 and later the minor part of that
     * division is the patch level divided by 100, which {@code %d} truncates to 0 ({@code 150008} → {@code 15.0}).
     */
    static String pgVersion(int serverVersionNum) {
        double hundredths = serverVersionNum / 100.0;
        return (int) Math.floor(hundredths / 100) + "." + (int) Math.floor(hundredths % 100);
    }

    /** {@code 18.0.1.3} → {@code 18.0}; {@code saas~17.4.1.0} → {@code saas~17.4}; null when base is not installed. */
    static String series(String baseVersion) {
        if (baseVersion == null) {
            return null;
        }
        String[] parts = baseVersion.split("\\.");
        return parts.length < 2 ? baseVersion : parts[0] + "." + parts[1];
    }

    private static List<Object> versionInfo(String series) {
        if (series == null || !series.matches("\\d+\\.\\d+")) {
            return null;
        }
        String[] parts = series.split("\\.");
        return List.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 0, "final", 0);
    }

    /** The JSON object Odoo writes, keys as Odoo names them. */
    public Map<String, Object> asOdooJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("odoo_dump", "1");
        m.put("db_name", dbName);
        m.put("version", version);
        m.put("version_info", versionInfo);
        m.put("major_version", majorVersion);
        m.put("pg_version", pgVersion);
        m.put("modules", modules);
        return m;
    }
}
