package org.golive.odoostandin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** One database: creation, initialisation, module install/upgrade, module commits one by one. */
final class Registry {
    static final List<String> ENTERPRISE = List.of("web_studio", "timesheet_grid", "account_accountant", "helpdesk",
            "hr_appraisal", "marketing_automation", "mrp_plm", "quality_control", "sale_ebay", "project_forecast",
            "sale_subscription", "sign", "stock_barcode", "voip", "appointment", "mrp_workorder", "web_mobile",
            "planning", "knowledge", "documents", "social");

    /** The Enterprise placeholder names: the image's list file when present, else the built-in list. */
    static List<String> enterprise() {
        Path f = Path.of(System.getProperty("standin.enterprise", "/opt/standin/enterprise-modules.txt"));
        try {
            List<String> l = new ArrayList<>();
            for (String line : Files.readAllLines(f)) if (!line.isBlank() && !line.startsWith("#")) l.add(line.strip());
            return l.isEmpty() ? ENTERPRISE : l;
        } catch (IOException e) {
            return ENTERPRISE;
        }
    }

    /** A module install that failed: reported as CRITICAL, exit 255. */
    static final class InstallError extends Exception {
        InstallError(String m) {
            super(m);
        }
    }

    private final Config cfg;
    private final String db;

    Registry(Config cfg, String db) {
        this.cfg = cfg;
        this.db = db;
    }

