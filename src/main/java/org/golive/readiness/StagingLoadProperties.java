package org.golive.readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The staging load test of each target environment, under {@code golive.staging-load.environments.<target>.}: before
 * the target's window, the readiness gate {@code stagingLoad} sends the latency probe at high concurrency to the
 * staging environment's Odoo (checklist 000: 100+ concurrent users, p95 under 2 s). A target without an entry is not
 * load-tested, and the gate says so (inconclusive).
 */
@ConfigurationProperties("golive.staging-load")
public record StagingLoadProperties(Map<String, Load> environments) {

    static final int MAX_CONCURRENCY = 500;

    public StagingLoadProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    /**
     * @param staging     the golive environment whose {@code odoo-url} takes the load (required), e.g. {@code staging}
     * @param concurrency requests in flight at once, 1 to 500
     * @param requests    requests per path, at least the concurrency
     * @param paths       paths on the staging Odoo, each starting with one {@code /}
     * @param p95Max      the p95 latency each path must stay at or under
     */
    public record Load(String staging, @DefaultValue("100") int concurrency, @DefaultValue("400") int requests,
                       @DefaultValue("/web/login") List<String> paths, @DefaultValue("2s") Duration p95Max) {

        public Load {
            paths = paths == null || paths.isEmpty() ? List.of("/web/login") : List.copyOf(paths);
            List<String> problems = new ArrayList<>();
            if (staging == null || staging.isBlank()) {
                problems.add("staging must name the environment that takes the load");
            }
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                problems.add("concurrency must be 1 to " + MAX_CONCURRENCY + ", was " + concurrency);
            }
            if (requests < concurrency) {
                problems.add("requests (" + requests + ") must be at least the concurrency (" + concurrency + ")");
            }
            for (String path : paths) {
                if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                    problems.add("path '" + path + "' must be a path on the Odoo URL, starting with one /");
                }
            }
            if (p95Max == null || p95Max.isNegative() || p95Max.isZero()) {
                problems.add("p95-max must be positive, was " + p95Max);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("golive.staging-load: " + String.join("; ", problems));
            }
        }
    }
}
