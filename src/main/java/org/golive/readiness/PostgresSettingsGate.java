package org.golive.readiness;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.readiness.EnvironmentGateProperties.Bounds;
import org.springframework.stereotype.Component;

/**
 * Key {@code pg_settings} of the target's server against the environment's bounds
 * ({@code golive.readiness.environments.<environment>.pg-settings}). Memory settings are compared in bytes, whatever
 * unit the server reports them in; the three the checklist names are always recorded.
 */
@Component
public class PostgresSettingsGate {

    static final List<String> RECORDED = List.of("shared_buffers", "work_mem", "max_connections");

    // the server turns its own unit (8kB pages for shared_buffers, kB for work_mem) into bytes
    private static final String QUERY = "SELECT name, current_setting(name), setting,"
            + " CASE WHEN unit ~ 'B$' THEN setting::numeric * pg_size_bytes(CASE WHEN unit ~ '^[0-9]' THEN unit ELSE '1' || unit END)"
            + " END FROM pg_settings WHERE name = ANY (?)";

    private final TargetDatabases databases;
    private final EnvironmentGateProperties settings;

    public PostgresSettingsGate(TargetDatabases databases, EnvironmentGateProperties settings) {
        this.databases = databases;
        this.settings = settings;
    }

    /** A setting as the server shows it, its raw number and, for memory settings, its size in bytes. */
    record Setting(String shown, BigDecimal raw, BigDecimal bytes) {
    }

    public GateResult check(GateRequest request) {
        Map<String, Bounds> bounds = settings.of(request.environment().name()).pgSettings();
        Set<String> names = new TreeSet<>(RECORDED);
        names.addAll(bounds.keySet());
        Map<String, Setting> actual = read(request.environment(), names);
        Map<String, Object> facts = new LinkedHashMap<>();
        actual.forEach((name, setting) -> facts.put(name, setting.shown()));
        if (bounds.isEmpty()) {
            return GateResult.inconclusive("no pg-settings bounds configured for " + request.environment() + ": "
                    + summary(actual), facts);
        }
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        bounds.forEach((name, bound) -> {
            Setting setting = actual.get(name);
            facts.put(name + "Bounds", (bound.min() == null ? "" : ">= " + bound.min()) + (bound.min() != null && bound.max() != null
                    ? ", " : "") + (bound.max() == null ? "" : "<= " + bound.max()));
            if (setting == null) {
                unknown.add(name);
                return;
            }
            BigDecimal value = setting.bytes() != null ? setting.bytes() : setting.raw();
            if (value == null) {
                unknown.add(name + " (not a number: " + setting.shown() + ")");
                return;
            }
            try {
                if (bound.min() != null && value.compareTo(number(bound.min(), setting)) < 0) {
                    problems.add(name + " is " + setting.shown() + ", below " + bound.min());
                }
                if (bound.max() != null && value.compareTo(number(bound.max(), setting)) > 0) {
                    problems.add(name + " is " + setting.shown() + ", above " + bound.max());
                }
            } catch (IllegalArgumentException e) {
                unknown.add(name + " (" + e.getMessage() + ")");
            }
        });
        if (!problems.isEmpty()) {
            return GateResult.fail(String.join("; ", problems), facts);
        }
        if (!unknown.isEmpty()) {
            facts.put("unknownSettings", String.join(", ", unknown));
            return GateResult.inconclusive("the server of " + request.environment() + " has no comparable setting " + unknown, facts);
        }
        return GateResult.pass("pg_settings within bounds: " + summary(actual), facts);
    }

    Map<String, Setting> read(Target environment, Set<String> names) {
        Map<String, Setting> found = new LinkedHashMap<>();
        try (Connection connection = databases.connect(environment); PreparedStatement sql = connection.prepareStatement(QUERY)) {
            Array array = connection.createArrayOf("text", names.toArray());
            sql.setArray(1, array);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), new Setting(rows.getString(2), decimal(rows.getString(3)), rows.getBigDecimal(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL of " + environment + " unreachable: " + e.getMessage(), e);
        }
        return found;
    }

    /** A bound in the setting's terms: bytes for a memory setting, else the plain number. */
    static BigDecimal number(String bound, Setting setting) {
        String text = bound.replace(" ", "");
        String digits = text.replaceAll("[A-Za-z]+$", "");
        String unit = text.substring(digits.length()).toLowerCase(Locale.ROOT);
        BigDecimal value = new BigDecimal(digits);
        if (setting.bytes() == null) {
            if (!unit.isEmpty()) {
                throw new IllegalArgumentException("pg-settings bound " + bound + " has a unit, but the setting is no memory size");
            }
            return value;
        }
        long factor = switch (unit) {
            case "", "b", "bytes" -> 1L;
            case "kb" -> 1024L;
            case "mb" -> 1024L * 1024;
            case "gb" -> 1024L * 1024 * 1024;
            case "tb" -> 1024L * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown unit in pg-settings bound " + bound);
        };
        return value.multiply(BigDecimal.valueOf(factor));
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static String summary(Map<String, Setting> actual) {
        StringBuilder text = new StringBuilder();
        RECORDED.forEach(name -> {
            if (actual.containsKey(name)) {
                text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append(actual.get(name).shown());
            }
        });
        return text.toString();
    }
}
