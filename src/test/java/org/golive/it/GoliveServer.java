package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.golive.readiness.AttestationItems;
import org.golive.signoff.SignOffRole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A golive server as its own process, from the packaged jar, with the 'it' environment; and its REST API as the
 * people of a go-live use it. The production job lock (2 min, extended while a step runs) unless told otherwise.
 */
final class GoliveServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path work;
    private final int port;
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private Process process;

    GoliveServer(Path work) throws IOException {
        this.work = work;
        this.port = LocalPorts.free();
    }

    /** Environment variables of the server process (for instance a password, which argv would show to everyone). */
    GoliveServer withEnvironment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** A login other than the demo ones (admin/admin, everyone else demo): a production golive has no demo users. */
    GoliveServer withPassword(String user, String password) {
        passwords.put(user, password);
        return this;
    }

    int port() {
        return port;
    }

    /** Starts the server (log: {@code <work>/server-<name>.log}) and waits until its engine answers. */
    GoliveServer start(String name, String... arguments) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target/golive.jar").toAbsolutePath().toString(),
                "--server.port=" + port,
                "--spring.config.additional-location=file:" + Path.of("src/test/resources/it/environment.yaml").toAbsolutePath()));
        if (List.of(arguments).stream().noneMatch(a -> a.startsWith("--golive.steps.tool-timeout="))) {
            argv.add("--golive.steps.tool-timeout=10s");
        }
        if (List.of(arguments).stream().noneMatch(a -> a.startsWith("--spring.profiles.active="))) {
            // demo logins and admin/admin: the people this class plays
            argv.add("--spring.profiles.active=sandbox");
        }
        argv.addAll(List.of(arguments));
        Path log = log(name);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())));
        builder.environment().putAll(environment);
        process = builder.start();
        try {
            awaitEngine(name, Duration.ofMinutes(5), () -> process.isAlive() ? null : Files.readString(log));
        } catch (Exception | AssertionError e) {
            // the caller has no handle on a server that never answered: it must not outlive the test
            process.destroyForcibly().waitFor();
            throw e;
        }
        return this;
    }

    /** Waits until the engine answers admin; {@code exited} tells why the server is gone, or null while it runs. */
    void awaitEngine(String name, Duration timeout, Call<String> exited) throws Exception {
        await("golive " + name + " to start", timeout, () -> {
            String why = exited.call();
            if (why != null) {
                throw new IllegalStateException("golive " + name + " exited: " + why);
            }
            return get("admin", "/engine-rest/engine");
        }, engines -> engines.size() == 1);
    }

    Path log(String name) {
        return work.resolve("server-" + name + ".log");
    }

    /** SIGTERM: Spring stops the job executor and closes the engine. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    /** SIGKILL: no shutdown at all, as a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * SIGKILL to the server and to every process it started (a pg_dump, an Odoo CLI client), by pid: the node is gone
     * for good, as when its host dies. Returns the server's pid.
     */
    long killForGood() throws InterruptedException {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroyForcibly().waitFor();
        children.forEach(ProcessHandle::destroyForcibly);
        return process.pid();
    }

    /** As the people of the checklist: lead attests and accepts the inconclusive gate, every role signs off. */
    void passReadinessAndSignOffs(String businessKey) throws Exception {
        String attested = AttestationItems.ALL.stream().map(item -> "\"" + item.attestField() + "\":{\"value\":true,\"type\":\"Boolean\"}")
                .collect(Collectors.joining(","));
        complete("lead", "processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey=UserTask_AttestReadiness", attested);
        complete("lead", "processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey=UserTask_ReviewInconclusiveGates",
                "\"gateReviewDecision\":{\"value\":\"accept\"},\"gateReviewReason\":{\"value\":\"no staging here\"}");
        for (SignOffRole role : SignOffRole.values()) {
            complete(role.demoUser(), "processInstanceBusinessKey=" + businessKey + "&candidateGroup=" + role.group(),
                    "\"signOffDecision\":{\"value\":\"approve\"}");
        }
    }

    /** Waits for the go/no-go task of the go-live and decides "go" as lead. */
    void decideGo(String processInstanceId, String reason) throws Exception {
        String taskId = await("go/no-go task", Duration.ofSeconds(60),
                () -> get("lead", "/engine-rest/task?processInstanceId=" + processInstanceId), tasks -> tasks.size() == 1)
                .get(0).path("id").asText();
        HttpResponse<String> response = postRaw("lead", "/engine-rest/task/" + taskId + "/complete", "application/json",
                "{\"variables\":{\"goNoGoDecision\":{\"value\":\"go\"},\"goNoGoReason\":{\"value\":\"" + reason + "\"}}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    /** Waits for the one task the query finds, then completes it as the given user. */
    void complete(String user, String query, String variables) throws Exception {
        String taskId = await(query, Duration.ofSeconds(90), () -> get(user, "/engine-rest/task?" + query), tasks -> tasks.size() == 1)
                .get(0).path("id").asText();
        HttpResponse<String> response = postRaw(user, "/engine-rest/task/" + taskId + "/complete", "application/json",
                "{\"variables\":{" + variables + "}}");
        assertThat(response.statusCode()).as("%s: %s", query, response.body()).isEqualTo(204);
    }

    /** The go-live's finished historic instance, once it is no longer active. */
    JsonNode awaitEnd(String processInstanceId, Duration timeout) throws Exception {
        return await("the go-live to end", timeout,
                () -> get("admin", "/engine-rest/history/process-instance?processInstanceId=" + processInstanceId),
                list -> list.size() == 1 && !"ACTIVE".equals(list.get(0).path("state").asText())).get(0);
    }

    /** How often each activity finished in the instance. */
    long finished(String processInstanceId, String activityId) throws Exception {
        long n = 0;
        for (JsonNode activity : get("admin", "/engine-rest/history/activity-instance?processInstanceId=" + processInstanceId
                + "&finished=true")) {
            if (activityId.equals(activity.path("activityId").asText())) {
                n++;
            }
        }
        return n;
    }

    interface Call<T> {
        T call() throws Exception;
    }

    /** Calls until {@code done} accepts the answer; an I/O error (a server not up yet) is one more try. */
    static <T> T await(String what, Duration timeout, Call<T> call, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T node = call.call();
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

    JsonNode get(String user, String path) throws Exception {
        HttpResponse<String> response = http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    String text(String user, String path) throws Exception {
        HttpResponse<String> response = http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    JsonNode post(String user, String path, String type, String body) throws Exception {
        HttpResponse<String> response = postRaw(user, path, type, body);
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    HttpResponse<String> postRaw(String user, String path, String type, String body) throws Exception {
        return send(user, "POST", path, type, body);
    }

    HttpResponse<String> send(String user, String method, String path, String type, String body) throws Exception {
        return http.send(request(user, path).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET with the given password (a wrong one, to test login throttling). */
    int statusAs(String user, String password, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    HttpResponse<String> putRaw(String user, String path, String json) throws Exception {
        return http.send(request(user, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> deleteRaw(String user, String path) throws Exception {
        return http.send(request(user, path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request as a browser on another site would send it: no X-Requested-By header. */
    HttpResponse<String> postCrossSite(String user, String path, String type, String body) throws Exception {
        return http.send(bare(user, path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** golive's own clients (CLI, Tasklist scripts) say who they are; browsers on another site cannot. */
    private HttpRequest.Builder request(String user, String path) {
        return bare(user, path).header("X-Requested-By", "golive-it");
    }

    private HttpRequest.Builder bare(String user, String path) {
        String password = passwords.getOrDefault(user, "admin".equals(user) ? "admin" : "demo");
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
