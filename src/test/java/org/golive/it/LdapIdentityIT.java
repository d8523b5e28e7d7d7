package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.spring.boot.starter.configuration.impl.custom.CreateAdminUserConfiguration;
import org.golive.GoliveApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Users and groups from a real directory: Debian's slapd, started by this test on 127.0.0.1, and golive in production
 * mode (no sandbox profile, no admin password) with {@code golive.ldap.enabled}, over real HTTP. The directory's
 * groups decide what a person may do in /api and in the engine; no local user or group is created.
 */
class LdapIdentityIT {

    private static final Path WORK = Path.of("target/ldap-it").toAbsolutePath();
    private static final String MANIFEST = """
            image: golive/odoo
            tag: "18.0-2"
            environment: it
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Slapd slapd;
    private static ConfigurableApplicationContext golive;
    private static int port;

    @BeforeAll
    static void directoryAndGolive() throws Exception {
        ItStack.deleteTree(WORK);
        Files.createDirectories(WORK);
        slapd = new Slapd(WORK.resolve("slapd"))
                .user("rita", "Rita", "Release", "rita-Pa55word")
                .user("lars", "Lars", "Lead", "lars-Pa55word")
                .user("ada", "Ada", "Admin", "ada-Pa55word")
                .user("vic", "Vic", "Visitor", "vic-Pa55word")
                .group("golive-release", "rita")
                .group("golive-lead", "lars")
                .group("golive-admins", "ada")
                .group("staff", "rita", "lars", "ada", "vic")
                .start();
        // the 'it' environment, but not the sandbox profile: production mode, with no admin password
        // the 'it' environment, but not the sandbox profile: production mode, with no admin password. Arguments, not
        // default properties: application.yaml would win over those
        golive = new SpringApplicationBuilder(GoliveApplication.class).profiles("it").run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:ldap-it;DB_CLOSE_DELAY=-1",
                "--camunda.bpm.job-execution.enabled=false",
                "--golive.data-dir=" + WORK.resolve("data"),
                "--logging.file.name=" + WORK.resolve("golive.log"),
                "--golive.ldap.enabled=true",
                "--golive.ldap.server-url=" + slapd.url(),
                "--golive.ldap.manager-dn=" + Slapd.MANAGER_DN,
                "--golive.ldap.manager-password-file=" + slapd.managerPasswordFile(),
                "--golive.ldap.base-dn=" + Slapd.BASE_DN,
                "--golive.ldap.admin-group=golive-admins");
        port = ((WebServerApplicationContext) golive).getWebServer().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (golive != null) {
            golive.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    @Test
    void theDirectoryGroupDecidesWhoMayValidateAManifest() throws Exception {
        HttpResponse<String> release = post("rita", "rita-Pa55word", "/api/manifests/validate", MANIFEST);
        assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
        assertThat(JSON.readTree(release.body()).path("image").asText()).isEqualTo("golive/odoo");

        HttpResponse<String> visitor = post("vic", "vic-Pa55word", "/api/manifests/validate", MANIFEST);
        assertThat(visitor.statusCode()).isEqualTo(403);
        assertThat(visitor.body()).contains("golive-release").contains("vic is not a member");

        HttpResponse<String> lead = postJson("lars", "lars-Pa55word", "/api/environments/it/backups", "");
        assertThat(lead.statusCode()).as("a lead takes no backup").isEqualTo(403);
        assertThat(lead.body()).contains("golive-ops or golive-release");
    }

    @Test
    void theDirectoryAdminGroupPassesEverywhere() throws Exception {
        HttpResponse<String> validate = post("ada", "ada-Pa55word", "/api/manifests/validate", MANIFEST);
        assertThat(validate.statusCode()).as(validate.body()).isEqualTo(200);

        JsonNode grants = get("ada", "ada-Pa55word", "/engine-rest/authorization?groupIdIn=golive-release");
        assertThat(grants.size()).as("golive's role model, written for the directory's group ids").isGreaterThan(5);
        JsonNode adminGrants = get("ada", "ada-Pa55word", "/engine-rest/authorization?groupIdIn=golive-admins&resourceType=4");
        assertThat(adminGrants).hasSize(1);
        assertThat(adminGrants.get(0).path("permissions").get(0).asText()).isEqualTo("ALL");

        assertThat(get("rita", "rita-Pa55word", "/engine-rest/authorization?groupIdIn=golive-admins"))
                .as("a release manager reads no authorization").isEmpty();
    }

    @Test
    void aWrongOrEmptyPasswordIsRefused() throws Exception {
        assertThat(status("rita", "rita-Pa55word", "/engine-rest/task")).isEqualTo(200);
        assertThat(status("rita", "wrong", "/engine-rest/task")).isEqualTo(401);
        // an empty password would be an unauthenticated LDAP bind, which slapd answers with success
        assertThat(status("rita", "", "/engine-rest/task")).isEqualTo(401);
        assertThat(status("nobody", "rita-Pa55word", "/engine-rest/task")).isEqualTo(401);
        assertThat(post("rita", "wrong", "/api/manifests/validate", MANIFEST).statusCode()).isEqualTo(401);
    }

    @Test
    void usersAndGroupsAreTheDirectorys() throws Exception {
        assertThat(ids(get("rita", "rita-Pa55word", "/engine-rest/group?member=rita")))
                .as("a member sees her own golive group, not the others").containsExactly("golive-release");
        assertThat(ids(get("ada", "ada-Pa55word", "/engine-rest/group?member=lars")))
                .containsExactlyInAnyOrder("golive-lead", "staff");
        assertThat(ids(get("ada", "ada-Pa55word", "/engine-rest/user"))).containsExactlyInAnyOrder("rita", "lars", "ada", "vic");
        JsonNode rita = get("ada", "ada-Pa55word", "/engine-rest/user/rita/profile");
        assertThat(rita.path("firstName").asText()).isEqualTo("Rita");
        assertThat(rita.path("email").asText()).isEqualTo("rita@golive.invalid");
        assertThat(ids(get("rita", "rita-Pa55word", "/engine-rest/user")))
                .as("with the authorization check on, a release manager cannot list the directory").doesNotContain("vic", "ada");

        assertThat(get("rita", "rita-Pa55word", "/engine-rest/filter")).as("Tasklist filters via the directory group").hasSize(3);
        assertThat(get("vic", "vic-Pa55word", "/engine-rest/filter")).isEmpty();
    }

    @Test
    void aDirectoryUserLogsInToTasklist() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow(() -> new AssertionError("no CSRF token: " + page.headers()));

        assertThat(webappLogin(browser, token, "rita", "wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> login = webappLogin(browser, token, "rita", "rita-Pa55word");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        JsonNode user = JSON.readTree(login.body());
        assertThat(user.path("userId").asText()).isEqualTo("rita");
        assertThat(user.path("authorizedApps").toString()).contains("tasklist").contains("cockpit").doesNotContain("admin");

        HttpResponse<String> filters = browser.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/filter"))
                .header("X-XSRF-TOKEN", token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(filters.statusCode()).as(filters.body()).isEqualTo(200);
        assertThat(JSON.readTree(filters.body())).as("the golive filters in Tasklist").hasSize(3);
    }

    private static HttpResponse<String> webappLogin(HttpClient browser, String token, String user, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void golivesIdentityIsReadOnlyAndNoLocalUserExists() throws Exception {
        assertThat(golive.getBean(IdentityService.class).isReadOnly()).isTrue();
        assertThat(golive.getBeansOfType(CreateAdminUserConfiguration.class)).as("the starter's admin user").isEmpty();

        HttpResponse<String> create = postJson("ada", "ada-Pa55word", "/engine-rest/user/create",
                "{\"profile\":{\"id\":\"mallory\",\"firstName\":\"M\",\"lastName\":\"M\",\"email\":\"m@x.invalid\"},"
                        + "\"credentials\":{\"password\":\"mallory-Pa55word\"}}");
        assertThat(create.statusCode()).as(create.body()).isEqualTo(403);
        assertThat(create.body()).contains("read-only");

        JdbcTemplate database = new JdbcTemplate(golive.getBean(DataSource.class));
        for (String table : List.of("ACT_ID_USER", "ACT_ID_GROUP", "ACT_ID_MEMBERSHIP")) {
            assertThat(database.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).as(table).isZero();
        }
    }

    @Test
    void theLogNamesTheDirectoryAndMissingGroupsButNoPassword() throws Exception {
        String log = Files.readString(WORK.resolve("golive.log"));
        assertThat(log).contains("users and groups from LDAP " + slapd.url());
        assertThat(log).containsPattern("LDAP: no group \\[[^]]*golive-ops");
        assertThat(log).doesNotContain("demo user").doesNotContain(slapd.managerPassword());
        assertThat(Files.readString(WORK.resolve("slapd/slapd.log"))).as("golive searched as the manager")
                .contains("BIND dn=\"" + Slapd.MANAGER_DN + "\"");
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    private static HttpRequest.Builder request(String user, String password, String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static int status(String user, String password, String path) throws Exception {
        return HTTP.send(request(user, password, path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode get(String user, String password, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(user, password, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s as %s: %s", path, user, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(String user, String password, String path, String yaml) throws Exception {
        return HTTP.send(request(user, password, path).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(String user, String password, String path, String json) throws Exception {
        return HTTP.send(request(user, password, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
