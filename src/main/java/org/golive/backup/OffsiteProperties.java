package org.golive.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.golive.config.GoliveProperties.Ssh;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a completed go-live's backup is copied off the host, per environment under
 * {@code golive.backups.offsite.<environment>.}; an environment without an entry keeps its backups on the host only.
 */
@ConfigurationProperties("golive.backups")
public record OffsiteProperties(Map<String, Destination> offsite) {

    public OffsiteProperties {
        offsite = offsite == null ? Map.of() : Map.copyOf(offsite);
    }

    public Optional<Destination> of(String environment) {
        return Optional.ofNullable(offsite.get(environment));
    }

    /**
     * An SFTP login (key file and known_hosts as for every SSH login of golive) and the directory the backups go to;
     * each backup lands in {@code directory/<backup id>/}.
     */
    public record Destination(
            String host,
            @DefaultValue("22") int port,
            String user,
            Path privateKeyFile,
            Path knownHostsFile,
            String directory,
            @DefaultValue("10m") Duration timeout) {

        public Destination {
            List<String> missing = new ArrayList<>();
            if (directory == null || !directory.startsWith("/")) {
                missing.add("directory (an absolute path on the off-site host)");
            }
            if (port < 1 || port > 65535) {
                missing.add("port (1-65535)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("golive.backups.offsite needs " + String.join(", ", missing));
            }
            // host, user, key and known_hosts: refused by the Ssh record, naming what is missing
            new Ssh(host, port, user, privateKeyFile, knownHostsFile, timeout);
        }

        public Ssh ssh() {
            return new Ssh(host, port, user, privateKeyFile, knownHostsFile, timeout);
        }

        /** user@host:port:directory, what the evidence shows (never the key). */
        public String describe() {
            return user + "@" + host + ":" + port + ":" + directory;
        }
    }
}
