package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.readiness.PrometheusApi.AlertRule;
import org.golive.readiness.PrometheusApi.ScrapeTarget;
import org.golive.readiness.PrometheusApi.UnexpectedAnswer;
import org.junit.jupiter.api.Test;

/** Reading Prometheus' and Alertmanager's answers, as their APIs document them, and refusing what lacks a field. */
class PrometheusApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void targetsCarryJobInstanceHealthAndLastScrape() throws Exception {
        List<ScrapeTarget> targets = PrometheusApi.targets(json("{'activeTargets': ["
                + "{'labels': {'job': 'odoo', 'instance': '10.0.0.5:8069'}, 'health': 'up', 'lastScrape': '2026-12-01T22:00:00.5Z', 'lastError': ''},"
                + "{'labels': {'job': 'odoo', 'instance': '10.0.0.6:8069'}, 'health': 'unknown', 'lastScrape': '0001-01-01T00:00:00Z'}]}"));

        assertThat(targets).containsExactly(
                new ScrapeTarget("odoo", "10.0.0.5:8069", "up", Instant.parse("2026-12-01T22:00:00.5Z"), ""),
                new ScrapeTarget("odoo", "10.0.0.6:8069", "unknown", null, ""));
    }

    @Test
    void targetsWithoutActiveTargetsAreAnUnexpectedAnswer() {
        assertThatThrownBy(() -> PrometheusApi.targets(json("{'droppedTargets': []}")))
                .isInstanceOf(UnexpectedAnswer.class).hasMessageContaining("activeTargets");
    }

    @Test
    void onlyAlertingRulesAreRead() throws Exception {
        List<AlertRule> rules = PrometheusApi.alertingRules(json("{'groups': [{'name': 'odoo', 'rules': ["
                + "{'type': 'recording', 'name': 'job:up:sum', 'query': 'sum(up)'},"
                + "{'type': 'alerting', 'name': 'DiskSpaceLow', 'query': 'node_filesystem_avail_bytes < 0.1', 'health': 'ok'}]}]}"));

        assertThat(rules).containsExactly(new AlertRule("DiskSpaceLow", "node_filesystem_avail_bytes < 0.1", "ok", ""));
    }

    @Test
    void aRuleWithoutNameIsAnUnexpectedAnswer() {
        assertThatThrownBy(() -> PrometheusApi.alertingRules(json("{'groups': [{'rules': [{'type': 'alerting', 'query': 'up'}]}]}")))
                .isInstanceOf(UnexpectedAnswer.class).hasMessageContaining("name");
    }

    @Test
    void activeAlertmanagersAreTheirUrls() throws Exception {
        assertThat(PrometheusApi.activeAlertmanagers(json("{'activeAlertmanagers': [{'url': 'http://am:9093/api/v2/alerts'}], 'droppedAlertmanagers': []}")))
                .containsExactly("http://am:9093/api/v2/alerts");
    }

    @Test
    void anInstantVectorGivesLabelsAndValues() throws Exception {
        assertThat(PrometheusApi.vector(json("{'resultType': 'vector', 'result': [{'metric': {'job': 'odoo'}, 'value': [1764626400.1, '1']}]}")))
                .containsExactly(new PrometheusApi.Sample(Map.of("job", "odoo"), 1.0));
    }

    @Test
    void aScalarIsNotTheInstantVectorAsked() {
        assertThatThrownBy(() -> PrometheusApi.vector(json("{'resultType': 'scalar', 'result': [1764626400.1, '1']}")))
                .isInstanceOf(UnexpectedAnswer.class).hasMessageContaining("scalar");
    }

    @Test
    void receiversNameTheirNonEmptyIntegrations() throws Exception {
        String original = "route:\\n  receiver: ops\\nreceivers:\\n- name: ops\\n  webhook_configs:\\n  - url: http://hook\\n"
                + "  email_configs: []\\n- name: blackhole\\n";
        Map<String, List<String>> receivers = PrometheusApi.receivers(json("{'config': {'original': '" + original + "'}}"));

        assertThat(receivers).containsExactly(Map.entry("ops", List.of("webhook_configs")), Map.entry("blackhole", List.of()));
    }

    @Test
    void aStatusWithoutConfigIsAnUnexpectedAnswer() {
        assertThatThrownBy(() -> PrometheusApi.receivers(json("{'uptime': '2026-12-01T22:00:00Z'}")))
                .isInstanceOf(UnexpectedAnswer.class).hasMessageContaining("config");
    }
}
