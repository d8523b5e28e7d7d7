package org.golive.readiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.springframework.stereotype.Component;

/** PostgreSQL answers, which version it is, and how many connections are left (checklist 001 §2.2, §7.1, §7.2). */
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

    public PostgresGate(TargetDatabases databases, ReadinessProperties properties) {
        this.databases = databases;
        this.properties = properties;
    }

    public GateResult check(GateRequest request) {
        Capacity capacity = capacity(request.environment());
        Map<String, Object> facts = new LinkedHashMap<>(capacity.facts());
        facts.put("minHeadroomPercent", properties.minConnectionHeadroom());
        String numbers = capacity.clientConnections() + " of " + capacity.maxConnections() + " connections in use, "
                + capacity.headroomPercent() + " % free";
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
