package org.golive.odoostandin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

/**
 * {@code odoo-standin-hook}: a program a release hook can run in the stand-in image, which has no shell and no
 * Python. Run as {@code ["java", "@/opt/standin/hook.args", ACTION...]}; actions run in order:
 * {@code --row NAME} inserts a row into {@code standin_hook_run} of the database ({@code GOLIVE_DATABASE}),
 * {@code --file NAME} appends a line to {@code <data_dir>/standin-hooks/NAME}, {@code --echo TEXT} prints TEXT,
 * {@code --exit CODE} stops with that exit code. Database settings as the entrypoint reads them (HOST, PORT, USER,
 * PASSWORD or PASSWORD_FILE, odoo.conf).
 */
public final class Hook {
    private Hook() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.getenv()));
    }

    static int run(String[] argv, Map<String, String> env) {
        String who = env.getOrDefault("GOLIVE_GO_LIVE_ID", "-") + " " + env.getOrDefault("GOLIVE_HOOK_PHASE", "-") + "["
                + env.getOrDefault("GOLIVE_HOOK_INDEX", "-") + "]";
        for (int i = 0; i < argv.length; i += 2) {
            if (i + 1 >= argv.length) {
                System.err.println("odoo-standin-hook: " + argv[i] + " needs a value");
                return 2;
            }
            String action = argv[i];
            String value = argv[i + 1];
            try {
                switch (action) {
                    case "--row" -> row(env, value, who);
                    case "--file" -> file(env, value, who);
                    case "--echo" -> System.out.println(value);
                    case "--exit" -> {
                        int code = Integer.parseInt(value);
                        System.err.println("odoo-standin-hook " + who + ": exiting " + code + " as asked");
                        return code;
                    }
                    default -> {
                        System.err.println("odoo-standin-hook: unknown action " + action + " (--row, --file, --echo, --exit)");
                        return 2;
                    }
                }
            } catch (SQLException | IOException | RuntimeException e) {
                System.err.println("odoo-standin-hook " + who + ": " + action + " " + value + " failed: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private static void row(Map<String, String> env, String name, String who) throws SQLException, IOException {
        String database = env.get("GOLIVE_DATABASE");
        if (database == null || database.isBlank()) {
            throw new IllegalStateException("GOLIVE_DATABASE is not set");
        }
        try (Connection c = Registry.connect(Entrypoint.database(env), database); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS standin_hook_run (name varchar NOT NULL, go_live_id varchar, phase varchar,"
                    + " hook_index integer, ran_at timestamp NOT NULL DEFAULT now())");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO standin_hook_run (name, go_live_id, phase, hook_index) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, env.get("GOLIVE_GO_LIVE_ID"));
                insert.setString(3, env.get("GOLIVE_HOOK_PHASE"));
                String index = env.get("GOLIVE_HOOK_INDEX");
                insert.setObject(4, index == null ? null : Integer.valueOf(index));
                insert.executeUpdate();
            }
        }
        System.out.println("odoo-standin-hook " + who + ": row " + name + " written to " + database);
    }

    private static void file(Map<String, String> env, String name, String who) throws IOException {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a file name, not a path: " + name);
        }
        Config conf = new Config();
        conf.values.putAll(Config.readOptions(Path.of(env.getOrDefault("ODOO_RC", "/etc/odoo/odoo.conf"))));
        Path dir = Path.of(conf.dataDir(), "standin-hooks");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), who + " " + Instant.now() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("odoo-standin-hook " + who + ": appended to " + dir.resolve(name));
    }
}
