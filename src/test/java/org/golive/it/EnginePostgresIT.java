package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.golive.lock.EnvironmentLockService;
import org.golive.lock.EnvironmentLockedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    @Autowired
    EnvironmentLockService locks;
    @Autowired
    PlatformTransactionManager transactions;

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

    /**
     * Two nodes start a go-live on one environment at the same moment: neither sees the other's uncommitted lock,
     * PostgreSQL's primary key makes the second wait for the first, then refuses it, and it names the winner.
     */
    @Test
    void twoStartsRacingForOneEnvironmentGetItOnce() throws Exception {
        TransactionTemplate inTransaction = new TransactionTemplate(transactions);
        CountDownLatch firstTook = new CountDownLatch(1);
        CountDownLatch secondTries = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> inTransaction.executeWithoutResult(status -> {
            locks.acquire("race", "go-live", "race-first", "instance-first");
            firstTook.countDown();
            try {
                secondTries.await(30, TimeUnit.SECONDS);
                Thread.sleep(500); // the second is blocked on the key by now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(firstTook.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> inTransaction.executeWithoutResult(status -> {
            assertThat(locks.find("race")).as("uncommitted, so not seen").isEmpty();
            secondTries.countDown();
            locks.acquire("race", "go-live", "race-second", "instance-second");
        }));

        first.get(60, TimeUnit.SECONDS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(EnvironmentLockedException.class)
                .hasMessageContaining("environment race is held by go-live race-first since");
        assertThat(locks.find("race")).get().satisfies(lock -> assertThat(lock.holder()).isEqualTo("race-first"));
        assertThat(locks.release("instance-first")).hasSize(1);
        assertThat(locks.find("race")).isEmpty();
    }
}
