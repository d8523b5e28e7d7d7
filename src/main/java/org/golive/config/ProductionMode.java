package org.golive.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * golive runs in production mode unless the {@code sandbox} profile is on: then it starts only with an admin
 * password of its own, given as GOLIVE_ADMIN_PASSWORD or, better, as a file named by GOLIVE_ADMIN_PASSWORD_FILE
 * (a container secret), and creates no demo users. Checked before anything starts, so a refused start has created
 * no user with a default password.
 * <p>
 * With users and groups from LDAP ({@code golive.ldap.enabled}) there is no local admin to protect: the admins are a
 * directory group, and the identity service is read-only. Then no admin password is needed, in any profile, and the
 * Camunda starter's admin-user creation is switched off (it would call {@code newUser} on the read-only identity
 * service and stop the start).
 */
public class ProductionMode implements EnvironmentPostProcessor, Ordered {

    public static final String SANDBOX_PROFILE = "sandbox";
    static final String PASSWORD_PROPERTY = "golive.admin-password";
    static final String LDAP_PROPERTY = "golive.ldap.enabled";
    static final String ADMIN_USER_PROPERTY = "camunda.bpm.admin-user.id";
    static final int MIN_LENGTH = 12;
    private static final Set<String> DEFAULTS = Set.of("admin", "demo", "password", "changeme", "camunda");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // the same test as engine.LdapIdentity's @ConditionalOnProperty: LDAP on here means the LDAP plugin is wired there
        if ("true".equalsIgnoreCase(environment.getProperty(LDAP_PROPERTY, "false"))) {
            // the starter creates its admin only when this property is set and not "false" (@ConditionalOnProperty)
            environment.getPropertySources().addFirst(new MapPropertySource("golive-ldap-no-local-admin",
                    Map.of(ADMIN_USER_PROPERTY, "false")));
            return;
        }
        String password = environment.getProperty("GOLIVE_ADMIN_PASSWORD");
        String file = environment.getProperty("GOLIVE_ADMIN_PASSWORD_FILE");
        if (file != null && !file.isBlank()) {
            password = read(Path.of(file));
        }
        if (password != null && !password.isBlank()) {
            environment.getPropertySources().addFirst(new MapPropertySource("golive-admin-password", Map.of(PASSWORD_PROPERTY, password)));
        }
        if (environment.acceptsProfiles(Profiles.of(SANDBOX_PROFILE))) {
            return;
        }
        String problem = problem(environment.getProperty(PASSWORD_PROPERTY), environment.getProperty(ADMIN_USER_PROPERTY, "admin"));
        if (problem != null) {
            throw new IllegalStateException("golive refuses to start in production mode: the admin password " + problem
                    + ". Put a password of at least " + MIN_LENGTH + " characters in a file and name it in GOLIVE_ADMIN_PASSWORD_FILE"
                    + " (or set GOLIVE_ADMIN_PASSWORD); for a local trial with demo logins start with the sandbox profile"
                    + " (deploy/run.sh, or --spring.profiles.active=sandbox); with users from a directory set golive.ldap.enabled"
                    + " (docs/security.md).");
        }
    }

    /** What is wrong with the admin password, or null. */
    static String problem(String password, String adminId) {
        if (password == null || password.isBlank()) {
            return "is not set";
        }
        if (DEFAULTS.contains(password.toLowerCase(Locale.ROOT)) || password.equalsIgnoreCase(adminId)) {
            return "is a default password";
        }
        if (password.length() < MIN_LENGTH) {
            return "is shorter than " + MIN_LENGTH + " characters";
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("GOLIVE_ADMIN_PASSWORD_FILE: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int getOrder() {
        // after Spring Boot has read application.yaml and the active profiles
        return Ordered.LOWEST_PRECEDENCE;
    }
}
