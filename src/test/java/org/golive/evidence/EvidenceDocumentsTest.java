package org.golive.evidence;

import org.golive.step.EvidenceLog;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.config.GoliveProperties;
import org.golive.evidence.EvidenceDocuments.Documents;
import org.golive.evidence.EvidenceDocuments.Outcome;
import org.golive.evidence.EvidenceDocuments.Summary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The documents from evidence shaped exactly as the delegates and listeners record it. */
class EvidenceDocumentsTest {

    static final String ID = "sandbox-18.0-2-20261123-110000-abcd";
    static final String IMAGE_ID = "sha256:5f1e0c9d2b7a4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f";
    static final String DUMP_SHA = "9c56cc51b374c3ba189210d5b6d4bf57790d351c96c47c02190ecf1e430635ab";
    static final String SECRET = "hunter2-s3cr3t";

    @TempDir
    Path dataDir;

    EvidenceLog log;
    EvidenceDocuments documents;

    @BeforeEach
    void services() {
        GoliveProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("golive.data-dir", dataDir.toString())))
                .bind("golive", GoliveProperties.class).get();
        log = new EvidenceLog(properties, new ObjectMapper());
        documents = new EvidenceDocuments(log, properties);
    }

    @Test
    void completedGoLiveNamesTagDigestVersionsBackupAndApprovers() throws Exception {
        recordUpToDeployment();
        recordModulesValidationAndEnd();

        Documents written = documents.write(summary(Outcome.COMPLETED, null));

        String shipped = written.whatShipped();
        assertThat(shipped).contains("# What shipped: golive/odoo:18.0-2 on sandbox")
                .contains("| Release | `golive/odoo:18.0-2` |")
                .contains("| Image digest | `" + IMAGE_ID + "` |")
                .contains("**completed**")
                .contains("| `golive_extra` | install | — | `18.0.1.0.0` |")
                .contains("| `golive_demo` | update | `18.0.1.0.0` | `18.0.1.1.0` |")
                .contains("SHA-256 `" + DUMP_SHA + "`")
                .contains("| 2026-11-23T11:05:00Z | `UserTask_DecideGoNoGo` | lead | — | go | all gates green |")
                .contains("| 2026-11-23T11:04:00Z | `UserTask_SignOffUat` | qa | UAT lead | signed | UAT passed on staging |")
                .contains("| Started by | release |")
                .contains("| Took | 20 min 0 s |")
                .doesNotContain("## Rollback");

        String manifest = written.goLiveManifest();
        assertThat(manifest).contains("# Go-live manifest: " + ID)
                .contains("| Release tag | `18.0-2` |")
                .contains("| Performance baseline | p95 412 ms (40 requests) from `Task_ProbeLatency` at 2026-11-23T11:15:00Z |")
                .contains("| Image Id | `" + IMAGE_ID + "` |")
                .contains("none (image not pulled from a registry)")
                // every step in order, with argv, exit code, duration, digest and size
                .contains("`Task_BackUpDatabase`")
                .contains("- argv: `pg_dump --format=custom --no-owner --file=/backups/" + ID + "/database.dump.partial golive_sandbox`")
                .contains("- dumpSizeBytes: 5242880 bytes (5.0 MiB)")
                .contains("`odoo -d golive_sandbox -u golive_demo --stop-after-init --no-http`, exit code 0, 12.3 s")
                .contains("| Dump SHA-256 | `" + DUMP_SHA + "` |")
                .contains("| pg_restore --list | read 312 entries, exit code 0 `pg_restore --list /backups/" + ID + "/database.dump` |")
                .contains("| Test restore | passed at 2026-11-23T10:50:00Z")
                .contains("| 2026-11-23T11:15:00Z | LATENCY | `Task_ProbeLatency` | passed | 2.1 s | requests: 40, p95Millis: 412 ms |")
                .contains("| 2026-11-23T11:14:00Z | MODULES | `Task_VerifyModulesInstalled` | passed |")
                .contains("| 2026-11-23T11:05:00Z | `UserTask_DecideGoNoGo` | lead | — | go | all gates green |")
                .contains("No rollback.");
        assertThat(manifest.indexOf("`Task_BackUpDatabase`")).isLessThan(manifest.indexOf("`Task_DeployOdooContainer`"));

        Path dir = dataDir.resolve("evidence").resolve(ID);
        assertThat(Files.readString(dir.resolve("WHAT_SHIPPED.md"), StandardCharsets.UTF_8)).isEqualTo(shipped);
        assertThat(Files.readString(dir.resolve("GO_LIVE_MANIFEST.md"), StandardCharsets.UTF_8)).isEqualTo(manifest);
        assertThat(documents.read(ID, "WHAT_SHIPPED.md")).contains(shipped);
        assertNoSecrets(written);

        // writing again replaces, it does not append
        assertThat(documents.write(summary(Outcome.COMPLETED, null))).isEqualTo(written);
    }

    @Test
    void rolledBackGoLiveSaysWhyWhenAndWhatWasRestored() {
        recordUpToDeployment();
        log.record(ID, "Task_InstallModules", facts("result", "failed", "error",
                "installing golive_broken: odoo exited 255\nTraceback: psycopg2 password=" + SECRET + " host=db"));
        log.record(ID, "rollback-start", facts("environment", "sandbox", "backupId", ID, "previousImage", "golive/odoo:18.0-1"));
        log.record(ID, "Task_RestoreDatabase", facts("backupId", ID, "database", "golive_sandbox", "dumpSha256", DUMP_SHA,
                "dumpSha256Verified", true, "exitCode", 0,
                "argv", "pg_restore --no-owner --exit-on-error --dbname=golive_sandbox /backups/" + ID + "/database.dump",
                "result", "done", "millis", 8000));
        log.record(ID, "Task_RestoreFilestore", facts("backupId", ID, "filestoreArchive", "/backups/" + ID + "/filestore.tar.gz",
                "filestoreSha256", "f1", "filestoreSha256Verified", true, "result", "done", "millis", 30));
        log.record(ID, "Task_RestorePreviousOdoo", facts("image", "golive/odoo:18.0-1", "healthyAfterMillis", 2500,
                "result", "done", "millis", 2600));

        Documents written = documents.write(summary(Outcome.ROLLED_BACK, "Task_InstallModules: installing golive_broken: odoo exited 255"));

        assertThat(written.whatShipped()).contains("did not ship").contains("**rolled back**")
                .contains("## Rollback")
                .contains("| Why | Task\\_InstallModules: installing golive\\_broken: odoo exited 255 |")
                .contains("database `golive_sandbox` from backup `" + ID + "` (SHA-256 `" + DUMP_SHA + "`)")
                .contains("filestore from `/backups/" + ID + "/filestore.tar.gz`")
                .contains("Odoo `golive/odoo:18.0-1`, healthy after 2.5 s")
                .contains("| `golive_extra` | install, not done | — | — |")
                .contains("so none of these changes is live").doesNotContain("Nothing was deployed");
        assertThat(written.goLiveManifest()).contains("## Rollback\n\n|  |  |")
                .contains("| `Task_RestoreDatabase` | done | 8.0 s |")
                .contains("`Task_InstallModules`: **failed**")
                .doesNotContain("No rollback.");
        assertNoSecrets(written);
    }

    @Test
    void cancelledGoLiveRecordsTheNoGoAndTouchedNothing() {
        log.record(ID, "start", facts("goLiveId", ID, "environment", "sandbox", "imageRepository", "golive/odoo", "releaseTag", "18.0-2",
                "startedBy", "release"));
        log.record(ID, "Task_CheckTargetReachable", facts("dockerHost", "unix:///var/run/docker.sock", "image", "golive/odoo:18.0-2",
                "imageId", IMAGE_ID, "runningImage", "golive/odoo:18.0-1", "odooHealthy", true, "result", "done", "millis", 40));
        log.record(ID, "UserTask_DecideGoNoGo", facts("decision", "no-go", "reason", "UAT not signed off", "decidedBy", "lead"));

        Documents written = documents.write(summary(Outcome.CANCELLED, "UAT not signed off"));

        assertThat(written.whatShipped()).contains("**cancelled**: UAT not signed off")
                .contains("| Image digest | `" + IMAGE_ID + "` |")
                .contains("| Restore point | no backup taken |")
                .contains("Nothing was deployed")
                .contains("| lead | — | no-go | UAT not signed off |")
                .doesNotContain("## Rollback");
        assertThat(written.goLiveManifest()).contains("No backup was taken").contains("No rollback.");
    }

    @Test
    void secretLookingFactsAreRedactedEvenThoughTheLogShouldNeverHoldThem() {
        log.record(ID, "start", facts("environment", "sandbox"));
        log.record(ID, "Task_Odd", facts("dbPassword", SECRET, "apiToken", SECRET, "url", "postgresql://odoo:" + SECRET + "@db:5432/odoo",
                "note", "PGPASSWORD=" + SECRET + " pg_dump", "result", "done", "millis", 1));

        Documents written = documents.write(summary(Outcome.COMPLETED, null));

        assertNoSecrets(written);
        assertThat(written.goLiveManifest()).contains("- dbPassword: [redacted]").contains("postgresql://odoo:[redacted]@db:5432/odoo");
    }

    @Test
    void onlyTheTwoDocumentsOfAKnownGoLiveCanBeRead() {
        assertThat(documents.known(ID)).isFalse();
        log.record(ID, "start", facts("environment", "sandbox"));
        assertThat(documents.known(ID)).isTrue();
        assertThat(documents.read(ID, "WHAT_SHIPPED.md")).isEmpty();
        documents.write(summary(Outcome.COMPLETED, null));
        assertThat(documents.read(ID, "WHAT_SHIPPED.md")).isPresent();
        assertThat(documents.read(ID, "GO_LIVE_MANIFEST.md")).isPresent();
        assertThat(documents.read(ID, "../" + ID + ".jsonl")).isEmpty();
        assertThat(documents.read("..", "WHAT_SHIPPED.md")).isEmpty();
        assertThat(documents.read(ID + "/..", "WHAT_SHIPPED.md")).isEmpty();
        assertThat(documents.known("../etc")).isFalse();
    }

    @Test
    void outcomesParseFromVariablesAndInputParameters() {
        assertThat(Outcome.parse("rolled-back")).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(Outcome.parse("not ready")).isEqualTo(Outcome.NOT_READY);
        assertThat(Outcome.parse("COMPLETED")).isEqualTo(Outcome.COMPLETED);
    }

    private Summary summary(Outcome outcome, String reason) {
        return new Summary(ID, "sandbox", "golive/odoo", "18.0-2", List.of("golive_extra"), List.of("golive_demo"),
                "Adds golive_extra; updates golive_demo", "release", Instant.parse("2026-11-23T11:00:00Z"),
                Instant.parse("2026-11-23T11:20:00Z"), outcome, reason);
    }

    private void recordUpToDeployment() {
        log.record(ID, "start", facts("goLiveId", ID, "environment", "sandbox", "imageRepository", "golive/odoo", "releaseTag", "18.0-2",
                "installModules", "golive_extra", "updateModules", "golive_demo", "startedBy", "release"));
        log.record(ID, "backupRestore", facts("check", "backupRestore", "restoredInto", "golive_restore_test", "tables", 120,
                "result", "done", "millis", 9000));
        log.record(ID, "Task_CheckTargetReachable", facts("dockerHost", "unix:///var/run/docker.sock", "image", "golive/odoo:18.0-2",
                "imageId", IMAGE_ID, "runningImage", "golive/odoo:18.0-1", "odooHealthy", true, "postgresVersion", "15.8",
                "result", "done", "millis", 40));
        log.record(ID, "UserTask_SignOffUat", facts("signedBy", "qa", "role", "UAT lead", "comment", "UAT passed on staging"));
        log.record(ID, "UserTask_DecideGoNoGo", facts("decision", "go", "reason", "all gates green", "decidedBy", "lead"));
        log.record(ID, "Task_EnableMaintenance", facts("stoppedContainer", "golive-sandbox-odoo", "image", "golive/odoo:18.0-1",
                "result", "done", "millis", 800));
        log.record(ID, "Task_BackUpDatabase", facts("backupId", ID, "database", "golive_sandbox",
                "argv", "pg_dump --format=custom --no-owner --file=/backups/" + ID + "/database.dump.partial golive_sandbox",
                "exitCode", 0, "dumpFile", "/backups/" + ID + "/database.dump", "dumpSizeBytes", 5242880, "dumpSha256", DUMP_SHA,
                "pgRestoreListArgv", "pg_restore --list /backups/" + ID + "/database.dump", "pgRestoreListExitCode", 0,
                "pgRestoreListEntries", 312, "filestoreArchive", "/backups/" + ID + "/filestore.tar.gz", "filestoreSizeBytes", 2048,
                "filestoreSha256", "ab12", "runningImage", "golive/odoo:18.0-1", "result", "done", "millis", 4200));
        log.record(ID, "Task_DeployOdooContainer", facts("container", "golive-sandbox-odoo", "containerId", "c0ffee",
                "image", "golive/odoo:18.0-2", "imageId", IMAGE_ID, "repoDigests", List.of(), "imageDigest", IMAGE_ID,
                "result", "done", "millis", 300));
        // times in order, so the tables can be asserted line by line
        fixTimes();
    }

    private void recordModulesValidationAndEnd() {
        log.record(ID, "Task_InstallModules", facts("runs", List.of(run(List.of("odoo", "-d", "golive_sandbox", "-i", "golive_extra",
                        "--stop-after-init", "--no-http"), 0, 20500, List.of("golive_extra"))),
                "skippedAlreadyInstalled", List.of(), "versionsBefore", mapWithNull("golive_extra"),
                "versionsAfter", Map.of("golive_extra", "18.0.1.0.0"), "result", "done", "millis", 21000));
        log.record(ID, "Task_UpdateModules", facts("runs", List.of(run(List.of("odoo", "-d", "golive_sandbox", "-u", "golive_demo",
                        "--stop-after-init", "--no-http"), 0, 12300, List.of("golive_demo"))),
                "skippedAlreadyInstalled", List.of(), "versionsBefore", Map.of("golive_demo", "18.0.1.0.0"),
                "versionsAfter", Map.of("golive_demo", "18.0.1.1.0"), "result", "done", "millis", 12400));
        log.record(ID, "Task_StartOdoo", facts("healthyAfterMillis", 3100, "result", "done", "millis", 3200));
        log.record(ID, "Task_VerifyModulesInstalled", facts("golive_extra", "installed 18.0.1.0.0", "check", "MODULES",
                "result", "done", "millis", 50));
        log.record(ID, "Task_ProbeLatency", facts("requests", 40, "p95Millis", 412, "check", "LATENCY", "result", "done", "millis", 2100));
        fixTimes();
    }

    /** EvidenceLog stamps entries with the wall clock; the test needs stable, ordered times. */
    private void fixTimes() {
        try {
            Path file = dataDir.resolve("evidence").resolve(ID + ".jsonl");
            List<String> lines = Files.readAllLines(file);
            List<String> fixed = new java.util.ArrayList<>();
            String[] times = {"10:45", "10:50", "11:01", "11:04", "11:05", "11:06", "11:07", "11:09", "11:10", "11:11", "11:12",
                    "11:14", "11:15", "11:16", "11:17"};
            for (int i = 0; i < lines.size(); i++) {
                fixed.add(lines.get(i).replaceFirst("\"at\":\"[^\"]+\"", "\"at\":\"2026-11-23T" + times[i] + ":00Z\""));
            }
            Files.write(file, fixed);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> run(List<String> argv, int exitCode, long millis, List<String> modules) {
        return facts("argv", argv, "exitCode", exitCode, "millis", millis, "modules", modules);
    }

    private static Map<String, Object> mapWithNull(String key) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, null);
        return map;
    }

    static Map<String, Object> facts(Object... pairs) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            facts.put((String) pairs[i], pairs[i + 1]);
        }
        return facts;
    }

    private static void assertNoSecrets(Documents documents) {
        assertThat(documents.whatShipped()).doesNotContain(SECRET);
        assertThat(documents.goLiveManifest()).doesNotContain(SECRET);
    }
}
