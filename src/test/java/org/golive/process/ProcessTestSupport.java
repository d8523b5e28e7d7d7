package org.golive.process;

import org.golive.config.Environments;
import org.golive.config.Target;
import org.golive.step.ProcessConstants;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupRetentionService;
import org.golive.backup.BackupService;
import org.golive.backup.SnapshotService;
import org.golive.backup.RetentionPolicy;
import org.golive.deploy.ContainerService.ContainerInfo;
import org.golive.deploy.MaintenancePage;
import org.golive.deploy.OdooRuntimeService;
import org.golive.deploy.OdooRuntimeService.KeptContainer;
import org.golive.deploy.TargetChecks;
import org.golive.modules.ModuleDeploymentService;
import org.golive.modules.ModuleDeploymentService.Report;
import org.golive.readiness.AttestationItems;
import org.golive.readiness.Gate;
import org.golive.readiness.GateResult;
import org.golive.readiness.ReadinessGateService;
import org.golive.signoff.SignOffRole;
import org.golive.validation.ReleaseValidationService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Process-model tests: the real engine, BPMN, delegates, listeners and REST API; only the services that
 * touch Docker, PostgreSQL and Odoo are mocked. Jobs are executed by the test, one at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"sandbox", "processtest"})
abstract class ProcessTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String MANIFEST = """
            image: golive/odoo
            tag: "18.0-2"
            environment: sandbox
            install: [golive_extra]
            update: [golive_demo]
            notes: process test
            """;

    @MockitoBean
    TargetChecks targetChecks;
    @MockitoBean
    OdooRuntimeService runtime;
    /** SSH to the proxy host; unstubbed it answers "no maintenance page configured" (empty). */
    @MockitoBean
    MaintenancePage maintenancePage;
    @MockitoBean
    BackupService backups;
    /** Refuses by default ("no snapshots here"): a go-live then dumps inside the window as before snapshots. */
    @MockitoBean
    SnapshotService snapshots;
    @MockitoBean
    ModuleDeploymentService modules;
    @MockitoBean
    ReleaseValidationService validation;
    @MockitoBean
    ReadinessGateService gates;
    /** Real, it would tidy the sandbox's real backup directory through the mocked BackupService's empty list. */
    @MockitoBean
    BackupRetentionService retention;
    /** The rehearsal's scratch copy, neutralization, temporary Odoo and clean-up (issue 13 point 4). */
    @MockitoBean
    org.golive.rehearsal.RehearsalService rehearsals;

    @Autowired
    ProcessEngine engine;
    @Autowired
    Environments environments;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void wireEngineAndHappyInfrastructure() {
        BpmnAwareTests.init(engine);
        // tests delete their leftovers skipping custom listeners, which keeps their environment locks: each test
        // starts with every environment free
        jdbc.update("DELETE FROM golive_environment_lock");
        for (Gate gate : Gate.values()) {
            lenient().when(gates.check(eq(gate), any())).thenReturn(GateResult.pass(gate + " fine", Map.of("gate", gate.name())));
        }
        lenient().when(runtime.enableMaintenance(any(Target.class))).thenReturn(Optional.of(new KeptContainer("golive-sandbox-odoo", "golive/odoo:18.0-1")));
        lenient().when(runtime.keepPrevious(any(Target.class), anyString()))
                .thenReturn(Optional.of(new KeptContainer("golive-sandbox-odoo-previous", "golive/odoo:18.0-1")));
        lenient().when(runtime.prepareRelease(any(Target.class), anyString(), anyString())).thenReturn(
                new ContainerInfo("c0ffee", "golive-sandbox-odoo-release", "golive/odoo:18.0-2", "sha256:abc", false, null, 0, Map.of()));
        lenient().when(runtime.deployRelease(any(Target.class), anyString(), anyString())).thenReturn(
                new ContainerInfo("c0ffee", "golive-sandbox-odoo", "golive/odoo:18.0-2", "sha256:abc", false, null, 0, Map.of()));
        lenient().when(runtime.startOdoo(any(Target.class))).thenReturn(Duration.ofMillis(5));
        lenient().when(runtime.restorePrevious(any(Target.class), anyString(), any())).thenReturn(Duration.ofMillis(5));
        lenient().when(backups.backUp(any(Target.class), anyString(), any())).thenAnswer(call -> backup(call.getArgument(1)));
        lenient().when(backups.find(any(Target.class), anyString())).thenAnswer(call -> Optional.of(backup(call.getArgument(1))));
        lenient().when(backups.restoreDatabase(any(Target.class), anyString())).thenAnswer(call -> backup(call.getArgument(1)));
        lenient().when(backups.restoreFilestore(any(Target.class), anyString())).thenAnswer(call -> backup(call.getArgument(1)));
        lenient().when(retention.apply(any(Target.class))).thenReturn(new BackupRetentionService.Outcome(
                new RetentionPolicy(5, Duration.ofDays(14)), Map.of("old-backup", 1024L), Map.of(), 1024L));
        lenient().when(backups.backUpFrom(any(Target.class), anyString(), any(), anyString(), any())).thenAnswer(call -> backup(call.getArgument(1)));
        lenient().when(snapshots.take(any(Target.class), anyString()))
                .thenReturn(new SnapshotService.Attempt(null, "snapshots are disabled (golive.snapshot.enabled=false)"));
        lenient().when(snapshots.names(any(Target.class), anyString())).thenAnswer(call -> new SnapshotService.Names("golive_sandbox",
                "golive_sandbox_golive_x", "golive_sandbox_failed_x", java.nio.file.Path.of("/odoo/filestore/golive_sandbox")));
        lenient().when(snapshots.swapBack(any(Target.class), anyString())).thenReturn(Optional.empty());
        Report report = new Report(List.of(), Map.of("golive_demo", "18.0.1.0.0"), Map.of("golive_demo", "18.0.1.1.0"), List.of());
        lenient().when(modules.install(any(Target.class), anyString(), anyList(), anyString())).thenReturn(report);
        lenient().when(modules.update(any(Target.class), anyString(), anyList(), anyString())).thenReturn(report);
        lenient().when(modules.release(any(Target.class), anyString(), anyList(), anyList(), anyString())).thenReturn(report);
    }

    /** What a go-live knows of its release (sandbox, golive/odoo:18.0-2) when it starts or calls another process. */
    static Map<String, Object> releaseVariables(String goLiveId) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(ProcessConstants.VAR_GO_LIVE_ID, goLiveId);
        variables.put(ProcessConstants.VAR_ENVIRONMENT, "sandbox");
        variables.put(ProcessConstants.VAR_IMAGE_REPOSITORY, "golive/odoo");
        variables.put(ProcessConstants.VAR_RELEASE_TAG, "18.0-2");
        variables.put(ProcessConstants.VAR_INSTALL_MODULES, "golive_extra");
        variables.put(ProcessConstants.VAR_UPDATE_MODULES, "golive_demo");
        return variables;
    }

    /** The sandbox environment as the delegates resolve it and pass it to the services. */
    Target sandbox() {
        return environments.target("sandbox");
    }

    static BackupRecord backup(String id) {
        return new BackupRecord(id, "sandbox", "golive_sandbox", "/backups/" + id + "/database.dump", 1234, "d1g3st", 42,
                "/backups/" + id + "/filestore.tar.gz", 99, "f1l3", "golive/odoo:18.0-1", Instant.now());
    }

    ResponseEntity<Map> post(String user, String path, String contentType, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        headers.setContentType(MediaType.parseMediaType(contentType));
        return rest.postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    String startGoLive(String manifest) {
        ResponseEntity<Map> response = post("release", "/api/go-lives", "application/yaml", manifest);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("go-live not started: " + response.getStatusCode() + " " + response.getBody());
        }
        return (String) response.getBody().get("processInstanceId");
    }

    ResponseEntity<Map> completeGoNoGo(String user, String taskId, Map<String, Object> variables) {
        StringBuilder json = new StringBuilder("{\"variables\":{");
        variables.forEach((k, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                .append('"').append(k).append("\":{\"value\":\"").append(v).append("\",\"type\":\"String\"}"));
        json.append("}}");
        return post(user, "/engine-rest/task/" + taskId + "/complete", "application/json", json.toString());
    }

    /** A login with password {@code demo} in the given groups; the test deletes it when done. */
    void createUser(String id, String... groups) {
        org.camunda.bpm.engine.identity.User user = engine.getIdentityService().newUser(id);
        user.setPassword("demo");
        engine.getIdentityService().saveUser(user);
        for (String group : groups) {
            engine.getIdentityService().createMembership(id, group);
        }
    }

    /** Completes a task through the engine REST API as Tasklist does, with typed values. */
    ResponseEntity<Map> completeTask(String user, String taskId, Map<String, ?> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", value instanceof Boolean ? "Boolean" : "String")));
        try {
            return post(user, "/engine-rest/task/" + taskId + "/complete", "application/json",
                    JSON.writeValueAsString(Map.of("variables", typed)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The open task of a go-live or of a process it called (they share the go-live's business key). */
    Task openTask(String processInstanceId, String taskDefinitionKey) {
        String businessKey = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult().getBusinessKey();
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
                .taskDefinitionKey(taskDefinitionKey).singleResult();
    }

    /** Readiness as a go-live lead attests it: every item checked. */
    void attestReadiness(String processInstanceId) {
        runJobs();
        Task attestation = openTask(processInstanceId, ProcessConstants.TASK_ATTEST_READINESS);
        if (attestation == null) {
            throw new AssertionError("no attestation task; the go-live is at "
                    + engine.getRuntimeService().getActiveActivityIds(processInstanceId));
        }
        Map<String, Object> attested = new LinkedHashMap<>();
        AttestationItems.ALL.forEach(item -> attested.put(item.attestField(), true));
        ResponseEntity<Map> done = completeTask("lead", attestation.getId(), attested);
        if (!done.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("attestation refused: " + done.getBody());
        }
        runJobs();
    }

    /** Every role of the sign-off page approves, each as its demo user. */
    void signOffAll(String processInstanceId) {
        for (SignOffRole role : SignOffRole.values()) {
            Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey(processInstanceId))
                    .taskCandidateGroup(role.group()).singleResult();
            if (task == null) {
                throw new AssertionError("no sign-off task for " + role.group() + "; the go-live is at "
                        + engine.getRuntimeService().getActiveActivityIds(processInstanceId));
            }
            ResponseEntity<Map> done = completeTask(role.demoUser(), task.getId(), Map.of("signOffDecision", "approve"));
            if (!done.getStatusCode().is2xxSuccessful()) {
                throw new AssertionError("sign-off refused: " + done.getBody());
            }
        }
        runJobs();
    }

    /** Through readiness and the sign-offs: the go-live then waits for its go/no-go. */
    void passReadinessAndSignOffs(String processInstanceId) {
        attestReadiness(processInstanceId);
        signOffAll(processInstanceId);
    }

    String businessKey(String processInstanceId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult().getBusinessKey();
    }

    /** Executes the async continuations only: no timer fires unless a test means it to. */
    void runJobsExceptTimers() {
        drain(() -> engine.getManagementService().createJobQuery().messages().withRetriesLeft().list());
    }

    /**
     * Executes every job (timers included) until none is left that could still run. A failing job counts
     * down its retries as it would under the job executor.
     */
    void runJobs() {
        drain(() -> engine.getManagementService().createJobQuery().withRetriesLeft().list());
    }

    private void drain(Supplier<List<Job>> pending) {
        for (int i = 0; i < 500; i++) {
            List<Job> jobs = pending.get();
            if (jobs.isEmpty()) {
                return;
            }
            try {
                executeJob(jobs.get(0).getId());
            } catch (RuntimeException expectedForFailingSteps) {
                // the engine has recorded the failure on the job; the next round retries it
            }
        }
        throw new AssertionError("jobs still pending after 500 executions");
    }

    /** Runs one job as the job executor would; a benchmark times it here. */
    void executeJob(String jobId) {
        engine.getManagementService().executeJob(jobId);
    }

}
