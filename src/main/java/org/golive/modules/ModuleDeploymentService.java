package org.golive.modules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.golive.config.Target;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.ModuleRuns;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.deploy.ContainerService;
import org.golive.deploy.ContainerService.RunResult;
import org.golive.modules.FailingModule.Finding;
import org.golive.odoo.ModuleStates;
import org.golive.odoo.ModuleStates.ModuleState;
import org.golive.step.StepFailedException;
import org.springframework.stereotype.Service;

/**
 * Installs and updates Odoo modules by running Odoo's own CLI in a one-off container of the release image,
 * with the same environment and mounts as the server. Odoo exits 0 for unknown or skipped modules, so every
 * run is judged by {@code ir_module_module}, not by its exit code alone. A release goes in with one run by default
 * ({@code golive.steps.module-runs}): Odoo loads its registry once instead of once per module; when that run fails,
 * Odoo's log names the module ({@link FailingModule}).
 */
@Service
public class ModuleDeploymentService {

    /** One CLI run and what it did. */
    public record CliRun(List<String> argv, int exitCode, long millis, List<String> modules) {
    }

    /** Evidence keys of a failed run: the module Odoo's log names and the line that names it. */
    public static final String FAILING_MODULE = "failingModule";
    public static final String DECISIVE_LINE = "decisiveLogLine";

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

    /**
     * Installs and updates the release's modules as configured: in one Odoo run ({@code single}), or each module to
     * install in its own run and then one update run ({@code per-module}).
     */
    public Report release(Target environment, String image, List<String> install, List<String> update, String runId) {
        if (properties.steps().moduleRuns() == ModuleRuns.PER_MODULE) {
            Report installed = install(environment, image, install, runId);
            Report updated = update(environment, image, update, runId);
            List<CliRun> runs = new ArrayList<>(installed.runs());
            runs.addAll(updated.runs());
            Map<String, String> before = new LinkedHashMap<>(installed.versionsBefore());
            updated.versionsBefore().forEach(before::putIfAbsent);
            Map<String, String> after = new LinkedHashMap<>(installed.versionsAfter());
            after.putAll(updated.versionsAfter());
            return new Report(runs, before, after, installed.skipped());
        }
        return single(environment, image, install, update, runId);
    }

    /**
     * One {@code odoo -i … -u … --stop-after-init}: modules already installed are not installed again, modules to
     * update must be installed (or be installed by the same run). Every module must be installed afterwards.
     */
    Report single(Target environment, String image, List<String> install, List<String> update, String runId) {
        settleLeftovers(environment, runId);
        List<String> all = List.copyOf(new LinkedHashSet<>(concat(install, update)));
        Map<String, ModuleState> before = states.read(environment, all);
        List<String> notInstalled = update.stream().filter(m -> !before.get(m).installed() && !install.contains(m)).toList();
        if (!notInstalled.isEmpty()) {
            throw new StepFailedException("cannot update modules that are not installed: " + notInstalled);
        }
        List<String> toInstall = install.stream().filter(m -> !before.get(m).installed()).toList();
        List<String> skipped = install.stream().filter(m -> before.get(m).installed()).toList();
        List<CliRun> runs = new ArrayList<>();
        RunResult run = null;
        if (!toInstall.isEmpty() || !update.isEmpty()) {
            run = odoo(environment, image, toInstall, update, runId + "-release");
            CliRun cli = new CliRun(run.argv(), run.exitCode(), run.duration().toMillis(), concat(toInstall, update));
            runs.add(cli);
            if (run.exitCode() != 0) {
                throw failedRun(cli, run.logs(), toInstall, update);
            }
        }
        Map<String, ModuleState> after = states.read(environment, all);
        List<ModuleState> broken = after.values().stream().filter(s -> !s.installed()).toList();
        if (!broken.isEmpty()) {
            throw notInstalledAfter(broken, run, toInstall);
        }
        return new Report(runs, versions(before), versions(after), skipped);
    }

