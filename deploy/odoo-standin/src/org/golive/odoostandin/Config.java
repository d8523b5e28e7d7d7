package org.golive.odoostandin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The odoo.conf {@code [options]} section merged with command line options (command line wins). */
final class Config {
    static final String BUILTIN_ADDONS = "/usr/lib/python3/dist-packages/odoo/addons";

    final Map<String, String> values = new LinkedHashMap<>();

    static Map<String, String> readOptions(Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        if (file == null || !Files.isReadable(file)) {
            return m;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return m;
        }
        boolean inOptions = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[")) {
                inOptions = line.equals("[options]");
                continue;
            }
            if (!inOptions) continue;
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int sep = eq < 0 ? colon : (colon < 0 ? eq : Math.min(eq, colon));
            if (sep <= 0) continue;
            m.put(line.substring(0, sep).strip(), line.substring(sep + 1).strip());
        }
        return m;
    }

    String get(String key, String def) {
        String v = values.get(key);
        if (v == null || v.isEmpty() || v.equals("False") || v.equals("None")) return def;
        return v;
    }

    /** Odoo parses only the literals True/False as booleans. */
    boolean bool(String key, boolean def) {
        String v = values.get(key);
        if (v == null) return def;
        if (v.equals("True")) return true;
        if (v.equals("False")) return false;
        return def;
    }

    int integer(String key, int def) {
        try {
            return Integer.parseInt(get(key, String.valueOf(def)));
        } catch (NumberFormatException e) {
            return def;
        }
    }

    String dbHost() { return get("db_host", "127.0.0.1"); }
    int dbPort() { return integer("db_port", 5432); }
    String dbUser() { return get("db_user", ""); }
    String dbPassword() { return get("db_password", ""); }
    String dataDir() { return get("data_dir", "/var/lib/odoo"); }
    int httpPort() { return integer("http_port", 8069); }

    List<String> addonsPaths() {
        List<String> l = new java.util.ArrayList<>();
        for (String p : get("addons_path", "").split(",")) {
            if (!p.isBlank()) l.add(p.strip());
        }
        if (!l.contains(BUILTIN_ADDONS)) l.add(BUILTIN_ADDONS);
        return l;
    }
}
