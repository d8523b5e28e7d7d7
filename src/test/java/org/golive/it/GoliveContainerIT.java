package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.ENV;
import static org.golive.it.ItStack.RELEASE;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.config.Environments;
import org.golive.config.GoliveProperties;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.signoff.SignOffRole;
import org.golive.step.ProcessConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * golive in production as docs/production.md runs it: the image that deploy/image/build.sh makes from the packaged
 * jar, started once on the local engine with PostgreSQL as engine database, secrets as files under /run/secrets
 * and no sandbox profile. Nobody but the admin from the secret file exists; the admin creates the people of a
 * go-live over engine REST, and they run one on the 'it' environment through the container.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
class GoliveContainerIT {

    private static final Path WORK = Path.of("target/golive-container-it").toAbsolutePath();
    private static final String DATABASE = "golive_container_it";
    private static final String CONTAINER = "golive-container-it";
    private static final String IMAGE = "golive/golive:latest";

    @Autowired
    ItStack stack;
    @Autowired
    ContainerService containers;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;

    private final String dockerHost = System.getenv().getOrDefault("GOLIVE_DOCKER_HOST",
            "unix://" + stackDir() + "/docker/docker.sock");

    @AfterEach
    void removeContainer() throws Exception {
        if (Files.isDirectory(WORK)) {
            Files.writeString(WORK.resolve("golive.log"), docker("logs", CONTAINER));
        }
        docker("rm", "-f", CONTAINER);
    }

