package org.golive.readiness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.readiness.DatabaseAccessProperties.Access;
import org.golive.readiness.DatabaseAccessProperties.HostPort;
import org.springframework.stereotype.Component;

/**
 * Checklist 001 §6.1 "DB access restricted" and 000 "firewall rules configured", as far as golive can see them: the
 * server's own {@code pg_hba_file_rules} (no host rule open to every address unless it rejects, no {@code trust} over
 * the network, no {@code hostnossl} where TLS is required) and, from where golive runs, TCP probes of the
 * {@code must-be-closed} endpoints. The firewall itself is not read: a closed probe proves only that golive's host
 * cannot get through.
 */
@Component
public class DatabaseAccessGate {

    /** pg_hba_file_rules is readable by superusers only unless granted (PostgreSQL 10-16 docs, "pg_hba_file_rules"). */
    static final String MISSING_PRIVILEGE = "reading pg_hba_file_rules needs superuser, or GRANT SELECT ON pg_hba_file_rules"
            + " and GRANT EXECUTE ON FUNCTION pg_hba_file_rules() to the environment's database user";

    private static final Set<String> NETWORK_TYPES = Set.of("host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc");
    private static final String RULES = "SELECT line_number, type, array_to_string(database, ','), array_to_string(user_name, ','),"
            + " address, netmask, auth_method, error FROM pg_hba_file_rules ORDER BY line_number";

    private final TargetDatabases databases;
    private final DatabaseAccessProperties settings;

    public DatabaseAccessGate(TargetDatabases databases, DatabaseAccessProperties settings) {
        this.databases = databases;
        this.settings = settings;
    }

    /** One line of pg_hba.conf as the server parses it. */
    record Rule(int line, String type, String database, String user, String address, String netmask, String method, String error) {

        boolean network() {
            return NETWORK_TYPES.contains(type);
        }

        /** all, 0.0.0.0/0 or ::/0: every address (the view splits a CIDR into address and netmask). */
        boolean everyAddress() {
            return "all".equals(address) || "0.0.0.0".equals(netmask) || "::".equals(netmask);
        }

        @Override
        public String toString() {
            return "line " + line + ": " + type + " " + database + " " + user + " " + (address == null ? "" : address)
                    + (netmask == null ? "" : "/" + netmask) + " " + method;
        }
    }

    public GateResult check(GateRequest request) {
        Target environment = request.environment();
        Access access = settings.of(environment.name());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("requireTls", access.requireTls());
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        try (Connection connection = databases.connect(environment)) {
            String ssl = setting(connection, "ssl");
            facts.put("listenAddresses", setting(connection, "listen_addresses"));
            facts.put("ssl", ssl);
            if (access.requireTls() && !"on".equals(ssl)) {
                problems.add("TLS is required but the server runs with ssl = " + ssl);
            }
            rules(connection, facts, problems, unknown, access.requireTls());
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL of " + environment + " unreachable: " + e.getMessage(), e);
        }
        probe(access, facts, problems, unknown);
        if (!problems.isEmpty()) {
            return GateResult.fail(String.join("; ", problems), facts);
        }
        if (!unknown.isEmpty()) {
            return GateResult.inconclusive(String.join("; ", unknown), facts);
        }
        return GateResult.pass("no pg_hba rule open to every address or trusting the network"
                + (access.requireTls() ? ", no TLS-less rule" : "")
                + (access.mustBeClosed().isEmpty() ? "" : ", " + access.mustBeClosed().size() + " must-be-closed endpoint(s) closed"), facts);
    }

    private void rules(Connection connection, Map<String, Object> facts, List<String> problems, List<String> unknown,
                       boolean requireTls) throws SQLException {
        List<Rule> rules = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(RULES)) {
            while (rows.next()) {
                rules.add(new Rule(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                        rows.getString(6), rows.getString(7), rows.getString(8)));
            }
        } catch (SQLException e) {
            // 42501 insufficient_privilege; 42P01: a server older than 10 has no such view
            if ("42501".equals(e.getSQLState()) || "42P01".equals(e.getSQLState())) {
                facts.put("pgHbaRules", "unreadable: " + e.getMessage());
                unknown.add("42501".equals(e.getSQLState()) ? MISSING_PRIVILEGE : "the server has no pg_hba_file_rules (PostgreSQL 10 or later)");
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                return;
            }
            throw e;
        }
        facts.put("pgHbaRules", rules.size());
        List<String> open = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.error() != null) {
                broken.add("line " + rule.line() + ": " + rule.error());
                continue;
            }
            if (!rule.network() || "reject".equals(rule.method())) {
                continue;
            }
            if ("trust".equals(rule.method())) {
                open.add(rule + " (trust: no password over the network)");
            } else if (rule.everyAddress()) {
                open.add(rule + " (open to every address)");
            } else if (requireTls && "hostnossl".equals(rule.type())) {
                open.add(rule + " (accepts connections without TLS)");
            }
        }
        facts.put("openRules", open);
        if (!open.isEmpty()) {
            problems.add("pg_hba.conf lets too much in: " + String.join("; ", open));
        }
        if (!broken.isEmpty()) {
            facts.put("unparsableRules", broken);
            unknown.add("pg_hba.conf has lines the server cannot parse (not in force until fixed): " + String.join("; ", broken));
        }
    }

    private static void probe(Access access, Map<String, Object> facts, List<String> problems, List<String> unknown) {
        if (access.mustBeClosed().isEmpty()) {
            return;
        }
        Map<String, String> probes = new LinkedHashMap<>();
        for (String text : access.mustBeClosed()) {
            HostPort endpoint = HostPort.parse(text);
            String state = state(endpoint, (int) access.probeTimeout().toMillis());
            probes.put(endpoint.toString(), state);
            if ("open".equals(state)) {
                problems.add(endpoint + " accepts connections from golive's host but must be closed");
            } else if ("unresolved".equals(state)) {
                unknown.add("must-be-closed host " + endpoint.host() + " does not resolve: not probed");
            }
        }
        facts.put("mustBeClosed", probes);
    }

    /** open, closed (refused), filtered (no answer in time), or unresolved. */
    static String state(HostPort endpoint, int timeoutMillis) {
        InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
        if (address.isUnresolved()) {
            return "unresolved";
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            return "open";
        } catch (SocketTimeoutException e) {
            return "filtered";
        } catch (IOException e) {
            return "closed";
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT setting FROM pg_settings WHERE name = '" + name + "'")) {
            return row.next() ? row.getString(1) : "";
        }
    }
}
