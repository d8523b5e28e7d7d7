package org.golive.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.golive.config.Environments;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.odoo.OdooHttpProbe;

/**
 * Puts the 'it' environment into a known state on the real stack: database golive_it made by the previous
 * release (golive/odoo:18.0-1) with golive_demo installed, and its Odoo container serving. Pre-cleans
 * every container, database and directory it owns, as docker-java's own tests do.
 */
public final class ItStack {

    public static final String ENV = "it";
    public static final String PREVIOUS = "golive/odoo:18.0-1";
    public static final String RELEASE = "golive/odoo:18.0-2";

    private final Environments environments;
    private final ContainerService containers;
    private final TargetDatabases databases;
    private final OdooHttpProbe probe;

    private final String environment;

    public ItStack(Environments environments, ContainerService containers, TargetDatabases databases, OdooHttpProbe probe) {
        this(environments, containers, databases, probe, ENV);
    }

    private ItStack(Environments environments, ContainerService containers, TargetDatabases databases, OdooHttpProbe probe,
                    String environment) {
        this.environments = environments;
        this.containers = containers;
        this.databases = databases;
        this.probe = probe;
        this.environment = environment;
    }

    /** The same, for another environment of the stack with its own database, container and directories. */
    public ItStack forEnvironment(String name) {
        return new ItStack(environments, containers, databases, probe, name);
    }

    public TargetEnvironment target() {
        return environments.get(environment);
    }

    /** This stack's environment ('it' unless {@link #forEnvironment}) resolved, as the delegates pass it to the services. */
    public Target env() {
        return environments.target(environment);
    }

    /** Removes every container whose name starts with the environment's container name. */
    public void removeContainers() {
        TargetEnvironment target = target();
        for (String name : containerNames()) {
            containers.remove(target.dockerHost(), name);
        }
    }

    public List<String> containerNames() {
        TargetEnvironment target = target();
        return Docker.names(target.dockerHost(), target.container().name());
    }

    public void reset() throws Exception {
        TargetEnvironment target = target();
        removeContainers();
        String database = target.database().name();
        dropDatabase(databases, env(), database);
        dropRestorePoints(databases, env(), database);
        Path data = target.filestore().getParent().getParent();
        deleteTree(data);
        deleteTree(target.backupDir());
        Files.createDirectories(data);
        Files.createDirectories(target.backupDir());
        Docker.chown(data, 101);
        ContainerService.RunResult init = containers.run(target.dockerHost(), target.container(), PREVIOUS,
                target.container().name() + "-it-init",
                List.of("odoo", "-d", database, "-i", "base,web,golive_demo", "--stop-after-init", "--no-http"),
                Duration.ofMinutes(3));
        if (init.exitCode() != 0) {
            throw new IllegalStateException("could not initialise " + database + ": " + init.logs());
        }
        containers.create(target.dockerHost(), target.container(), PREVIOUS, target.container().name(), List.of(),
                Map.of("org.golive.release", "18.0-1"));
        containers.start(target.dockerHost(), target.container().name());
        awaitHealthy();
    }

    public void awaitHealthy() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (probe.healthy(target().odooUrl())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(target().odooUrl() + " did not become healthy");
    }

    /**
     * md5 of every row of every table of the public schema: equal maps mean equal content. A serving Odoo's
     * cron runner moves {@code ir_cron.lastcall/nextcall} on its own, so those two columns are left out.
     */
    public Map<String, String> tableChecksums() throws SQLException {
        Map<String, String> checksums = new TreeMap<>();
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement()) {
            List<String> tables;
            try (ResultSet rows = sql.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
                tables = new java.util.ArrayList<>();
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                String rows = "ir_cron".equals(table)
                        ? "(SELECT (to_jsonb(c) - 'lastcall' - 'nextcall')::text AS r FROM ir_cron c)"
                        : "(SELECT t::text AS r FROM \"" + table + "\" t)";
                try (ResultSet row = sql.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(r, '|' ORDER BY r)), '-') FROM "
                        + rows + " x")) {
                    row.next();
                    checksums.put(table, row.getString(1));
                }
            }
        }
        return checksums;
    }

    public String moduleState(String module) throws SQLException {
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT state || ' ' || coalesce(latest_version, '') FROM ir_module_module WHERE name = '" + module + "'")) {
            return row.next() ? row.getString(1) : "unknown";
        }
    }

    /** Drops the database of an environment's PostgreSQL, if it is there, connections and all. */
    static void dropDatabase(TargetDatabases databases, Target environment, String name) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection admin = databases.connect(environment, "postgres"); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException e) {
                // a session of a role golive's user may not end (an autovacuum worker after a big restore) goes by itself
                if (attempt == 20 || !"42501".equals(e.getSQLState())) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Drops the snapshots and set-aside databases earlier go-lives and rollbacks left of a database. */
    static void dropRestorePoints(TargetDatabases databases, Target environment, String database) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        try (Connection admin = databases.connect(environment, "postgres"); Statement sql = admin.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT datname FROM pg_database WHERE starts_with(datname, '" + database
                    + "_golive_') OR starts_with(datname, '" + database + "_failed_')")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        for (String name : names) {
            dropDatabase(databases, environment, name);
        }
    }

    /** An empty database in place of whatever had the name. */
    static void recreateDatabase(TargetDatabases databases, Target environment, String name) throws SQLException {
        dropDatabase(databases, environment, name);
        try (Connection admin = databases.connect(environment, "postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name + " TEMPLATE template0");
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
