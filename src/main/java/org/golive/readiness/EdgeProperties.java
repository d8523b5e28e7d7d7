package org.golive.readiness;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.golive.config.GoliveProperties.Ssh;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the edge gates check per environment, under {@code golive.edge.environments.<name>.}: the public URL users
 * reach (TLS, redirect, headers, cookie, CORS, DNS) and, when {@code proxy} is set, the reverse proxy's own
 * configuration read over SSH. An environment without an entry is not checked, and its gates say so.
 */
@ConfigurationProperties("golive.edge")
public record EdgeProperties(Map<String, Edge> environments) {

    public EdgeProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    /**
     * @param publicUrl          the HTTPS address users reach, e.g. {@code https://erp.example.com}
     * @param httpUrl            the plain-HTTP address that must redirect to HTTPS; default: the public host on port 80
     * @param minCertificateDays the certificate must stay valid at least this many more days
     * @param caFile             PEM certificates trusted besides the JDK's (a private CA); none: the JDK's only
     * @param expectedAddresses  the addresses the public host must resolve to; empty: it must resolve at all
     * @param minHstsMaxAge      the smallest {@code Strict-Transport-Security max-age} accepted
     * @param timeout            connect and read timeout of each request
     * @param proxy              the reverse proxy's configuration check; none: not checked
     */
    public record Edge(
            URI publicUrl,
            URI httpUrl,
            @DefaultValue("21") int minCertificateDays,
            Path caFile,
            List<String> expectedAddresses,
            @DefaultValue("180d") Duration minHstsMaxAge,
            @DefaultValue("10s") Duration timeout,
            Proxy proxy) {

        public Edge {
            expectedAddresses = expectedAddresses == null ? List.of() : List.copyOf(expectedAddresses);
            List<String> problems = new ArrayList<>();
            if (publicUrl == null || !"https".equalsIgnoreCase(publicUrl.getScheme()) || publicUrl.getHost() == null) {
                problems.add("public-url must be an https:// address with a host, was " + publicUrl);
            }
            if (httpUrl != null && !"http".equalsIgnoreCase(httpUrl.getScheme())) {
                problems.add("http-url must be an http:// address, was " + httpUrl);
            }
            if (minCertificateDays < 0) {
                problems.add("min-certificate-days must not be negative, was " + minCertificateDays);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }

        /** Where plain HTTP is expected to answer with a redirect. */
        public URI plainHttpUrl() {
            return httpUrl != null ? httpUrl : URI.create("http://" + publicUrl.getRawAuthority().replaceFirst(":\\d+$", ""));
        }
    }

    /**
     * The reverse proxy in front of Odoo, read with {@code command} (default {@code nginx -T}: the configuration as
     * nginx loads it) over {@code ssh}, or over the environment's maintenance login when {@code ssh} is not set.
     *
     * @param geventPort           the port of Odoo's gevent worker, where {@code /websocket} must go
     * @param limitTimeReal        Odoo's {@code limit_time_real}; {@code proxy_read_timeout} must be at least this
     * @param minClientMaxBodySize the smallest upload limit accepted (nginx's own default is 1 MB)
     * @param requireLimitReq      whether a {@code limit_req} must guard the site
     */
    public record Proxy(
            Ssh ssh,
            @DefaultValue({"nginx", "-T"}) List<String> command,
            @DefaultValue("8072") int geventPort,
            @DefaultValue("120s") Duration limitTimeReal,
            @DefaultValue("10MB") DataSize minClientMaxBodySize,
            @DefaultValue("true") boolean requireLimitReq) {

        public Proxy {
            command = command == null || command.isEmpty() ? List.of("nginx", "-T") : List.copyOf(command);
        }
    }
}
