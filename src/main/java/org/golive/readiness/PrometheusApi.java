package org.golive.readiness;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The parts of Prometheus' HTTP API (v1) and Alertmanager's (v2) the monitoring gate reads, read-only. An answer
 * without the fields read is an {@link UnexpectedAnswer} (the gate cannot judge); a server that does not answer at
 * all is an {@link IOException} (the gate fails: nobody is watching).
 */
final class PrometheusApi {

    /** An answer that is not what the API documents: an error status, no JSON, or a field the gate reads missing. */
    static final class UnexpectedAnswer extends RuntimeException {
        UnexpectedAnswer(String message) {
            super(message);
        }
    }

    record ScrapeTarget(String job, String instance, String health, Instant lastScrape, String lastError) {
    }

    record AlertRule(String name, String query, String health, String lastError) {
    }

    record Sample(Map<String, String> labels, double value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    PrometheusApi(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    List<ScrapeTarget> targets(URI prometheus) throws IOException {
        return targets(data(prometheus, "/api/v1/targets?state=active"));
    }

    List<AlertRule> alertingRules(URI prometheus) throws IOException {
        return alertingRules(data(prometheus, "/api/v1/rules?type=alert"));
    }

    List<String> activeAlertmanagers(URI prometheus) throws IOException {
        return activeAlertmanagers(data(prometheus, "/api/v1/alertmanagers"));
    }

    List<Sample> query(URI prometheus, String promql) throws IOException {
        return vector(data(prometheus, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    }

    /** Alertmanager's receivers as loaded: name → its integrations ({@code webhook_configs}, ...) that are not empty. */
    Map<String, List<String>> receivers(URI alertmanager) throws IOException {
        return receivers(get(alertmanager, "/api/v2/status"));
    }

    static List<ScrapeTarget> targets(JsonNode data) {
        List<ScrapeTarget> targets = new ArrayList<>();
        for (JsonNode target : array(data, "activeTargets", "targets")) {
            JsonNode labels = field(target, "labels", "targets");
            targets.add(new ScrapeTarget(text(labels, "job", "targets"), text(labels, "instance", "targets"),
                    text(target, "health", "targets"), instant(target.path("lastScrape").asText("")),
                    target.path("lastError").asText("")));
        }
        return targets;
    }

    static List<AlertRule> alertingRules(JsonNode data) {
        List<AlertRule> rules = new ArrayList<>();
        for (JsonNode group : array(data, "groups", "rules")) {
            for (JsonNode rule : array(group, "rules", "rules")) {
                if ("alerting".equals(rule.path("type").asText())) {
                    rules.add(new AlertRule(text(rule, "name", "rules"), text(rule, "query", "rules"),
                            rule.path("health").asText("unknown"), rule.path("lastError").asText("")));
                }
            }
        }
        return rules;
    }

    static List<String> activeAlertmanagers(JsonNode data) {
        List<String> urls = new ArrayList<>();
        for (JsonNode alertmanager : array(data, "activeAlertmanagers", "alertmanagers")) {
            urls.add(text(alertmanager, "url", "alertmanagers"));
        }
        return urls;
    }

    static List<Sample> vector(JsonNode data) {
        String type = text(data, "resultType", "query");
        if (!"vector".equals(type)) {
            throw new UnexpectedAnswer("query: the query answers a " + type + ", not an instant vector");
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode sample : array(data, "result", "query")) {
            JsonNode value = field(sample, "value", "query");
            Map<String, String> labels = new LinkedHashMap<>();
            sample.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            try {
                samples.add(new Sample(labels, Double.parseDouble(value.path(1).asText())));
            } catch (NumberFormatException e) {
                throw new UnexpectedAnswer("query: a sample's value is not a number: " + value);
            }
        }
        return samples;
    }

    static Map<String, List<String>> receivers(JsonNode status) {
        String original = text(field(status, "config", "status"), "original", "status");
        Object config;
        try {
            config = new Yaml(new SafeConstructor(new LoaderOptions())).load(original);
        } catch (YAMLException e) {
            throw new UnexpectedAnswer("status: Alertmanager's configuration is not YAML: " + e.getMessage());
        }
        if (!(config instanceof Map<?, ?> root) || !(root.get("receivers") instanceof List<?> receivers)) {
            throw new UnexpectedAnswer("status: Alertmanager's configuration has no receivers list");
        }
        Map<String, List<String>> integrations = new LinkedHashMap<>();
        for (Object receiver : receivers) {
            if (receiver instanceof Map<?, ?> fields && fields.get("name") != null) {
                List<String> kinds = new ArrayList<>();
                fields.forEach((key, value) -> {
                    if (String.valueOf(key).endsWith("_configs") && value instanceof List<?> list && !list.isEmpty()) {
                        kinds.add(String.valueOf(key));
                    }
                });
                integrations.put(String.valueOf(fields.get("name")), kinds);
            }
        }
        return integrations;
    }

    /** The {@code data} of a v1 answer whose {@code status} is {@code success}. */
    private JsonNode data(URI base, String path) throws IOException {
        JsonNode answer = get(base, path);
        if (!"success".equals(answer.path("status").asText())) {
            throw new UnexpectedAnswer(path + " answers status " + answer.path("status").asText("(none)") + ": "
                    + answer.path("error").asText(""));
        }
        return field(answer, "data", path);
    }

    private JsonNode get(URI base, String path) throws IOException {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + uri, e);
        }
        // Prometheus answers 400/422 with a JSON error body: the status check above names it
        if (response.statusCode() != 200 && response.statusCode() != 400 && response.statusCode() != 422) {
            throw new UnexpectedAnswer(path + " answers HTTP " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UnexpectedAnswer(path + " answers no JSON");
        }
    }

    private static JsonNode field(JsonNode node, String name, String what) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new UnexpectedAnswer(what + ": the answer has no " + name);
        }
        return value;
    }

    private static Iterable<JsonNode> array(JsonNode node, String name, String what) {
        JsonNode value = field(node, name, what);
        if (!value.isArray()) {
            throw new UnexpectedAnswer(what + ": " + name + " is not a list");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String what) {
        JsonNode value = field(node, name, what);
        if (!value.isValueNode()) {
            throw new UnexpectedAnswer(what + ": " + name + " is not a value");
        }
        return value.asText();
    }

    /** Prometheus writes {@code 0001-01-01T00:00:00Z} for a target never scraped: null here. */
    private static Instant instant(String text) {
        try {
            Instant instant = Instant.parse(text);
            return instant.getEpochSecond() <= 0 ? null : instant;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
