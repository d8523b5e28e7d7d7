package org.golive.readiness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.golive.readiness.OdooSecurityProperties.Settings;

/**
 * The security facts Odoo keeps in its tables, read over one connection and judged against the environment's
 * settings. A table or column that is not there gives INCONCLUSIVE: an Odoo without it cannot be judged.
 */
final class OdooSecuritySql extends OdooTables {

    private static final String WAITING_JOBS = "('pending', 'enqueued', 'started', 'wait_dependencies')";

    private final Settings settings;

    OdooSecuritySql(Connection connection, Settings settings) {
        super(connection);
        this.settings = settings;
    }

    GateResult systemUsers() throws SQLException {
        GateResult missing = requireTables("res_users", "res_groups_users_rel", "ir_model_data");
        if (missing != null) {
            return missing;
        }
        List<String> logins = groupMembers("base", "group_system", false);
        Map<String, Object> facts = facts("systemUsers", String.join(", ", logins));
        facts.put("maxSystemUsers", settings.maxSystemUsers());
        String found = logins.size() + " active user(s) in base.group_system (" + String.join(", ", logins) + ")";
        return logins.size() > settings.maxSystemUsers()
                ? GateResult.fail(found + ", more than " + settings.maxSystemUsers(), facts)
                : GateResult.pass(found, facts);
    }

    GateResult twoFactor() throws SQLException {
        GateResult missing = requireTables("ir_module_module", "res_users");
        if (missing != null) {
            return missing;
        }
        boolean totp = installed("auth_totp");
        if (totp && !columnExists("res_users", "totp_secret")) {
            return GateResult.inconclusive("auth_totp is installed but res_users.totp_secret is not there", Map.of());
        }
        // 'false' counts as unset, as in auth_totp's own search for users without 2FA
        List<String> without = strings("SELECT login FROM res_users WHERE active AND NOT share"
                + (totp ? " AND (totp_secret IS NULL OR totp_secret IN ('', 'false'))" : "") + " ORDER BY login");
        Map<String, Object> facts = facts("authTotpInstalled", totp);
        facts.put("internalUsersWithout2fa", String.join(", ", without));
        String found = (totp ? "" : "auth_totp not installed: ") + without.size() + " internal user(s) without 2FA"
                + (without.isEmpty() ? "" : " (" + String.join(", ", without) + ")");
        return settings.require2fa() && !without.isEmpty() ? GateResult.fail(found + "; 2FA is required", facts)
                : GateResult.pass(found, facts);
    }

    GateResult apiKeys() throws SQLException {
        GateResult missing = requireTables("res_users_apikeys", "res_users");
        if (missing != null) {
            return missing;
        }
        Instant before = Instant.now().minus(settings.apiKeyMaxAge());
        List<String> old = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT k.name, u.login, k.create_date FROM res_users_apikeys k"
                + " JOIN res_users u ON u.id = k.user_id WHERE k.create_date < ? ORDER BY k.create_date")) {
            query.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    old.add("'" + rows.getString(1) + "' of " + rows.getString(2) + " (created " + rows.getTimestamp(3) + ")");
                }
            }
        }
        Map<String, Object> facts = facts("apiKeysOlderThanMax", String.join(", ", old));
        facts.put("apiKeyMaxAgeDays", settings.apiKeyMaxAge().toDays());
        return old.isEmpty() ? GateResult.pass("no API key older than " + settings.apiKeyMaxAge().toDays() + " days", facts)
                : GateResult.fail(old.size() + " API key(s) older than " + settings.apiKeyMaxAge().toDays() + " days: "
                        + String.join(", ", old), facts);
    }

    GateResult attachments() throws SQLException {
        GateResult missing = requireTables("ir_attachment", "ir_config_parameter");
        if (missing == null && !columnExists("ir_attachment", "db_datas")) {
            missing = GateResult.inconclusive("ir_attachment has no column db_datas", Map.of());
        }
        if (missing != null) {
            return missing;
        }
        List<String> parameter = strings("SELECT value FROM ir_config_parameter WHERE key = 'ir_attachment.location'");
        // Odoo stores in the filestore unless the parameter says db
        String location = parameter.isEmpty() ? "file" : parameter.get(0).strip();
        long inDatabase = number("SELECT count(*) FROM ir_attachment WHERE db_datas IS NOT NULL AND store_fname IS NULL");
        long inFilestore = number("SELECT count(*) FROM ir_attachment WHERE store_fname IS NOT NULL");
        Map<String, Object> facts = facts("irAttachmentLocation", location);
        facts.put("expectedLocation", settings.attachmentLocation());
        facts.put("attachmentsInDatabase", inDatabase);
        facts.put("attachmentsInFilestore", inFilestore);
        String found = "ir_attachment.location " + location + ", " + inDatabase + " attachment(s) in the database, "
                + inFilestore + " in the filestore";
        boolean expectFile = "file".equals(settings.attachmentLocation());
        boolean ok = expectFile ? !"db".equals(location) && inDatabase == 0 : "db".equals(location);
        return ok ? GateResult.pass(found, facts)
                : GateResult.fail(found + "; the environment expects " + settings.attachmentLocation(), facts);
    }

    GateResult auditlog() throws SQLException {
        if (!settings.auditlogRequired()) {
            return GateResult.pass("auditlog not required on this environment", Map.of());
        }
        GateResult missing = requireTables("ir_module_module");
        if (missing != null) {
            return missing;
        }
        if (!installed("auditlog")) {
            return GateResult.fail("auditlog is required but not installed", Map.of("auditlogInstalled", false));
        }
        missing = requireTables("auditlog_rule");
        if (missing != null) {
            return missing;
        }
        long rules = number("SELECT count(*) FROM auditlog_rule WHERE state = 'subscribed'");
        Map<String, Object> facts = facts("auditlogInstalled", true);
        facts.put("subscribedRules", rules);
        return rules > 0 ? GateResult.pass("auditlog installed with " + rules + " subscribed rule(s)", facts)
                : GateResult.fail("auditlog installed but no rule is subscribed", facts);
    }

    GateResult queueJob() throws SQLException {
        GateResult missing = requireTables("ir_module_module");
        if (missing != null) {
            return missing;
        }
        if (!installed("queue_job")) {
            return GateResult.pass("queue_job not installed", Map.of("queueJobInstalled", false));
        }
        missing = requireTables("queue_job");
        if (missing != null) {
            return missing;
        }
        long waiting = number("SELECT count(*) FROM queue_job WHERE state IN " + WAITING_JOBS);
        long failed = number("SELECT count(*) FROM queue_job WHERE state = 'failed'");
        Map<String, Object> facts = facts("queueJobBacklog", waiting);
        facts.put("queueJobFailed", failed);
        facts.put("queueJobMaxBacklog", settings.queueJobMaxBacklog());
        String found = waiting + " job(s) waiting, " + failed + " failed";
        return waiting > settings.queueJobMaxBacklog()
                ? GateResult.fail(found + ": backlog above " + settings.queueJobMaxBacklog(), facts)
                : GateResult.pass(found, facts);
    }

    /** The active outgoing mail server Odoo uses first (lowest sequence), or null. */
    MailServer mailServer() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT name, smtp_host, smtp_port, smtp_encryption"
                + " FROM ir_mail_server WHERE active ORDER BY sequence, id LIMIT 1");
             ResultSet row = query.executeQuery()) {
            return row.next() ? new MailServer(row.getString(1), row.getString(2), row.getInt(3), row.getString(4)) : null;
        }
    }

    record MailServer(String name, String host, int port, String encryption) {
    }
}
