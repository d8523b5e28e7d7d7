package org.golive.odoostandin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The {@code odoo} command line (odoo-bin server, plus the neutralize sub-command). */
public final class OdooCli {
    /** option -> config key; null key = accepted and ignored. */
    private static final Map<String, String> VALUE_OPTS = new HashMap<>();
    private static final Map<String, String> FLAG_OPTS = new HashMap<>();

    static {
        String[][] v = {
            {"-c", "config"}, {"--config", "config"}, {"-d", "db_name"}, {"--database", "db_name"},
            {"-i", "init"}, {"--init", "init"}, {"-u", "update"}, {"--update", "update"},
            {"--without-demo", "without_demo"}, {"--http-port", "http_port"}, {"-p", "http_port"},
            {"--http-interface", "http_interface"}, {"--gevent-port", "gevent_port"},
            {"--db_host", "db_host"}, {"--db_port", "db_port"}, {"--db_user", "db_user"}, {"-r", "db_user"},
            {"--db_password", "db_password"}, {"-w", "db_password"}, {"--db_maxconn", "db_maxconn"},
            {"--addons-path", "addons_path"}, {"--data-dir", "data_dir"}, {"-D", "data_dir"},
            {"--log-level", null}, {"--log-handler", null}, {"--logfile", null}, {"--pidfile", null},
            {"--db-filter", "dbfilter"}, {"--workers", "workers"}, {"--max-cron-threads", "max_cron_threads"},
            {"--limit-time-real", "limit_time_real"}, {"--limit-time-cpu", "limit_time_cpu"},
            {"--limit-memory-hard", "limit_memory_hard"}, {"--limit-memory-soft", "limit_memory_soft"},
            {"--load", "server_wide_modules"}, {"--dev", null}, {"--load-language", null}, {"-l", null},
            {"--db-template", null}, {"--db_sslmode", null},
        };
        for (String[] o : v) VALUE_OPTS.put(o[0], o[1]);
        String[][] f = {
            {"--stop-after-init", "stop_after_init"}, {"--no-http", "no_http"}, {"--proxy-mode", "proxy_mode"},
            {"--no-database-list", "no_database_list"}, {"--save", null}, {"-s", null},
        };
        for (String[] o : f) FLAG_OPTS.put(o[0], o[1]);
    }

    private OdooCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    private static int usage(String msg) {
        System.err.println("Usage: odoo-bin [options]\n\nodoo-bin: error: " + msg);
        return 2;
    }

    static int run(String[] argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String command = "server";
        if (!args.isEmpty() && !args.get(0).startsWith("-")) {
            command = args.remove(0);
            if (!command.equals("server") && !command.equals("neutralize")) {
                System.err.println("Unknown command '" + command + "'.\nAvailable commands: server, neutralize");
                return 1;
            }
        }
        Map<String, String> cli = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String val = null;
            if (a.startsWith("--") && a.contains("=")) {
                name = a.substring(0, a.indexOf('='));
                val = a.substring(a.indexOf('=') + 1);
            } else if (!a.startsWith("--") && a.length() > 2 && a.startsWith("-") && VALUE_OPTS.containsKey(a.substring(0, 2))) {
                name = a.substring(0, 2);
                val = a.substring(2);
            }
            if (VALUE_OPTS.containsKey(name)) {
                if (val == null) {
                    if (i + 1 >= args.size()) return usage(name + " option requires 1 argument");
                    val = args.get(++i);
                }
                String key = VALUE_OPTS.get(name);
                if (key != null) cli.put(key, val);
            } else if (FLAG_OPTS.containsKey(name) && val == null) {
                String key = FLAG_OPTS.get(name);
                if (key != null) cli.put(key, "True");
            } else if (a.startsWith("-")) {
                return usage("no such option: " + name);
            } else {
                return usage("unexpected argument: " + a);
            }
        }
        String rc = cli.getOrDefault("config", System.getenv().getOrDefault("ODOO_RC", "/etc/odoo/odoo.conf"));
        Config cfg = new Config();
        cfg.values.putAll(Config.readOptions(Path.of(rc)));
        if (cli.containsKey("no_database_list")) cli.put("list_db", "False");
        cfg.values.putAll(cli);

