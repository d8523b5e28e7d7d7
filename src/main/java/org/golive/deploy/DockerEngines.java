package org.golive.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import jakarta.annotation.PreDestroy;
import org.golive.config.Environments;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.springframework.stereotype.Component;

/**
 * One docker-java client per Docker host (unix socket or tcp), made on first use. A {@code tcp://} host is
 * spoken to over TLS with the environment's client certificate only: the Docker API unauthenticated is root on
 * its host, so golive refuses to start with a {@code tcp://} host that has no {@code docker-cert-path}.
 */
@Component
public class DockerEngines {

    static final String API_VERSION = "1.41";
    static final List<String> CERT_FILES = List.of("ca.pem", "cert.pem", "key.pem");

    private final Map<String, DockerClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Path> certPaths;

    public DockerEngines(Environments environments) {
        Map<String, Path> paths = new HashMap<>();
        Map<String, String> pathOwners = new HashMap<>();
        for (String name : environments.names()) {
            TargetEnvironment target = environments.get(name);
            String host = target.dockerHost();
            if (host == null || !host.startsWith("tcp://")) {
                continue;
            }
            String key = "golive.environments." + name + ".docker-cert-path";
            Path certPath = target.dockerCertPath();
            if (certPath == null) {
                throw new IllegalStateException("environment '" + name + "': docker-host " + host + " is tcp:// without TLS; set " + key
                        + " to a directory with the client certificate (" + String.join(", ", CERT_FILES) + ")");
            }
            for (String file : CERT_FILES) {
                if (!Files.isReadable(certPath.resolve(file))) {
                    throw new IllegalStateException("environment '" + name + "': " + key + " " + certPath + " has no readable " + file);
                }
            }
            Path earlier = paths.putIfAbsent(host, certPath);
            if (earlier != null && !earlier.equals(certPath)) {
                throw new IllegalStateException("environment '" + name + "': docker-host " + host + " is also environment '"
                        + pathOwners.get(host) + "''s, with another docker-cert-path; one host takes one client certificate");
            }
            pathOwners.putIfAbsent(host, name);
        }
        this.certPaths = Map.copyOf(paths);
    }

    public DockerClient client(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            throw new IllegalArgumentException("no Docker host configured");
        }
        if (dockerHost.startsWith("tcp://") && !certPaths.containsKey(dockerHost)) {
            throw new IllegalArgumentException("Docker host " + dockerHost + " is tcp:// and no environment gives it a docker-cert-path;"
                    + " golive speaks to a tcp:// Docker host over TLS only");
        }
        return clients.computeIfAbsent(dockerHost, this::create);
    }

    private DockerClient create(String dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                // docker-java speaks 1.44 unless told; 1.41 is what Debian 12's engine (20.10) offers and newer ones still accept
                .withApiVersion(API_VERSION);
        Path certPath = certPaths.get(dockerHost);
        if (certPath != null) {
            builder.withDockerTlsVerify(true).withDockerCertPath(certPath.toString());
        }
        DockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(20)
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofMinutes(30))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @PreDestroy
    void close() throws IOException {
        for (DockerClient client : clients.values()) {
            client.close();
        }
    }
}
