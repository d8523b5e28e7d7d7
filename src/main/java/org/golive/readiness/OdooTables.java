package org.golive.readiness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading Odoo's tables over one connection, for the gates that judge Odoo by SQL. A table or column that is not
 * there is asked about first, so that an Odoo without it gives INCONCLUSIVE instead of an SQL error.
 */
class OdooTables {

    protected final Connection connection;

    OdooTables(Connection connection) {
        this.connection = connection;
    }

    /** INCONCLUSIVE naming the first table this Odoo lacks, or null when all are there. */
    GateResult requireTables(String... tables) throws SQLException {
        for (String table : tables) {
            if (strings("SELECT to_regclass('public." + table + "')::text").get(0) == null) {
                return GateResult.inconclusive("this Odoo has no table " + table, Map.of("missingTable", table));
            }
        }
        return null;
    }

    boolean columnExists(String table, String column) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = ? AND column_name = ?")) {
            query.setString(1, table);
            query.setString(2, column);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    boolean installed(String module) throws SQLException {
        return !strings("SELECT 1 FROM ir_module_module WHERE name = ? AND state = 'installed'", module).isEmpty();
    }

    /**
     * Logins of the active users in the group with this xml id ({@code module.name}); {@code internalOnly} leaves out
     * portal and public users ({@code share}). Odoo writes implied groups into res_groups_users_rel, so a user
     * holding a group through another is counted too.
     */
    List<String> groupMembers(String module, String name, boolean internalOnly) throws SQLException {
        return strings("SELECT u.login FROM res_users u JOIN res_groups_users_rel r ON r.uid = u.id"
                + " JOIN ir_model_data d ON d.res_id = r.gid AND d.model = 'res.groups' AND d.module = ? AND d.name = ?"
                + " WHERE u.active" + (internalOnly ? " AND NOT u.share" : "") + " ORDER BY u.login", module, name);
    }

    /** The record id behind an xml id ({@code ir_model_data}), or null. */
    Long xmlId(String model, String module, String name) throws SQLException {
        List<String> ids = strings("SELECT res_id::text FROM ir_model_data WHERE model = ? AND module = ? AND name = ?",
                model, module, name);
        return ids.isEmpty() || ids.get(0) == null ? null : Long.valueOf(ids.get(0));
    }

    /** The first column of every row, as text; {@code parameters} are bound as strings, in order. */
    List<String> strings(String sql, Object... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    long number(String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    static Map<String, Object> facts(String key, Object value) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(key, value);
        return facts;
    }
}
