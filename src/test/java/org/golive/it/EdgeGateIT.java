package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.readiness.EdgeGate;
import org.golive.readiness.EdgeProperties;
import org.golive.readiness.EdgeProperties.Edge;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge gate against a real nginx with TLS that the test starts on 127.0.0.1, with certificates it makes: a site
 * set up as the checklist wants, one with none of the headers, CORS open to all and no cookie flags, and sites whose
 * certificate is expired, about to expire or self-signed.
 */
class EdgeGateIT {

    private static final Path WORK = Path.of("target/edge-it").toAbsolutePath();
    private static final DateTimeFormatter OPENSSL = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String GOOD_HEADERS = """
                add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
                add_header X-Frame-Options SAMEORIGIN always;
                add_header X-Content-Type-Options nosniff always;
                add_header Set-Cookie "session_id=abc123; Path=/; HttpOnly; Secure; SameSite=Lax" always;
            """;
    private static final String BAD_HEADERS = """
                add_header Access-Control-Allow-Origin "*" always;
                add_header Set-Cookie "session_id=abc123; Path=/" always;
            """;

    private static TestCertificates certificates;
    private static Nginx nginx;
    private static int good;
    private static int bare;
    private static int expired;
    private static int soon;
    private static int self;
    private static int redirect;
    private static int plain;

    @BeforeAll
    static void startNginx() throws Exception {
        ItStack.deleteTree(WORK);
        certificates = TestCertificates.in(WORK);
        Instant now = Instant.now();
        certificates.signed("good", OPENSSL.format(now.minus(Duration.ofDays(1))), OPENSSL.format(now.plus(Duration.ofDays(365))));
        certificates.signed("soon", OPENSSL.format(now.minus(Duration.ofDays(80))), OPENSSL.format(now.plus(Duration.ofDays(10))));
        certificates.signed("expired", "20200101000000Z", "20210101000000Z");
        certificates.selfSigned("self");
        good = LocalPorts.free();
        bare = LocalPorts.free();
        expired = LocalPorts.free();
        soon = LocalPorts.free();
        self = LocalPorts.free();
        redirect = LocalPorts.free();
        plain = LocalPorts.free();
        Files.writeString(WORK.resolve("nginx.conf"), String.join("\n",
                "worker_processes 1;", "pid " + WORK.resolve("nginx.pid") + ";", "error_log " + WORK.resolve("error.log") + ";",
                "events { worker_connections 64; }", "http {", "access_log off;",
                tls(good, "good", GOOD_HEADERS), tls(bare, "good", BAD_HEADERS), tls(expired, "expired", GOOD_HEADERS),
                tls(soon, "soon", GOOD_HEADERS), tls(self, "self", GOOD_HEADERS),
                "server { listen 127.0.0.1:" + redirect + "; return 301 https://localhost:" + good + "$request_uri; }",
                "server { listen 127.0.0.1:" + plain + "; location / { return 200 'plain http'; } }",
                "}", ""));
        nginx = Nginx.start(WORK.resolve("nginx.conf"), List.of(good, bare, expired, soon, self, redirect, plain));
    }

    private static String tls(int port, String certificate, String headers) {
        return "server { listen 127.0.0.1:" + port + " ssl; server_name localhost;"
                + " ssl_certificate " + WORK.resolve(certificate + ".pem") + "; ssl_certificate_key " + WORK.resolve(certificate + ".key") + ";"
                + " location / {\n" + headers + " return 200 'Odoo login';\n } }";
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static GateResult check(int tlsPort, int httpPort, List<String> addresses) {
        Edge edge = new Edge(URI.create("https://localhost:" + tlsPort), URI.create("http://localhost:" + httpPort), 21,
                certificates.ca(), addresses, Duration.ofDays(180), Duration.ofSeconds(5), null);
        EdgeGate gate = new EdgeGate(new EdgeProperties(Map.of("edge-it", edge)));
        return gate.check(new GateRequest(target("edge-it"), "golive/odoo", "18.0-2", "edge-it-1"));
    }

    private static Target target(String name) {
        return new Target(name, new TargetEnvironment("http://127.0.0.1:1", null, null, null, null, null, null, null));
    }

    @Test
    void aSiteSetUpAsTheChecklistWantsPasses() {
        GateResult result = check(good, redirect, List.of("127.0.0.1", "::1"));

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("httpStatus", 301).containsEntry("xFrameOptions", "SAMEORIGIN")
                .containsEntry("certificateIssuer", "CN=golive test CA");
        assertThat((long) result.facts().get("certificateDaysLeft")).isBetween(360L, 366L);
        assertThat(result.facts().get("passedChecks")).asString().contains("dns", "certificate", "hsts", "framing", "nosniff",
                "cookie", "cors", "redirect");
    }

    @Test
    void anExpiredCertificateFailsAndTheEvidenceSaysWhenItExpired() {
        GateResult result = check(expired, redirect, List.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("certificate expired");
        assertThat(result.facts()).containsEntry("certificateNotAfter", "2021-01-01T00:00:00Z");
    }

    @Test
    void aSelfSignedCertificateIsNotTrusted() {
        GateResult result = check(self, redirect, List.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("not trusted");
    }

    @Test
    void aCertificateCloseToExpiryFails() {
        GateResult result = check(soon, redirect, List.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).matches(".*certificate expires in (9|10) days \\(at least 21 wanted\\).*");
    }

    @Test
    void missingHeadersOpenCorsAndAPlainSessionCookieEachFail() {
        GateResult result = check(bare, redirect, List.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("no Strict-Transport-Security header", "no X-Frame-Options",
                "no X-Content-Type-Options: nosniff", "session cookie lacks Secure HttpOnly SameSite=Lax/Strict",
                "CORS lets any origin read responses");
    }

    @Test
    void plainHttpThatDoesNotRedirectFails() {
        GateResult result = check(good, plain, List.of());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("answers 200 instead of redirecting to https://");
    }

    @Test
    void aHostResolvingToAnAddressNotAgreedFails() {
        GateResult result = check(good, redirect, List.of("127.0.0.2"));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("localhost resolves to [", "127.0.0.1", "not among the expected [127.0.0.2]");
    }

    @Test
    void aSiteThatDoesNotAnswerIsInconclusive() throws Exception {
        GateResult result = check(LocalPorts.free(), redirect, List.of());

        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).startsWith("cannot reach https://localhost:");
    }

    @Test
    void anEnvironmentWithoutEdgeSettingsIsInconclusiveSoThatAPersonDecides() {
        GateResult result = new EdgeGate(new EdgeProperties(Map.of())).check(new GateRequest(target("it"), "golive/odoo", "18.0-2", "x"));

        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).startsWith("not configured: no golive.edge.environments.it.public-url");
        assertThat(result.facts()).containsEntry("checked", false);
    }
}
