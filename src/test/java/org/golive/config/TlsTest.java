package org.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * golive over HTTPS from a Spring Boot SSL bundle of PEM files, as docs/tls.md describes: a self-signed
 * certificate made by the JDK's keytool, trusted by the client and by nothing else.
 */
@ActiveProfiles("sandbox")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:golive-tls;DB_CLOSE_DELAY=-1",
        "golive.data-dir=target/tls-test-data",
        "camunda.bpm.job-execution.enabled=false",
        "server.ssl.bundle=golive"})
class TlsTest {

    private static final char[] STORE_PASSWORD = "tls-test".toCharArray();
    private static Path dir;
    private static X509Certificate certificate;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void bundle(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createDirectories(Path.of("target", "tls-test"));
        Path store = dir.resolve("golive.p12");
        Files.deleteIfExists(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "golive", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as(output).isTrue();

        KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            pkcs12.load(in, STORE_PASSWORD);
        }
        certificate = (X509Certificate) pkcs12.getCertificate("golive");
        PrivateKey key = (PrivateKey) pkcs12.getKey("golive", STORE_PASSWORD);
        // what an operator has from a CA or an ACME client: a certificate chain and an unencrypted PKCS#8 key
        Path certificateFile = Files.writeString(dir.resolve("golive.crt"), pem("CERTIFICATE", certificate.getEncoded()));
        Path keyFile = Files.writeString(dir.resolve("golive.key"), pem("PRIVATE KEY", key.getEncoded()));
        registry.add("spring.ssl.bundle.pem.golive.keystore.certificate", () -> "file:" + certificateFile);
        registry.add("spring.ssl.bundle.pem.golive.keystore.private-key", () -> "file:" + keyFile);
    }

    @Test
    void servesHealthOverHttpsWithTheBundlesCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        Certificate served = health.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(served).isEqualTo(certificate);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpGetsNoAnswerFromGolive() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            // Tomcat's answer to plain HTTP on a TLS port
            assertThat(plain.statusCode()).isEqualTo(400);
            assertThat(plain.body()).doesNotContain("UP");
        } catch (IOException refused) {
            assertThat(refused).isNotInstanceOf(java.net.ConnectException.class);
        }
    }

    private static SSLContext trusting(X509Certificate trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("golive", trusted);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
