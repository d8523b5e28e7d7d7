package org.golive.deploy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.springframework.stereotype.Service;

/** Whether a target can take a release at all: Docker, the release image, PostgreSQL, Odoo, the maintenance page's host. */
@Service
public class TargetChecks {

    private final OdooRuntimeService runtime;
    private final TargetDatabases databases;
    private final MaintenancePage maintenancePage;

    public TargetChecks(OdooRuntimeService runtime, TargetDatabases databases, MaintenancePage maintenancePage) {
        this.runtime = runtime;
        this.databases = databases;
        this.maintenancePage = maintenancePage;
    }

    public Map<String, Object> check(Target environment, String image) {
        Map<String, Object> facts = new LinkedHashMap<>(runtime.checkReachable(environment, image));
        try (Connection connection = databases.connect(environment); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT current_setting('server_version'), count(*) FROM ir_module_module")) {
            row.next();
            facts.put("postgresVersion", row.getString(1));
            facts.put("odooModulesKnown", row.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException("database of " + environment + " unreachable: " + e.getMessage(), e);
        }
        // before go/no-go, not in the middle of the window: a login the page will need later is tried now
        maintenancePage.checkReachable(environment).ifPresent(facts::putAll);
        return facts;
    }
}
