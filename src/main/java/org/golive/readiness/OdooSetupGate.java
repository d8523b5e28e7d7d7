package org.golive.readiness;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.OdooSetupProperties.Settings;
import org.springframework.stereotype.Component;

/**
 * The implementation's Odoo setup against what the environment sets (checklist 001 §4.1, §4.2): required modules
 * installed, main company and currency, the admin's time zone, an active language, sensitive groups kept small.
 * Every run also records the installed modules with their versions and dependencies in the go-live's evidence.
 * The gate fails when one check fails, and is inconclusive when none fails but one could not be judged.
 */
@Component
public class OdooSetupGate {

    /** The checks, in the order they run; the names are the keys of their facts. */
    public static final List<String> CHECKS = List.of("modules", "company", "timezone", "language", "groups");

    private final TargetDatabases databases;
    private final OdooSetupProperties properties;

    public OdooSetupGate(TargetDatabases databases, OdooSetupProperties properties) {
        this.databases = databases;
        this.properties = properties;
    }

    public GateResult check(GateRequest request) {
        return check(request, properties.environments().get(request.environment().name()));
    }

    /** The gate with these settings; null: none configured. */
    public GateResult check(GateRequest request, Settings settings) {
        Target environment = request.environment();
        Map<String, Object> facts = new LinkedHashMap<>();
        Map<String, GateResult> results = new LinkedHashMap<>();
        try (Connection connection = databases.connect(environment)) {
            OdooSetupSql sql = new OdooSetupSql(connection, settings);
            if (settings != null && !settings.empty()) {
                results = checkAll(sql, request.install());
            }
            // recorded whether or not anything is compared: the graph this go-live started from
            facts.putAll(sql.moduleGraph());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the Odoo database of " + environment + ": " + e.getMessage(), e);
        }
        if (results.isEmpty()) {
            facts.put("configured", false);
            return GateResult.inconclusive("not configured: no Odoo setup to compare for " + environment.name()
                    + " (golive.odoo-setup.environments." + environment.name() + ")", facts);
        }
        return combine(results, facts);
    }

    /** Every check's own result, over one connection; a database that cannot be reached is retried by the step. */
    Map<String, GateResult> checkAll(OdooSetupSql sql, List<String> install) throws SQLException {
        Map<String, GateResult> results = new LinkedHashMap<>();
        results.put("modules", sql.modules(install));
        results.put("company", sql.company());
        results.put("timezone", sql.timezone());
        results.put("language", sql.language());
        results.put("groups", sql.groups());
        return results;
    }

    private static GateResult combine(Map<String, GateResult> results, Map<String, Object> graph) {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        List<String> inconclusive = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, GateResult> entry : results.entrySet()) {
            String name = entry.getKey();
            GateResult result = entry.getValue();
            facts.put(name, result.status().value() + ": " + result.summary());
            result.facts().forEach((key, value) -> facts.put(name + "." + key, value));
            if (result.status() == Status.FAIL) {
                failed.add(name + " (" + result.summary() + ")");
            } else if (result.status() == Status.INCONCLUSIVE) {
                inconclusive.add(name + " (" + result.summary() + ")");
            }
            if (!OdooSetupSql.NOT_CONFIGURED.equals(result.summary())) {
                compared++;
            }
        }
        facts.putAll(graph);
        if (!failed.isEmpty()) {
            return GateResult.fail("Odoo setup: " + String.join("; ", failed), facts);
        }
        if (!inconclusive.isEmpty()) {
            return GateResult.inconclusive("Odoo setup could not be judged: " + String.join("; ", inconclusive), facts);
        }
        return GateResult.pass("Odoo setup: all " + compared + " configured check(s) passed", facts);
    }
}
