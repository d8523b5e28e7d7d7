package org.golive.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GoNoGoBriefingTest {

    private static Map<String, Object> line(String at, String step, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", at);
        m.put("step", step);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final List<Map<String, Object>> LOG = List.of(
            line("2026-12-01T10:00:00Z", "Task_CheckEdge", "kind", "gate", "result", "done", "gate", "edge", "status", "inconclusive",
                    "summary", "no public URL configured"),
            line("2026-12-01T10:00:01Z", "Task_CheckBackupRestore", "kind", "gate", "result", "done", "gate", "backupRestore",
                    "status", "fail", "summary", "restore failed"),
            line("2026-12-01T10:00:09Z", "Task_CheckBackupRestore", "kind", "gate", "result", "done", "gate", "backupRestore",
                    "status", "pass", "summary", "backup b1 restored in 3.2 s"),
            line("2026-12-01T10:05:00Z", "UserTask_ReviewInconclusiveGates", "kind", "decision", "decision", "accept",
                    "reason", "edge checked by hand", "reviewedBy", "lead"),
            line("2026-12-01T10:06:00Z", "readiness", "kind", "readiness", "readinessOutcome", "ready", "reason", "all gates passed or accepted"),
            line("2026-12-01T10:10:00Z", "UserTask_SignOffTechnical", "kind", "decision", "role", "QA Lead", "decision", "approve",
                    "signedBy", "qa", "comment", "regression suite green"),
            line("2026-12-01T10:11:00Z", "UserTask_SignOffBusiness", "kind", "decision", "role", "Finance Lead", "decision", "approve",
                    "signedBy", "finance", "comment", ""),
            line("2026-12-01T10:20:00Z", "UserTask_DecideGoNoGo", "kind", "decision", "decision", "go", "reason", "fine", "decidedBy", "lead"),
            line("2026-12-01T10:20:05Z", "Task_EnableMaintenance", "result", "done", "millis", 4000),
            line("2026-12-01T10:21:40Z", "Task_StartOdoo", "kind", "odoo-start", "result", "done", "healthyAfterMillis", 9000),
            line("2026-12-01T10:30:00Z", "Task_StartOdoo", "kind", "odoo-start", "result", "done", "healthyAfterMillis", 9000));

    @Test
    void showsEachGatesLastResultOnceInTheOrderTheyFirstRan() {
        String gates = GoNoGoBriefing.of(LOG).gates();
        assertThat(gates.lines().toList()).startsWith(
                "edge: inconclusive: no public URL configured",
                "backupRestore: pass: backup b1 restored in 3.2 s");
        assertThat(gates).doesNotContain("restore failed");
    }

    @Test
    void showsWhoAcceptedInconclusiveGatesAndHowReadinessEnded() {
        String gates = GoNoGoBriefing.of(LOG).gates();
        assertThat(gates).contains("Inconclusive gates accept by lead at 2026-12-01T10:05:00Z: edge checked by hand");
        assertThat(gates).endsWith("Readiness: ready (all gates passed or accepted)");
    }

    @Test
    void showsEachSignOffWithWhoWhenAndComment() {
        assertThat(GoNoGoBriefing.of(LOG).signOffs().lines().toList()).containsExactly(
                "QA Lead: approve by qa at 2026-12-01T10:10:00Z: regression suite green",
                "Finance Lead: approve by finance at 2026-12-01T10:11:00Z");
    }

    @Test
    void downtimeRunsFromTheStartOfMaintenanceToTheFirstOdooStartAfterIt() {
        // maintenance began 4 s before its entry (10:20:01), Odoo answered at 10:21:40
        assertThat(GoNoGoBriefing.of(LOG).downtime()).contains(Duration.ofSeconds(99));
    }

    @Test
    void aLogWithoutAWindowHasNoDowntimeAndSaysNothingWasRecorded() {
        GoNoGoBriefing empty = GoNoGoBriefing.of(List.of());
        assertThat(empty.downtime()).isEmpty();
        assertThat(empty.gates()).isEqualTo("no readiness gate recorded for this go-live");
        assertThat(empty.signOffs()).isEqualTo("no sign-off recorded for this go-live");
        assertThat(GoNoGoBriefing.of(LOG.subList(0, 9)).downtime()).isEmpty();
    }

    @Test
    void namesOneGateByItsLastResult() {
        assertThat(GoNoGoBriefing.of(LOG).gate("backupRestore")).contains("pass: backup b1 restored in 3.2 s");
        assertThat(GoNoGoBriefing.of(LOG).gate("series")).isEmpty();
    }

    @Test
    void manyLongGateSummariesStayWithinWhatAStringVariableHoldsAndSaySo() {
        List<Map<String, Object>> log = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            log.add(line("2026-12-01T10:00:00Z", "Task_Gate" + i, "kind", "gate", "result", "done", "gate", "gate" + i,
                    "status", "pass", "summary", "x".repeat(500)));
        }
        String gates = GoNoGoBriefing.of(log).gates();

        assertThat(gates.length()).isLessThanOrEqualTo(4000);
        assertThat(gates.lines().findFirst().orElseThrow()).hasSize(GoNoGoBriefing.LINE).endsWith("…");
        assertThat(gates).endsWith("the full record is in the evidence and GO_LIVE_MANIFEST.md)");
    }
}
