package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.golive.config.Environments;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.odoo.OdooHttpProbe;
import org.golive.odoo.OdooRpc;
import org.golive.validation.CheckFailedException;
import org.golive.validation.ReleaseValidationService;
import org.golive.validation.ReleaseValidationService.Check;
import org.golive.validation.SmokeCalls;
import org.golive.validation.SmokeProperties;
import org.golive.validation.SmokeProperties.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The validation check smoke against a stand-in Odoo of its own (environment 'smoke', database golive_it_smoke,
 * container golive-it-smoke-odoo): a smoke user logs in over XML-RPC and JSON-RPC and runs execute_kw calls.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmokeCallsIT {

    static final String ENV = "smoke";
    static final String DB = "golive_it_smoke";
    static final Path DIR = Path.of("target/it-smoke").toAbsolutePath();
    static final Path PASSWORD = DIR.resolve("smoke-password");
    static final int PORT = OdooSecurityIT.freePort();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        ItEnvironment.of(registry, ENV, "http://127.0.0.1:" + PORT, DB)
                .container("golive-it-smoke-odoo", "host").odooLogin(null).confAndData(DIR);
        String smoke = "golive.smoke.environments." + ENV + ".";
        registry.add(smoke + "login", () -> "smoke");
        registry.add(smoke + "password-file", PASSWORD::toString);
        registry.add(smoke + "calls[0].model", () -> "res.partner");
        registry.add(smoke + "calls[0].min-count", () -> "3");
        registry.add(smoke + "calls[1].model", () -> "ir.module.module");
        registry.add(smoke + "calls[1].domain", () -> "[[\"name\", \"=\", \"web\"], [\"state\", \"=\", \"installed\"]]");
    }

    @Autowired
    ReleaseValidationService validation;
    @Autowired
    Environments environments;
    @Autowired
    TargetDatabases databases;
    @Autowired
    ContainerService containers;
    @Autowired
    OdooHttpProbe probe;
    @Autowired
    OdooRpc rpc;

    @BeforeAll
    void startOdoo() throws Exception {
        StandinOdoo.start(environments, containers, databases, probe, ENV, DIR, PORT);
        Files.writeString(PASSWORD, "smoke-passphrase-2026\n");
        try (Connection connection = databases.connect(environments.target(ENV)); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO res_users (login, password) VALUES ('smoke', 'smoke-passphrase-2026')");
            sql.execute("INSERT INTO res_groups_users_rel (gid, uid) SELECT 1, id FROM res_users WHERE login = 'smoke'");
        }
    }

    @AfterAll
    void stopOdoo() throws Exception {
        StandinOdoo.stop(environments, containers, databases, ENV);
    }

    private SmokeCalls smoke(String via, String passwordFile, Call... calls) {
        return new SmokeCalls(rpc, new SmokeProperties(Map.of(ENV, new SmokeProperties.Settings("smoke", null,
                Path.of(passwordFile), via, List.of(calls)))));
    }

    @Test
    void theConfiguredSmokeCallsPassAfterAnXmlRpcLogin() {
        Map<String, Object> facts = validation.run(Check.SMOKE, environments.target(ENV), List.of());
        assertThat(facts).containsEntry("via", "xmlrpc").containsEntry("calls", 2)
                .containsEntry("res.partner.search_count([])", 4L)
                .containsEntry("ir.module.module.search_count([[\"name\", \"=\", \"web\"], [\"state\", \"=\", \"installed\"]])", 1L);
        assertThat(facts.values()).noneMatch(value -> String.valueOf(value).contains("smoke-passphrase"));
    }

    @Test
    void aCountBelowItsMinimumFailsTheCheck() {
        SmokeCalls calls = smoke("xmlrpc", PASSWORD.toString(), new Call("res.partner", "search_count", "[[\"email\", \"!=\", false]]", 100));
        assertThatThrownBy(() -> calls.run(ENV, environments.get(ENV))).isInstanceOf(CheckFailedException.class)
                .hasMessageContaining("expected at least 100");
    }

    @Test
    void anUnknownModelFailsTheCheckWithOdoosFault() {
        SmokeCalls calls = smoke("xmlrpc", PASSWORD.toString(), new Call("sale.order", "search_count", "[]", 1));
        assertThatThrownBy(() -> calls.run(ENV, environments.get(ENV))).isInstanceOf(CheckFailedException.class)
                .hasMessageContaining("sale.order.search_count([]) failed").hasMessageContaining("doesn't exist");
    }

    @Test
    void aWrongPasswordIsRefusedOverXmlRpcAndJsonRpc() throws Exception {
        Path wrong = DIR.resolve("wrong-password");
        Files.writeString(wrong, "not-the-password");
        for (String via : List.of("xmlrpc", "jsonrpc")) {
            assertThatThrownBy(() -> smoke(via, wrong.toString()).run(ENV, environments.get(ENV)))
                    .as(via).isInstanceOf(CheckFailedException.class).hasMessageContaining("refused by " + via);
        }
    }

    @Test
    void theSmokeUserLogsInOverJsonRpcToo() {
        Map<String, Object> facts = smoke("jsonrpc", PASSWORD.toString(), new Call("res.users", "search", "[[\"login\", \"=\", \"smoke\"]]", 1))
                .run(ENV, environments.get(ENV));
        assertThat(facts).containsEntry("via", "jsonrpc").containsEntry("res.users.search([[\"login\", \"=\", \"smoke\"]])", 1L);
        assertThat((Integer) facts.get("uid")).isGreaterThan(3);
    }

    @Test
    void anEnvironmentWithoutSmokeSettingsIsNotChecked() {
        assertThat(validation.run(Check.SMOKE, environments.target("it"), List.of())).containsEntry("configured", false);
    }
}
