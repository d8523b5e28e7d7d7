package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.ENV;
import static org.golive.it.ItStack.PREVIOUS;
import static org.golive.it.ItStack.RELEASE;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.backup.BackupService;
import org.golive.deploy.ContainerService;
import org.golive.readiness.AttestationItems;
import org.golive.signoff.SignOffRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Kills the golive server (SIGKILL) in the middle of a go-live, after the backup and before validation,
 * restarts it on the same engine database, and checks that the same instance completes without doing the
 * finished work again. The server runs as its own process from the packaged jar, with the production job lock
 * (45 min): the step it was killed in runs again as soon as it is back, not when the lock runs out. This JVM
 * only watches.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("it")
@Import(ItSupport.class)
class CrashRecoveryIT {

    private static final Path WORK = Path.of("target/crash-it").toAbsolutePath();

    @Autowired
    ItStack stack;
    @Autowired
    ContainerService containers;
    @Autowired
    BackupService backups;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process server;
    private int port;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void killedServerResumesTheSameGoLiveWithoutRepeatingFinishedSteps() throws Exception {
        stack.reset();
        ItStack.deleteTree(WORK);
        Files.createDirectories(WORK);
        port = freePort();
        server = startServer("first");

        String nightly = post("ops", "/api/environments/" + ENV + "/backups", "application/json", "").path("id").asText();
        String id = post("release", "/api/go-lives", "application/yaml", """
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                install: [golive_extra]
                update: [golive_demo]
                """).path("processInstanceId").asText();
        String businessKey = get("admin", "/engine-rest/process-instance/" + id).path("businessKey").asText();
        String attested = AttestationItems.ALL.stream().map(item -> "\"" + item.attestField() + "\":{\"value\":true,\"type\":\"Boolean\"}")
                .collect(java.util.stream.Collectors.joining(","));
        complete("lead", "processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey=UserTask_AttestReadiness", attested);
        complete("lead", "processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey=UserTask_ReviewInconclusiveGates",
                "\"gateReviewDecision\":{\"value\":\"accept\"},\"gateReviewReason\":{\"value\":\"no staging here\"}");
        for (SignOffRole role : SignOffRole.values()) {
            complete(role.demoUser(), "processInstanceBusinessKey=" + businessKey + "&candidateGroup=" + role.group(),
                    "\"signOffDecision\":{\"value\":\"approve\"}");
        }
        String taskId = await("go/no-go task", Duration.ofSeconds(60),
                () -> get("lead", "/engine-rest/task?processInstanceId=" + id), tasks -> tasks.size() == 1).get(0).path("id").asText();
        postRaw("lead", "/engine-rest/task/" + taskId + "/complete", "application/json",
                "{\"variables\":{\"goNoGoDecision\":{\"value\":\"go\"},\"goNoGoReason\":{\"value\":\"crash drill\"}}}");

        // kill while Odoo's CLI installs the modules: a step after the backup, in the middle of its work
        String cliPrefix = stack.target().container().name() + "-cli-";
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (stack.containerNames().stream().noneMatch(n -> n.startsWith(cliPrefix))) {
            assertThat(Instant.now()).as("module install never seen running").isBefore(deadline);
            assertThat(get("admin", "/engine-rest/history/activity-instance?processInstanceId=" + id + "&activityId=CallActivity_ValidateRelease").size())
                    .as("validation reached before the kill").isZero();
            Thread.sleep(20);
        }
        server.destroyForcibly().waitFor();
        String killedIn = "Task_InstallModules";

        server = startServer("second");
        assertThat(Files.readString(WORK.resolve("server-second.log")))
                .as("the restarted node released the lock the killed one held")
                .containsPattern("released the locks it held before it stopped, to run again now: \\[[^]]*" + killedIn);
        JsonNode done = await("the go-live to end", Duration.ofMinutes(4),
                () -> get("admin", "/engine-rest/history/process-instance?processInstanceId=" + id),
                list -> list.size() == 1 && !"ACTIVE".equals(list.get(0).path("state").asText()));

        assertThat(done.get(0).path("state").asText()).isEqualTo("COMPLETED");
        JsonNode activities = history(id);
        assertThat(count(activities, "EndEvent_GoLiveCompleted")).isEqualTo(1);
        for (String step : List.of("Task_EnableMaintenance", "Task_KeepPreviousOdoo", "Task_BackUpDatabase",
                "Task_DeployOdooContainer", "Task_InstallModules", "Task_UpdateModules", "Task_StartOdoo")) {
            assertThat(count(activities, step)).as("%s completed once (killed in %s)", step, killedIn).isEqualTo(1);
        }
        String goLiveId = done.get(0).path("businessKey").asText();
        assertThat(backups.list(ENV)).extracting(b -> b.id()).containsExactlyInAnyOrder(goLiveId, nightly);
        long backupEvidence = Files.readAllLines(WORK.resolve("data/evidence/" + goLiveId + ".jsonl")).stream()
                .filter(l -> l.contains("\"step\":\"Task_BackUpDatabase\"") && l.contains("\"result\":\"done\"")).count();
        assertThat(backupEvidence).isEqualTo(1);
        assertThat(stack.moduleState("golive_extra")).startsWith("installed");
        assertThat(stack.moduleState("golive_demo")).isEqualTo("installed 18.0.1.1.0");
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow().image()).isEqualTo(RELEASE);
        assertThat(stack.containerNames()).containsExactlyInAnyOrder("golive-it-odoo", "golive-it-odoo-previous-" + goLiveId);
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo-previous-" + goLiveId).orElseThrow().image())
                .isEqualTo(PREVIOUS);
    }

    /** Waits for the one task the query finds, then completes it as the given user. */
    private void complete(String user, String query, String variables) throws Exception {
        String taskId = await(query, Duration.ofSeconds(90), () -> get(user, "/engine-rest/task?" + query), tasks -> tasks.size() == 1)
                .get(0).path("id").asText();
        HttpResponse<String> response = postRaw(user, "/engine-rest/task/" + taskId + "/complete", "application/json",
                "{\"variables\":{" + variables + "}}");
        assertThat(response.statusCode()).as("%s: %s", query, response.body()).isEqualTo(204);
    }

    private Process startServer(String name) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target/golive.jar").toAbsolutePath().toString(),
                "--server.port=" + port,
                "--spring.config.additional-location=file:" + Path.of("src/test/resources/it/environment.yaml").toAbsolutePath(),
                // the embedded default engine database: an H2 file under the data dir
                "--golive.data-dir=" + WORK.resolve("data"),
                // the production job lock (45 min): the restarted node must take back its step at once, not when the
                // killed node's lock runs out (org.golive.engine.NodeJobLocks)
                "--golive.steps.tool-timeout=10s"));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(WORK.resolve("server-" + name + ".log").toString())))
                .start();
        await("golive to start", Duration.ofMinutes(2), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("golive exited: " + Files.readString(WORK.resolve("server-" + name + ".log")));
            }
            return get("admin", "/engine-rest/engine");
        }, engines -> engines.size() == 1);
        return process;
    }

    private JsonNode history(String id) throws Exception {
        return get("admin", "/engine-rest/history/activity-instance?processInstanceId=" + id + "&finished=true");
    }

    private static long count(JsonNode activities, String activityId) {
        long n = 0;
        for (JsonNode activity : activities) {
            if (activityId.equals(activity.path("activityId").asText())) {
                n++;
            }
        }
        return n;
    }

    interface Call {
        JsonNode call() throws Exception;
    }

    private JsonNode await(String what, Duration timeout, Call call, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                JsonNode node = call.call();
                if (done.test(node)) {
                    return node;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }

    private JsonNode get(String user, String path) throws Exception {
        HttpResponse<String> response = http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    private JsonNode post(String user, String path, String type, String body) throws Exception {
        HttpResponse<String> response = postRaw(user, path, type, body);
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return json.readTree(response.body());
    }

    private HttpResponse<String> postRaw(String user, String path, String type, String body) throws Exception {
        return http.send(request(user, path).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String path) {
        String password = "admin".equals(user) ? "admin" : "demo";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
