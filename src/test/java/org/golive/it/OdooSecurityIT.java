package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.golive.config.Environments;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.odoo.OdooHttpProbe;
import org.golive.readiness.Gate;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.OdooSecurityGate;
import org.golive.readiness.OdooSecurityProperties.Settings;
import org.golive.readiness.ReadinessGateService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The readiness gate odooSecurity against the real stack: a stand-in Odoo of its own (environment 'odoosec',
 * database golive_it_odoosec, container golive-it-odoosec-odoo on its own port), real PostgreSQL, real SMTP
 * servers (aiosmtpd, Debian's python3-aiosmtpd, with and without STARTTLS), and an environment 'odoosec-bare'
 * whose database is empty and whose URL answers 404 everywhere: an Odoo lacking what the checks read.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OdooSecurityIT {

    static final String ENV = "odoosec";
    static final String BARE = "odoosec-bare";
    static final String DB = "golive_it_odoosec";
    static final String BARE_DB = "golive_it_odoosec_bare";
    static final String CONTAINER = "golive-it-odoosec-odoo";
    static final Path DIR = Path.of("target/it-odoosec").toAbsolutePath();
    static final int PORT = freePort();
    static final int BARE_PORT = freePort();

    @DynamicPropertySource
    static void environments(DynamicPropertyRegistry registry) {
        ItEnvironment.of(registry, ENV, "http://127.0.0.1:" + PORT, DB)
                .container(CONTAINER, "host").odooLogin("5432").confAndData(DIR)
                .set("filestore", DIR.resolve("data/filestore/" + DB).toString())
                .set("backup-dir", DIR.resolve("backups").toString());
        ItEnvironment.of(registry, BARE, "http://127.0.0.1:" + BARE_PORT, BARE_DB);
        registry.add("golive.odoo-security.environments." + ENV + ".max-system-users", () -> "3");
        registry.add("golive.odoo-security.environments." + BARE + ".auditlog-required", () -> "true");
    }

    @Autowired
    ReadinessGateService gates;
    @Autowired
    OdooSecurityGate gate;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;
    @Autowired
    ContainerService containers;
    @Autowired
    OdooHttpProbe probe;

    HttpServer notOdoo;

    @BeforeAll
    void startOdoo() throws Exception {
        StandinOdoo.start(environments, containers, databases, probe, ENV, DIR, PORT);
        ItStack.recreateDatabase(databases, environments.target(BARE), BARE_DB);
        notOdoo = HttpServer.create(new InetSocketAddress("127.0.0.1", BARE_PORT), 0);
        notOdoo.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        notOdoo.start();
    }

    @AfterAll
    void stopOdoo() throws Exception {
        notOdoo.stop(0);
        StandinOdoo.stop(environments, containers, databases, ENV);
        ItStack.dropDatabase(databases, environments.target(BARE), BARE_DB);
    }

    @BeforeEach
    void knownState() throws Exception {
        sql("UPDATE res_users SET password = 'admin' WHERE login = 'admin'",
                "DELETE FROM res_users WHERE login LIKE 'extra%'",
                "DELETE FROM res_users_apikeys",
                "DELETE FROM ir_attachment WHERE name = 'in-db.txt'",
                "DELETE FROM ir_config_parameter WHERE key = 'ir_attachment.location'",
                "DELETE FROM ir_module_module WHERE name IN ('auth_totp', 'auditlog', 'queue_job')",
                "ALTER TABLE res_users DROP COLUMN IF EXISTS totp_secret",
                "DROP TABLE IF EXISTS auditlog_rule", "DROP TABLE IF EXISTS queue_job",
                "UPDATE ir_mail_server SET active = true, smtp_encryption = 'starttls', smtp_port = 1");
    }

    private static Settings settings() {
        return new Settings("admin", List.of("admin"), 3, false, Duration.ofDays(90), "file", true, true, null,
                Duration.ofSeconds(5), false, 10);
    }

    private GateResult check(String name, Settings settings) {
        return gate.checkAll(environments.target(ENV), settings).get(name);
    }

    @Test
    void adminPasswordFailsWhileAdminLogsInWithAdmin() {
        GateResult result = check("adminPassword", settings());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("admin logs in over XML-RPC with 'admin'");
    }

    @Test
    void adminPasswordFailsWhenTheDatabaseNameIsThePassword() throws Exception {
        sql("UPDATE res_users SET password = '" + DB + "' WHERE login = 'admin'");
        GateResult result = check("adminPassword", settings());
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("the database name").doesNotContain(DB);
    }

    @Test
    void adminPasswordPassesWhenBothAreRefused() throws Exception {
        sql("UPDATE res_users SET password = 'a-long-passphrase-nobody-guesses' WHERE login = 'admin'");
        GateResult result = check("adminPassword", settings());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("passwordsTried", 2);
    }

    @Test
    void systemUsersPassAtTheMaximumAndFailAboveIt() throws Exception {
        assertThat(check("systemUsers", settings()).status()).isEqualTo(Status.PASS);
        for (int i = 1; i <= 3; i++) {
            sql("INSERT INTO res_users (login, password) VALUES ('extra" + i + "', 'x')",
                    "INSERT INTO res_groups_users_rel (gid, uid) SELECT d.res_id, u.id FROM ir_model_data d, res_users u"
                            + " WHERE d.module = 'base' AND d.name = 'group_system' AND u.login = 'extra" + i + "'");
        }
        GateResult result = check("systemUsers", settings());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("4 active user(s)").contains("extra3").contains("more than 3");
    }

    @Test
    void twoFactorListsUsersWithoutItAndFailsOnlyWhenRequired() throws Exception {
        GateResult listed = check("twoFactor", settings());
        assertThat(listed.status()).isEqualTo(Status.PASS);
        assertThat(listed.summary()).contains("auth_totp not installed").contains("admin");
        Settings required = new Settings("admin", List.of("admin"), 3, true, Duration.ofDays(90), "file", true, true, null,
                Duration.ofSeconds(5), false, 10);
        assertThat(check("twoFactor", required).status()).isEqualTo(Status.FAIL);
        // what installing auth_totp does to the schema, and admin enrolling
        sql("ALTER TABLE res_users ADD COLUMN totp_secret varchar",
                "INSERT INTO ir_module_module (name, state) VALUES ('auth_totp', 'installed')",
                "UPDATE res_users SET totp_secret = 'JBSWY3DPEHPK3PXP' WHERE login = 'admin'");
        GateResult enrolled = check("twoFactor", required);
        assertThat(enrolled.status()).as(enrolled.summary()).isEqualTo(Status.PASS);
        assertThat(enrolled.facts()).containsEntry("authTotpInstalled", true);
    }

    @Test
    void apiKeysOlderThanTheMaximumFail() throws Exception {
        sql("INSERT INTO res_users_apikeys (name, user_id, index, key) VALUES ('fresh', 2, 'abcdefgh', 'x')");
        assertThat(check("apiKeys", settings()).status()).isEqualTo(Status.PASS);
        sql("INSERT INTO res_users_apikeys (name, user_id, index, key, create_date) VALUES ('ci-token', 2, 'ijklmnop', 'x',"
                + " (now() at time zone 'UTC') - interval '120 days')");
        GateResult old = check("apiKeys", settings());
        assertThat(old.status()).isEqualTo(Status.FAIL);
        assertThat(old.summary()).contains("'ci-token' of admin").doesNotContain("fresh");
    }

    @Test
    void attachmentsInTheDatabaseFailAFilestoreEnvironment() throws Exception {
        GateResult filestore = check("attachments", settings());
        assertThat(filestore.status()).as(filestore.summary()).isEqualTo(Status.PASS);
        assertThat((Long) filestore.facts().get("attachmentsInFilestore")).isPositive();
        sql("INSERT INTO ir_attachment (name, db_datas) VALUES ('in-db.txt', 'hello'::bytea)");
        GateResult inDb = check("attachments", settings());
        assertThat(inDb.status()).isEqualTo(Status.FAIL);
        assertThat(inDb.summary()).contains("1 attachment(s) in the database");
    }

    @Test
    void mailServerPassesAStartTlsHandshakeWithATrustedCertificate() throws Exception {
        try (SmtpServer smtp = SmtpServer.start(DIR.resolve("smtp"), true)) {
            sql("UPDATE ir_mail_server SET smtp_host = '127.0.0.1', smtp_port = " + smtp.port() + ", smtp_encryption = 'starttls'");
            GateResult result = check("mailServer", trusting(smtp.certificate()));
            assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
            assertThat((String) result.facts().get("tlsProtocol")).startsWith("TLSv1.");
        }
    }

    @Test
    void mailServerFailsWithoutStartTlsWithAnUntrustedCertificateAndWithoutAnyServer() throws Exception {
        try (SmtpServer plain = SmtpServer.start(DIR.resolve("smtp-plain"), false);
             SmtpServer other = SmtpServer.start(DIR.resolve("smtp-other"), true);
             SmtpServer tls = SmtpServer.start(DIR.resolve("smtp-tls"), true)) {
            sql("UPDATE ir_mail_server SET smtp_host = '127.0.0.1', smtp_port = " + plain.port());
            assertThat(check("mailServer", trusting(tls.certificate())).summary()).contains("does not offer STARTTLS");
            sql("UPDATE ir_mail_server SET smtp_port = " + tls.port());
            GateResult untrusted = check("mailServer", trusting(other.certificate()));
            assertThat(untrusted.status()).isEqualTo(Status.FAIL);
            assertThat(untrusted.summary()).contains("SMTP handshake").contains("failed");
            sql("UPDATE ir_mail_server SET smtp_encryption = 'none'");
            assertThat(check("mailServer", trusting(tls.certificate())).summary()).contains("sends without TLS");
            sql("UPDATE ir_mail_server SET active = false");
            assertThat(check("mailServer", trusting(tls.certificate())).summary()).contains("no active outgoing mail server");
        }
    }

    @Test
    void auditlogRequiredFailsUntilInstalledWithASubscribedRule() throws Exception {
        Settings required = new Settings("admin", List.of("admin"), 3, false, Duration.ofDays(90), "file", true, true, null,
                Duration.ofSeconds(5), true, 10);
        assertThat(check("auditlog", required).summary()).contains("not installed");
        assertThat(check("auditlog", required).status()).isEqualTo(Status.FAIL);
        // the table OCA auditlog creates, and one rule subscribed
        sql("INSERT INTO ir_module_module (name, state) VALUES ('auditlog', 'installed')",
                "CREATE TABLE auditlog_rule (id serial PRIMARY KEY, name varchar, state varchar)",
                "INSERT INTO auditlog_rule (name, state) VALUES ('partners', 'draft')");
        assertThat(check("auditlog", required).summary()).contains("no rule is subscribed");
        sql("UPDATE auditlog_rule SET state = 'subscribed'");
        assertThat(check("auditlog", required).status()).isEqualTo(Status.PASS);
    }

    @Test
    void queueJobBacklogAboveTheMaximumFails() throws Exception {
        assertThat(check("queueJob", settings()).summary()).isEqualTo("queue_job not installed");
        sql("INSERT INTO ir_module_module (name, state) VALUES ('queue_job', 'installed')",
                "CREATE TABLE queue_job (id serial PRIMARY KEY, uuid varchar, state varchar)",
                "INSERT INTO queue_job (uuid, state) SELECT g::text, 'pending' FROM generate_series(1, 10) g");
        assertThat(check("queueJob", settings()).status()).isEqualTo(Status.PASS);
        sql("INSERT INTO queue_job (uuid, state) VALUES ('late', 'enqueued'), ('bad', 'failed')");
        GateResult backlog = check("queueJob", settings());
        assertThat(backlog.status()).isEqualTo(Status.FAIL);
        assertThat(backlog.summary()).contains("11 job(s) waiting, 1 failed");
    }

    @Test
    void everyCheckIsInconclusiveOnAnOdooWithoutTheTablesAndEndpoints() {
        Settings bare = new Settings("admin", List.of("admin"), 3, true, Duration.ofDays(90), "file", true, true, null,
                Duration.ofSeconds(5), true, 10);
        Map<String, GateResult> results = gate.checkAll(environments.target(BARE), bare);
        assertThat(results).hasSize(OdooSecurityGate.CHECKS.size());
        results.forEach((name, result) -> assertThat(result.status()).as(name + ": " + result.summary()).isEqualTo(Status.INCONCLUSIVE));
        GateResult aggregated = gates.check(Gate.odooSecurity, new GateRequest(environments.target(BARE), "golive/odoo", "18.0-2", "x"));
        assertThat(aggregated.status()).isEqualTo(Status.INCONCLUSIVE);
    }

    @Test
    void theGateFailsOnAFreshOdooAndNamesEveryFailedCheck() {
        GateResult result = gates.check(Gate.odooSecurity, new GateRequest(environments.target(ENV), "golive/odoo", "18.0-2", "x"));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("adminPassword (").contains("mailServer (");
        assertThat(result.facts()).containsKeys(OdooSecurityGate.CHECKS.toArray(String[]::new));
        assertThat((String) result.facts().get("systemUsers")).startsWith("pass: ");
    }

    @Test
    void theGateIsInconclusiveWhereNotConfiguredSoThatAPersonDecides() {
        GateResult result = gates.check(Gate.odooSecurity, new GateRequest(environments.target("it"), "golive/odoo", "18.0-2", "x"));
        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("no Odoo security checks configured for it");
    }

    private static Settings trusting(Path certificate) {
        return new Settings("admin", List.of("admin"), 3, false, Duration.ofDays(90), "file", true, true, certificate,
                Duration.ofSeconds(5), false, 10);
    }

    void sql(String... statements) throws Exception {
        try (Connection connection = databases.connect(environments.target(ENV)); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    static int freePort() {
        try {
            return LocalPorts.free();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path file, String text) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
