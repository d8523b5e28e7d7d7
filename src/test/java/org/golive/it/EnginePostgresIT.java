package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The engine on PostgreSQL instead of H2, configured only through the GOLIVE_DB_* settings. */
@ActiveProfiles("sandbox")
@SpringBootTest(properties = {"camunda.bpm.job-execution.enabled=false", "golive.data-dir=target/engine-pg-it"})
class EnginePostgresIT {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        String password = Files.readString(Path.of(System.getenv().getOrDefault("GOLIVE_STACK_DIR", "/var/lib/golive-stack"),
                "secrets", "odoo-db-password")).strip();
        try (Connection admin = DriverManager.getConnection(URL + "postgres", "odoo", password);
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS golive_engine_it WITH (FORCE)");
            sql.execute("CREATE DATABASE golive_engine_it");
        }
        registry.add("GOLIVE_DB_URL", () -> URL + "golive_engine_it");
        registry.add("GOLIVE_DB_USER", () -> "odoo");
        registry.add("GOLIVE_DB_PASSWORD", () -> password);
    }

    @Autowired
    ProcessEngine engine;

    @Test
    void engineSchemaAndDeploymentLiveInPostgres() throws Exception {
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("go-live").count()).isEqualTo(1);
        String password = Files.readString(Path.of(System.getenv().getOrDefault("GOLIVE_STACK_DIR", "/var/lib/golive-stack"),
                "secrets", "odoo-db-password")).strip();
        try (Connection connection = DriverManager.getConnection(URL + "golive_engine_it", "odoo", password);
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM act_re_procdef WHERE key_ = 'go-live'")) {
            row.next();
            assertThat(row.getInt(1)).isEqualTo(1);
        }
    }
}
