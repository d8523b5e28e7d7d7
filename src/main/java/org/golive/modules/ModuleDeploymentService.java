package org.golive.modules;

import org.golive.odoo.ModuleStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.config.Target;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.deploy.ContainerService;
import org.golive.deploy.ContainerService.RunResult;
import org.golive.odoo.ModuleStates.ModuleState;
import org.golive.step.StepFailedException;
import org.springframework.stereotype.Service;

/**
 * Installs and updates Odoo modules by running Odoo's own CLI in a one-off container of the release image,
 * with the same environment and mounts as the server. Odoo exits 0 for unknown or skipped modules, so every
 * run is judged by {@code ir_module_module}, not by its exit code alone.
 */
@Service
public class ModuleDeploymentService {

    /** One CLI run and what it did. */
    public record CliRun(List<String> argv, int exitCode, long millis, List<String> modules) {
    }

    /** What an install or update did: the runs made and each module's version before and after. */
    public record Report(List<CliRun> runs, Map<String, String> versionsBefore, Map<String, String> versionsAfter,
                         List<String> skipped) {
    }

    private final ContainerService containers;
    private final ModuleStates states;
    private final GoliveProperties properties;

    public ModuleDeploymentService(ContainerService containers, ModuleStates states,
                                   GoliveProperties properties) {
        this.containers = containers;
        this.states = states;
        this.properties = properties;
    }

    /** Installs the modules one at a time in manifest order; modules already installed are left alone. */
    public Report install(Target environment, String image, List<String> modules, String runId) {
        settleLeftovers(environment, runId);
        Map<String, ModuleState> before = states.read(environment, modules);
        List<CliRun> runs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String module : modules) {
            if (before.get(module).installed()) {
                skipped.add(module);
                continue;
            }
            RunResult run = odoo(environment, image, "-i", List.of(module), runId + "-i-" + module);
            runs.add(new CliRun(run.argv(), run.exitCode(), run.duration().toMillis(), List.of(module)));
            if (run.exitCode() != 0) {
                throw new StepFailedException("installing " + module + ": odoo exited " + run.exitCode() + "\n" + tail(run.logs()));
            }
            ModuleState after = states.read(environment, List.of(module)).get(module);
            if (!after.installed()) {
                throw new StepFailedException("installing " + module + ": odoo exited 0 but the module is "
                        + (after.state() == null ? "unknown to Odoo" : "'" + after.state() + "'") + "\n" + tail(run.logs()));
            }
        }
        return new Report(runs, versions(before), versions(states.read(environment, modules)), skipped);
    }

    /** Updates the modules in one run; each must be installed before and after. */
    public Report update(Target environment, String image, List<String> modules, String runId) {
        settleLeftovers(environment, runId);
        Map<String, ModuleState> before = states.read(environment, modules);
        List<String> notInstalled = before.values().stream().filter(s -> !s.installed()).map(ModuleState::name).toList();
        if (!notInstalled.isEmpty()) {
            throw new StepFailedException("cannot update modules that are not installed: " + notInstalled);
        }
        List<CliRun> runs = new ArrayList<>();
        if (!modules.isEmpty()) {
            RunResult run = odoo(environment, image, "-u", modules, runId + "-u");
            runs.add(new CliRun(run.argv(), run.exitCode(), run.duration().toMillis(), modules));
            if (run.exitCode() != 0) {
                throw new StepFailedException("updating " + modules + ": odoo exited " + run.exitCode() + "\n" + tail(run.logs()));
            }
        }
        Map<String, ModuleState> after = states.read(environment, modules);
        List<String> broken = after.values().stream().filter(s -> !s.installed()).map(ModuleState::name).toList();
        if (!broken.isEmpty()) {
            throw new StepFailedException("after updating, modules are no longer installed: " + broken);
        }
        return new Report(runs, versions(before), versions(after), List.of());
    }

    /** A CLI container of an earlier attempt may still be installing: its result counts, so wait for it. */
    private void settleLeftovers(Target environment, String runId) {
        TargetEnvironment target = environment.settings();
        containers.settleLeftovers(target.dockerHost(), cliName(target, runId), properties.steps().toolTimeout());
    }

    private static String cliName(TargetEnvironment target, String runName) {
        return (target.container().name() + "-cli-" + runName).replaceAll("[^a-zA-Z0-9_.-]", "-");
    }

    private RunResult odoo(Target environment, String image, String flag, List<String> modules, String runName) {
        TargetEnvironment target = environment.settings();
        List<String> argv = List.of("odoo", "-d", target.database().name(), flag, String.join(",", modules),
                "--stop-after-init", "--no-http");
        return containers.run(target.dockerHost(), target.container(), image, cliName(target, runName), argv,
                properties.steps().toolTimeout());
    }

    private static Map<String, String> versions(Map<String, ModuleState> states) {
        Map<String, String> versions = new LinkedHashMap<>();
        states.forEach((name, state) -> versions.put(name, state.latestVersion()));
        return versions;
    }

    private static String tail(String logs) {
        String[] lines = logs.strip().split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
    }
}
