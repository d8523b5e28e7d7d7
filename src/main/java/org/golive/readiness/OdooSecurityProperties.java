package org.golive.readiness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The readiness gate {@code odooSecurity}, per environment under {@code golive.odoo-security.environments.<name>.}.
 * An environment without an entry is not checked (the gate passes and says so).
 */
@ConfigurationProperties("golive.odoo-security")
public record OdooSecurityProperties(Map<String, Settings> environments) {

    public OdooSecurityProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    /**
     * @param adminLogin          the login tried with the weak passwords
     * @param weakPasswords       passwords that must be refused for it; the database name is always tried too
     * @param maxSystemUsers      most active users allowed in base.group_system (Settings)
     * @param require2fa          true: an internal user without 2FA (auth_totp) fails the gate; false: listed only
     * @param apiKeyMaxAge        API keys created longer ago fail the gate
     * @param attachmentLocation  {@code file} (filestore) or {@code db}: where the attachments must be
     * @param mailServerRequired  an active ir_mail_server must exist and accept a handshake
     * @param smtpTlsRequired     the mail server must use STARTTLS or SSL (smtp_encryption not {@code none})
     * @param smtpTrustedCertificates PEM file of the CA certificates the mail server's must chain to; none: the JVM's
     * @param smtpTimeout         connect and read timeout of the SMTP handshake
     * @param auditlogRequired    OCA auditlog must be installed with at least one subscribed rule
     * @param queueJobMaxBacklog  most queue_job jobs waiting (pending, enqueued, started, wait_dependencies)
     */
    public record Settings(
            @DefaultValue("admin") String adminLogin,
            @DefaultValue("admin") List<String> weakPasswords,
            @DefaultValue("3") int maxSystemUsers,
            @DefaultValue("false") boolean require2fa,
            @DefaultValue("90d") Duration apiKeyMaxAge,
            @DefaultValue("file") String attachmentLocation,
            @DefaultValue("true") boolean mailServerRequired,
            @DefaultValue("true") boolean smtpTlsRequired,
            Path smtpTrustedCertificates,
            @DefaultValue("10s") Duration smtpTimeout,
            @DefaultValue("false") boolean auditlogRequired,
            @DefaultValue("1000") int queueJobMaxBacklog) {

        public Settings {
            weakPasswords = weakPasswords == null ? List.of() : List.copyOf(weakPasswords);
            if (adminLogin == null || adminLogin.isBlank()) {
                throw new IllegalArgumentException("golive.odoo-security: admin-login must not be empty");
            }
            if (maxSystemUsers < 1) {
                throw new IllegalArgumentException("golive.odoo-security: max-system-users must be at least 1, was " + maxSystemUsers);
            }
            if (!Set.of("file", "db").contains(attachmentLocation)) {
                throw new IllegalArgumentException("golive.odoo-security: attachment-location must be file or db, was '"
                        + attachmentLocation + "'");
            }
            if (apiKeyMaxAge == null || apiKeyMaxAge.isNegative() || apiKeyMaxAge.isZero()) {
                throw new IllegalArgumentException("golive.odoo-security: api-key-max-age must be positive");
            }
            if (queueJobMaxBacklog < 0) {
                throw new IllegalArgumentException("golive.odoo-security: queue-job-max-backlog must not be negative");
            }
        }
    }
}
