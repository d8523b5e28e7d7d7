package org.golive.readiness;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's monitoring of each environment, under {@code golive.prometheus.environments.<name>.}: the Prometheus
 * (and Alertmanager) the gate {@code monitoring} reads. An environment without an entry is not checked, and the gate
 * says so (inconclusive).
 */
@ConfigurationProperties("golive.prometheus")
public record MonitoringProperties(Map<String, Monitoring> environments) {

    public MonitoringProperties {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    /**
     * @param url                 Prometheus' address, e.g. {@code http://prometheus.internal:9090}
     * @param alertmanagerUrl     Alertmanager's address, whose receivers are read; none: only Prometheus' list of
     *                            Alertmanagers is checked
     * @param jobs                scrape jobs of the environment's Odoo: each must have targets, all up
     * @param instances           scrape targets ({@code instance} label) of the environment's Odoo: each present and up
     * @param requiredAlerts      what an alert is for → the alerting rule's name, e.g. {@code service-down: OdooDown}
     * @param alertMetrics        what an alert is for → a metric its rule's expression must mention
     * @param requireAlertmanager Prometheus must send alerts to at least one active Alertmanager
     * @param dataQuery           the PromQL whose every sample must be 1; none: {@code up} of the jobs and instances
     * @param maxScrapeAge        each Odoo target must have been scraped this recently
     * @param logDriver           the log driver the Odoo container must log with (fluentd, gelf, journald, loki, ...);
     *                            none: not checked
     * @param timeout             connect and read timeout of each request
     */
    public record Monitoring(
            URI url,
            URI alertmanagerUrl,
            List<String> jobs,
            List<String> instances,
            Map<String, String> requiredAlerts,
            Map<String, String> alertMetrics,
            @DefaultValue("true") boolean requireAlertmanager,
            String dataQuery,
            @DefaultValue("2m") Duration maxScrapeAge,
            String logDriver,
            @DefaultValue("10s") Duration timeout) {

        public Monitoring {
            jobs = jobs == null ? List.of() : List.copyOf(jobs);
            instances = instances == null ? List.of() : List.copyOf(instances);
            // insertion order: the evidence names the alerts as configured
            requiredAlerts = requiredAlerts == null ? Map.of() : new LinkedHashMap<>(requiredAlerts);
            alertMetrics = alertMetrics == null ? Map.of() : new LinkedHashMap<>(alertMetrics);
            dataQuery = dataQuery == null || dataQuery.isBlank() ? null : dataQuery.strip();
            logDriver = logDriver == null || logDriver.isBlank() ? null : logDriver.strip();
            List<String> problems = new ArrayList<>();
            if (!httpAddress(url)) {
                problems.add("url must be an http:// or https:// address with a host, was " + url);
            }
            if (alertmanagerUrl != null && !httpAddress(alertmanagerUrl)) {
                problems.add("alertmanager-url must be an http:// or https:// address with a host, was " + alertmanagerUrl);
            }
            if (jobs.isEmpty() && instances.isEmpty()) {
                problems.add("jobs or instances must name the Odoo's scrape targets");
            }
            if (jobs.stream().anyMatch(String::isBlank) || instances.stream().anyMatch(String::isBlank)) {
                problems.add("jobs and instances must not contain blanks");
            }
            requiredAlerts.forEach((purpose, rule) -> {
                if (rule == null || rule.isBlank()) {
                    problems.add("required-alerts." + purpose + " names no alert rule");
                }
            });
            for (String purpose : alertMetrics.keySet()) {
                if (!requiredAlerts.containsKey(purpose)) {
                    problems.add("alert-metrics." + purpose + " has no required-alerts." + purpose + " whose rule to read");
                }
            }
            if (logDriver != null && !logDriver.matches("[a-z0-9_.-]+")) {
                problems.add("log-driver must be a Docker log driver name such as fluentd, was " + logDriver);
            }
            if (maxScrapeAge == null || maxScrapeAge.isNegative() || maxScrapeAge.isZero()) {
                problems.add("max-scrape-age must be positive, was " + maxScrapeAge);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                problems.add("timeout must be positive, was " + timeout);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            requiredAlerts = Collections.unmodifiableMap(requiredAlerts);
            alertMetrics = Collections.unmodifiableMap(alertMetrics);
        }

        /** The PromQL of "dashboards showing data": the configured one, else {@code up} of every Odoo target. */
        public String effectiveDataQuery() {
            if (dataQuery != null) {
                return dataQuery;
            }
            List<String> selectors = new ArrayList<>();
            jobs.forEach(job -> selectors.add("up{job=\"" + escape(job) + "\"}"));
            instances.forEach(instance -> selectors.add("up{instance=\"" + escape(instance) + "\"}"));
            return String.join(" or ", selectors);
        }

        private static String escape(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        private static boolean httpAddress(URI uri) {
            return uri != null && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        }
    }
}
