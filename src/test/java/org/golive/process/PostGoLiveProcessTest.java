package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.golive.step.ProcessConstants.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.golive.backup.BackupRecord;
import org.golive.config.Target;
import org.golive.step.EvidenceLog;
import org.golive.step.StepFailedException;
import org.golive.validation.ReleaseValidationService.Check;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * The follow-up after a go-live. The backup verification runs for real on files this test writes; only
 * BackupService's listing and pg_restore are mocked (by ProcessTestSupport). Timers are fired one at a
 * time, so each test decides how many days pass.
 */
class PostGoLiveProcessTest extends ProcessTestSupport {

    private static final String STARTER_PROCESS = "test-start-post-go-live";

    @Autowired
    EvidenceLog evidence;

    @TempDir
    Path backupDir;

    private String goLiveId;
    private String starterDeployment;

    @BeforeEach
    void healthyReleaseAndBackup() throws Exception {
        goLiveId = "pgl-" + UUID.randomUUID().toString().substring(0, 8);
        BackupRecord good = writtenBackup("daily-1", Instant.now().minusSeconds(3600));
        when(backups.list(sandbox())).thenReturn(List.of(good));
        when(backups.tocEntries(any())).thenReturn(17);
    }

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
        if (starterDeployment != null) {
            engine.getRepositoryService().deleteDeployment(starterDeployment, true);
        }
    }

    @Test
    void aDailyReviewValidatesVerifiesTheBackupAndRecordsTheDay() {
        ProcessInstance pi = startFollowUp(inOneHour());
        assertThat(pi).isWaitingAt("TimerEvent_ReviewIntervalPassed");

        passOneDay(pi);

        assertThat(pi).isWaitingAt("TimerEvent_ReviewIntervalPassed");
        assertThat(pi).hasPassedInOrder("CallActivity_ReviewReleaseHealth", "Task_VerifyLatestBackup", "Task_RecordDailyReview")
                .hasNotPassed("BoundaryEvent_ReleaseUnhealthy");
        for (Check check : Check.values()) {
            verify(validation, atLeastOnce()).run(eq(check), eq(sandbox()), eq(List.of("golive_extra", "golive_demo")));
        }
        verify(backups).tocEntries(Path.of(backupDir.resolve("daily-1/database.dump").toString()));
        assertThat(variable(pi, VAR_REVIEW_DAYS)).isEqualTo(1);
        assertThat(variable(pi, VAR_UNHEALTHY_DAYS)).isEqualTo(0);
        assertThat(variable(pi, VAR_BACKUP_VERIFIED)).isEqualTo(true);
        assertThat(variable(pi, VAR_LATEST_BACKUP_ID)).isEqualTo("daily-1");
        assertThat((String) variable(pi, VAR_LAST_DAILY_REVIEW)).contains("day 1: release healthy").contains("backup verified");
        Map<String, Object> day = lastEntry(TASK_RECORD_DAILY_REVIEW);
        assertThat(day).containsEntry("health", "healthy").containsEntry("backup", "verified")
                .containsEntry("backupId", "daily-1").containsEntry("rollbackDecision", "continue").containsEntry("result", "done");
        assertThat(lastEntry("Task_VerifyLatestBackup")).containsEntry("verified", true).containsEntry("pgRestoreListEntries", 17);
        assertThat(notifications()).isEmpty();

        runtimeService().setVariable(pi.getId(), VAR_POST_GO_LIVE_ENDS_AT, new Date(System.currentTimeMillis() - 1000));
        passOneDay(pi);

        assertThat(pi).isWaitingAt(TASK_HAND_OVER);
        assertThat(task(pi)).hasCandidateGroup(GROUP_OPS).hasDefinitionKey(TASK_HAND_OVER);
        assertThat(variable(pi, VAR_REVIEW_DAYS)).isEqualTo(2);
    }

    @Test
    void anUnhealthyDayAndAFailedBackupVerificationAreRecordedAndTheFollowUpGoesOn() throws Exception {
        when(validation.run(eq(Check.HEALTH), any(Target.class), anyList()))
                .thenThrow(new StepFailedException("/web/health answered 502"))
                .thenReturn(Map.of("status", 200));
        BackupRecord stale = writtenBackup("daily-0", Instant.now().minusSeconds(3 * 24 * 3600));
        when(backups.list(sandbox())).thenReturn(List.of(stale));
        ProcessInstance pi = startFollowUp(inOneHour());

        passOneDay(pi);

        assertThat(pi).isWaitingAt("TimerEvent_ReviewIntervalPassed");
        assertThat(pi).hasPassedInOrder("CallActivity_ReviewReleaseHealth", "Task_VerifyLatestBackup", "Task_RecordDailyReview");
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        assertThat(variable(pi, VAR_UNHEALTHY_DAYS)).isEqualTo(1);
        assertThat(variable(pi, VAR_FAILED_BACKUP_VERIFICATIONS)).isEqualTo(1);
        assertThat(variable(pi, VAR_BACKUP_VERIFIED)).isEqualTo(false);
        assertThat(variable(pi, VAR_REVIEW_FAILURE)).as("today's failure is not inherited by tomorrow").isNull();
        Map<String, Object> day = lastEntry(TASK_RECORD_DAILY_REVIEW);
        assertThat(day).containsEntry("health", "unhealthy").containsEntry("backup", "failed");
        assertThat(String.valueOf(day.get("failedChecks"))).contains("502");
        assertThat((String) day.get("backupDetail")).contains("too old");
        assertThat(notifications()).extracting(n -> n.get("event"))
                .containsExactly("post-go-live-unhealthy", "backup-verification-failed");

        // the next day both are fine again, and the follow-up keeps counting
        when(backups.list(sandbox())).thenReturn(List.of(writtenBackup("daily-1", Instant.now())));
        passOneDay(pi);

        assertThat(pi).isWaitingAt("TimerEvent_ReviewIntervalPassed");
        assertThat(variable(pi, VAR_REVIEW_DAYS)).isEqualTo(2);
        assertThat(variable(pi, VAR_UNHEALTHY_DAYS)).isEqualTo(1);
        assertThat(variable(pi, VAR_FAILED_BACKUP_VERIFICATIONS)).isEqualTo(1);
        assertThat(lastEntry(TASK_RECORD_DAILY_REVIEW)).containsEntry("health", "healthy").containsEntry("backup", "verified");
        assertThat(notifications()).hasSize(2);
    }

    @Test
    void aTamperedBackupFailsItsVerificationByChecksum() throws Exception {
        BackupRecord backup = writtenBackup("daily-1", Instant.now());
        Files.write(Path.of(backup.dumpFile()), new byte[] {42}, java.nio.file.StandardOpenOption.APPEND);
        when(backups.list(sandbox())).thenReturn(List.of(backup));
        ProcessInstance pi = startFollowUp(inOneHour());

        passOneDay(pi);

        assertThat(pi).isWaitingAt("TimerEvent_ReviewIntervalPassed");
        assertThat((String) variable(pi, VAR_BACKUP_VERIFICATION)).contains("SHA-256");
        assertThat(notifications()).extracting(n -> n.get("event")).containsExactly("backup-verification-failed");
    }

    @Test
    void aRollbackCriterionMetByTheDailyValidationMakesTheDayUnhealthy() {
        when(validation.run(eq(Check.LOGIN), any(Target.class), anyList()))
                .thenThrow(new StepFailedException("/web/login answered 500"))
                .thenReturn(Map.of("status", 200));
        ProcessInstance pi = startFollowUp(inOneHour());

        passOneDay(pi);

        Map<String, Object> day = lastEntry(TASK_RECORD_DAILY_REVIEW);
        assertThat(day).containsEntry("health", "unhealthy").containsEntry("rollbackDecision", "consider-rollback")
                .containsEntry("rollbackCriterion", "Core workflows blocked");
        assertThat(String.valueOf(day.get("failedChecks"))).contains("/web/login answered 500");
        assertThat(variable(pi, VAR_VALIDATION_FAILED_CHECKS)).as("today's result is not inherited by tomorrow").isNull();
        assertThat(variable(pi, VAR_VALIDATION_ROLLBACK_DECISION)).isNull();
        assertThat(notifications()).extracting(n -> n.get("event")).containsExactly("post-go-live-unhealthy");

        passOneDay(pi);
        assertThat(lastEntry(TASK_RECORD_DAILY_REVIEW)).containsEntry("health", "healthy").containsEntry("rollbackDecision", "continue");
    }

    @Test
    void handoverRefusesAnUncheckedItemWithoutANoteAndEndsHandedOver() {
        ProcessInstance pi = startFollowUp(new Date(System.currentTimeMillis() - 1000));
        passOneDay(pi);
        assertThat(pi).isWaitingAt(TASK_HAND_OVER);
        String taskId = task(pi).getId();

        Map<String, Object> items = allItemsChecked();
        items.put(VAR_HANDOVER_LESSONS_LEARNED, false);
        ResponseEntity<Map> refused = completeHandover("ops", taskId, items);

        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(400);
        assertThat(String.valueOf(refused.getBody().get("message"))).contains(VAR_HANDOVER_LESSONS_LEARNED);
        assertThat(pi).isWaitingAt(TASK_HAND_OVER);
        assertThat(task(pi).getId()).isEqualTo(taskId);

        items.put(VAR_HANDOVER_NOTES, "lessons-learned session moved to next sprint; owner: ops lead");
        ResponseEntity<Map> completed = completeHandover("ops", taskId, items);

        assertThat(completed.getStatusCode().is2xxSuccessful()).as("%s", completed.getBody()).isTrue();
        assertThat(pi).isEnded().hasPassed("EndEvent_HandedOver");
        assertThat(historicVariable(pi.getId(), VAR_HANDED_OVER_BY)).isEqualTo("ops");
        assertThat(historicVariable(pi.getId(), VAR_HANDED_OVER_AT)).isNotNull();
        assertThat(lastEntry(TASK_HAND_OVER)).containsEntry(VAR_HANDED_OVER_BY, "ops")
                .containsEntry(VAR_HANDOVER_LESSONS_LEARNED, false).containsEntry(VAR_HANDOVER_KNOWLEDGE_TRANSFER, true);
    }

    @Test
    void anOverdueHandoverIsEscalatedAndStaysOpen() {
        ProcessInstance pi = startFollowUp(new Date(System.currentTimeMillis() - 1000));
        passOneDay(pi);
        assertThat(pi).isWaitingAt(TASK_HAND_OVER);
        String taskId = task(pi).getId();

        fireTimer(pi, "BoundaryEvent_HandoverOverdue");
        runJobsExceptTimers();

        assertThat(pi).hasPassed("Task_EscalateHandover", "EndEvent_HandoverEscalated").isWaitingAt(TASK_HAND_OVER);
        assertThat(task(pi).getId()).isEqualTo(taskId);
        assertThat(notifications()).filteredOn(n -> "escalation".equals(n.get("event"))).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("event", "escalation"));

        assertThat(completeHandover("ops", taskId, allItemsChecked()).getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(pi).isEnded().hasPassed("EndEvent_HandedOver");
    }

    @Test
    void theStartDelegateRunTwiceStartsOneFollowUp() {
        starterDeployment = engine.getRepositoryService().createDeployment().name(STARTER_PROCESS)
                .addModelInstance(STARTER_PROCESS + ".bpmn", starterProcess()).deploy().getId();
        Map<String, Object> goLive = releaseVariables(goLiveId);
        goLive.put(VAR_FAILURE_REASON, "from an earlier attempt");

        String first = runtimeService().startProcessInstanceByKey(STARTER_PROCESS, goLiveId, goLive).getId();
        runJobsExceptTimers();
        String second = runtimeService().startProcessInstanceByKey(STARTER_PROCESS, goLiveId, goLive).getId();
        runJobsExceptTimers();

        List<ProcessInstance> followUps = runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_POST_GO_LIVE)
                .processInstanceBusinessKey(goLiveId).list();
        assertThat(followUps).hasSize(1);
        ProcessInstance followUp = followUps.get(0);
        assertThat(followUp).isWaitingAt("TimerEvent_ReviewIntervalPassed");
        assertThat(historicVariable(first, VAR_POST_GO_LIVE_INSTANCE_ID)).isEqualTo(followUp.getId());
        assertThat(historicVariable(second, VAR_POST_GO_LIVE_INSTANCE_ID)).isEqualTo(followUp.getId());
        assertThat(variable(followUp, VAR_RELEASE_TAG)).isEqualTo("18.0-2");
        assertThat(variable(followUp, VAR_INSTALL_MODULES)).isEqualTo("golive_extra");
        assertThat(variable(followUp, VAR_FAILURE_REASON)).isNull();
        assertThat(variable(followUp, VAR_POST_GO_LIVE_ENDS_AT)).isInstanceOf(Date.class);
        List<Map<String, Object>> starts = evidence.entries(goLiveId).stream()
                .filter(e -> TASK_START_POST_GO_LIVE.equals(e.get("step"))).toList();
        assertThat(starts).extracting(e -> e.get("started")).containsExactly(true, false);
        assertThat(starts).extracting(e -> e.get("postGoLiveInstanceId")).containsOnly(followUp.getId());
    }

    // ---------------------------------------------------------------------------------------------------

    private static final String TASK_RECORD_DAILY_REVIEW = "Task_RecordDailyReview";

    private ProcessInstance startFollowUp(Date endsAt) {
        Map<String, Object> variables = releaseVariables(goLiveId);
        variables.put(VAR_POST_GO_LIVE_ENDS_AT, endsAt);
        return runtimeService().startProcessInstanceByKey(PROCESS_POST_GO_LIVE, goLiveId, variables);
    }

    private static Date inOneHour() {
        return new Date(System.currentTimeMillis() + 3_600_000);
    }

    /** The day's timer fires; the review, the backup check and the record run. */
    private void passOneDay(ProcessInstance pi) {
        fireTimer(pi, "TimerEvent_ReviewIntervalPassed");
        runJobsExceptTimers();
    }

    private void fireTimer(ProcessInstance pi, String activityId) {
        Job timer = engine.getManagementService().createJobQuery().timers().processInstanceId(pi.getId())
                .activityId(activityId).singleResult();
        assertThat(timer).as("timer %s", activityId).isNotNull();
        engine.getManagementService().executeJob(timer.getId());
    }


    private Object variable(ProcessInstance pi, String name) {
        return runtimeService().getVariable(pi.getId(), name);
    }

    private Object historicVariable(String processInstanceId, String name) {
        HistoricVariableInstance variable = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    private Map<String, Object> lastEntry(String step) {
        List<Map<String, Object>> entries = evidence.entries(goLiveId).stream().filter(e -> step.equals(e.get("step"))).toList();
        assertThat(entries).as("evidence of %s", step).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    private List<Map<String, Object>> notifications() {
        return evidence.entries(goLiveId).stream().filter(e -> "notify".equals(e.get("step"))).toList();
    }

    private static Map<String, Object> allItemsChecked() {
        Map<String, Object> items = new LinkedHashMap<>();
        for (String item : List.of(VAR_HANDOVER_KNOWLEDGE_TRANSFER, VAR_HANDOVER_POST_IMPLEMENTATION_REVIEW,
                VAR_HANDOVER_LESSONS_LEARNED, VAR_HANDOVER_PERFORMANCE_BASELINE, VAR_HANDOVER_SLA_MONITORING,
                VAR_HANDOVER_OPEN_ISSUES_TRIAGED, VAR_HANDOVER_KNOWN_ISSUES_CLOSED)) {
            items.put(item, true);
        }
        return items;
    }

    private ResponseEntity<Map> completeHandover(String user, String taskId, Map<String, Object> variables) {
        StringBuilder json = new StringBuilder("{\"variables\":{");
        variables.forEach((name, value) -> {
            if (json.charAt(json.length() - 1) != '{') {
                json.append(',');
            }
            json.append('"').append(name).append("\":");
            if (value instanceof Boolean b) {
                json.append("{\"value\":").append(b).append(",\"type\":\"Boolean\"}");
            } else {
                json.append("{\"value\":\"").append(value.toString().replace("\"", "\\\"")).append("\",\"type\":\"String\"}");
            }
        });
        json.append("}}");
        return post(user, "/engine-rest/task/" + taskId + "/complete", "application/json", json.toString());
    }

    /** A backup as BackupService leaves it, with checksums of real files, so the verification can recompute them. */
    private BackupRecord writtenBackup(String id, Instant createdAt) throws Exception {
        Path dir = Files.createDirectories(backupDir.resolve(id));
        Path dump = Files.writeString(dir.resolve("database.dump"), "PGDMP fake dump " + id);
        Path archive = Files.writeString(dir.resolve("filestore.tar.gz"), "fake archive " + id);
        return new BackupRecord(id, "sandbox", "golive_sandbox", dump.toString(), Files.size(dump), sha256(dump), 17,
                archive.toString(), Files.size(archive), sha256(archive), "golive/odoo:18.0-1", createdAt);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Stands in for go-live's last step until go-live.bpmn calls it: the same delegate, async, retried. */
    private static BpmnModelInstance starterProcess() {
        return Bpmn.createExecutableProcess(STARTER_PROCESS).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Test")
                .serviceTask(TASK_START_POST_GO_LIVE).camundaAsyncBefore().camundaDelegateExpression("${startPostGoLiveDelegate}")
                .endEvent("EndEvent_Test")
                .done();
    }
}
