package org.golive.readiness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.config.Environments;
import org.golive.odoo.OdooHttpProbe;
import org.golive.odoo.OdooHttpProbe.Latency;
import org.golive.readiness.StagingLoadProperties.Load;
import org.springframework.stereotype.Component;

/**
 * The staging load test (checklist 000 "Concurrent users: 100+ supported", 001 §8 50-200 users, p95 under 2 s): the
 * latency probe the validation runs after a deploy, sent at the target's configured concurrency to the staging
 * environment's Odoo before the target's window. Any failed request or a p95 above the bound fails; a staging Odoo
 * that cannot be reached at all is inconclusive (nothing was measured); an unconfigured target is inconclusive.
 */
@Component
public class StagingLoadGate {

    private final StagingLoadProperties properties;
    private final Environments environments;
    private final OdooHttpProbe probe;

    public StagingLoadGate(StagingLoadProperties properties, Environments environments, OdooHttpProbe probe) {
        this.properties = properties;
        this.environments = environments;
        this.probe = probe;
    }

    public GateResult check(GateRequest request) {
        String target = request.environment().name();
        Load load = properties.environments().get(target);
        if (load == null) {
            return GateResult.inconclusive("not configured: no golive.staging-load.environments." + target
                    + ".staging, so no load test of staging before this go-live", Map.of("checked", false));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("staging", load.staging());
        facts.put("concurrency", load.concurrency());
        facts.put("requestsPerPath", load.requests());
        facts.put("p95MaxMillis", load.p95Max().toMillis());
        if (!environments.exists(load.staging())) {
            return GateResult.fail("golive.staging-load.environments." + target + ".staging names '" + load.staging()
                    + "', which is not a configured environment", facts);
        }
        String url = environments.get(load.staging()).odooUrl();
        facts.put("stagingUrl", url);
        if (!probe.healthy(url)) {
            return GateResult.inconclusive("staging Odoo " + url + " is not healthy (/web/health): nothing to load-test", facts);
        }
        List<Latency> measured = new ArrayList<>();
        for (String path : load.paths()) {
            measured.add(probe.latency(url, path, load.requests(), load.concurrency()));
        }
        List<String> problems = new ArrayList<>();
        int requests = 0;
        int failures = 0;
        long worstP95 = 0;
        for (Latency latency : measured) {
            requests += latency.requests();
            failures += latency.failures();
            worstP95 = Math.max(worstP95, latency.p95().toMillis());
            facts.put(latency.url(), "p50 " + latency.p50().toMillis() + " ms, p95 " + latency.p95().toMillis() + " ms, max "
                    + latency.max().toMillis() + " ms, " + latency.failures() + " failed of " + latency.requests());
            if (latency.failures() > 0) {
                problems.add(latency.failures() + " of " + latency.requests() + " requests to " + latency.url() + " failed");
            }
            if (latency.p95().compareTo(load.p95Max()) > 0) {
                problems.add("p95 of " + latency.url() + " is " + latency.p95().toMillis() + " ms, above " + load.p95Max().toMillis() + " ms");
            }
        }
        facts.put("requests", requests);
        facts.put("failures", failures);
        facts.put("p95Millis", worstP95);
        if (!problems.isEmpty()) {
            return GateResult.fail("staging load at " + load.concurrency() + " concurrent: " + String.join("; ", problems), facts);
        }
        return GateResult.pass(requests + " requests to " + load.staging() + " at " + load.concurrency() + " concurrent, p95 "
                + worstP95 + " ms (at most " + load.p95Max().toMillis() + " ms), none failed", facts);
    }
}
