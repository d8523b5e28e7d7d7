package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.golive.readiness.ReadinessGateService;
import org.golive.readiness.StagingLoadGate;
import org.golive.readiness.StagingLoadProperties;
import org.golive.readiness.StagingLoadProperties.Load;
import org.golive.validation.CheckFailedException;
import org.golive.validation.ReleaseValidationService;
import org.golive.validation.ReleaseValidationService.Check;
import org.golive.validation.WebChecks;
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
 * The web-level checks against a stand-in Odoo of their own (environment 'web', database golive_it_web, container
 * golive-it-web-odoo): validation checks assets and csrf, and the readiness gate stagingLoad with 'web' as the
 * staging that takes the load. A plain HTTP server that is not Odoo ('webbare') is what the checks cannot judge.
 * The stand-in's test hooks (data_dir/standin-hooks) break a bundle or turn the login's CSRF check off.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebLevelChecksIT {

    static final String ENV = "web";
    static final String BARE = "webbare";
    static final String DB = "golive_it_web";
    static final Path DIR = Path.of("target/it-web").toAbsolutePath();
    static final Path HOOKS = DIR.resolve("data/standin-hooks");
    static final int PORT = OdooSecurityIT.freePort();
    static final int BARE_PORT = OdooSecurityIT.freePort();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        ItEnvironment.of(registry, ENV, "http://127.0.0.1:" + PORT, DB)
                .container("golive-it-web-odoo", "host").odooLogin(null).confAndData(DIR);
        ItEnvironment.of(registry, BARE, "http://127.0.0.1:" + BARE_PORT, "golive_it_webbare");
        String load = "golive.staging-load.environments." + ENV + ".";
        registry.add(load + "staging", () -> ENV);
        // 100 concurrent (the checklist's figure) overran the stand-in on this shared 2-core machine: p95 6.8 s in one
        // run, 85 of 400 requests failed in another; the gate judged both right, so the pass case runs at 20
        registry.add(load + "concurrency", () -> "20");
        registry.add(load + "requests", () -> "80");
        // the checklist's 2 s is the production bound; this 2-core machine, shared by the whole test stack, serves the
        // stand-in's 100 concurrent users far slower (p95 6.8 s measured), so the pass case allows it; the p95 rule
        // itself is shown by aP95AboveTheBoundFailsTheGate
        registry.add(load + "p95-max", () -> "30s");
    }

    @Autowired
    ReleaseValidationService validation;
    @Autowired
    ReadinessGateService gates;
    @Autowired
    Environments environments;
    @Autowired
    TargetDatabases databases;
    @Autowired
    ContainerService containers;
    @Autowired
    OdooHttpProbe probe;

    HttpServer notOdoo;

    @BeforeAll
    void start() throws Exception {
        StandinOdoo.start(environments, containers, databases, probe, ENV, DIR, PORT);
        notOdoo = HttpServer.create(new InetSocketAddress("127.0.0.1", BARE_PORT), 0);
        notOdoo.createContext("/", exchange -> {
            // a page without Odoo's bundles at /web/login, nothing else
            boolean login = exchange.getRequestURI().getPath().equals("/web/login") && exchange.getRequestMethod().equals("GET");
            byte[] body = "<html><head><link rel=\"stylesheet\" href=\"/site.css\"></head><body>hello</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(login ? 200 : 404, login ? body.length : -1);
            if (login) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        notOdoo.start();
    }

    @AfterAll
    void stop() throws Exception {
        notOdoo.stop(0);
        StandinOdoo.stop(environments, containers, databases, ENV);
    }

    @BeforeEach
    void noHooks() throws Exception {
        Files.createDirectories(HOOKS);
        Files.deleteIfExists(HOOKS.resolve("broken-asset"));
        Files.deleteIfExists(HOOKS.resolve("login-csrf-off"));
    }

    @Test
    void everyBundleAndIconOfTheLoginPageAnswersWithABody() {
        Map<String, Object> facts = validation.run(Check.ASSETS, environments.target(ENV), List.of());
        assertThat(facts).containsEntry("fetched", 4).containsEntry("bundles", 3).doesNotContainKey(WebChecks.FACT_INCONCLUSIVE);
        assertThat(facts.keySet()).anyMatch(k -> k.endsWith("/web.assets_frontend_lazy.min.js")).contains("/web/static/img/favicon.ico");
    }

    @Test
    void aBundleAnswering500FailsTheCheckNamingItsUrl() throws Exception {
        Files.writeString(HOOKS.resolve("broken-asset"), "web.assets_frontend_lazy");
        assertThatThrownBy(() -> validation.run(Check.ASSETS, environments.target(ENV), List.of()))
                .isInstanceOf(CheckFailedException.class)
                .hasMessageContaining("/web.assets_frontend_lazy.min.js answered 500")
                .hasMessageNotContaining("web.assets_frontend.min.css");
    }

    @Test
    void aLoginPageWithoutOdoosBundlesIsInconclusive() {
        Map<String, Object> facts = validation.run(Check.ASSETS, environments.target(BARE), List.of());
        assertThat((String) facts.get(WebChecks.FACT_INCONCLUSIVE)).contains("references no /web/assets/ bundle");
    }

    @Test
    void aLoginPostWithoutCsrfTokenIsRefusedAsOdooRefusesIt() {
        Map<String, Object> facts = validation.run(Check.CSRF, environments.target(ENV), List.of());
        assertThat(facts).containsEntry("status", 400).containsEntry("refusedAsOdoo", true);
        assertThat((String) facts.get("answer")).contains("Session expired (invalid CSRF token)");
    }

    @Test
    void aLoginFormThatAcceptsAPostWithoutTokenFailsTheCheck() throws Exception {
        Files.writeString(HOOKS.resolve("login-csrf-off"), "");
        assertThatThrownBy(() -> validation.run(Check.CSRF, environments.target(ENV), List.of()))
                .isInstanceOf(CheckFailedException.class).hasMessageContaining("without csrf_token was accepted (200)");
    }

    @Test
    void aServerWithoutLoginFormIsInconclusiveForCsrf() {
        Map<String, Object> facts = validation.run(Check.CSRF, environments.target(BARE), List.of());
        assertThat((String) facts.get(WebChecks.FACT_INCONCLUSIVE)).contains("answered 404 to a POST");
    }

    @Test
    void stagingTakesTheConfiguredConcurrentUsersWithinTheP95() {
        GateResult result = gates.check(Gate.stagingLoad, new GateRequest(environments.target(ENV), "golive/odoo", "18.0-1", "web-it"));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("requests", 80).containsEntry("failures", 0).containsEntry("concurrency", 20);
        System.out.println("stagingLoad: " + result.summary());
    }

    @Test
    void failingRequestsUnderLoadFailTheGate() throws Exception {
        Files.writeString(HOOKS.resolve("broken-asset"), "web.assets_frontend");
        String css = "/web/assets/1/x/web.assets_frontend.min.css";
        StagingLoadGate gate = new StagingLoadGate(new StagingLoadProperties(Map.of(ENV, new Load(ENV, 20, 40, List.of(css), Duration.ofSeconds(2)))),
                environments, probe);
        GateResult result = gate.check(new GateRequest(environments.target(ENV), "golive/odoo", "18.0-1", "web-it"));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("40 of 40 requests to http://127.0.0.1:" + PORT + css + " failed");
    }

    @Test
    void aP95AboveTheBoundFailsTheGate() {
        StagingLoadGate gate = new StagingLoadGate(new StagingLoadProperties(Map.of(ENV, new Load(ENV, 10, 20, List.of(), Duration.ofNanos(1000)))),
                environments, probe);
        GateResult result = gate.check(new GateRequest(environments.target(ENV), "golive/odoo", "18.0-1", "web-it"));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("p95 of http://127.0.0.1:" + PORT + "/web/login is").contains("above 0 ms");
    }

    @Test
    void aStagingThatIsNotOdooOrATargetWithoutSettingsIsInconclusive() {
        StagingLoadGate gate = new StagingLoadGate(new StagingLoadProperties(Map.of(BARE, new Load(BARE, 5, 10, List.of(), Duration.ofSeconds(2)))),
                environments, probe);
        GateResult bare = gate.check(new GateRequest(environments.target(BARE), "golive/odoo", "18.0-1", "web-it"));
        assertThat(bare.status()).as(bare.summary()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(bare.summary()).contains("is not healthy");
        GateResult unconfigured = gates.check(Gate.stagingLoad, new GateRequest(environments.target(BARE), "golive/odoo", "18.0-1", "web-it"));
        assertThat(unconfigured.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(unconfigured.summary()).startsWith("not configured");
    }
}
