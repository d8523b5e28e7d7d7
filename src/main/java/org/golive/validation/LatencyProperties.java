package org.golive.validation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.golive.config.GoliveProperties.Validation;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The latency probe of each environment, under {@code golive.validation.latency.<environment>.}: how many requests,
 * how many at once, to which paths, and the p95 they must stay under. What an environment leaves out comes from the
 * global {@code golive.validation.latency-*} settings; the path from {@code /web/login}.
 */
@ConfigurationProperties("golive.validation")
public record LatencyProperties(Map<String, Probe> latency) {

    static final List<String> DEFAULT_PATHS = List.of("/web/login");
    static final int MAX_CONCURRENCY = 500;

    public LatencyProperties {
        latency = latency == null ? Map.of() : Map.copyOf(latency);
    }

    /** The probe as it runs on that environment. */
    public Probe resolve(String environment, Validation global) {
        Probe own = latency.get(environment);
        Probe probe = new Probe(
                own == null || own.requests() == null ? global.latencyRequests() : own.requests(),
                own == null || own.concurrency() == null ? global.latencyConcurrency() : own.concurrency(),
                own == null || own.paths().isEmpty() ? DEFAULT_PATHS : own.paths(),
                own == null || own.p95Max() == null ? global.latencyP95Max() : own.p95Max());
        if (probe.concurrency() > probe.requests()) {
            throw new IllegalArgumentException("golive.validation.latency." + environment + ": concurrency " + probe.concurrency()
                    + " is more than the " + probe.requests() + " requests");
        }
        return probe;
    }

    /** One environment's probe; a component left out (null) takes the global setting. */
    public record Probe(Integer requests, Integer concurrency, List<String> paths, Duration p95Max) {

        public Probe {
            paths = paths == null ? List.of() : List.copyOf(paths);
            if (requests != null && requests < 1) {
                throw new IllegalArgumentException("latency requests must be at least 1, was " + requests);
            }
            if (concurrency != null && (concurrency < 1 || concurrency > MAX_CONCURRENCY)) {
                throw new IllegalArgumentException("latency concurrency must be 1 to " + MAX_CONCURRENCY + ", was " + concurrency);
            }
            for (String path : paths) {
                if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                    throw new IllegalArgumentException("latency path '" + path + "' must be a path on the Odoo URL, starting with one /");
                }
            }
            if (p95Max != null && (p95Max.isNegative() || p95Max.isZero())) {
                throw new IllegalArgumentException("latency p95-max must be positive, was " + p95Max);
            }
        }
    }
}
