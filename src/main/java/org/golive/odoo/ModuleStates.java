package org.golive.odoo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.springframework.stereotype.Component;

/** Reads {@code ir_module_module} of an environment's database: the only proof that a module got installed. */
@Component
public class ModuleStates {

    /** A module row; {@code state} is null when Odoo does not know the module at all. */
    public record ModuleState(String name, String state, String latestVersion) {
        public boolean installed() {
            return "installed".equals(state);
        }
    }

    private final TargetDatabases databases;

    public ModuleStates(TargetDatabases databases) {
        this.databases = databases;
    }

    public Map<String, ModuleState> read(Target environment, Collection<String> names) {
        Map<String, ModuleState> states = new LinkedHashMap<>();
        for (String name : names) {
            states.put(name, new ModuleState(name, null, null));
        }
        if (names.isEmpty()) {
            return states;
        }
        try (Connection connection = databases.connect(environment);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT name, state, latest_version FROM ir_module_module WHERE name = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", names.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getString(1), new ModuleState(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            return states;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read ir_module_module of " + environment + ": " + e.getMessage(), e);
        }
    }
}
