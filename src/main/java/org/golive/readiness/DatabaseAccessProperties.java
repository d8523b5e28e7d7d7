package org.golive.readiness;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gate {@code databaseAccess} holds an environment to, under
 * {@code golive.readiness.database-access.<environment>.}; an environment without an entry gets the defaults (its
 * pg_hba rules are still read).
 */
@ConfigurationProperties("golive.readiness")
public record DatabaseAccessProperties(Map<String, Access> databaseAccess) {

    public DatabaseAccessProperties {
        databaseAccess = databaseAccess == null ? Map.of() : Map.copyOf(databaseAccess);
    }

    public Access of(String environment) {
        return databaseAccess.getOrDefault(environment, Access.DEFAULTS);
    }

    /**
     * @param requireTls   connections to the database must use TLS: {@code ssl} off or a {@code hostnossl} rule that
     *                     accepts fails the gate
     * @param mustBeClosed {@code host:port} pairs golive must not be able to open a TCP connection to (the database
     *                     port from outside its private network, an admin port): one that accepts fails the gate
     * @param probeTimeout how long one probe waits for a connection; no answer by then counts as closed (filtered)
     */
    public record Access(
            @DefaultValue("false") boolean requireTls,
            List<String> mustBeClosed,
            @DefaultValue("2s") Duration probeTimeout) {

        static final Access DEFAULTS = new Access(false, List.of(), Duration.ofSeconds(2));

        public Access {
            mustBeClosed = mustBeClosed == null ? List.of() : List.copyOf(mustBeClosed);
            for (String endpoint : mustBeClosed) {
                HostPort.parse(endpoint);
            }
            if (probeTimeout == null || probeTimeout.isNegative() || probeTimeout.isZero()) {
                throw new IllegalArgumentException("database-access probe-timeout must be positive, was " + probeTimeout);
            }
        }
    }

    /** One {@code host:port} (an IPv6 address in brackets: {@code [::1]:5432}). */
    public record HostPort(String host, int port) {

        public static HostPort parse(String text) {
            String value = text == null ? "" : text.strip();
            int colon = value.lastIndexOf(':');
            String host = colon < 0 ? "" : value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("database-access must-be-closed: '" + text + "' is not host:port");
            }
            return new HostPort(host, port);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
