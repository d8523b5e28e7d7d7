package org.golive.readiness;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.LogConfig;
import org.golive.readiness.MonitoringProperties.Monitoring;
import org.golive.readiness.PrometheusApi.AlertRule;
import org.golive.readiness.PrometheusApi.Sample;
import org.golive.readiness.PrometheusApi.ScrapeTarget;
import org.golive.readiness.PrometheusApi.UnexpectedAnswer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The operator's monitoring of the environment, read from its Prometheus (checklist 000 Monitoring Configuration,
 * Alerting Rules): Odoo's scrape targets are up and scraped recently, the required alerting rules are loaded (and
 * watch the required metrics), alerts go to an Alertmanager whose receivers reach someone, a query of Odoo's data
 * answers 1 now, and the Odoo container logs to the aggregating driver. Reads only.
 *
 * <p>A Prometheus or Alertmanager that does not answer fails the gate: a monitoring that cannot be reached cannot
 * alert anyone during the window either. An answer without the fields read makes its check inconclusive.
 */
@Component
public class MonitoringGate {

    private final MonitoringProperties properties;
    private final TargetContainer containers;
    private final Clock clock;

    @Autowired
    public MonitoringGate(MonitoringProperties properties, TargetContainer containers) {
        this(properties, containers, Clock.systemUTC());
    }

    MonitoringGate(MonitoringProperties properties, TargetContainer containers, Clock clock) {
        this.properties = properties;
        this.containers = containers;
        this.clock = clock;
    }

    public GateResult check(GateRequest request) {
        String environment = request.environment().name();
        Monitoring monitoring = properties.environments().get(environment);
        if (monitoring == null) {
            // nothing checked is not a pass: the lead decides on it in the gate review, by name and with a reason
            return GateResult.inconclusive("not configured: no golive.prometheus.environments." + environment
                    + ".url, so scrape targets, alert rules, alert routing and recent data are unchecked", Map.of("checked", false));
        }
        Findings findings = new Findings();
        findings.facts.put("prometheusUrl", monitoring.url().toString());
        PrometheusApi api = new PrometheusApi(monitoring.timeout());
        try {
            targets(monitoring, api.targets(monitoring.url()), findings);
        } catch (IOException e) {
            findings.fail("Prometheus at " + monitoring.url() + " does not answer (" + describe(e) + "): nobody is watching " + environment);
            logDriver(environment, monitoring, findings);
            return findings.result("");
        } catch (UnexpectedAnswer e) {
            findings.unknown("scrape targets unreadable: " + e.getMessage());
        }
        read(findings, "alert rules", () -> rules(monitoring, api.alertingRules(monitoring.url()), findings));
        read(findings, "alertmanagers", () -> alertmanagers(monitoring, api.activeAlertmanagers(monitoring.url()), findings));
        if (monitoring.alertmanagerUrl() != null) {
            read(findings, "Alertmanager receivers", () -> receivers(monitoring, api.receivers(monitoring.alertmanagerUrl()), findings));
        } else {
            findings.facts.put("alertmanagerReceivers", "not read: no alertmanager-url");
        }
        read(findings, "recent data", () -> data(monitoring, api.query(monitoring.url(), monitoring.effectiveDataQuery()), findings));
        logDriver(environment, monitoring, findings);
        return findings.result("monitoring of " + environment + " as required: " + findings.facts.get("odooTargets")
                + ", alert rules " + monitoring.requiredAlerts().values() + ", alerts routed, recent data");
    }

    private interface Read {
        void run() throws IOException;
    }

    private static void read(Findings findings, String what, Read read) {
        try {
            read.run();
        } catch (IOException e) {
            findings.fail(what + ": no answer (" + describe(e) + ")");
        } catch (UnexpectedAnswer e) {
            findings.unknown(what + " unreadable: " + e.getMessage());
        }
    }