        if ("postgres".equals(cfg.dbUser())) {
            System.err.println("Using the database user 'postgres' is a security risk, aborting.");
            return 1;
        }
        List<String> dbs = split(cfg.get("db_name", ""));
        List<String> init = split(cfg.get("init", ""));
        List<String> update = split(cfg.get("update", ""));
        boolean stop = cfg.bool("stop_after_init", false);
        boolean http = !cfg.bool("no_http", false);

        Log.info(null, "odoo", "Odoo version 18.0 (golive stand-in)");
        Log.info(null, "odoo", "Using configuration file at " + rc);
        Log.info(null, "odoo", "addons paths: " + cfg.addonsPaths());
        Log.info(null, "odoo", "database: " + (cfg.dbUser().isEmpty() ? "default" : cfg.dbUser()) + "@"
                + cfg.dbHost() + ":" + cfg.dbPort());

        if (command.equals("neutralize")) {
            if (dbs.isEmpty()) return usage("neutralize requires -d");
            int rcode = 0;
            for (String d : dbs) rcode = Math.max(rcode, new Registry(cfg, d).neutralize());
            return rcode;
        }

        if ((!init.isEmpty() || !update.isEmpty()) && dbs.isEmpty()) {
            // like Odoo: -i/-u without -d only makes sense with a database
            Log.warn(null, "odoo.service.server", "-i/-u given without -d: nothing to do");
        }

        Http server = null;
        if (http && (!stop || cfg.integer("workers", 0) > 0)) {
            // with workers > 0 the prefork server binds the port even with --stop-after-init
            try {
                server = new Http(cfg);
                server.start();
            } catch (java.io.IOException e) {
                Log.error(null, "odoo.service.server", "HTTP service could not start on port "
                        + cfg.httpPort() + ": " + e.getMessage());
                return 1;
            }
        }

        int rcode = 0;
        for (String d : dbs) {
            int r = new Registry(cfg, d).run(init, update);
            rcode = Math.max(rcode, r);
        }
        if (stop) {
            Log.info(null, "odoo.service.server", "Initiating shutdown");
            Log.info(null, "odoo.service.server", "Hit CTRL-C again or send a second signal to force the shutdown.");
            if (server != null) server.stop();
            return rcode;
        }

        CountDownLatch done = new CountDownLatch(1);
        Http srv = server;
        Runnable shutdown = () -> {
            Log.info(null, "odoo.service.server", "Initiating shutdown");
            Log.info(null, "odoo.service.server", "Hit CTRL-C again or send a second signal to force the shutdown.");
            if (srv != null) srv.stop();
            done.countDown();
        };
        // SIGTERM/SIGINT end the server gracefully with exit code 0, like Odoo
        for (String sig : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> new Thread(() -> {
                shutdown.run();
                System.exit(0);
            }).start());
        }
        Thread cron = new Thread(() -> {
            while (true) {
                try {
                    // Odoo's cron workers wake every SLEEP_INTERVAL (60 s, odoo/service/server.py); 10 s here made twenty
                    // idle stand-ins on one 2-core host open a connection to every database of the server every 10 s
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    return;
                }
                List<String> targets = dbs;
                if (targets.isEmpty()) {
                    try {
                        targets = Registry.listOdooDatabases(cfg, cfg.get("dbfilter", ""));
                    } catch (java.sql.SQLException e) {
                        continue;
                    }
                }
                for (String d : targets) Registry.tickCrons(cfg, d);
            }
        }, "odoo.service.cron.cron0");
        cron.setDaemon(true);
        if (cfg.integer("max_cron_threads", 2) > 0) cron.start();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static List<String> split(String s) {
        List<String> l = new ArrayList<>();
        for (String p : s.split(",")) if (!p.isBlank()) l.add(p.strip());
        return l;
    }
}
