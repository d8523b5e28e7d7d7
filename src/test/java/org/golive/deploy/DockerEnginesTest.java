package org.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.config.Environments;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tcp:// Docker host is spoken to over TLS with a client certificate, or golive does not start. */
class DockerEnginesTest {

    @TempDir
    Path dir;

    @Test
    void refusesATcpHostWithoutACertificatePathNamingTheEnvironment() {
        assertThatThrownBy(() -> engines(Map.of("remote", target("tcp://127.0.0.1:2375", null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("environment 'remote'")
                .hasMessageContaining("tcp://127.0.0.1:2375")
                .hasMessageContaining("golive.environments.remote.docker-cert-path");
    }

    @Test
    void refusesACertificatePathWithoutTheClientCertificate() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(certs.resolve("ca.pem"), "x");
        Files.writeString(certs.resolve("cert.pem"), "x");

        assertThatThrownBy(() -> engines(Map.of("remote", target("tcp://127.0.0.1:2376", certs))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("environment 'remote'")
                .hasMessageContaining("no readable key.pem");
    }

    @Test
    void refusesOneTcpHostWithTwoCertificates() throws Exception {
        Map<String, TargetEnvironment> environments = new LinkedHashMap<>();
        environments.put("a", target("tcp://127.0.0.1:2376", certificates("a")));
        environments.put("b", target("tcp://127.0.0.1:2376", certificates("b")));

        assertThatThrownBy(() -> engines(environments)).hasMessageContaining("tcp://127.0.0.1:2376").hasMessageContaining("another docker-cert-path");
    }

    @Test
    void aUnixSocketNeedsNoCertificateAndAnUnknownTcpHostGetsNoClient() {
        DockerEngines engines = engines(Map.of("local", target("unix:///var/run/docker.sock", null)));

        assertThat(engines.client("unix:///var/run/docker.sock")).isNotNull();
        assertThatThrownBy(() -> engines.client("tcp://127.0.0.1:2375")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp://127.0.0.1:2375").hasMessageContaining("over TLS only");
    }

    @Test
    void aTcpHostWithItsCertificateGetsATlsClient() throws Exception {
        DockerEngines engines = engines(Map.of("remote", target("tcp://127.0.0.1:2376", certificates("remote"))));

        // building the client reads and parses the key and certificates of the directory
        assertThat(engines.client("tcp://127.0.0.1:2376")).isNotNull();
    }

    private DockerEngines engines(Map<String, TargetEnvironment> environments) {
        return new DockerEngines(new Environments(new GoliveProperties(dir, environments, null, null, null, null, null,
                "http://localhost:8080", null, null)));
    }

    private static TargetEnvironment target(String dockerHost, Path certPath) {
        return new TargetEnvironment("http://127.0.0.1:1", null, dockerHost, certPath, null, null, null, null);
    }

    /** A self-signed client certificate that is also its own CA, as openssl makes it. */
    private Path certificates(String name) throws Exception {
        Path certs = Files.createDirectories(dir.resolve(name));
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=golive-" + name, "-keyout", certs.resolve("key.pem").toString(), "-out", certs.resolve("cert.pem").toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as(output).isZero();
        Files.copy(certs.resolve("cert.pem"), certs.resolve("ca.pem"));
        return certs;
    }
}
