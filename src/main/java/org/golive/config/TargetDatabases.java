package org.golive.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import org.golive.config.GoliveProperties.Database;
import org.springframework.stereotype.Component;

/** Connections to the Odoo database of a target environment, and the libpq settings for its client tools. */
@Component
public class TargetDatabases {

    public Database settings(Target environment) {
        return environment.settings().database();
    }

    /** A connection to the environment's Odoo database. */
    public Connection connect(Target environment) throws SQLException {
        return connect(environment, settings(environment).name());
    }

    /** A connection to another database of the same server, such as {@code postgres} for DROP/CREATE. */
    public Connection connect(Target environment, String databaseName) throws SQLException {
        Database database = settings(environment);
        Properties props = new Properties();
        props.setProperty("user", database.user());
        props.setProperty("password", environment.databasePassword());
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "golive");
        return DriverManager.getConnection(
                "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + databaseName, props);
    }

    /** Environment for pg_dump/pg_restore; the password goes only to the child process. */
    public Map<String, String> libpqEnvironment(Target environment) {
        Database database = settings(environment);
        return Map.of(
                "PGHOST", database.host(),
                "PGPORT", String.valueOf(database.port()),
                "PGUSER", database.user(),
                "PGPASSWORD", environment.databasePassword(),
                "PGCONNECT_TIMEOUT", "10");
    }
}
