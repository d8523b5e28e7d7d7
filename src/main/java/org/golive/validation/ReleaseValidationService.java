package org.golive.validation;

import org.golive.odoo.OdooHttpProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.golive.config.Target;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.TargetDatabases;
import org.golive.odoo.ModuleStates;
import org.golive.odoo.ModuleStates.ModuleState;
import org.golive.step.StepFailedException;
import org.golive.odoo.OdooHttpProbe.Answer;
import org.springframework.stereotype.Service;

/**
 * The checks that decide whether a release works on its target, over HTTP as users reach Odoo and over SQL
 * where HTTP proves nothing. A check that measures a failure throws {@link StepFailedException} (a
 * {@link CheckFailedException} when what it measured feeds the rollback criteria); one that cannot reach Odoo
 * throws a technical exception and is retried.
 */
@Service
public class ReleaseValidationService {

    /** The checks, in the order the go-live runs them. */
    public enum Check {
        HEALTH, LOGIN, DATABASE_SELECTOR, WEBSOCKET, MODULES, CRONS, SMOKE, LATENCY, ASSETS, CSRF;

        public static Check parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("unknown validation check '" + name + "'; known: " + List.of(values()));
            }
        }
    }

    /** Latency facts: how many requests the probe sent, and how many failed (HTTP >= 400 or no answer). */
    public static final String FACT_REQUESTS = "requests";
    public static final String FACT_FAILURES = "failures";
    /** Modules facts: manifest modules Odoo left in the middle of an install, upgrade or removal. */
    public static final String FACT_INTERRUPTED_MODULES = "interruptedModules";
    /** The states Odoo leaves a module in when an {@code -i}/{@code -u}/uninstall did not finish. */
    public static final Set<String> INTERRUPTED_STATES = Set.of("to install", "to upgrade", "to remove");

    private final OdooHttpProbe probe;
    private final ModuleStates moduleStates;
    private final TargetDatabases databases;
    private final GoliveProperties.Validation settings;
    private final LatencyCheck latency;
    private final SmokeCalls smoke;
    private final WebChecks web;

    public ReleaseValidationService(OdooHttpProbe probe, ModuleStates moduleStates, TargetDatabases databases,
                                    GoliveProperties properties, LatencyCheck latency, SmokeCalls smoke, WebChecks web) {
        this.web = web;
        this.latency = latency;
        this.probe = probe;
        this.moduleStates = moduleStates;
        this.databases = databases;
        this.settings = properties.validation();
        this.smoke = smoke;
    }

    /** Runs one check and returns what it measured. */
    public Map<String, Object> run(Check check, Target environment, List<String> modules) {
        TargetEnvironment target = environment.settings();
        return switch (check) {
            case HEALTH -> health(target);
            case LOGIN -> login(target);
            case DATABASE_SELECTOR -> expectStatus(probe.get(target.odooUrl(), "/web/database/selector"), List.of(200));
            case WEBSOCKET -> Map.of("handshakeMillis", probe.websocketHandshake(target.odooUrl()).toMillis());
            case MODULES -> modules(environment, modules);
            case CRONS -> crons(environment);
            case SMOKE -> smoke.run(environment.name(), target);
            case LATENCY -> latency.run(environment.name(), target.odooUrl());
            case ASSETS -> web.assets(target);
            case CSRF -> web.csrf(target);
        };
    }

    private Map<String, Object> health(TargetEnvironment target) {
        Answer answer = probe.get(target.odooUrl(), "/web/health");
        Map<String, Object> facts = expectStatus(answer, List.of(200));
        String status = probe.jsonBody(answer).path("status").asText();
        if (!"pass".equals(status)) {
            throw new StepFailedException(answer.url() + " reports status '" + status + "'");
        }
        Answer database = probe.get(target.odooUrl(), "/web/health?db_server_status=1");
        if (database.status() != 200) {
            throw new StepFailedException(database.url() + " answered " + database.status() + ": Odoo cannot reach PostgreSQL");
        }
        facts.put("dbServerStatus", true);
        return facts;
    }

    private Map<String, Object> login(TargetEnvironment target) {
        Map<String, Object> facts = expectStatus(probe.get(target.odooUrl(), "/web/login"), List.of(200, 303));
        facts.putAll(prefix("withDb.", expectStatus(probe.get(target.odooUrl(), "/web/login?db=" + target.database().name()),
                List.of(200))));
        return facts;
    }

    private Map<String, Object> modules(Target environment, List<String> modules) {
        Map<String, ModuleState> states = moduleStates.read(environment, modules);
        List<String> missing = new ArrayList<>();
        List<String> interrupted = new ArrayList<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        for (ModuleState state : states.values()) {
            facts.put(state.name(), state.state() == null ? "unknown" : state.state() + " " + state.latestVersion());
            if (!state.installed()) {
                missing.add(state.name() + " (" + (state.state() == null ? "unknown to Odoo" : state.state()) + ")");
            }
            if (state.state() != null && INTERRUPTED_STATES.contains(state.state())) {
                interrupted.add(state.name() + " (" + state.state() + ")");
            }
        }
        if (!missing.isEmpty()) {
            facts.put(FACT_INTERRUPTED_MODULES, String.join(", ", interrupted));
            throw new CheckFailedException("modules not installed: " + String.join(", ", missing), facts);
        }
        return facts;
    }

    private Map<String, Object> crons(Target environment) {
        Instant stalledBefore = Instant.now().minus(settings.cronStalledAfter());
        List<String> stalled = new ArrayList<>();
        int active = 0;
        try (Connection connection = databases.connect(environment);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT cron_name::text, nextcall FROM ir_cron WHERE active ORDER BY nextcall")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    active++;
                    Timestamp nextcall = rows.getTimestamp(2);
                    if (nextcall != null && nextcall.toInstant().isBefore(stalledBefore)) {
                        stalled.add(rows.getString(1) + " (next call " + nextcall + ")");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read ir_cron of " + environment + ": " + e.getMessage(), e);
        }
        if (!stalled.isEmpty()) {
            throw new StepFailedException("stalled scheduled actions: " + String.join(", ", stalled));
        }
        return Map.of("activeCrons", active);
    }

    private static Map<String, Object> expectStatus(Answer answer, List<Integer> expected) {
        if (!expected.contains(answer.status())) {
            throw new StepFailedException(answer.url() + " answered " + answer.status() + ", expected " + expected
                    + ": " + OdooHttpProbe.abbreviate(answer.body()));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("url", answer.url());
        facts.put("status", answer.status());
        facts.put("millis", answer.took().toMillis());
        return facts;
    }

    private static Map<String, Object> prefix(String prefix, Map<String, Object> facts) {
        Map<String, Object> prefixed = new LinkedHashMap<>();
        facts.forEach((k, v) -> prefixed.put(prefix + k, v));
        return prefixed;
    }
}
