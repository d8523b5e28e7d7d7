package org.golive.readiness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.golive.config.Target;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.TargetDatabases;
import org.golive.odoo.OdooRpc;
import org.golive.odoo.SmtpHandshake;
import org.golive.odoo.XmlRpc;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.OdooSecurityProperties.Settings;
import org.golive.readiness.OdooSecuritySql.MailServer;
import org.springframework.stereotype.Component;

/**
 * Odoo's own security settings (checklist 001 §6): weak admin passwords refused over XML-RPC, few Settings
 * users, 2FA, API key age, attachment storage, a mail server that accepts a TLS handshake, auditlog, queue_job
 * backlog. Each check has its own pass/fail/inconclusive in the facts; the gate fails when one fails, and is
 * inconclusive when none fails but one could not be judged.
 */
@Component
public class OdooSecurityGate {

    /** The checks, in the order they run; the names are the keys of their facts. */
    public static final List<String> CHECKS = List.of("adminPassword", "systemUsers", "twoFactor", "apiKeys", "attachments",
            "mailServer", "auditlog", "queueJob");

    private final TargetDatabases databases;
    private final OdooRpc rpc;
    private final OdooSecurityProperties properties;

    public OdooSecurityGate(TargetDatabases databases, OdooRpc rpc, OdooSecurityProperties properties) {
        this.databases = databases;
        this.rpc = rpc;
        this.properties = properties;
    }

    public GateResult check(GateRequest request) {
        String environment = request.environment().name();
        Settings settings = properties.environments().get(environment);
        if (settings == null) {
            // nothing checked is not a pass: the lead decides on it in the gate review, by name and with a reason
            return GateResult.inconclusive("not configured: no Odoo security checks configured for " + environment
                    + " (golive.odoo-security.environments." + environment + ")", Map.of("configured", false));
        }
        Map<String, GateResult> results = checkAll(request.environment(), settings);
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        List<String> inconclusive = new ArrayList<>();
        results.forEach((name, result) -> {
            facts.put(name, result.status().value() + ": " + result.summary());
            result.facts().forEach((key, value) -> facts.put(name + "." + key, value));
            (result.status() == Status.FAIL ? failed : result.status() == Status.INCONCLUSIVE ? inconclusive : new ArrayList<String>())
                    .add(name + " (" + result.summary() + ")");
        });
        if (!failed.isEmpty()) {
            return GateResult.fail("Odoo security: " + String.join("; ", failed), facts);
        }
        if (!inconclusive.isEmpty()) {
            return GateResult.inconclusive("Odoo security could not be judged: " + String.join("; ", inconclusive), facts);
        }
        return GateResult.pass("Odoo security: all " + results.size() + " checks passed", facts);
    }

    /** Every check's own result; a database that cannot be reached is a technical fault, retried by the step. */
    public Map<String, GateResult> checkAll(Target environment, Settings settings) {
        TargetEnvironment target = environment.settings();
        Map<String, GateResult> results = new LinkedHashMap<>();
        results.put("adminPassword", adminPassword(target, settings));
        try (Connection connection = databases.connect(environment)) {
            OdooSecuritySql sql = new OdooSecuritySql(connection, settings);
            results.put("systemUsers", sql.systemUsers());
            results.put("twoFactor", sql.twoFactor());
            results.put("apiKeys", sql.apiKeys());
            results.put("attachments", sql.attachments());
            results.put("mailServer", mailServer(sql, settings));
            results.put("auditlog", sql.auditlog());
            results.put("queueJob", sql.queueJob());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the Odoo database of " + environment + ": " + e.getMessage(), e);
        }
        return results;
    }

    /** Odoo answers False to refused credentials; a uid means the weak password works. */
    GateResult adminPassword(TargetEnvironment target, Settings settings) {
        String database = target.database().name();
        Set<String> candidates = new LinkedHashSet<>(settings.weakPasswords());
        candidates.add(database);
        List<String> accepted = new ArrayList<>();
        try {
            for (String password : candidates) {
                if (rpc.authenticate(target.odooUrl(), database, settings.adminLogin(), password) != null) {
                    // evidence names the kind of password, never one a person chose
                    accepted.add(password.equals(database) ? "the database name" : "'" + password + "'");
                }
            }
        } catch (OdooRpc.EndpointMissingException e) {
            return GateResult.inconclusive("XML-RPC common.authenticate not available: " + e.getMessage(), Map.of());
        } catch (XmlRpc.Fault e) {
            return GateResult.inconclusive("common.authenticate raised fault " + e.code() + ": " + e.getMessage(), Map.of());
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("login", settings.adminLogin());
        facts.put("passwordsTried", candidates.size());
        if (!accepted.isEmpty()) {
            return GateResult.fail(settings.adminLogin() + " logs in over XML-RPC with " + String.join(" and ", accepted), facts);
        }
        return GateResult.pass(settings.adminLogin() + " refused with " + candidates.size() + " weak password(s)", facts);
    }

    private static GateResult mailServer(OdooSecuritySql sql, Settings settings) throws SQLException {
        GateResult missing = sql.requireTables("ir_mail_server");
        if (missing == null && !sql.columnExists("ir_mail_server", "smtp_encryption")) {
            missing = GateResult.inconclusive("ir_mail_server has no column smtp_encryption", Map.of());
        }
        if (missing != null) {
            return settings.mailServerRequired() ? missing : GateResult.pass("mail server not required", Map.of());
        }
        MailServer server = sql.mailServer();
        if (server == null) {
            return settings.mailServerRequired() ? GateResult.fail("no active outgoing mail server (ir_mail_server)", Map.of())
                    : GateResult.pass("no active outgoing mail server, and none required", Map.of());
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("server", server.name());
        facts.put("host", server.host() + ":" + server.port());
        facts.put("encryption", server.encryption());
        if (settings.smtpTlsRequired() && !"starttls".equals(server.encryption()) && !"ssl".equals(server.encryption())) {
            return GateResult.fail("mail server " + server.name() + " sends without TLS (smtp_encryption "
                    + server.encryption() + ")", facts);
        }
        try {
            SmtpHandshake.Result handshake = SmtpHandshake.run(server.host(), server.port(), server.encryption(),
                    settings.smtpTrustedCertificates(), settings.smtpTimeout());
            facts.put("tlsProtocol", handshake.tlsProtocol());
            facts.put("millis", handshake.millis());
            return GateResult.pass("mail server " + server.name() + " (" + server.host() + ":" + server.port()
                    + ") accepted EHLO" + (handshake.tlsProtocol() == null ? "" : " and " + handshake.tlsProtocol()), facts);
        } catch (IOException | UncheckedIOException e) {
            facts.put("error", e.getMessage());
            return GateResult.fail("SMTP handshake with " + server.name() + " (" + server.host() + ":" + server.port()
                    + ") failed: " + e.getMessage(), facts);
        }
    }
}
