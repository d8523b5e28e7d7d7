package org.golive.validation;

import static org.golive.validation.ReleaseValidationService.FACT_FAILURES;
import static org.golive.validation.ReleaseValidationService.FACT_REQUESTS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.config.GoliveProperties;
import org.golive.odoo.OdooHttpProbe;
import org.golive.odoo.OdooHttpProbe.Latency;
import org.golive.validation.LatencyProperties.Probe;
import org.springframework.stereotype.Component;

/**
 * The latency check with the environment's probe: each path gets the configured requests at the configured
 * concurrency. The top-level facts are the worst path's (what the rollback criteria read); each path's own numbers
 * are recorded beside them.
 */
@Component
public class LatencyCheck {

    private final OdooHttpProbe probe;
    private final LatencyProperties properties;
    private final GoliveProperties.Validation global;

    public LatencyCheck(OdooHttpProbe probe, LatencyProperties properties, GoliveProperties golive) {
        this.probe = probe;
        this.properties = properties;
        this.global = golive.validation();
    }

    public Map<String, Object> run(String environment, String odooUrl) {
        Probe settings = properties.resolve(environment, global);
        List<Latency> measured = new ArrayList<>();
        for (String path : settings.paths()) {
            measured.add(probe.latency(odooUrl, path, settings.requests(), settings.concurrency()));
        }
        Latency worst = measured.stream().max((a, b) -> a.p95().compareTo(b.p95())).orElseThrow();
        int requests = measured.stream().mapToInt(Latency::requests).sum();
        int failures = measured.stream().mapToInt(Latency::failures).sum();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(FACT_REQUESTS, requests);
        facts.put("concurrency", settings.concurrency());
        facts.put("paths", String.join(", ", settings.paths()));
        facts.put("p50Millis", worst.p50().toMillis());
        facts.put("p95Millis", worst.p95().toMillis());
        facts.put("maxMillis", measured.stream().map(Latency::max).max(Duration::compareTo).orElseThrow().toMillis());
        facts.put("p95MaxMillis", settings.p95Max().toMillis());
        facts.put(FACT_FAILURES, failures);
        if (measured.size() > 1) {
            measured.forEach(l -> facts.put("p95Millis " + l.url(), l.p95().toMillis()));
        }
        if (failures > 0) {
            List<String> failing = measured.stream().filter(l -> l.failures() > 0).map(l -> l.failures() + " of " + l.requests()
                    + " requests to " + l.url()).toList();
            throw new CheckFailedException(String.join(", ", failing) + " failed", facts);
        }
        if (worst.p95().compareTo(settings.p95Max()) > 0) {
            throw new CheckFailedException("p95 latency of " + worst.url() + " is " + worst.p95().toMillis()
                    + " ms, above " + settings.p95Max().toMillis() + " ms", facts);
        }
        return facts;
    }
}
