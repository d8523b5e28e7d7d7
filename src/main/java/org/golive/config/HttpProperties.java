package org.golive.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST APIs ({@code /api/*}, {@code /engine-rest/*}), under {@code golive.http.}.
 *
 * @param maxBodySize       the largest request body; a release manifest or a task's form values are a few KiB,
 *                          so anything near this is a mistake or an attack, refused before it is read
 * @param maxDeploymentSize the largest body of engine REST's {@code deployment/create} (a multipart upload of
 *                          BPMN, DMN and forms, an administrator's job), which is bigger than any API call
 */
@ConfigurationProperties("golive.http")
public record HttpProperties(
        @DefaultValue("256KB") DataSize maxBodySize,
        @DefaultValue("10MB") DataSize maxDeploymentSize) {

    public HttpProperties {
        if (maxBodySize.toBytes() <= 0 || maxDeploymentSize.toBytes() <= 0) {
            throw new IllegalArgumentException("golive.http.max-body-size and golive.http.max-deployment-size must be positive");
        }
    }
}
