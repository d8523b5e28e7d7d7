package org.golive.readiness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.LogConfig;
import org.springframework.stereotype.Component;

/**
 * An Odoo container whose log grows without bound fills the host's disk and stops PostgreSQL with it: the container's
 * log driver must rotate. {@code json-file} rotates only with {@code max-size}; {@code local} rotates by default;
 * drivers that ship the log elsewhere (journald, syslog, fluentd, ...) leave rotation to a place golive cannot read.
 */
@Component
public class LogRotationGate {

    static final Set<String> FILE_DRIVERS = Set.of("json-file", "local");

    private final TargetContainer containers;
    private final EnvironmentGateProperties settings;

    public LogRotationGate(TargetContainer containers, EnvironmentGateProperties settings) {
        this.containers = containers;
        this.settings = settings;
    }

    public GateResult check(GateRequest request) {
        String name = containers.name(request.environment().name());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", String.valueOf(name));
        facts.put("required", settings.of(request.environment().name()).logRotation());
        Optional<InspectContainerResponse> container = containers.inspect(request.environment().name());
        if (container.isEmpty()) {
            return GateResult.inconclusive("no container " + name + " on the Docker host of " + request.environment().name()
                    + ": no log configuration to read", facts);
        }
        LogConfig log = container.get().getHostConfig() == null ? null : container.get().getHostConfig().getLogConfig();
        String driver = log == null || log.getType() == null ? null : log.getType().getType();
        Map<String, String> options = log == null || log.getConfig() == null ? Map.of() : log.getConfig();
        facts.put("logDriver", String.valueOf(driver));
        facts.put("maxSize", options.getOrDefault("max-size", ""));
        facts.put("maxFile", options.getOrDefault("max-file", ""));
        if (!settings.of(request.environment().name()).logRotation()) {
            return GateResult.pass("log rotation not required on " + request.environment().name() + " (log driver " + driver + ")", facts);
        }
        if (driver == null) {
            return GateResult.inconclusive(name + " reports no log driver", facts);
        }
        if ("local".equals(driver) || ("json-file".equals(driver) && !options.getOrDefault("max-size", "").isBlank())) {
            return GateResult.pass(name + " logs with " + driver + (options.containsKey("max-size") ? ", max-size "
                    + options.get("max-size") : ", rotated by default") + (options.containsKey("max-file") ? ", max-file "
                    + options.get("max-file") : ""), facts);
        }
        if ("json-file".equals(driver) || "none".equals(driver)) {
            return GateResult.fail(name + " logs with " + driver + (driver.equals("none") ? " (no logs at all)"
                    : " without max-size: the log grows until the disk is full") + "; set log-opts max-size", facts);
        }
        return GateResult.inconclusive(name + " ships its log with " + driver + ": rotation happens where golive cannot look", facts);
    }
}
