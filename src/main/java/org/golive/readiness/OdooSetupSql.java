package org.golive.readiness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.readiness.OdooSetupProperties.GroupLimit;
import org.golive.readiness.OdooSetupProperties.Settings;

/**
 * The implementation's Odoo setup as its tables hold it, judged against the environment's settings: required
 * modules, the main company, the admin's time zone, an active language, the size of sensitive groups. A part
 * the environment does not set passes as "not configured"; a table this Odoo lacks gives INCONCLUSIVE.
 */
final class OdooSetupSql extends OdooTables {

    static final String NOT_CONFIGURED = "not configured";

    private final Settings settings;

    OdooSetupSql(Connection connection, Settings settings) {
        super(connection);
        this.settings = settings;
    }

    /** Installed, or installed by this release ({@code install}); anything else fails, by name and state. */
    GateResult modules(List<String> install) throws SQLException {
        if (settings.requiredModules().isEmpty()) {
            return GateResult.pass(NOT_CONFIGURED, Map.of());
        }
        GateResult missing = requireTables("ir_module_module");
        if (missing != null) {
            return missing;
        }
        Map<String, String> states = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT name, state FROM ir_module_module WHERE name = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", settings.requiredModules().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        List<String> installed = new ArrayList<>();
        List<String> byRelease = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String module : settings.requiredModules()) {
            String state = states.get(module);
            if ("installed".equals(state)) {
                installed.add(module);
            } else if (install.contains(module)) {
                byRelease.add(module);
            } else {
                absent.add(module + " (" + (state == null ? "unknown to this Odoo" : state) + ")");
            }
        }
        Map<String, Object> facts = facts("requiredInstalled", String.join(", ", installed));
        facts.put("requiredInstalledByRelease", String.join(", ", byRelease));
        facts.put("requiredMissing", String.join(", ", absent));
        String found = installed.size() + " of " + settings.requiredModules().size() + " required module(s) installed"
                + (byRelease.isEmpty() ? "" : ", " + String.join(", ", byRelease) + " installed by this release");
        return absent.isEmpty() ? GateResult.pass(found, facts)
                : GateResult.fail("required module(s) not installed: " + String.join(", ", absent), facts);
    }

    /** The main company ({@code base.main_company}): its name and currency. */
    GateResult company() throws SQLException {
        if (settings.companyName() == null && settings.currency() == null) {
            return GateResult.pass(NOT_CONFIGURED, Map.of());
        }
        GateResult missing = requireTables("ir_model_data", "res_company", "res_currency");
        if (missing != null) {
            return missing;
        }
        Long id = xmlId("res.company", "base", "main_company");
        if (id == null) {
            return GateResult.inconclusive("this Odoo has no base.main_company", Map.of());
        }
        List<String> row = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.name, cur.name FROM res_company c"
                + " LEFT JOIN res_currency cur ON cur.id = c.currency_id WHERE c.id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    row.add(rows.getString(1));
                    row.add(rows.getString(2));
                }
            }
        }
        if (row.isEmpty()) {
            return GateResult.inconclusive("base.main_company points to no res_company row (id " + id + ")", Map.of());
        }
        Map<String, Object> facts = facts("companyName", row.get(0));
        facts.put("currency", row.get(1));
        List<String> wrong = new ArrayList<>();
        if (settings.companyName() != null && !settings.companyName().equals(row.get(0))) {
            wrong.add("company name '" + row.get(0) + "', expected '" + settings.companyName() + "'");
        }
        if (settings.currency() != null && !settings.currency().equals(row.get(1))) {
            wrong.add("currency " + row.get(1) + ", expected " + settings.currency());
        }
        return wrong.isEmpty() ? GateResult.pass("main company '" + row.get(0) + "' in " + row.get(1), facts)
                : GateResult.fail("main company: " + String.join(", ", wrong), facts);
    }

    /** Odoo keeps a user's time zone on its partner ({@code res_users} inherits {@code res_partner}). */
    GateResult timezone() throws SQLException {
        if (settings.timezone() == null) {
            return GateResult.pass(NOT_CONFIGURED, Map.of());
        }
        GateResult missing = requireTables("ir_model_data", "res_users", "res_partner");
        if (missing == null && !columnExists("res_partner", "tz")) {
            missing = GateResult.inconclusive("res_partner has no column tz", Map.of());
        }
        if (missing != null) {
            return missing;
        }
        Long admin = xmlId("res.users", "base", "user_admin");
        if (admin == null) {
            return GateResult.inconclusive("this Odoo has no base.user_admin", Map.of());
        }
        List<String> tz = strings("SELECT p.tz FROM res_users u JOIN res_partner p ON p.id = u.partner_id WHERE u.id = ?", admin);
        String value = tz.isEmpty() ? null : tz.get(0);
        Map<String, Object> facts = facts("adminTimezone", String.valueOf(value));
        facts.put("internalUsersWithOtherTimezone", strings("SELECT count(*) FROM res_users u JOIN res_partner p ON p.id = u.partner_id"
                + " WHERE u.active AND NOT u.share AND p.tz IS DISTINCT FROM ?", settings.timezone()).get(0));
        return settings.timezone().equals(value) ? GateResult.pass("admin's time zone is " + value, facts)
                : GateResult.fail("admin's time zone is " + (value == null ? "not set" : value) + ", expected " + settings.timezone(), facts);
    }

    GateResult language() throws SQLException {
        if (settings.language() == null) {
            return GateResult.pass(NOT_CONFIGURED, Map.of());
        }
        GateResult missing = requireTables("res_lang");
        if (missing != null) {
            return missing;
        }
        List<String> active = strings("SELECT active::text FROM res_lang WHERE code = ?", settings.language());
        Map<String, Object> facts = facts("activeLanguages", String.join(", ", strings("SELECT code FROM res_lang WHERE active ORDER BY code")));
        if (active.isEmpty()) {
            return GateResult.fail("language " + settings.language() + " is not in res_lang", facts);
        }
        return "true".equals(active.get(0)) ? GateResult.pass("language " + settings.language() + " is active", facts)
                : GateResult.fail("language " + settings.language() + " is not active (not loaded)", facts);
    }

    /** Least privilege: each listed group has at most its number of active internal users. */
    GateResult groups() throws SQLException {
        if (settings.groupLimits().isEmpty()) {
            return GateResult.pass(NOT_CONFIGURED, Map.of());
        }
        GateResult missing = requireTables("ir_model_data", "res_users", "res_groups_users_rel");
        if (missing != null) {
            return missing;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> over = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (GroupLimit limit : settings.groupLimits()) {
            if (xmlId("res.groups", limit.module(), limit.name()) == null) {
                unknown.add(limit.group());
                facts.put(limit.group(), "not in this database");
                continue;
            }
            List<String> logins = groupMembers(limit.module(), limit.name(), true);
            facts.put(limit.group(), logins.size() + " of at most " + limit.maxUsers() + ": " + String.join(", ", logins));
            if (logins.size() > limit.maxUsers()) {
                over.add(limit.group() + " has " + logins.size() + " active internal user(s), more than " + limit.maxUsers()
                        + " (" + String.join(", ", logins) + ")");
            }
        }
        if (!over.isEmpty()) {
            return GateResult.fail(String.join("; ", over), facts);
        }
        if (!unknown.isEmpty()) {
            return GateResult.inconclusive("group(s) not in this database (module not installed, or a misspelt xml id): "
                    + String.join(", ", unknown), facts);
        }
        return GateResult.pass(settings.groupLimits().size() + " group(s) within their limits", facts);
    }

    /**
     * The installed modules with their versions and what each depends on ({@code ir_module_module},
     * {@code ir_module_module_dependency}): the dependency graph this go-live started from, for its evidence.
     */
    Map<String, Object> moduleGraph() throws SQLException {
        GateResult missing = requireTables("ir_module_module", "ir_module_module_dependency");
        if (missing != null) {
            return facts("moduleGraph", "not recorded: " + missing.summary());
        }
        Map<String, String> graph = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT m.name, m.latest_version,"
                + " string_agg(d.name, ', ' ORDER BY d.name) FROM ir_module_module m"
                + " LEFT JOIN ir_module_module_dependency d ON d.module_id = m.id WHERE m.state = 'installed'"
                + " GROUP BY m.name, m.latest_version ORDER BY m.name");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                graph.put(rows.getString(1), rows.getString(2) + (rows.getString(3) == null ? "" : "; depends " + rows.getString(3)));
            }
        }
        Map<String, Object> facts = facts("installedModules", graph.size());
        facts.put("moduleGraph", graph);
        return facts;
    }
}