    static Connection connect(Config cfg, String dbname) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", cfg.dbUser());
        p.setProperty("password", cfg.dbPassword());
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "60");
        p.setProperty("ApplicationName", "odoo-standin");
        return DriverManager.getConnection("jdbc:postgresql://" + cfg.dbHost() + ":" + cfg.dbPort() + "/" + dbname, p);
    }

    static boolean exists(Config cfg, String name) throws SQLException {
        try (Connection c = connect(cfg, "postgres");
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Databases the user can connect to that hold an Odoo schema (like http.db_list(force=True)). */
    static List<String> listOdooDatabases(Config cfg) throws SQLException {
        return listOdooDatabases(cfg, null);
    }

    /**
     * The Odoo databases among those {@code dbfilter} lets through (null: all). Filtering the names before connecting
     * gives the same list as filtering after, without opening a connection to every other database on the server.
     */
    static List<String> listOdooDatabases(Config cfg, String dbfilter) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(cfg, "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE " + CONNECTABLE + " ORDER BY datname")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        if (dbfilter != null) names = filter(names, dbfilter, "");
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (hasOdooSchema(cfg, n)) out.add(n);
        }
        return out;
    }

    /** Whether {@code db} is one of {@link #listOdooDatabases(Config)}, asking only about that one database. */
    static boolean isOdooDatabase(Config cfg, String db) throws SQLException {
        try (Connection c = connect(cfg, "postgres");
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ? AND " + CONNECTABLE)) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return false;
            }
        }
        return hasOdooSchema(cfg, db);
    }

    /** The databases this user may connect to, as Odoo's db_list considers them. */
    private static final String CONNECTABLE = "NOT datistemplate AND datallowconn AND datname <> 'postgres'"
            + " AND has_database_privilege(datname, 'CONNECT')";

    private static boolean hasOdooSchema(Config cfg, String db) {
        try (Connection c = connect(cfg, db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('public.ir_module_module') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false; // not reachable for this user: not listed
        }
    }

    /** Odoo's dbfilter: %h = host name, %d = its first label; re.match semantics (anchored at start). */
    static List<String> filter(List<String> dbs, String dbfilter, String host) {
        if (dbfilter == null || dbfilter.isEmpty()) return dbs;
        String h = host == null ? "" : host.replaceAll(":\\d+$", "");
        String d = h.startsWith("www.") ? h.substring(4) : h;
        d = d.contains(".") ? d.substring(0, d.indexOf('.')) : d;
        Pattern p = Pattern.compile(dbfilter.replace("%h", Pattern.quote(h)).replace("%d", Pattern.quote(d)));
        List<String> out = new ArrayList<>();
        for (String n : dbs) if (p.matcher(n).lookingAt()) out.add(n);
        return out;
    }

    /** Initialises and/or updates the database; returns the process exit code (0 or 255). */
    int run(List<String> init, List<String> update) {
        long t0 = System.nanoTime();
        try {
            boolean created = false;
            if (!exists(cfg, db)) {
                createDatabase();
                created = true;
            }
            try (Connection c = connect(cfg, db)) {
                c.setAutoCommit(false);
                boolean fresh = !hasSchema(c);
                if (fresh) {
                    Log.info(db, "odoo.modules.db", "init db");
                    initSchema(c);
                    c.commit();
                }
                Map<String, Addons.Module> addons = Addons.scan(cfg.addonsPaths(), db);
                if (fresh || !init.isEmpty() || !update.isEmpty()) {
                    Log.info(db, "odoo.modules.loading", "updating modules list");
                    updateList(c, addons);
                    c.commit();
                }
                Log.info(db, "odoo.modules.loading", "loading 1 modules...");
                if (fresh) {
                    exec(c, "UPDATE ir_module_module SET state = 'to install' WHERE name = 'base' AND state = 'uninstalled'");
                    c.commit();
                    process(c, addons);
                }
                if (!init.isEmpty() || !update.isEmpty()) {
                    mark(c, init, update);
                    c.commit();
                    process(c, addons);
                }
                if (created || fresh) {
                    Log.info(db, "odoo.modules.loading", "Database " + db + " initialized");
                }
                Log.info(db, "odoo.modules.loading", "Modules loaded.");
                Log.info(db, "odoo.modules.registry", String.format(java.util.Locale.ROOT,
                        "Registry loaded in %.3fs", (System.nanoTime() - t0) / 1e9));
                return 0;
            }
        } catch (InstallError | SQLException | IOException | RuntimeException e) {
            Log.error(db, "odoo.modules.loading", e.getMessage());
            try (Connection c = connect(cfg, db)) {
                resetTransient(c);
            } catch (SQLException ignored) {
                // the database may not exist at all
            }
            Log.critical(db, "odoo.service.server", "Failed to initialize database `" + db + "`.");
            return 255;
        }
    }

    private void createDatabase() throws SQLException {
        try (Connection c = connect(cfg, "postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + db.replace("\"", "\"\"")
                    + "\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        Log.info(db, "odoo.service.db", "Create database `" + db + "`.");
    }

    private static boolean hasSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('public.ir_module_module') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private void initSchema(Connection c) throws SQLException, IOException {
        exec(c, "CREATE TABLE ir_module_module (id serial PRIMARY KEY, name varchar NOT NULL UNIQUE, state varchar(16),"
                + " latest_version varchar, published_version varchar, license varchar, to_buy boolean DEFAULT false,"
                + " auto_install boolean DEFAULT false, application boolean DEFAULT false, demo boolean DEFAULT false,"
                + " shortdesc varchar, author varchar, summary varchar,"
                + " create_date timestamp DEFAULT (now() at time zone 'UTC'), write_date timestamp DEFAULT (now() at time zone 'UTC'))");
        exec(c, "CREATE TABLE ir_module_module_dependency (id serial PRIMARY KEY, name varchar,"
                + " module_id integer REFERENCES ir_module_module(id) ON DELETE CASCADE, auto_install_required boolean DEFAULT true,"
                + " create_date timestamp DEFAULT (now() at time zone 'UTC'), write_date timestamp DEFAULT (now() at time zone 'UTC'))");
        exec(c, "CREATE TABLE ir_cron (id serial PRIMARY KEY, cron_name varchar NOT NULL, active boolean DEFAULT true,"
                + " interval_number integer DEFAULT 1, interval_type varchar DEFAULT 'months', nextcall timestamp NOT NULL,"
                + " lastcall timestamp, failure_count integer DEFAULT 0, first_failure_date timestamp, priority integer DEFAULT 5,"
                + " user_id integer DEFAULT 1, create_date timestamp DEFAULT (now() at time zone 'UTC'), write_date timestamp DEFAULT (now() at time zone 'UTC'))");
        exec(c, "CREATE TABLE ir_config_parameter (id serial PRIMARY KEY, key varchar NOT NULL UNIQUE, value text NOT NULL,"
                + " create_date timestamp DEFAULT (now() at time zone 'UTC'), write_date timestamp DEFAULT (now() at time zone 'UTC'))");
        exec(c, "CREATE TABLE ir_model_data (id serial PRIMARY KEY, module varchar NOT NULL, name varchar NOT NULL,"
                + " model varchar NOT NULL, res_id integer, noupdate boolean DEFAULT false)");
        exec(c, "CREATE TABLE res_partner (id serial PRIMARY KEY, name varchar, email varchar, active boolean DEFAULT true,"
                + " create_date timestamp DEFAULT (now() at time zone 'UTC'))");
        exec(c, "CREATE TABLE ir_attachment (id serial PRIMARY KEY, name varchar NOT NULL, store_fname varchar,"
                + " checksum varchar(40), file_size integer, mimetype varchar, res_model varchar, res_id integer,"
                + " create_date timestamp DEFAULT (now() at time zone 'UTC'))");
        exec(c, "CREATE TABLE mail_mail (id serial PRIMARY KEY, subject varchar, state varchar DEFAULT 'outgoing')");
        exec(c, "CREATE TABLE ir_mail_server (id serial PRIMARY KEY, name varchar, smtp_host varchar, smtp_port integer DEFAULT 25,"
                + " smtp_encryption varchar DEFAULT 'none', sequence integer DEFAULT 10, active boolean DEFAULT true)");
        Users.initSchema(c);

        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ir_config_parameter(key, value) VALUES (?, ?)")) {
            String[][] params = {
                {"database.uuid", UUID.randomUUID().toString()},
                {"database.secret", UUID.randomUUID().toString()},
                {"database.create_date", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString().replace('T', ' ')},
                {"web.base.url", "http://localhost:" + cfg.httpPort()},
                {"base.login_cooldown_duration", "60"},
            };
            for (String[] kv : params) {
                ps.setString(1, kv[0]);
                ps.setString(2, kv[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        exec(c, "INSERT INTO res_partner(name, email) VALUES ('YourCompany', 'info@yourcompany.com'),"
                + " ('Administrator', 'admin@yourcompany.example.com'), ('OdooBot', 'odoobot@example.com'),"
                + " ('Public user', NULL)");
        exec(c, "INSERT INTO ir_cron(cron_name, active, interval_number, interval_type, nextcall, priority) VALUES"
                + " ('Base: Auto-vacuum internal data', true, 1, 'days', (now() at time zone 'UTC') + interval '5 minutes', 5),"
                + " ('Mail: Email Queue Manager', true, 1, 'minutes', (now() at time zone 'UTC') + interval '1 minute', 5),"
                + " ('Base: Portal Users Deletion', true, 1, 'days', (now() at time zone 'UTC') + interval '10 minutes', 10),"
                + " ('Notification: Send scheduled message notifications', true, 1, 'hours', (now() at time zone 'UTC') + interval '2 minutes', 10),"
                + " ('Base: Update Currency Rates (disabled)', false, 1, 'days', (now() at time zone 'UTC') - interval '30 days', 5)");
        exec(c, "INSERT INTO ir_mail_server(name, smtp_host) VALUES ('Outgoing', '127.0.0.1')");

        Path store = Path.of(cfg.dataDir(), "filestore", db);
        Files.createDirectories(store);
        Files.createDirectories(Path.of(cfg.dataDir(), "sessions"));
        String[][] files = {
            {"company_logo.png", "image/png", "golive stand-in company logo for " + db},
            {"web.assets_frontend.min.css", "text/css", "body{font-family:sans-serif} /* " + db + " */"},
            {"welcome.txt", "text/plain", "Welcome to Odoo (golive stand-in)\n"},
        };
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ir_attachment(name, store_fname, checksum, file_size,"
                + " mimetype, res_model, res_id) VALUES (?, ?, ?, ?, ?, 'res.partner', 1)")) {
            for (String[] f : files) {
                byte[] data = f[2].getBytes(StandardCharsets.UTF_8);
                String sha = sha1(data);
                Path target = store.resolve(sha.substring(0, 2)).resolve(sha);
                Files.createDirectories(target.getParent());
                Files.write(target, data);
                ps.setString(1, f[0]);
                ps.setString(2, sha.substring(0, 2) + "/" + sha);
                ps.setString(3, sha);
                ps.setInt(4, data.length);
                ps.setString(5, f[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ir_module_module(name, state, license, to_buy,"
                + " auto_install, shortdesc, author, application) VALUES (?, 'uninstallable', 'OEEL-1', true, false, ?, 'Odoo S.A.', true)")) {
            for (String n : enterprise()) {
                ps.setString(1, n);
                ps.setString(2, n);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like ir.module.module.update_list(): register new modules, refresh descriptive fields and dependencies. */
    private void updateList(Connection c, Map<String, Addons.Module> addons) throws SQLException {
        Map<String, Object[]> known = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, state FROM ir_module_module")) {
            while (rs.next()) known.put(rs.getString(2), new Object[] {rs.getInt(1), rs.getString(3)});
        }
        int added = 0;
        for (Addons.Module m : addons.values()) {
            Object[] k = known.get(m.name);
            int id;
            if (k == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ir_module_module(name, state, license, to_buy,"
                        + " auto_install, shortdesc, author, application) VALUES (?, ?, ?, false, ?, ?, ?, ?) RETURNING id")) {
                    ps.setString(1, m.name);
                    ps.setString(2, m.installable ? "uninstalled" : "uninstallable");
                    ps.setString(3, m.license);
                    ps.setBoolean(4, m.autoInstall);
                    ps.setString(5, m.shortdesc);
                    ps.setString(6, m.author);
                    ps.setBoolean(7, m.application);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getInt(1);
                    }
                }
                added++;
            } else {
                id = (Integer) k[0];
                String state = (String) k[1];
                String newState = state;
                if (!m.installable && "uninstalled".equals(state)) newState = "uninstallable";
                if (m.installable && "uninstallable".equals(state)) newState = "uninstalled";
                try (PreparedStatement ps = c.prepareStatement("UPDATE ir_module_module SET state = ?, license = ?,"
                        + " auto_install = ?, shortdesc = ?, author = ?, write_date = now() at time zone 'UTC' WHERE id = ?")) {
                    ps.setString(1, newState);
                    ps.setString(2, m.license);
                    ps.setBoolean(3, m.autoInstall);
                    ps.setString(4, m.shortdesc);
                    ps.setString(5, m.author);
                    ps.setInt(6, id);
                    ps.executeUpdate();
                }
            }
            writeDependencies(c, id, m);
        }
        if (added > 0) Log.info(db, "odoo.modules.module", added + " new modules registered");
    }

    private static void writeDependencies(Connection c, int id, Addons.Module m) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM ir_module_module_dependency WHERE module_id = ?")) {
            del.setInt(1, id);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ir_module_module_dependency(name, module_id,"
                + " auto_install_required) VALUES (?, ?, true)")) {
            for (String d : m.depends) {
                ps.setString(1, d);
                ps.setInt(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Map<String, String> states(Connection c) throws SQLException {
        Map<String, String> s = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, state FROM ir_module_module ORDER BY name")) {
            while (rs.next()) s.put(rs.getString(1), rs.getString(2));
        }
        return s;
    }

    private Map<String, List<String>> dependencies(Connection c) throws SQLException {
        Map<String, List<String>> deps = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT m.name, d.name FROM"
                + " ir_module_module_dependency d JOIN ir_module_module m ON m.id = d.module_id")) {
            while (rs.next()) deps.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
        return deps;
    }

    private static void setState(Connection c, String name, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ir_module_module SET state = ?,"
                + " write_date = now() at time zone 'UTC' WHERE name = ?")) {
            ps.setString(1, state);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    /** Marks -i / -u modules (button_install / button_upgrade), like load_modules step 2. */
    private void mark(Connection c, List<String> init, List<String> update) throws SQLException, InstallError {
        Map<String, String> st = states(c);
        Map<String, List<String>> deps = dependencies(c);
        List<String> invalid = new ArrayList<>();
        for (String n : init) {
            if (n.equals("all")) continue;
            if (!st.containsKey(n)) {
                invalid.add(n);
            } else if ("uninstalled".equals(st.get(n))) {
                markInstall(c, n, st, deps, new LinkedHashSet<>());
            }
        }
        Set<String> upgrade = new LinkedHashSet<>();
        for (String n : update) {
            if (n.equals("all")) {
                st.forEach((k, v) -> { if ("installed".equals(v)) upgrade.add(k); });
            } else if (!st.containsKey(n)) {
                invalid.add(n);
            } else if ("installed".equals(st.get(n))) {
                upgrade.add(n);
            }
        }
        if (!invalid.isEmpty()) {
            Log.warn(db, "odoo.modules.loading", "invalid module names, ignored: " + String.join(", ", invalid));
        }
        // upgrading a module upgrades the installed modules that depend on it
        boolean grew = !upgrade.isEmpty();
        while (grew) {
            grew = false;
            for (Map.Entry<String, List<String>> e : deps.entrySet()) {
                if ("installed".equals(st.get(e.getKey())) && !upgrade.contains(e.getKey())) {
                    for (String d : e.getValue()) {
                        if (upgrade.contains(d)) {
                            upgrade.add(e.getKey());
                            grew = true;
                            break;
                        }
                    }
                }
            }
        }
        for (String n : upgrade) {
            setState(c, n, "to upgrade");
            st.put(n, "to upgrade");
        }
        for (String n : upgrade) {
            for (String d : deps.getOrDefault(n, List.of())) {
                if (!"installed".equals(st.get(d)) && !"to upgrade".equals(st.get(d))) {
                    markInstall(c, d, st, deps, new LinkedHashSet<>());
                }
            }
        }
    }

    private void markInstall(Connection c, String name, Map<String, String> st, Map<String, List<String>> deps,
                             Set<String> path) throws SQLException, InstallError {
        String s = st.get(name);
        if (s == null || "uninstallable".equals(s)) {
            String parent = path.isEmpty() ? name : new ArrayList<>(path).get(path.size() - 1);
            throw new InstallError("You try to install module \"" + parent + "\" that depends on module \"" + name
                    + "\".\nBut the latter module is not available in your system.");
        }
        if (!"uninstalled".equals(s) || path.contains(name)) return;
        path.add(name);
        for (String d : deps.getOrDefault(name, List.of())) markInstall(c, d, st, deps, path);
        path.remove(name);
        setState(c, name, "to install");
        st.put(name, "to install");
    }

    /** Installs / upgrades the marked modules in dependency order, then auto-install modules; one commit per module. */
    private void process(Connection c, Map<String, Addons.Module> addons) throws SQLException, InstallError {
        while (true) {
            Map<String, String> st = states(c);
            Map<String, List<String>> deps = dependencies(c);
            List<String> todo = new ArrayList<>();
            for (Map.Entry<String, String> e : st.entrySet()) {
                if ("to install".equals(e.getValue()) || "to upgrade".equals(e.getValue())) todo.add(e.getKey());
            }
            if (todo.isEmpty()) {
                // auto-install: uninstalled auto_install modules whose dependencies are all installed
                List<String> auto = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT name FROM ir_module_module WHERE state = 'uninstalled' AND auto_install ORDER BY name")) {
                    while (rs.next()) auto.add(rs.getString(1));
                }
                boolean any = false;
                for (String a : auto) {
                    boolean ok = true;
                    for (String d : deps.getOrDefault(a, List.of())) ok &= "installed".equals(st.get(d));
                    if (ok) {
                        setState(c, a, "to install");
                        any = true;
                    }
                }
                c.commit();
                if (!any) return;
                continue;
            }
            for (String n : order(todo, deps)) {
                install(c, n, st.get(n), addons.get(n));
            }
        }
    }

    /** Odoo's graph order: by depth in the dependency tree, then by name. */
    private static List<String> order(List<String> todo, Map<String, List<String>> deps) {
        Map<String, Integer> depth = new HashMap<>();
        List<String> out = new ArrayList<>(todo);
        for (String n : todo) depth(n, deps, depth, new LinkedHashSet<>());
        out.sort(java.util.Comparator.comparing((String n) -> depth.get(n)).thenComparing(n -> n));
        return out;
    }

    private static int depth(String n, Map<String, List<String>> deps, Map<String, Integer> memo, Set<String> path) {
        Integer d = memo.get(n);
        if (d != null) return d;
        int max = -1;
        if (path.add(n)) {
            for (String dep : deps.getOrDefault(n, List.of())) max = Math.max(max, depth(dep, deps, memo, path));
            path.remove(n);
        }
        memo.put(n, max + 1);
        return max + 1;
    }

    private void install(Connection c, String name, String state, Addons.Module m) throws SQLException, InstallError {
        boolean upgrade = "to upgrade".equals(state);
        if (m == null) {
            throw new InstallError("Module " + name + " is not present in the addons path");
        }
        Log.info(db, "odoo.modules.loading", "Loading module " + name + " (" + (upgrade ? "upgrade" : "install") + ")");
        if (m.failsInstall()) {
            c.rollback();
            Log.error(db, "odoo.modules.registry", "Failed to load registry: module " + name
                    + ": ParseError while parsing " + name + "/data/" + name + "_data.xml");
            throw new InstallError("Module " + name + " failed to " + (upgrade ? "upgrade" : "install"));
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE ir_module_module SET state = 'installed', latest_version = ?,"
                + " shortdesc = ?, write_date = now() at time zone 'UTC' WHERE name = ? RETURNING id")) {
            ps.setString(1, m.version);
            ps.setString(2, m.shortdesc);
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int id = rs.getInt(1);
                writeDependencies(c, id, m);
                try (PreparedStatement md = c.prepareStatement("INSERT INTO ir_model_data(module, name, model, res_id)"
                        + " SELECT 'base', ?, 'ir.module.module', ? WHERE NOT EXISTS (SELECT 1 FROM ir_model_data"
                        + " WHERE module = 'base' AND name = ?)")) {
                    md.setString(1, "module_" + name);
                    md.setInt(2, id);
                    md.setString(3, "module_" + name);
                    md.executeUpdate();
                }
            }
        }
        c.commit();
        Log.info(db, "odoo.modules.loading", "Module " + name + " " + (upgrade ? "updated" : "installed")
                + " (" + m.version + ")");
    }

    private static void resetTransient(Connection c) throws SQLException {
        c.setAutoCommit(true);
        exec(c, "UPDATE ir_module_module SET state = 'uninstalled' WHERE state = 'to install'");
        exec(c, "UPDATE ir_module_module SET state = 'installed' WHERE state IN ('to upgrade', 'to remove')");
    }

    /** Keeps active crons moving while the server runs (what Odoo's cron threads do). */
    static void tickCrons(Config cfg, String dbname) {
        try (Connection c = connect(cfg, dbname); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE ir_cron SET lastcall = now() at time zone 'UTC', nextcall = (now() at time zone 'UTC')"
                    + " + (interval_number || ' ' || interval_type)::interval WHERE active AND nextcall <= now() at time zone 'UTC'");
        } catch (SQLException e) {
            // the database may be going away (restore, drop): try again next round
        }
    }

    /** odoo neutralize: disables crons and mail servers, flags the database. */
    int neutralize() {
        try (Connection c = connect(cfg, db); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE ir_cron SET active = false");
            st.executeUpdate("UPDATE ir_mail_server SET active = false");
            st.executeUpdate("INSERT INTO ir_config_parameter(key, value) VALUES ('database.is_neutralized', 'true')"
                    + " ON CONFLICT (key) DO UPDATE SET value = 'true'");
            Log.info(db, "odoo.modules.neutralize", "Neutralization finished");
            return 0;
        } catch (SQLException e) {
            Log.error(db, "odoo.cli.neutralize", "Could not neutralize database: " + e.getMessage());
            return 1;
        }
    }
}
