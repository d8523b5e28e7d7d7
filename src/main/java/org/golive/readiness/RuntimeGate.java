package org.golive.readiness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.deploy.DockerEngines;
import org.springframework.stereotype.Component;

/**
 * Checklist 001 §7.2, the 502 causes golive can read: a crash-looping container (restart count), memory
 * pressure without a limit (an unlimited Odoo takes the host down with it) and database connection
 * exhaustion. The proxy-side causes (timeouts, upstream ports, websocket routing) are attested by a person.
 */
@Component
public class RuntimeGate {

    private final DockerEngines engines;
    private final PostgresGate postgres;
    private final ReadinessProperties properties;

    public RuntimeGate(DockerEngines engines, PostgresGate postgres, ReadinessProperties properties) {
        this.engines = engines;
        this.postgres = postgres;
        this.properties = properties;
    }

    public GateResult check(GateRequest request) {
        TargetEnvironment target = request.environment().settings();
        String name = target.container().name();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", name);
        InspectContainerResponse container;
        try {
            container = engines.client(target.dockerHost()).inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            return GateResult.inconclusive("no container " + name + " on the Docker host of " + request.environment()
                    + ": nothing running to judge", facts);
        }
        InspectContainerResponse.ContainerState state = container.getState();
        boolean running = Boolean.TRUE.equals(state.getRunning());
        int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
        Long memory = container.getHostConfig() == null ? null : container.getHostConfig().getMemory();
        boolean oomKilled = Boolean.TRUE.equals(state.getOOMKilled());
        facts.put("image", container.getConfig().getImage());
        facts.put("running", running);
        facts.put("restartCount", restarts);
        facts.put("maxRestartCount", properties.maxRestartCount());
        facts.put("memoryLimitBytes", memory == null ? 0 : memory);
        facts.put("oomKilled", oomKilled);

        PostgresGate.Capacity capacity = postgres.capacity(request.environment());
        facts.putAll(capacity.facts());
        facts.put("minHeadroomPercent", properties.minConnectionHeadroom());

        List<String> problems = new ArrayList<>();
        if (restarts > properties.maxRestartCount()) {
            problems.add("container restarted " + restarts + " times (more than " + properties.maxRestartCount() + "): crash loop?");
        }
        if (memory == null || memory <= 0) {
            problems.add("no memory limit on " + name);
        }
        if (oomKilled) {
            problems.add(name + " was killed for lack of memory");
        }
        if (capacity.headroomPercent() < properties.minConnectionHeadroom()) {
            problems.add("only " + capacity.headroomPercent() + " % of database connections free (minimum "
                    + properties.minConnectionHeadroom() + " %)");
        }
        if (!problems.isEmpty()) {
            return GateResult.fail(String.join("; ", problems), facts);
        }
        if (!running) {
            return GateResult.inconclusive(name + " is not running (exit code " + state.getExitCodeLong()
                    + "): restart count and memory limit are fine, but nothing serves", facts);
        }
        return GateResult.pass(name + " running, " + restarts + " restarts, memory limit " + (memory / (1024 * 1024))
                + " MiB, " + capacity.headroomPercent() + " % database connections free", facts);
    }
}
