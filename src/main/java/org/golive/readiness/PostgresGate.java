package org.golive.readiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL answers, which version it is (the major version the environment is pinned to, when it is), and how many
 * connections are left (checklist 001 §2.2, §7.1, §7.2).
 */
@Component
public class PostgresGate {

    /**
     * Connections of the server. Background workers have their own slots, and superusers keep
     * {@code superuser_reserved_connections} for themselves, so neither is headroom for Odoo.
     */
    public record Capacity(String version, int maxConnections, int reservedConnections, int clientConnections) {

        public int free() {
            return maxConnections - reservedConnections - clientConnections;
        }

        /** 16 of "16.4 (Debian 16.4-1)"; since PostgreSQL 10 the first number is the major version. */
        public int majorVersion() {
            String digits = version == null ? "" : version.replaceAll("^(\\d+).*$", "$1");
            return digits.matches("\\d+") ? Integer.parseInt(digits) : -1;
        }

        /** Free connections as a percentage of max_connections, rounded down. */
        public int headroomPercent() {
            return maxConnections <= 0 ? 0 : Math.max(0, free()) * 100 / maxConnections;
        }

        Map<String, Object> facts() {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("postgresVersion", version);
            facts.put("maxConnections", maxConnections);
            facts.put("reservedConnections", reservedConnections);
            facts.put("clientConnections", clientConnections);
            facts.put("freeConnections", free());
            facts.put("headroomPercent", headroomPercent());
            return facts;
        }
    }

    private final TargetDatabases databases;
    private final ReadinessProperties properties;
    private final EnvironmentGateProperties pins;

    public PostgresGate(TargetDatabases databases, ReadinessProperties properties) {
        this(databases, properties, new EnvironmentGateProperties(Map.of()));
    }

    @Autowired
    public PostgresGate(TargetDatabases databases, ReadinessProperties properties, EnvironmentGateProperties pins) {
        this.databases = databases;
        this.properties = properties;
        this.pins = pins;
    }

    public GateResult check(GateRequest request) {
        Capacity capacity = capacity(request.environment());
        Map<String, Object> facts = new LinkedHashMap<>(capacity.facts());
        facts.put("minHeadroomPercent", properties.minConnectionHeadroom());
        String numbers = capacity.clientConnections() + " of " + capacity.maxConnections() + " connections in use, "
                + capacity.headroomPercent() + " % free";
        Integer pinned = pins.of(request.environment().name()).postgresVersion();
        int major = capacity.majorVersion();
        facts.put("postgresMajorVersion", major);
        facts.put("pinnedMajorVersion", pinned == null ? "none" : pinned);
        if (pinned != null && major != pinned) {
            return GateResult.fail("PostgreSQL " + capacity.version() + " runs, but " + request.environment().name() + " is pinned to "
                    + pinned, facts);
        }
        if (capacity.headroomPercent() < properties.minConnectionHeadroom()) {
            return GateResult.fail("PostgreSQL " + capacity.version() + ": " + numbers + ", below "
                    + properties.minConnectionHeadroom() + " %", facts);
        }
        return GateResult.pass("PostgreSQL " + capacity.version() + ": " + numbers, facts);
    }

    /** Reads the numbers; an unreachable server is a technical fault (retried), not a result. */
    public Capacity capacity(Target environment) {
        try (Connection connection = databases.connect(environment); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT current_setting('server_version'),"
                     + " current_setting('max_connections')::int,"
                     + " current_setting('superuser_reserved_connections')::int,"
                     + " (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")) {
            row.next();
            return new Capacity(row.getString(1), row.getInt(2), row.getInt(3), row.getInt(4));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL of " + environment + " unreachable: " + e.getMessage(), e);
        }
    }
}
