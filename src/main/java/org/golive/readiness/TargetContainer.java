package org.golive.readiness;

import java.util.Optional;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import org.golive.config.Environments;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.deploy.DockerEngines;
import org.springframework.stereotype.Component;

/** The environment's Odoo container as its Docker engine describes it; empty when there is none to inspect. */
@Component
public class TargetContainer {

    private final Environments environments;
    private final DockerEngines engines;

    public TargetContainer(Environments environments, DockerEngines engines) {
        this.environments = environments;
        this.engines = engines;
    }

    public String name(String environment) {
        TargetEnvironment target = environments.get(environment);
        return target.container() == null ? null : target.container().name();
    }

    /** An unreachable engine throws (the gate is retried); an absent container is a result. */
    public Optional<InspectContainerResponse> inspect(String environment) {
        TargetEnvironment target = environments.get(environment);
        String name = name(environment);
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(engines.client(target.dockerHost()).inspectContainerCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
