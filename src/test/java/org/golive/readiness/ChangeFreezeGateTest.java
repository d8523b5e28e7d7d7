package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.golive.config.Target;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.ReleaseRuleProperties;
import org.golive.config.ReleaseRuleProperties.Freeze;
import org.golive.config.ReleaseRuleProperties.Rules;
import org.golive.readiness.GateResult.Status;
import org.junit.jupiter.api.Test;

/** The change freeze: only a hotfix with its reason goes live inside a window, and both reasons are recorded. */
class ChangeFreezeGateTest {

    private static final Freeze YEAR_END = new Freeze("2026-12-20T00:00:00+01:00", "2027-01-05T00:00:00+01:00", "year-end closing");
    private static final ReleaseRuleProperties RULES = new ReleaseRuleProperties(Map.of("prod", new Rules(null, false, List.of(YEAR_END))));

    private static GateResult at(String instant, String hotfixReason) {
        return new ChangeFreezeGate(RULES, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC))
                .check(new GateRequest(target("prod"), "golive/odoo", "1.2.3", "prod-1.2.3-x", hotfixReason));
    }

    @Test
    void passesOutsideTheWindowAndNamesTheNextOne() {
        GateResult before = at("2026-12-01T10:00:00Z", null);
        assertThat(before.status()).isEqualTo(Status.PASS);
        assertThat(before.facts()).containsEntry("nextFreeze", YEAR_END.start() + " – " + YEAR_END.end() + " (year-end closing)");
    }

    @Test
    void failsInsideTheWindowWithoutHotfix() {
        GateResult inside = at("2026-12-24T10:00:00Z", null);
        assertThat(inside.status()).isEqualTo(Status.FAIL);
        assertThat(inside.summary()).contains("change freeze on prod").contains("year-end closing").contains("hotfix");
    }

    @Test
    void passesAHotfixInsideTheWindowRecordingItsReason() {
        GateResult hotfix = at("2026-12-24T10:00:00Z", "invoices fail to post");
        assertThat(hotfix.status()).isEqualTo(Status.PASS);
        assertThat(hotfix.facts()).containsEntry("hotfixReason", "invoices fail to post").containsEntry("freezeReason", "year-end closing");
    }

    @Test
    void theWindowEndIsExclusiveInItsOwnOffset() {
        // 2027-01-05T00:00+01:00 is 2027-01-04T23:00Z
        assertThat(at("2027-01-04T22:59:59Z", null).status()).isEqualTo(Status.FAIL);
        assertThat(at("2027-01-04T23:00:00Z", null).status()).isEqualTo(Status.PASS);
    }

    @Test
    void anEnvironmentWithoutWindowsPasses() {
        GateResult result = new ChangeFreezeGate(RULES, Clock.fixed(Instant.parse("2026-12-24T10:00:00Z"), ZoneOffset.UTC))
                .check(new GateRequest(target("staging"), "golive/odoo", "1.2.3", "x"));
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("freezeWindows", 0);
    }

    @Test
    void aWindowWithoutReasonOrOffsetIsRefusedAtStartup() {
        assertThatThrownBy(() -> new Freeze("2026-12-20T00:00:00Z", "2027-01-05T00:00:00Z", " ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> new Freeze("2026-12-20T00:00:00", "2027-01-05T00:00:00Z", "x")).hasMessageContaining("offset");
        assertThatThrownBy(() -> new Freeze("2027-01-05T00:00:00Z", "2026-12-20T00:00:00Z", "x")).hasMessageContaining("before it starts");
    }

    private static Target target(String name) {
        return new Target(name, new TargetEnvironment("http://127.0.0.1:1", null, null, null, null, null, null, null));
    }
}
