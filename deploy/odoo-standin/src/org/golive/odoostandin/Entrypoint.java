package org.golive.odoostandin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The image's ENTRYPOINT, following the official odoo/docker entrypoint.sh:
 * DB settings from HOST/PORT/USER/PASSWORD(_FILE) unless the config file sets db_host/db_port/db_user/db_password,
 * appended after the user's arguments as --db_* options; wait up to 30 s for PostgreSQL; then run odoo.
 * A first argument other than odoo, -- or -... is executed as a program.
 */
public final class Entrypoint {
    private Entrypoint() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.isEmpty()) args.add("odoo");
        String first = args.get(0);
        if (first.equals("odoo") || first.equals("--")) {
            args.remove(0);
            if (!args.isEmpty() && args.get(0).equals("scaffold")) {
                System.err.println("scaffold is not supported by the stand-in");
                return 1;
            }
        } else if (!first.startsWith("-")) {
            return exec(args);
        }
        Map<String, String> env = System.getenv();
        Config db;
        try {
            db = database(env);
        } catch (IOException e) {
            System.err.println("entrypoint: cannot read PASSWORD_FILE " + env.get("PASSWORD_FILE") + ": " + e);
            return 1;
        }
        List<String> dbArgs = new ArrayList<>();
        for (String key : List.of("db_host", "db_port", "db_user", "db_password")) {
            dbArgs.add("--" + key);
            dbArgs.add(db.values.get(key));
        }
        // Odoo itself refuses this user; checked before the wait so a refusal is immediate
        if ("postgres".equals(db.dbUser())) {
            System.err.println("Using the database user 'postgres' is a security risk, aborting.");
            return 1;
        }
        int timeout = 30;
        try {
            timeout = Integer.parseInt(env.getOrDefault("STANDIN_DB_WAIT_TIMEOUT", "30"));
        } catch (NumberFormatException ignored) {
            // keep 30
        }
        String err = waitForPsql(db, timeout);
        if (err != null) {
            System.err.println("Database connection failure: " + err);
            return 1;
        }
        args.addAll(dbArgs);
        return OdooCli.run(args.toArray(new String[0]));
    }

    /** The database settings entrypoint.sh gives Odoo: the config file's db_* options, else HOST/PORT/USER/PASSWORD(_FILE). */
    static Config database(Map<String, String> env) throws IOException {
        String password = env.getOrDefault("PASSWORD", env.getOrDefault("DB_ENV_POSTGRES_PASSWORD",
                env.getOrDefault("POSTGRES_PASSWORD", "odoo")));
        if (env.containsKey("PASSWORD_FILE")) {
            password = Files.readString(Path.of(env.get("PASSWORD_FILE")), StandardCharsets.UTF_8).replaceAll("\\n+$", "");
        }
        Map<String, String> conf = Config.readOptions(Path.of(env.getOrDefault("ODOO_RC", "/etc/odoo/odoo.conf")));
        Config db = new Config();
        String[][] params = {
            {"db_host", env.getOrDefault("HOST", env.getOrDefault("DB_PORT_5432_TCP_ADDR", "db"))},
            {"db_port", env.getOrDefault("PORT", env.getOrDefault("DB_PORT_5432_TCP_PORT", "5432"))},
            {"db_user", env.getOrDefault("USER", env.getOrDefault("DB_ENV_POSTGRES_USER", "odoo"))},
            {"db_password", password},
        };
        for (String[] p : params) {
            db.values.put(p[0], conf.containsKey(p[0]) ? conf.get(p[0]).replace("\"", "") : p[1]);
        }
        return db;
    }

    private static String waitForPsql(Config db, int timeoutSeconds) {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        String error;
        do {
            try (Connection c = Registry.connect(db, "postgres")) {
                return null;
            } catch (SQLException e) {
                error = e.getMessage();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        } while (System.currentTimeMillis() < deadline);
        return error;
    }

    private static int exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            System.err.println("/entrypoint.sh: line 47: exec: " + cmd.get(0) + ": not found");
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
