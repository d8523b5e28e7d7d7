package org.golive.deploy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.config.TargetDatabases;
import org.springframework.stereotype.Service;

/** Whether a target can take a release at all: Docker, the release image, PostgreSQL, Odoo. */
@Service
public class TargetChecks {

    private final OdooRuntimeService runtime;
    private final TargetDatabases databases;

    public TargetChecks(OdooRuntimeService runtime, TargetDatabases databases) {
        this.runtime = runtime;
        this.databases = databases;
    }

    public Map<String, Object> check(String environment, String image) {
        Map<String, Object> facts = new LinkedHashMap<>(runtime.checkReachable(environment, image));
        try (Connection connection = databases.connect(environment); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT current_setting('server_version'), count(*) FROM ir_module_module")) {
            row.next();
            facts.put("postgresVersion", row.getString(1));
            facts.put("odooModulesKnown", row.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException("database of " + environment + " unreachable: " + e.getMessage(), e);
        }
        return facts;
    }
}
