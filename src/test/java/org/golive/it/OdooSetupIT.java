package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.golive.config.Environments;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.odoo.OdooHttpProbe;
import org.golive.readiness.Gate;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.OdooSetupGate;
import org.golive.readiness.OdooSetupProperties.GroupLimit;
import org.golive.readiness.OdooSetupProperties.Settings;
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
 * The readiness gate odooSetup against real PostgreSQL and a stand-in Odoo database of its own (environment
 * 'odoosetup', database golive_it_odoosetup, initialised by golive/odoo:18.0-1 with base and web). The tables
 * base has in a real Odoo and the stand-in lacks (res_company, res_currency, res_lang, res_partner.tz) are
 * created here with Odoo's names and columns. 'odoosetup-bare' is an empty database: an Odoo without the tables.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OdooSetupIT {

    static final String ENV = "odoosetup";
    static final String BARE = "odoosetup-bare";
    static final String DB = "golive_it_odoosetup";
    static final String BARE_DB = "golive_it_odoosetup_bare";
    static final String CONTAINER = "golive-it-odoosetup-odoo";
    static final Path DIR = Path.of("target/it-odoosetup").toAbsolutePath();
    static final int PORT = OdooSecurityIT.freePort();

    @DynamicPropertySource
    static void environments(DynamicPropertyRegistry registry) {
        ItEnvironment.of(registry, ENV, "http://127.0.0.1:" + PORT, DB)
                .container(CONTAINER, "host").odooLogin("5432").confAndData(DIR)
                .set("filestore", DIR.resolve("data/filestore/" + DB).toString())
                .set("backup-dir", DIR.resolve("backups").toString());
        ItEnvironment.of(registry, BARE, "http://127.0.0.1:1", BARE_DB);
        String setup = "golive.odoo-setup.environments." + ENV + ".";
        registry.add(setup + "required-modules[0]", () -> "web");
        registry.add(setup + "company-name", () -> "InsightPulse AI");
        registry.add(setup + "group-limits[0].group", () -> "base.group_erp_manager");
        registry.add(setup + "group-limits[0].max-users", () -> "1");
    }

    @Autowired
    ReadinessGateService gates;
    @Autowired
    OdooSetupGate gate;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;
    @Autowired
    ContainerService containers;
    @Autowired
    OdooHttpProbe probe;

    @BeforeAll
    void startOdoo() throws Exception {
        StandinOdoo.start(environments, containers, databases, probe, ENV, DIR, PORT);
        ItStack.recreateDatabase(databases, environments.target(BARE), BARE_DB);
        // base's own tables and rows in a real Odoo 18 (base.main_company, base.USD, base.lang_en), which the stand-in skips
        sql("CREATE TABLE res_currency (id serial PRIMARY KEY, name varchar(3) NOT NULL UNIQUE, active boolean DEFAULT true)",
                "CREATE TABLE res_company (id serial PRIMARY KEY, name varchar NOT NULL UNIQUE, partner_id integer NOT NULL,"
                        + " currency_id integer NOT NULL REFERENCES res_currency(id), active boolean DEFAULT true)",
                "CREATE TABLE res_lang (id serial PRIMARY KEY, name varchar NOT NULL, code varchar NOT NULL UNIQUE,"
                        + " active boolean DEFAULT false)",
                "ALTER TABLE res_partner ADD COLUMN tz varchar",
                "INSERT INTO res_currency (id, name) VALUES (1, 'USD'), (2, 'PHP')",
                "INSERT INTO res_company (id, name, partner_id, currency_id) VALUES (1, 'YourCompany', 1, 1)",
                "INSERT INTO res_lang (name, code, active) VALUES ('English (US)', 'en_US', true), ('Filipino / Pilipino', 'fil_PH', false)",
                "INSERT INTO ir_model_data (module, name, model, res_id, noupdate) VALUES ('base', 'main_company', 'res.company', 1, true)");
    }

    @AfterAll
    void stopOdoo() throws Exception {
        StandinOdoo.stop(environments, containers, databases, ENV);
        ItStack.dropDatabase(databases, environments.target(BARE), BARE_DB);
    }

    @BeforeEach
    void knownState() throws Exception {
        sql("DELETE FROM res_users WHERE login LIKE 'extra%'",
                "DELETE FROM ir_module_module WHERE name LIKE 'ipai_%'",
                "UPDATE res_company SET name = 'InsightPulse AI', currency_id = 2 WHERE id = 1",
                "UPDATE res_partner SET tz = 'Asia/Manila' WHERE id = 2",
                "UPDATE res_lang SET active = (code = 'en_US')");
    }

    private static Settings full(List<String> modules, List<GroupLimit> groups) {
        return new Settings(modules, "InsightPulse AI", "PHP", "Asia/Manila", "en_US", groups);
    }

    private GateResult check(String environment, Settings settings, List<String> install) {
        return gate.check(new GateRequest(environments.target(environment), "golive/odoo", "18.0-2", "x", install, List.of()), settings);
    }

    @Test
    void passesWhenModulesCompanyTimezoneLanguageAndGroupsMatch() {
        GateResult result = check(ENV, full(List.of("base", "web"), List.of(new GroupLimit("base.group_erp_manager", 1))), List.of());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.summary()).isEqualTo("Odoo setup: all 5 configured check(s) passed");
        assertThat(result.facts()).containsEntry("company.currency", "PHP").containsEntry("timezone.adminTimezone", "Asia/Manila");
    }

    @Test
    void aRequiredModuleNotInstalledFailsByNameUnlessThisReleaseInstallsIt() throws Exception {
        sql("INSERT INTO ir_module_module (name, state) VALUES ('ipai_theme_aiux', 'installed'), ('ipai_ask_ai', 'uninstalled'),"
                + " ('ipai_document_ai', 'uninstalled')");
        Settings settings = new Settings(List.of("ipai_theme_aiux", "ipai_ask_ai", "ipai_document_ai", "ipai_expense_ocr"),
                null, null, null, null, null);
        GateResult result = check(ENV, settings, List.of("ipai_document_ai"));
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("ipai_ask_ai (uninstalled)").contains("ipai_expense_ocr (unknown to this Odoo)")
                .doesNotContain("ipai_document_ai").doesNotContain("ipai_theme_aiux");
        assertThat(result.facts()).containsEntry("modules.requiredInstalledByRelease", "ipai_document_ai")
                .containsEntry("company", "pass: not configured");
    }

    @Test
    void anotherCompanyCurrencyTimezoneOrInactiveLanguageFails() throws Exception {
        sql("UPDATE res_company SET name = 'YourCompany', currency_id = 1", "UPDATE res_partner SET tz = NULL WHERE id = 2");
        GateResult result = check(ENV, new Settings(null, "InsightPulse AI", "PHP", "Asia/Manila", "fil_PH", null), List.of());
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("company name 'YourCompany', expected 'InsightPulse AI'").contains("currency USD, expected PHP")
                .contains("admin's time zone is not set, expected Asia/Manila").contains("language fil_PH is not active");
    }

    @Test
    void aGroupAboveItsLimitFailsListingTheInternalUsersOnly() throws Exception {
        GroupLimit oneManager = new GroupLimit("base.group_erp_manager", 1);
        addToAccessRights("extra_portal", true);
        assertThat(check(ENV, full(null, List.of(oneManager)), List.of()).status()).isEqualTo(Status.PASS);
        addToAccessRights("extra_manager", false);
        GateResult result = check(ENV, full(null, List.of(oneManager)), List.of());
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("base.group_erp_manager has 2 active internal user(s), more than 1 (admin, extra_manager)")
                .doesNotContain("extra_portal");
    }

    @Test
    void aGroupThisDatabaseDoesNotHaveIsInconclusive() {
        GateResult result = check(ENV, full(null, List.of(new GroupLimit("account.group_account_manager", 2))), List.of());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("account.group_account_manager");
    }

    @Test
    void everyRunRecordsTheInstalledModulesWithVersionsAndDependencies() {
        GateResult result = check(ENV, null, List.of());
        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("not configured");
        @SuppressWarnings("unchecked")
        Map<String, String> graph = (Map<String, String>) result.facts().get("moduleGraph");
        assertThat(graph).containsKeys("base", "web");
        assertThat(graph.get("web")).contains("; depends base");
        assertThat(result.facts().get("installedModules")).isEqualTo(graph.size());
    }

    @Test
    void everyConfiguredCheckIsInconclusiveOnAnOdooWithoutTheTables() {
        GateResult result = check(BARE, full(List.of("web"), List.of(new GroupLimit("base.group_erp_manager", 1))), List.of());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.INCONCLUSIVE);
        for (String name : OdooSetupGate.CHECKS) {
            assertThat((String) result.facts().get(name)).as(name).startsWith("inconclusive: this Odoo has no table");
        }
        assertThat((String) result.facts().get("moduleGraph")).startsWith("not recorded: this Odoo has no table");
    }

    @Test
    void theServiceRunsTheGateWithTheEnvironmentsSettings() {
        GateResult result = gates.check(Gate.odooSetup, new GateRequest(environments.target(ENV), "golive/odoo", "18.0-2", "x"));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("timezone", "pass: not configured").containsKey("groups.base.group_erp_manager");
    }

    private void addToAccessRights(String login, boolean share) throws Exception {
        sql("INSERT INTO res_users (login, password, share) VALUES ('" + login + "', 'x', " + share + ")",
                "INSERT INTO res_groups_users_rel (gid, uid) SELECT d.res_id, u.id FROM ir_model_data d, res_users u"
                        + " WHERE d.module = 'base' AND d.name = 'group_erp_manager' AND u.login = '" + login + "'");
    }

    void sql(String... statements) throws Exception {
        try (Connection connection = databases.connect(environments.target(ENV)); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
