package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.golive.config.Target;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.readiness.EdgeProperties;
import org.golive.readiness.EdgeProperties.Edge;
import org.golive.readiness.EdgeProperties.Proxy;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.ProxyConfigGate;
import org.golive.remote.SshCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The proxy gate reads the configuration nginx loads ({@code nginx -T}, Debian's nginx) over a real sshd that the test
 * starts, from configurations written as a proxy in front of Odoo is set up, right and wrong.
 */
class ProxyConfigGateIT {

    private static final Path WORK = Path.of("target/proxy-it").toAbsolutePath();
    private static Sshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = Sshd.start(WORK.resolve("sshd"));
    }

    @AfterAll
    static void stopSshd() throws InterruptedException {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** An nginx.conf in its own directory that includes {@code sites/*.conf}, the site being {@code site}. */
    private static Path config(String name, String http, String site) throws Exception {
        Path dir = WORK.resolve(name);
        ItStack.deleteTree(dir);
        Files.createDirectories(dir.resolve("sites"));
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n", "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + ";", "events { worker_connections 64; }",
                "http {", "access_log off;", http, "include sites/*.conf;", "}", ""));
        Files.writeString(dir.resolve("sites/odoo.conf"), site);
        return dir.resolve("nginx.conf");
    }

    private static GateResult check(Path conf) {
        Proxy proxy = new Proxy(sshd.login(), List.of("/usr/sbin/nginx", "-T", "-c", conf.toString(), "-p", conf.getParent().toString()),
                8072, Duration.ofSeconds(720), DataSize.ofMegabytes(100), true);
        return check(proxy);
    }

    private static GateResult check(Proxy proxy) {
        Edge edge = new Edge(java.net.URI.create("https://localhost"), null, 21, null, List.of(), Duration.ofDays(180),
                Duration.ofSeconds(5), proxy);
        Target target = new Target("proxy-it", new TargetEnvironment("http://127.0.0.1:1", null, null, null, null, null, null, null));
        ProxyConfigGate gate = new ProxyConfigGate(new EdgeProperties(Map.of("proxy-it", edge)), new SshCommands());
        return gate.check(new GateRequest(target, "golive/odoo", "18.0-2", "proxy-it-1"));
    }

    private static final String UPSTREAMS = """
            upstream odoo { server 127.0.0.1:8069; }
            upstream odoochat { server 127.0.0.1:8072; }
            map $http_upgrade $connection_upgrade { default upgrade; '' close; }
            limit_req_zone $binary_remote_addr zone=odoo:10m rate=20r/s;
            """;

    @Test
    void aProxySetUpAsOdooDocumentsItPasses() throws Exception {
        GateResult result = check(config("good", UPSTREAMS, """
                server {
                    listen 127.0.0.1:18480;
                    proxy_read_timeout 720s;   # Odoo's limit_time_real here is 720 s
                    client_max_body_size 200m;
                    limit_req zone=odoo burst=40 nodelay;
                    location /websocket {
                        proxy_pass http://odoochat;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                    }
                    location / { proxy_pass http://odoo; proxy_redirect off; }
                }
                """));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("exitCode", 0).containsEntry("websocketPorts", "[8072]")
                .containsEntry("proxyHost", "127.0.0.1");
    }

    @Test
    void aProxyWithNginxDefaultsFailsOnEveryRule() throws Exception {
        GateResult result = check(config("defaults", "upstream odoo { server 127.0.0.1:8069; }", """
                server {
                    listen 127.0.0.1:18481;
                    location / { proxy_pass http://odoo; }
                }
                """));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("no location for /websocket", "proxy_read_timeout below Odoo's limit_time_real (720 s)",
                "location / 60 s", "client_max_body_size below 100 MB", "location / 1 MB", "no rate limiting");
    }

    @Test
    void websocketSentToTheHttpWorkersFails() throws Exception {
        GateResult result = check(config("websocket-to-8069", UPSTREAMS, """
                server {
                    listen 127.0.0.1:18482;
                    proxy_read_timeout 12m;
                    client_max_body_size 0;
                    limit_req zone=odoo;
                    location = /websocket { proxy_pass http://127.0.0.1:8069; proxy_set_header Upgrade $http_upgrade; }
                    location / { proxy_pass http://odoo; }
                }
                """));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).isEqualTo("/websocket goes to http://127.0.0.1:8069 (ports [8069]), not to the gevent port 8072");
    }

    @Test
    void aConfigurationNginxRefusesFailsWithNginxsOwnMessage() throws Exception {
        GateResult result = check(config("broken", UPSTREAMS, "server { listen 127.0.0.1:18483; location / { proxy_pass http://odoo } }\n"));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("the proxy's configuration does not load").contains("exited 1");
    }

    @Test
    void aProxyHostWithoutNginxIsInconclusive() {
        Proxy proxy = new Proxy(sshd.login(), List.of("golive-no-such-nginx", "-T"), 8072, Duration.ofSeconds(120),
                DataSize.ofMegabytes(10), true);

        GateResult result = check(proxy);

        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).isEqualTo("golive-no-such-nginx not found on 127.0.0.1");
    }

    @Test
    void anEnvironmentWithoutProxySettingsIsInconclusiveSoThatAPersonDecides() {
        GateResult result = check((Proxy) null);

        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).startsWith("not configured: no golive.edge.environments.proxy-it.proxy");
    }
}
