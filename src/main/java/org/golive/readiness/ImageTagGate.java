package org.golive.readiness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.deploy.ContainerService;
import org.springframework.stereotype.Component;

/** The release image is on the target's Docker host, so the window does not start with a pull that may fail. */
@Component
public class ImageTagGate {

    private final ContainerService containers;

    public ImageTagGate(ContainerService containers) {
        this.containers = containers;
    }

    public GateResult check(GateRequest request) {
        TargetEnvironment target = request.environment().settings();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("image", request.image());
        facts.put("dockerHost", target.dockerHost());
        Optional<String> id = containers.imageId(target.dockerHost(), request.image());
        if (id.isEmpty()) {
            return GateResult.fail("image " + request.image() + " is not on the Docker host of " + request.environment(), facts);
        }
        facts.put("imageId", id.get());
        return GateResult.pass("image " + request.image() + " is present (" + id.get() + ")", facts);
    }
}
