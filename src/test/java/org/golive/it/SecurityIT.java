package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.ENV;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The requests of issue 11's "what was found", replayed against a real golive (its own process, from the
 * packaged jar, authorizations on) by people with demo logins going around the forms. Each is refused, and
 * after each the go-live waiting at go/no-go, its variables, the users and the deployments are as they were.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

    private static final Path WORK = Path.of("target/security-it").toAbsolutePath();

    @Autowired
    ItStack stack;

    private GoliveServer server;
    private String goLive;
    private String goNoGoTask;
    private String startedBy;
    private long users;
    private long deployments;

    @BeforeAll
    void aGoLiveWaitsAtGoNoGo() throws Exception {
        stack.reset();
        ItStack.deleteTree(WORK);
        Files.createDirectories(WORK);
        server = new GoliveServer(WORK).start("security", "--golive.data-dir=" + WORK.resolve("data"));
        server.post("ops", "/api/environments/" + ENV + "/backups", "application/json", "");
        goLive = server.post("release", "/api/go-lives", "application/yaml", """
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                update: [golive_demo]
                """).path("processInstanceId").asText();
        String businessKey = server.get("admin", "/engine-rest/process-instance/" + goLive).path("businessKey").asText();
        server.passReadinessAndSignOffs(businessKey);
        goNoGoTask = GoliveServer.await("go/no-go task", Duration.ofSeconds(90),
                () -> server.get("lead", "/engine-rest/task?processInstanceId=" + goLive), tasks -> tasks.size() == 1)
                .get(0).path("id").asText();
        startedBy = variable("startedBy");
        users = server.get("admin", "/engine-rest/user/count").path("count").asLong();
        deployments = server.get("admin", "/engine-rest/deployment/count").path("count").asLong();
    }

    @AfterEach
    void nothingChanged() throws Exception {
        JsonNode instance = server.get("admin", "/engine-rest/process-instance/" + goLive);
        assertThat(instance.path("ended").asBoolean(true)).as("the go-live still runs").isFalse();
        assertThat(server.get("admin", "/engine-rest/task?processInstanceId=" + goLive).get(0).path("id").asText())
                .as("the go/no-go task still waits").isEqualTo(goNoGoTask);
        assertThat(variable("startedBy")).isEqualTo(startedBy);
        assertThat(variable("releaseTag")).isEqualTo("18.0-2");
        assertThat(server.get("admin", "/engine-rest/user/count").path("count").asLong()).isEqualTo(users);
        assertThat(server.get("admin", "/engine-rest/deployment/count").path("count").asLong()).isEqualTo(deployments);
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aReleaseManagerCannotCompleteTheLeadsGoNoGo() throws Exception {
        HttpResponse<String> response = server.postRaw("release", "/engine-rest/task/" + goNoGoTask + "/complete", "application/json",
                "{\"variables\":{\"goNoGoDecision\":{\"value\":\"go\"},\"goNoGoReason\":{\"value\":\"mine\"}}}");

        assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
    }

    @Test
    void anApproverCannotSkipATaskByModifyingTheInstance() throws Exception {
        HttpResponse<String> response = server.postRaw("qa", "/engine-rest/process-instance/" + goLive + "/modification", "application/json",
                "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"UserTask_DecideGoNoGo\"},"
                        + "{\"type\":\"startBeforeActivity\",\"activityId\":\"SubProcess_Deployment\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }

    @Test
    void opsCannotDeleteARunningGoLive() throws Exception {
        HttpResponse<String> response = server.deleteRaw("ops", "/engine-rest/process-instance/" + goLive);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }

    @Test
    void aReleaseManagerCannotRewriteWhoStartedTheGoLive() throws Exception {
        HttpResponse<String> response = server.putRaw("release", "/engine-rest/process-instance/" + goLive + "/variables/startedBy",
                "{\"value\":\"someone-else\",\"type\":\"String\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }

    @Test
    void aReleaseManagerCannotCreateAUser() throws Exception {
        HttpResponse<String> response = server.postRaw("release", "/engine-rest/user/create", "application/json",
                "{\"profile\":{\"id\":\"mallory\",\"firstName\":\"M\",\"lastName\":\"M\",\"email\":\"m@golive.invalid\"},"
                        + "\"credentials\":{\"password\":\"mallory-password\"}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }

    @Test
    void aReleaseManagerCannotJoinTheAdminGroup() throws Exception {
        HttpResponse<String> response = server.putRaw("release", "/engine-rest/group/camunda-admin/members/release", "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }

    @Test
    void aReleaseManagerCannotDeployAModel() throws Exception {
        String boundary = "golive-it-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nevil\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"evil.bpmn\"; filename=\"evil.bpmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "targetNamespace=\"x\"><process id=\"evil\" isExecutable=\"true\"><startEvent id=\"s\"/></process></definitions>\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> response = server.postRaw("release", "/engine-rest/deployment/create",
                "multipart/form-data; boundary=" + boundary, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }

    @Test
    void anApproverCannotStartAGoLive() throws Exception {
        HttpResponse<String> response = server.postRaw("qa", "/api/go-lives", "application/yaml",
                "image: golive/odoo\ntag: \"18.0-2\"\nenvironment: it\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("golive-release");
    }

    @Test
    void anApproverCannotStartAGoLiveThroughEngineRest() throws Exception {
        HttpResponse<String> response = server.postRaw("qa", "/engine-rest/process-definition/key/go-live/start", "application/json",
                "{\"variables\":{\"manifestYaml\":{\"value\":\"image: golive/odoo\\ntag: \\\"18.0-2\\\"\\nenvironment: it\\n\"}}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }

    @Test
    void anApproverCannotTakeABackup() throws Exception {
        HttpResponse<String> response = server.postRaw("qa", "/api/environments/" + ENV + "/backups", "application/json", "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("golive-ops").contains("golive-release");
    }

    @Test
    void aReleaseManagerCannotReportASecurityBreach() throws Exception {
        String businessKey = server.get("admin", "/engine-rest/process-instance/" + goLive).path("businessKey").asText();
        HttpResponse<String> response = server.postRaw("release", "/api/go-lives/" + businessKey + "/security-breach",
                "application/json", "{\"reason\":\"made up to force a rollback\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("golive-security-lead");
        assertThat(variable("securityBreachReported")).isNotEqualTo("true");
    }

    @Test
    void theStarterCannotAuthorizeTheirOwnGoLiveEvenAsALead() throws Exception {
        // release is in golive-release only; the four-eyes rule reads the starter from the engine's history
        assertThat(startedBy).isEqualTo("release");
        HttpResponse<String> response = server.postRaw("lead", "/engine-rest/task/" + goNoGoTask + "/complete", "application/json",
                "{\"variables\":{\"goNoGoDecision\":{\"value\":\"maybe\"},\"goNoGoReason\":{\"value\":\"x\"}}}");

        assertThat(response.statusCode()).as("an invalid decision is refused").isEqualTo(400);
    }

    @Test
    void aSecondGoLiveOnTheHeldEnvironmentIsRefusedNamingTheHolder() throws Exception {
        String businessKey = server.get("admin", "/engine-rest/process-instance/" + goLive).path("businessKey").asText();
        HttpResponse<String> api = server.postRaw("release", "/api/go-lives", "application/yaml",
                "image: golive/odoo\ntag: \"18.0-2\"\nenvironment: it\n");
        HttpResponse<String> engineRest = server.postRaw("release", "/engine-rest/process-definition/key/go-live/start",
                "application/json", "{\"variables\":{\"manifestYaml\":{\"value\":\"image: golive/odoo\\ntag: \\\"18.0-2\\\"\\nenvironment: it\\n\"}}}");

        assertThat(api.statusCode()).as(api.body()).isEqualTo(409);
        assertThat(api.body()).contains(businessKey);
        assertThat(engineRest.statusCode()).as(engineRest.body()).isEqualTo(409);
        assertThat(engineRest.body()).contains(businessKey);
        assertThat(server.get("admin", "/engine-rest/process-instance/count?processDefinitionKey=go-live").path("count").asLong())
                .isEqualTo(1);
    }

    @Test
    void aNumericTagIsRefusedWithAHintToQuoteIt() throws Exception {
        HttpResponse<String> response = server.postRaw("release", "/api/manifests/validate", "application/yaml",
                "image: golive/odoo\ntag: 18.10\nenvironment: it\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("18.10").contains("quote");
    }

    @Test
    void anImageOutsideTheEnvironmentsRepositoryIsRefused() throws Exception {
        HttpResponse<String> response = server.postRaw("release", "/api/manifests/validate", "application/yaml",
                "image: alpine\ntag: \"3.20\"\nenvironment: it\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("alpine").contains("golive/odoo");
    }

    @Test
    void aBadManifestThroughEngineRestIsABadRequest() throws Exception {
        HttpResponse<String> response = server.postRaw("release", "/engine-rest/process-definition/key/go-live/start", "application/json",
                "{\"variables\":{\"manifestYaml\":{\"value\":\"image: golive/odoo\\ntag: latest\\nenvironment: it\\n\"}}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("'latest' is a moving tag");
    }

    @Test
    void aCrossSitePlainTextPostIsRefused() throws Exception {
        HttpResponse<String> response = server.postCrossSite("release", "/api/go-lives", "text/plain",
                "image: golive/odoo\ntag: \"18.0-3\"\nenvironment: it\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.body()).contains("X-Requested-By");
    }

    @Test
    void aCrossSiteFormPostToEngineRestIsRefused() throws Exception {
        HttpResponse<String> response = server.postCrossSite("lead", "/engine-rest/task/" + goNoGoTask + "/complete",
                "application/x-www-form-urlencoded", "goNoGoDecision=go");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
    }

    @Test
    void aHugeBodyIsRefusedAtOnce() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = server.postRaw("release", "/api/manifests/validate", "application/yaml",
                "notes: \"" + "x".repeat(2 * 1024 * 1024) + "\"\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void wrongPasswordsDoNotLockTheLeadForGood() throws Exception {
        for (int i = 0; i < 11; i++) {
            assertThat(server.statusAs("lead", "wrong-" + i, "/engine-rest/user/lead/profile")).isEqualTo(401);
            Thread.sleep(100);
        }
        // the delay after eleven wrong passwords is at most a minute (GOLIVE_LOGIN_DELAY_MAX), never forever
        JsonNode profile = GoliveServer.await("lead to log in again", Duration.ofSeconds(75),
                () -> server.get("lead", "/engine-rest/user/lead/profile"), p -> "lead".equals(p.path("id").asText()));
        assertThat(profile.path("id").asText()).isEqualTo("lead");
    }

    @Test
    void eachRoleStillSeesWhatItNeeds() throws Exception {
        assertThat(server.get("lead", "/engine-rest/task?processInstanceId=" + goLive)).hasSize(1);
        assertThat(server.get("release", "/engine-rest/task?processInstanceId=" + goLive)).as("not release's task").isEmpty();
        assertThat(server.get("ops", "/engine-rest/process-instance?processInstanceIds=" + goLive)).hasSize(1);
        assertThat(server.get("release", "/engine-rest/process-instance?processInstanceIds=" + goLive)).hasSize(1);
        assertThat(server.get("qa", "/engine-rest/filter?resourceType=Task")).isNotEmpty();
        assertThat(server.get("ops", "/api/environments")).isNotEmpty();
    }

    private String variable(String name) throws Exception {
        JsonNode value = server.get("admin", "/engine-rest/process-instance/" + goLive + "/variables/" + name);
        return value.path("value").isMissingNode() ? null : value.path("value").asText();
    }
}
