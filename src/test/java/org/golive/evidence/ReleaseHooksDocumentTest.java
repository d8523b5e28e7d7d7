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

/** The "Release hooks" section of WHAT_SHIPPED.md and GO_LIVE_MANIFEST.md. */
class ReleaseHooksDocumentTest {

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
        log.record(ID, "start", EvidenceKind.START, Map.of("goLiveId", ID, "environment", "prod"));
    }

    private static Map<String, Object> hook(String phase, int index, String status, int exit, String output) {
        Map<String, Object> hook = new LinkedHashMap<>();
        hook.put("phase", phase);
        hook.put("index", index);
        hook.put("argv", List.of("python3", "/mnt/extra-addons/scripts/fix.py"));
        hook.put("status", status);
        hook.put("exitCode", exit);
        hook.put("millis", 1234);
        hook.put("output", output);
        return hook;
    }

    @Test
    void eachHookShowsItsArgvStatusExitCodeDurationAndOutput() {
        log.record(ID, "Task_RunPreUpdateHooks", EvidenceKind.RELEASE_HOOK,
                Map.of("phase", "pre-update", "hooks", List.of(hook("pre-update", 0, "ran", 0, "fixed 12 partners")), "result", "done"));
        log.record(ID, "Task_RunPostUpdateHooks", EvidenceKind.RELEASE_HOOK,
                Map.of("phase", "post-update", "hooks", List.of(hook("post-update", 0, "failed", 3, "db_password=s3cret in traceback")),
                        "result", "failed"));

        EvidenceDocuments.Documents written = documents.write(summary());

        for (String document : List.of(written.whatShipped(), written.goLiveManifest())) {
            assertThat(document).contains("## Release hooks")
                    .contains("| `hooks.pre-update[0]` | `python3 /mnt/extra-addons/scripts/fix.py` | ran | `0` | `1234` |")
                    .contains("| `hooks.post-update[0]` | `python3 /mnt/extra-addons/scripts/fix.py` | failed | `3` | `1234` |")
                    .contains("fixed 12 partners").doesNotContain("s3cret");
        }
    }

    @Test
    void aReleaseWithoutHooksHasNoSection() {
        log.record(ID, "Task_RunPreUpdateHooks", EvidenceKind.RELEASE_HOOK, Map.of("phase", "pre-update", "hooks", "no hooks", "result", "done"));

        assertThat(documents.write(summary()).whatShipped()).doesNotContain("Release hooks");
    }

    private static Summary summary() {
        return new Summary(ID, "prod", "golive/odoo", "1.2.3", List.of(), List.of(), null, "release",
                Instant.parse("2026-12-24T10:00:00Z"), Instant.parse("2026-12-24T10:30:00Z"), Outcome.COMPLETED, null);
    }
}
