package org.golive.process;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.lenient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.deploy.ContainerService.ContainerInfo;
import org.golive.deploy.OdooRuntimeService;
import org.golive.deploy.OdooRuntimeService.KeptContainer;
import org.golive.deploy.TargetChecks;
import org.golive.modules.ModuleDeploymentService;
import org.golive.modules.ModuleDeploymentService.Report;
import org.golive.validation.ReleaseValidationService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Process-model tests: the real engine, BPMN, delegates, listeners and REST API; only the services that
 * touch Docker, PostgreSQL and Odoo are mocked. Jobs are executed by the test, one at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("processtest")
abstract class ProcessTestSupport {

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
    @MockitoBean
    BackupService backups;
    @MockitoBean
    ModuleDeploymentService modules;
    @MockitoBean
    ReleaseValidationService validation;

    @Autowired
    ProcessEngine engine;
    @Autowired
    TestRestTemplate rest;

    @BeforeEach
    void wireEngineAndHappyInfrastructure() {
        BpmnAwareTests.init(engine);
        lenient().when(runtime.enableMaintenance(anyString())).thenReturn(Optional.of(new KeptContainer("golive-sandbox-odoo", "golive/odoo:18.0-1")));
        lenient().when(runtime.keepPrevious(anyString(), anyString()))
                .thenReturn(Optional.of(new KeptContainer("golive-sandbox-odoo-previous", "golive/odoo:18.0-1")));
        lenient().when(runtime.deployRelease(anyString(), anyString(), anyString())).thenReturn(
                new ContainerInfo("c0ffee", "golive-sandbox-odoo", "golive/odoo:18.0-2", "sha256:abc", false, null, 0, Map.of()));
        lenient().when(runtime.startOdoo(anyString())).thenReturn(Duration.ofMillis(5));
        lenient().when(runtime.restorePrevious(anyString(), anyString(), any())).thenReturn(Duration.ofMillis(5));
        lenient().when(backups.backUp(anyString(), anyString(), any())).thenAnswer(call -> backup(call.getArgument(1)));
        lenient().when(backups.find(anyString(), anyString())).thenAnswer(call -> Optional.of(backup(call.getArgument(1))));
        lenient().when(backups.restoreDatabase(anyString(), anyString())).thenAnswer(call -> backup(call.getArgument(1)));
        lenient().when(backups.restoreFilestore(anyString(), anyString())).thenAnswer(call -> backup(call.getArgument(1)));
        Report report = new Report(List.of(), Map.of("golive_demo", "18.0.1.0.0"), Map.of("golive_demo", "18.0.1.1.0"), List.of());
        lenient().when(modules.install(anyString(), anyString(), anyList(), anyString())).thenReturn(report);
        lenient().when(modules.update(anyString(), anyString(), anyList(), anyString())).thenReturn(report);
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

    /**
     * Executes every job (timers included) until none is left that could still run. A failing job counts
     * down its retries as it would under the job executor.
     */
    void runJobs() {
        for (int i = 0; i < 500; i++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().withRetriesLeft().list();
            if (jobs.isEmpty()) {
                return;
            }
            try {
                engine.getManagementService().executeJob(jobs.get(0).getId());
            } catch (RuntimeException expectedForFailingSteps) {
                // the engine has recorded the failure on the job; the next round retries it
            }
        }
        throw new AssertionError("jobs still pending after 500 executions");
    }
}