    private void targets(Monitoring monitoring, List<ScrapeTarget> targets, Findings findings) {
        List<String> seen = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String job : monitoring.jobs()) {
            judge("job " + job, targets.stream().filter(t -> job.equals(t.job())).toList(), monitoring.maxScrapeAge(), seen, problems);
        }
        for (String instance : monitoring.instances()) {
            judge("instance " + instance, targets.stream().filter(t -> instance.equals(t.instance())).toList(),
                    monitoring.maxScrapeAge(), seen, problems);
        }
        findings.facts.put("odooTargets", String.join(", ", seen));
        findings.facts.put("activeTargets", targets.size());
        findings.require(problems.isEmpty(), "targets", String.join("; ", problems));
    }

    private void judge(String what, List<ScrapeTarget> matching, Duration maxAge, List<String> seen, List<String> problems) {
        if (matching.isEmpty()) {
            problems.add("Prometheus scrapes no target of " + what);
        }
        for (ScrapeTarget target : matching) {
            seen.add(target.job() + "/" + target.instance() + " " + target.health());
            if (!"up".equals(target.health())) {
                problems.add("target " + target.instance() + " of job " + target.job() + " is " + target.health()
                        + (target.lastError().isBlank() ? "" : " (" + target.lastError() + ")"));
            } else if (target.lastScrape() == null || target.lastScrape().isBefore(clock.instant().minus(maxAge))) {
                problems.add("target " + target.instance() + " of job " + target.job() + " was last scraped "
                        + (target.lastScrape() == null ? "never" : "at " + target.lastScrape()) + ", longer ago than " + maxAge);
            }
        }
    }

    private void rules(Monitoring monitoring, List<AlertRule> rules, Findings findings) {
        findings.facts.put("alertingRules", rules.size());
        if (monitoring.requiredAlerts().isEmpty()) {
            findings.unknown("no required-alerts configured: which alert rules must exist is unknown");
            return;
        }
        List<String> problems = new ArrayList<>();
        monitoring.requiredAlerts().forEach((purpose, name) -> {
            Optional<AlertRule> rule = rules.stream().filter(r -> name.equals(r.name())).findFirst();
            if (rule.isEmpty()) {
                problems.add("alert rule " + name + " (" + purpose + ") is not loaded");
                return;
            }
            if ("err".equals(rule.get().health())) {
                problems.add("alert rule " + name + " (" + purpose + ") fails to evaluate: " + rule.get().lastError());
            }
            String metric = monitoring.alertMetrics().get(purpose);
            if (metric != null && !rule.get().query().contains(metric)) {
                problems.add("alert rule " + name + " (" + purpose + ") does not watch " + metric + ": " + rule.get().query());
            }
        });
        findings.facts.put("requiredAlerts", monitoring.requiredAlerts().toString());
        findings.require(problems.isEmpty(), "alertRules", String.join("; ", problems));
    }

    private static void alertmanagers(Monitoring monitoring, List<String> active, Findings findings) {
        findings.facts.put("alertmanagers", String.join(", ", active));
        if (monitoring.requireAlertmanager()) {
            findings.require(!active.isEmpty(), "alertmanagers", "Prometheus sends its alerts to no active Alertmanager");
        }
    }

    private static void receivers(Monitoring monitoring, Map<String, List<String>> receivers, Findings findings) {
        List<String> reaching = receivers.entrySet().stream().filter(r -> !r.getValue().isEmpty())
                .map(r -> r.getKey() + " " + r.getValue()).toList();
        findings.facts.put("alertmanagerReceivers", String.join(", ", reaching));
        findings.require(!reaching.isEmpty(), "receivers", "no receiver of the Alertmanager at " + monitoring.alertmanagerUrl()
                + " has an integration (e-mail, Slack, webhook, ...): alerts reach nobody");
    }

    private static void data(Monitoring monitoring, List<Sample> samples, Findings findings) {
        String query = monitoring.effectiveDataQuery();
        findings.facts.put("dataQuery", query);
        findings.facts.put("dataSamples", samples.size());
        List<String> notOne = samples.stream().filter(s -> s.value() != 1.0).map(s -> s.labels() + " = " + s.value()).toList();
        if (samples.isEmpty()) {
            findings.fail(query + " answers no data: no dashboard can show Odoo now");
        } else {
            findings.require(notOne.isEmpty(), "recentData", query + " answers " + String.join(", ", notOne) + ", not 1");
        }
    }

    private void logDriver(String environment, Monitoring monitoring, Findings findings) {
        if (monitoring.logDriver() == null) {
            return;
        }
        findings.facts.put("logDriverRequired", monitoring.logDriver());
        Optional<InspectContainerResponse> container = containers.inspect(environment);
        if (container.isEmpty()) {
            findings.unknown("no container " + containers.name(environment) + ": its log driver is unknown");
            return;
        }
        LogConfig log = container.get().getHostConfig() == null ? null : container.get().getHostConfig().getLogConfig();
        String driver = log == null || log.getType() == null ? null : log.getType().getType();
        findings.facts.put("logDriver", String.valueOf(driver));
        if (driver == null) {
            findings.unknown(containers.name(environment) + " reports no log driver");
            return;
        }
        findings.require(monitoring.logDriver().equals(driver), "logDriver", containers.name(environment) + " logs with "
                + driver + ", not " + monitoring.logDriver() + ": its log is not aggregated");
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
