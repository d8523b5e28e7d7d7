package org.golive.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.config.Target;
import org.springframework.stereotype.Service;

/**
 * Maintenance from the users' side: it begins with the maintenance page (if the environment has one) and then Odoo
 * stopped, and ends once Odoo serves again, the page last, so that users see "maintenance" and never an error.
 * Returns the facts each step records.
 */
@Service
public class MaintenanceWindow {

    private final OdooRuntimeService runtime;
    private final MaintenancePage page;

    public MaintenanceWindow(OdooRuntimeService runtime, MaintenancePage page) {
        this.runtime = runtime;
        this.page = page;
    }

    public Map<String, Object> begin(Target environment) {
        Map<String, Object> facts = shown(environment);
        long stopping = System.nanoTime();
        runtime.enableMaintenance(environment).ifPresentOrElse(c -> {
            // within the environment's stop timeout, or Docker killed it: part of the downtime budget
            facts.put("stopMillis", (System.nanoTime() - stopping) / 1_000_000);
            facts.put("stoppedContainer", c.name());
            facts.put("image", c.image());
        }, () -> facts.put("stoppedContainer", "none"));
        return facts;
    }

    /** Starts the release's Odoo, waits until it is healthy, then ends maintenance. */
    public Map<String, Object> endWithRelease(Target environment) {
        Duration healthy = runtime.startOdoo(environment);
        return hidden(environment, healthy);
    }

    /** Brings back the Odoo the go-live replaced, waits until it is healthy, then ends maintenance. */
    public Map<String, Object> endWithPrevious(Target environment, String goLiveId, String previousImage) {
        Duration healthy = runtime.restorePrevious(environment, goLiveId, previousImage);
        Map<String, Object> facts = hidden(environment, healthy);
        facts.put("image", String.valueOf(previousImage));
        return facts;
    }

    private Map<String, Object> shown(Target environment) {
        return new LinkedHashMap<>(page.show(environment).orElse(Map.of("maintenancePage", "none configured")));
    }

    private Map<String, Object> hidden(Target environment, Duration healthy) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("healthyAfterMillis", healthy.toMillis());
        facts.putAll(page.hide(environment).orElse(Map.of("maintenancePage", "none configured")));
        return facts;
    }
}