    /** The run exited non-zero: say which module Odoo's log names, with the line, the argv and the exit code. */
    private static StepFailedException failedRun(CliRun cli, String logs, List<String> install, List<String> update) {
        Optional<Finding> finding = FailingModule.in(logs, cli.modules());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("runs", List.of(cli));
        String head;
        if (finding.isPresent()) {
            String module = finding.get().module();
            facts.put(FAILING_MODULE, module);
            facts.put(DECISIVE_LINE, finding.get().line());
            head = (update.contains(module) ? "updating " : "installing ") + module + ": odoo exited " + cli.exitCode()
                    + (install.contains(module) || update.contains(module) ? "" : " (a dependency of the release's modules)");
        } else {
            head = "installing " + install + " and updating " + update + ": odoo exited " + cli.exitCode()
                    + "; its log names no module";
        }
        String message = head + " (" + String.join(" ", cli.argv()) + ")"
                + finding.map(f -> "\n" + f.line()).orElse("") + "\n" + tail(logs);
        return new StepFailedException(message, facts);
    }

    /** Exit 0 proves nothing: name each module that is not installed, and Odoo's warning about it if it wrote one. */
    private static StepFailedException notInstalledAfter(List<ModuleState> broken, RunResult run, List<String> toInstall) {
        List<String> names = broken.stream().map(ModuleState::name).toList();
        String states = String.join(", ", broken.stream().map(s -> s.name() + " is "
                + (s.state() == null ? "unknown to Odoo" : "'" + s.state() + "'")).toList());
        String verb = toInstall.containsAll(names) ? "installing " : "after the run, ";
        StringBuilder message = new StringBuilder(verb + (names.size() == 1 ? names.get(0) : names.toString()) + ": odoo exited "
                + (run == null ? "— (no run)" : run.exitCode()) + " but " + states);
        Map<String, Object> facts = new LinkedHashMap<>();
        if (run != null) {
            facts.put("runs", List.of(new CliRun(run.argv(), run.exitCode(), run.duration().toMillis(), List.of())));
            for (String name : names) {
                FailingModule.warningAbout(run.logs(), name).ifPresent(line -> message.append("\n").append(line));
            }
            message.append("\n").append(tail(run.logs()));
        }
        facts.put(FAILING_MODULE, names.size() == 1 ? names.get(0) : names);
        return new StepFailedException(message.toString(), facts);
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
            RunResult run = odoo(environment, image, List.of(module), List.of(), runId + "-i-" + module);
            CliRun cli = new CliRun(run.argv(), run.exitCode(), run.duration().toMillis(), List.of(module));
            runs.add(cli);
            if (run.exitCode() != 0) {
                throw failedRun(cli, run.logs(), List.of(module), List.of());
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
            RunResult run = odoo(environment, image, List.of(), modules, runId + "-u");
            CliRun cli = new CliRun(run.argv(), run.exitCode(), run.duration().toMillis(), modules);
            runs.add(cli);
            if (run.exitCode() != 0) {
                throw failedRun(cli, run.logs(), List.of(), modules);
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

    private RunResult odoo(Target environment, String image, List<String> install, List<String> update, String runName) {
        TargetEnvironment target = environment.settings();
        return containers.run(target.dockerHost(), target.container(), image, cliName(target, runName),
                argv(target.database().name(), install, update), properties.steps().toolTimeout());
    }

    /** {@code odoo -d DB [-i a,b] [-u c,d] --stop-after-init --no-http}. */
    static List<String> argv(String database, List<String> install, List<String> update) {
        List<String> argv = new ArrayList<>(List.of("odoo", "-d", database));
        if (!install.isEmpty()) {
            argv.addAll(List.of("-i", String.join(",", install)));
        }
        if (!update.isEmpty()) {
            argv.addAll(List.of("-u", String.join(",", update)));
        }
        argv.addAll(List.of("--stop-after-init", "--no-http"));
        return List.copyOf(argv);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
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
