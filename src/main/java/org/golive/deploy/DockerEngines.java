package org.golive.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/** One docker-java client per Docker host (unix socket or tcp), made on first use. */
@Component
public class DockerEngines {

    static final String API_VERSION = "1.41";

    private final Map<String, DockerClient> clients = new ConcurrentHashMap<>();

    public DockerClient client(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            throw new IllegalArgumentException("no Docker host configured");
        }
        return clients.computeIfAbsent(dockerHost, DockerEngines::create);
    }

    private static DockerClient create(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                // docker-java speaks 1.44 unless told; 1.41 is what Debian 12's engine (20.10) offers and newer ones still accept
                .withApiVersion(API_VERSION)
                .build();
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