    @Test
    void aGoLiveRunsThroughTheImageInProductionMode() throws Exception {
        Process build = new ProcessBuilder("bash", "deploy/image/build.sh").redirectErrorStream(true).start();
        String built = new String(build.getInputStream().readAllBytes());
        assertThat(build.waitFor()).as(built).isZero();
        assertThat(docker("image", "inspect", "-f", "{{.Config.Env}}", IMAGE)).doesNotContain("sandbox");

        stack.reset();
        ItStack.deleteTree(WORK);
        Files.createDirectories(WORK.resolve("data"));
        ItStack.recreateDatabase(databases, stack.env(), DATABASE);
        String adminPassword = randomPassword();
        String peoplePassword = randomPassword();
        String dbPassword = environments.databasePassword(ENV);
        Path secrets = secrets(Map.of("GOLIVE_ADMIN_PASSWORD", adminPassword + "\n", "GOLIVE_DB_PASSWORD", dbPassword + "\n"));
        GoliveServer golive = new GoliveServer(WORK).withPassword("admin", adminPassword);
        run(golive.port(), secrets, config());
        golive.awaitEngine(CONTAINER, Duration.ofMinutes(4),
                () -> "true".equals(docker("inspect", "-f", "{{.State.Running}}", CONTAINER).strip()) ? null : docker("logs", CONTAINER));

        // production mode: the admin from the secret file is the only user
        assertThat(golive.get("admin", "/engine-rest/user")).extracting(user -> user.path("id").asText()).containsExactly("admin");

        Map<String, String> people = new LinkedHashMap<>();
        people.put("release", ProcessConstants.GROUP_RELEASE);
        people.put("lead", ProcessConstants.GROUP_LEAD);
        people.put("ops", ProcessConstants.GROUP_OPS);
        for (SignOffRole role : SignOffRole.values()) {
            people.put(role.demoUser(), role.group());
        }
        people.forEach((user, group) -> createUser(golive, user, group, peoplePassword));

        golive.post("ops", "/api/environments/" + ENV + "/backups", "application/json", "");
        String id = golive.post("release", "/api/go-lives", "application/yaml", """
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                install: [golive_extra]
                update: [golive_demo]
                """).path("processInstanceId").asText();
        String goLiveId = golive.get("admin", "/engine-rest/process-instance/" + id).path("businessKey").asText();
        golive.passReadinessAndSignOffs(goLiveId);
        golive.decideGo(id, "shipped from the golive image");
        JsonNode done = golive.awaitEnd(id, Duration.ofMinutes(5));

        assertThat(done.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(golive.finished(id, "EndEvent_GoLiveCompleted")).isEqualTo(1);
        var odoo = containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow();
        assertThat(odoo.image()).isEqualTo(RELEASE);
        assertThat(odoo.running()).isTrue();
        // the image's own tools did the work: pg_restore for the test restore, the odoo.conf read through its mount
        String readiness = golive.get("admin", "/engine-rest/history/process-instance?superProcessInstanceId=" + id
                + "&processDefinitionKey=check-readiness").get(0).path("id").asText();
        assertThat(variable(golive, readiness, "gate_backupRestore")).isEqualTo("pass");
        assertThat(variable(golive, readiness, "gate_odooConfig")).isEqualTo("pass");
        assertThat(golive.text("lead", "/api/go-lives/" + goLiveId + "/documents/WHAT_SHIPPED.md"))
                .contains("golive/odoo:18.0-2", "| lead |", "shipped from the golive image");
        assertThat(WORK.resolve("data/evidence/" + goLiveId + ".jsonl")).as("evidence on the data volume").isNotEmptyFile();

        // the engine's record is in PostgreSQL, and Prometheus can scrape the container
        try (Connection connection = databases.connect(stack.env(), DATABASE); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM act_hi_procinst WHERE business_key_ = '" + goLiveId + "'")) {
            row.next();
            assertThat(row.getInt(1)).isGreaterThanOrEqualTo(1);
        }
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + golive.port() + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("golive_process_ended_total{application=\"golive\",end=\"EndEvent_GoLiveCompleted\",process=\"go-live\"} 1.0");
        assertThat(docker("logs", CONTAINER)).doesNotContain(adminPassword, peoplePassword, dbPassword);
        // last: a failed login holds the admin back for a few seconds
        assertThat(statusAs(golive.port(), "admin", "admin")).as("the default admin password").isEqualTo(401);
    }

    /** As docs/production.md: host network, secrets and settings read-only, the Docker socket and the targets' paths. */
    private void run(int port, Path secrets, Path config) {
        GoliveProperties.Database server = stack.target().database();
        String socket = dockerHost.substring("unix://".length());
        String passwordFile = stack.target().database().passwordFile().toString();
        String odooConf = Path.of("src/test/resources/it/odoo.conf").toAbsolutePath().toString();
        String targetData = stackDir() + "/" + ENV;
        List<String> argv = new ArrayList<>(List.of("run", "-d", "--name", CONTAINER, "--network", "host",
                "-e", "GOLIVE_PORT=" + port,
                "-e", "GOLIVE_DB_URL=jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + DATABASE,
                "-e", "GOLIVE_DB_USER=" + server.user(),
                "-e", "GOLIVE_STACK_DIR=" + stackDir(),
                "-e", "GOLIVE_DOCKER_HOST=" + dockerHost,
                "-v", secrets + ":/run/secrets:ro",
                "-v", config + ":/etc/golive:ro",
                "-v", WORK.resolve("data") + ":/var/lib/golive",
                "-v", socket + ":" + socket,
                "-v", passwordFile + ":" + passwordFile + ":ro",
                "-v", odooConf + ":" + odooConf + ":ro",
                "-v", targetData + ":" + targetData,
                IMAGE));
        docker(argv.toArray(String[]::new));
    }

    /** The 'it' environment as the container reads it: host paths absolute, the data directory the image's volume. */
    private Path config() throws Exception {
        String environment = Files.readString(Path.of("src/test/resources/it/environment.yaml"))
                .replace("./src/test/resources/it/odoo.conf", Path.of("src/test/resources/it/odoo.conf").toAbsolutePath().toString())
                .replace("data-dir: target/it-data", "data-dir: /var/lib/golive");
        assertThat(environment).doesNotContain("./", "target/");
        Path dir = Files.createDirectories(WORK.resolve("config"));
        Files.writeString(dir.resolve("application.yaml"), environment);
        return dir;
    }

    private Path secrets(Map<String, String> files) throws Exception {
        Path dir = Files.createDirectories(WORK.resolve("secrets"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.writeString(path, file.getValue());
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
        return dir;
    }

    private static void createUser(GoliveServer golive, String user, String group, String password) {
        try {
            HttpResponse<String> created = golive.postRaw("admin", "/engine-rest/user/create", "application/json",
                    "{\"profile\":{\"id\":\"" + user + "\",\"firstName\":\"" + user + "\",\"lastName\":\"(it)\",\"email\":\"" + user
                            + "@golive.invalid\"},\"credentials\":{\"password\":\"" + password + "\"}}");
            assertThat(created.statusCode()).as("create %s: %s", user, created.body()).isEqualTo(204);
            HttpResponse<String> member = golive.send("admin", "PUT", "/engine-rest/group/" + group + "/members/" + user,
                    "application/json", "");
            assertThat(member.statusCode()).as("%s into %s: %s", user, group, member.body()).isEqualTo(204);
            golive.withPassword(user, password);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String variable(GoliveServer golive, String processInstanceId, String name) throws Exception {
        JsonNode found = golive.get("admin", "/engine-rest/history/variable-instance?processInstanceId=" + processInstanceId
                + "&variableName=" + name);
        assertThat(found).as(name).hasSize(1);
        return found.get(0).path("value").asText();
    }

    private static int statusAs(int port, String user, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/user"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes()))
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String stackDir() {
        return System.getenv().getOrDefault("GOLIVE_STACK_DIR", "/var/lib/golive-stack");
    }

    private String docker(String... arguments) {
        List<String> argv = new ArrayList<>(List.of("docker", "-H", dockerHost));
        argv.addAll(List.of(arguments));
        try {
            return Docker.run(argv.toArray(String[]::new));
        } catch (IllegalStateException e) {
            if (arguments[0].equals("rm") || arguments[0].equals("logs") || arguments[0].equals("inspect")) {
                return "";
            }
            throw e;
        }
    }
}
