package org.golive.config;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Objects;

import org.golive.config.GoliveProperties.TargetEnvironment;

/**
 * A target environment resolved once by name ({@link Environments#target}): callers pass it down instead of
 * looking the name up again in every method. It carries settings only; secrets are read when used.
 */
public record Target(String name, TargetEnvironment settings) {

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings of environment '" + name + "'");
    }

    /** The database password, read when needed so that it never travels through process variables. */
    public String databasePassword() {
        GoliveProperties.Database database = settings.database();
        if (database.passwordEnv() != null && !database.passwordEnv().isBlank()) {
            String value = System.getenv(database.passwordEnv());
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        if (database.passwordFile() != null) {
            try {
                return Files.readString(database.passwordFile()).strip();
            } catch (IOException e) {
                throw new IllegalStateException("environment '" + name + "': cannot read database password file "
                        + database.passwordFile() + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("environment '" + name + "': no database password; set the variable "
                + database.passwordEnv() + " or golive.environments." + name + ".database.password-file");
    }

    /** The name: what messages and logs show of an environment (never its settings). */
    @Override
    public String toString() {
        return name;
    }
}
