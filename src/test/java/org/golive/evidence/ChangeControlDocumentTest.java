package org.golive.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.config.GoliveProperties;
import org.golive.evidence.EvidenceDocuments.Outcome;
import org.golive.evidence.EvidenceDocuments.Summary;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** WHAT_SHIPPED.md names the change ticket and, for a hotfix, its reason and the freeze window it went through. */
class ChangeControlDocumentTest {

    private static final String ID = "prod-1.2.3-20261224-100000-abcd";

    @TempDir
    Path dataDir;

    private EvidenceLog log;
    private EvidenceDocuments documents;

    @BeforeEach
    void services() {
        GoliveProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("golive.data-dir", dataDir.toString())))
                .bind("golive", GoliveProperties.class).get();
        log = new EvidenceLog(properties, new ObjectMapper());
        documents = new EvidenceDocuments(log, properties);
    }

    @Test
    void aHotfixInsideAFreezeShowsTicketReasonAndWindow() {
        log.record(ID, "start", EvidenceKind.START, facts("goLiveId", ID, "environment", "prod", "changeTicket", "CHG-4711",
                "hotfixReason", "invoices fail to post"));
        log.record(ID, "Task_CheckChangeFreeze", EvidenceKind.GATE, facts("gate", "changeFreeze", "status", "pass",
                "summary", "hotfix inside the change freeze", "freezeStart", "2026-12-20T00:00:00+01:00",
                "freezeEnd", "2027-01-05T00:00:00+01:00", "freezeReason", "year-end closing", "result", "done", "millis", 3));

        String shipped = documents.write(summary()).whatShipped();

        assertThat(shipped).contains("| Change ticket | `CHG-4711` |")
                .contains("| Hotfix | yes: invoices fail to post (inside the change freeze 2026-12-20T00:00:00+01:00 – "
                        + "2027-01-05T00:00:00+01:00: year-end closing) |");
    }

    @Test
    void anOrdinaryReleaseSaysNoTicketAndNoHotfix() {
        log.record(ID, "start", EvidenceKind.START, facts("goLiveId", ID, "environment", "prod", "changeTicket", "", "hotfixReason", ""));

        String shipped = documents.write(summary()).whatShipped();

        assertThat(shipped).contains("| Change ticket | none named |").contains("| Hotfix | no |");
    }

    private static Summary summary() {
        return new Summary(ID, "prod", "golive/odoo", "1.2.3", List.of(), List.of(), null, "release",
                Instant.parse("2026-12-24T10:00:00Z"), Instant.parse("2026-12-24T10:30:00Z"), Outcome.COMPLETED, null);
    }

    private static Map<String, Object> facts(Object... pairs) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            facts.put((String) pairs[i], pairs[i + 1]);
        }
        return facts;
    }
}
