package org.golive.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the Odoo stand-in images (deploy/odoo-standin) on the local stack (deploy/stack/up.sh must have run)
 * and checks they behave like Odoo 18 where the pipeline looks. Uses databases standin_it_* and containers
 * standin-it-*, removed before (and, unless -Dstandin.keep=true, after) the run.
 */
class OdooStandinIT {
    private static final String PREVIOUS = "golive/odoo:18.0-1";
    private static final String NEW = "golive/odoo:18.0-2";
    private static final int HTTP_PORT = 18569;
    private static final List<String> DBS = List.of("standin_it_install", "standin_it_unknown", "standin_it_enterprise",
            "standin_it_broken", "standin_it_upgrade", "standin_it_http_a", "standin_it_http_b", "standin_it_rpc");

    private static Map<String, String> env;
    private static String password;

    record Result(int exit, String output) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        String stack = System.getenv().getOrDefault("GOLIVE_STACK_DIR", "/var/lib/golive-stack");
        env = new HashMap<>(Map.of(
                "GOLIVE_DOCKER_HOST", "unix://" + stack + "/docker/docker.sock",
                "GOLIVE_DB_PASSWORD_FILE", stack + "/secrets/odoo-db-password",
                "GOLIVE_PG_HOST", "127.0.0.1", "GOLIVE_PG_PORT", "5432", "GOLIVE_PG_USER", "odoo"));
        Path file = Path.of(stack, "stack.env");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) env.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        password = Files.readString(Path.of(env.get("GOLIVE_DB_PASSWORD_FILE"))).strip();
        cleanUp();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (!Boolean.getBoolean("standin.keep")) cleanUp();
    }

    private static void cleanUp() throws Exception {
        Result ps = docker("ps", "-aq", "--filter", "name=^standin-it-");
        for (String id : ps.output().split("\\s+")) {
            if (!id.isBlank()) docker("rm", "-f", id);
        }
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            for (String db : DBS) st.execute("DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
        }
    }

    private static Result docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", env.get("GOLIVE_DOCKER_HOST")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("docker " + String.join(" ", args) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<String> runArgs(String name, String... extraEnv) {
        List<String> a = new ArrayList<>(List.of("--name", name, "--network", "host",
                "-e", "HOST=" + env.get("GOLIVE_PG_HOST"), "-e", "PORT=" + env.get("GOLIVE_PG_PORT"),
                "-e", "USER=" + env.get("GOLIVE_PG_USER"), "-e", "PASSWORD_FILE=/run/secrets/odoo-db-password",
                "-v", env.get("GOLIVE_DB_PASSWORD_FILE") + ":/run/secrets/odoo-db-password:ro"));
        for (String e : extraEnv) {
            a.add("-e");
            a.add(e);
        }
        return a;
    }

    private static int counter;

    /** One-off `odoo ...` run in a fresh container. */
    private static Result odoo(String image, String... odooArgs) throws Exception {
        List<String> a = new ArrayList<>(List.of("run", "--rm"));
        a.addAll(runArgs("standin-it-run-" + (++counter)));
        a.add(image);
        a.add("odoo");
        a.addAll(List.of(odooArgs));
        return docker(a.toArray(new String[0]));
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + env.get("GOLIVE_PG_HOST") + ":" + env.get("GOLIVE_PG_PORT")
                + "/" + db, env.get("GOLIVE_PG_USER"), password);
    }

    private static Map<String, String[]> modules(String db) throws SQLException {
        Map<String, String[]> m = new HashMap<>();
        try (Connection c = connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, state, latest_version FROM ir_module_module")) {
            while (rs.next()) m.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
        }
        return m;
    }

    private static String state(String db, String module) throws SQLException {
        String[] r = modules(db).get(module);
        return r == null ? null : r[0];
    }

    @Test
    void installsAModuleAndInitialisesANewDatabase() throws Exception {
        Result r = odoo(PREVIOUS, "-d", "standin_it_install", "-i", "golive_demo", "--stop-after-init", "--no-http");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Modules loaded.").contains("Registry loaded in");
        Map<String, String[]> m = modules("standin_it_install");
        assertThat(m.get("golive_demo")).containsExactly("installed", "18.0.1.0.0");
        assertThat(m.get("base")[0]).isEqualTo("installed");
        assertThat(m.get("web")[0]).isEqualTo("installed");
        try (Connection c = connect("standin_it_install"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT count(*) FROM ir_module_module WHERE license = 'OEEL-1' AND to_buy"
                    + " AND state = 'uninstallable'");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(21);
            rs = st.executeQuery("SELECT count(*) FROM ir_config_parameter WHERE key IN ('database.uuid',"
                    + " 'database.secret', 'database.create_date', 'web.base.url')");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
            rs = st.executeQuery("SELECT count(*) FROM ir_cron WHERE active AND nextcall > now() at time zone 'UTC'");
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
            rs = st.executeQuery("SELECT count(*) FROM ir_module_module_dependency d JOIN ir_module_module m"
                    + " ON m.id = d.module_id WHERE m.name = 'golive_demo'");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void unknownModuleIsOnlyAWarning() throws Exception {
        Result r = odoo(PREVIOUS, "-d", "standin_it_unknown", "-i", "no_such_module", "--stop-after-init", "--no-http");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("WARNING").contains("invalid module names, ignored: no_such_module");
        assertThat(modules("standin_it_unknown")).doesNotContainKey("no_such_module");
    }

    @Test
    void enterprisePlaceholderStaysUninstallable() throws Exception {
        Result r = odoo(PREVIOUS, "-d", "standin_it_enterprise", "-i", "web_studio", "--stop-after-init", "--no-http");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(state("standin_it_enterprise", "web_studio")).isEqualTo("uninstallable");
    }

    @Test
    void failingInstallExits255AndKeepsEarlierModules() throws Exception {
        // Odoo installs in graph order (depth, then name): base and web finish and stay installed,
        // golive_broken (depth 1) fails before golive_demo (depth 2), whose 'to install' is reset
        Result r = odoo(NEW, "-d", "standin_it_broken", "-i", "golive_broken,golive_demo", "--stop-after-init", "--no-http");
        assertThat(r.exit()).as(r.output()).isEqualTo(255);
        assertThat(r.output()).contains("CRITICAL").contains("Failed to initialize database `standin_it_broken`.");
        assertThat(state("standin_it_broken", "base")).isEqualTo("installed");
        assertThat(state("standin_it_broken", "web")).isEqualTo("installed");
        assertThat(state("standin_it_broken", "golive_broken")).isEqualTo("uninstalled");
        assertThat(state("standin_it_broken", "golive_demo")).isEqualTo("uninstalled");
        assertThat(modules("standin_it_broken").values()).noneMatch(v -> v[0].startsWith("to "));

        // a failing run on an existing database leaves what earlier runs installed alone, and resets its own marks
        Result again = odoo(NEW, "-d", "standin_it_broken", "-i", "golive_demo", "--stop-after-init", "--no-http");
        assertThat(again.exit()).as(again.output()).isZero();
        Result mixed = odoo(NEW, "-d", "standin_it_broken", "-i", "auth_signup,golive_broken", "--stop-after-init", "--no-http");
        assertThat(mixed.exit()).as(mixed.output()).isEqualTo(255);
        assertThat(state("standin_it_broken", "golive_demo")).isEqualTo("installed");
        assertThat(modules("standin_it_broken").values()).noneMatch(v -> v[0].startsWith("to "));

        Result missing = odoo(NEW, "-d", "standin_it_broken", "-i", "golive_not_installable", "--stop-after-init", "--no-http");
        assertThat(missing.exit()).as(missing.output()).isZero();
        assertThat(state("standin_it_broken", "golive_not_installable")).isEqualTo("uninstallable");
    }

    @Test
    void updateRewritesLatestVersion() throws Exception {
        Result i = odoo(PREVIOUS, "-d", "standin_it_upgrade", "-i", "golive_demo", "--stop-after-init", "--no-http");
        assertThat(i.exit()).as(i.output()).isZero();
        assertThat(modules("standin_it_upgrade").get("golive_demo")[1]).isEqualTo("18.0.1.0.0");
        Result u = odoo(NEW, "-d", "standin_it_upgrade", "-u", "golive_demo", "--stop-after-init", "--no-http");
        assertThat(u.exit()).as(u.output()).isZero();
        assertThat(modules("standin_it_upgrade").get("golive_demo")).containsExactly("installed", "18.0.1.1.0");
        // -u of a module that is not installed is skipped silently
        Result skip = odoo(NEW, "-d", "standin_it_upgrade", "-u", "golive_extra", "--stop-after-init", "--no-http");
        assertThat(skip.exit()).as(skip.output()).isZero();
        assertThat(state("standin_it_upgrade", "golive_extra")).isEqualTo("uninstalled");
    }

    @Test
    void refusesPostgresUserAndBadOptions() throws Exception {
        List<String> a = new ArrayList<>(List.of("run", "--rm"));
        a.addAll(runArgs("standin-it-postgres", "USER=postgres"));
        a.add(PREVIOUS);
        Result r = docker(a.toArray(new String[0]));
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("postgres");

        Result bad = odoo(PREVIOUS, "--no-such-option");
        assertThat(bad.exit()).as(bad.output()).isEqualTo(2);
    }

    @Test
    void servesHttpLikeOdoo() throws Exception {
        for (String db : List.of("standin_it_http_a", "standin_it_http_b")) {
            Result r = odoo(PREVIOUS, "-d", db, "--stop-after-init", "--no-http");
            assertThat(r.exit()).as(r.output()).isZero();
        }
        List<String> a = new ArrayList<>(List.of("run", "-d"));
        a.addAll(runArgs("standin-it-http"));
        a.addAll(List.of(NEW, "odoo", "--http-port", String.valueOf(HTTP_PORT), "--http-interface", "127.0.0.1",
                "--db-filter", "^standin_it_http_"));
        Result started = docker(a.toArray(new String[0]));
        assertThat(started.exit()).as(started.output()).isZero();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + HTTP_PORT;
        HttpResponse<String> health = null;
        for (int i = 0; i < 60 && health == null; i++) {
            try {
                health = http.send(HttpRequest.newBuilder(URI.create(base + "/web/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        assertThat(health).as("server answers").isNotNull();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(health.body()).isEqualTo("{\"status\": \"pass\"}");

        HttpResponse<String> dbStatus = get(http, base + "/web/health?db_server_status=1");
        assertThat(dbStatus.statusCode()).isEqualTo(200);
        assertThat(dbStatus.body()).contains("\"db_server_status\": true");

        HttpResponse<String> login = get(http, base + "/web/login?db=standin_it_http_a");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("oe_login_form");

        HttpResponse<String> noDb = get(http, base + "/web/login");
        assertThat(noDb.statusCode()).isEqualTo(303);
        assertThat(noDb.headers().firstValue("Location")).hasValue("/web/database/selector");

        assertThat(get(http, base + "/").headers().firstValue("Location")).hasValue("/odoo");
        assertThat(get(http, base + "/no/such/page").statusCode()).isEqualTo(404);
        assertThat(get(http, base + "/websocket/health").body()).contains("pass");

        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(base + "/web/webclient/version_info"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":42,\"params\":{}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(version.body()).contains("\"id\": 42").contains("\"server_version\": \"18.0\"");

        // websocket: 101 with the RFC 6455 accept value, 400 without a handshake
        String key = Base64.getEncoder().encodeToString("golive-standin-16".substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        String upgraded = rawGet("/websocket", "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n");
        assertThat(upgraded).startsWith("HTTP/1.1 101").contains("Sec-WebSocket-Accept: " + expected);
        assertThat(rawGet("/websocket", "")).startsWith("HTTP/1.1 400");

        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) assertThat(get(http, base + "/web/login?db=standin_it_http_b").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 20 / 1_000_000).as("ms per /web/login").isLessThan(200);

        Result stop = docker("stop", "-t", "10", "standin-it-http");
        assertThat(stop.exit()).isZero();
        assertThat(docker("inspect", "-f", "{{.State.ExitCode}}", "standin-it-http").output().strip()).isEqualTo("0");
        assertThat(docker("logs", "standin-it-http").output()).contains("Initiating shutdown");
    }

    @Test
    void answersXmlRpcAndJsonRpcLikeOdoo() throws Exception {
        Result init = odoo(PREVIOUS, "-d", "standin_it_rpc", "--stop-after-init", "--no-http");
        assertThat(init.exit()).as(init.output()).isZero();
        int port = HTTP_PORT + 1;
        List<String> a = new ArrayList<>(List.of("run", "-d"));
        a.addAll(runArgs("standin-it-rpc"));
        a.addAll(List.of(PREVIOUS, "odoo", "--http-port", String.valueOf(port), "--http-interface", "127.0.0.1",
                "--db-filter", "^standin_it_rpc$"));
        assertThat(docker(a.toArray(new String[0])).exit()).isZero();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://127.0.0.1:" + port;
        for (int i = 0; i < 60; i++) {
            try {
                get(http, base + "/web/health");
                break;
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        assertThat(xmlrpc(http, base + "/xmlrpc/2/common", "version", "")).contains("<name>server_version</name>")
                .contains("<string>18.0</string>");
        String admin = "<param><value><string>standin_it_rpc</string></value></param><param><value><string>admin</string></value></param>";
        // a fresh database's admin has the password admin, as in Odoo; a wrong one is False, not a fault
        assertThat(xmlrpc(http, base + "/xmlrpc/2/common", "authenticate", admin
                + "<param><value><string>admin</string></value></param><param><value><struct></struct></value></param>"))
                .contains("<int>2</int>");
        assertThat(xmlrpc(http, base + "/xmlrpc/2/common", "authenticate", admin
                + "<param><value><string>wrong</string></value></param><param><value><struct></struct></value></param>"))
                .contains("<boolean>0</boolean>").doesNotContain("fault");
        try (Connection c = connect("standin_it_rpc"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT password FROM res_users WHERE login = 'admin'")) {
            rs.next();
            assertThat(rs.getString(1)).as("passlib hash").startsWith("$pbkdf2-sha512$");
        }
        String call = "<param><value><string>standin_it_rpc</string></value></param><param><value><int>2</int></value></param>"
                + "<param><value><string>%s</string></value></param><param><value><string>%s</string></value></param>"
                + "<param><value><string>search_count</string></value></param>"
                + "<param><value><array><data><value><array><data></data></array></value></data></array></value></param>";
        assertThat(xmlrpc(http, base + "/xmlrpc/2/object", "execute_kw", call.formatted("admin", "res.partner")))
                .contains("<int>4</int>");
        assertThat(xmlrpc(http, base + "/xmlrpc/2/object", "execute_kw", call.formatted("wrong", "res.partner")))
                .contains("<fault>").contains("<int>3</int>").contains("Access Denied");
        assertThat(xmlrpc(http, base + "/xmlrpc/2/object", "execute_kw", call.formatted("admin", "sale.order")))
                .contains("<fault>").contains("<int>2</int>").contains("Object sale.order doesn't exist");
        assertThat(get(http, base + "/xmlrpc/2/common").statusCode()).isEqualTo(405);

        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/web/session/authenticate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\": \"2.0\","
                        + " \"method\": \"call\", \"id\": 7, \"params\": {\"db\": \"standin_it_rpc\", \"login\": \"admin\","
                        + " \"password\": \"admin\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.body()).contains("\"id\": 7").contains("\"uid\": 2");
        assertThat(session.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).startsWith("session_id="));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/web/session/authenticate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"params\": {\"db\":"
                        + " \"standin_it_rpc\", \"login\": \"admin\", \"password\": \"nope\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.body()).contains("odoo.exceptions.AccessDenied").doesNotContain("\"result\"");
        docker("rm", "-f", "standin-it-rpc");
    }

    private static String xmlrpc(HttpClient http, String url, String method, String params) throws Exception {
        String body = "<?xml version=\"1.0\"?><methodCall><methodName>" + method + "</methodName><params>" + params
                + "</params></methodCall>";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the status line and headers of a raw GET (java.net.http refuses Upgrade/Connection headers). */
    private static String rawGet(String path, String headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", HTTP_PORT)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + HTTP_PORT + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                b.append((char) c);
                if (b.toString().endsWith("\r\n\r\n")) break;
            }
            return b.toString();
        }
    }
}
