package org.golive.rehearsal;

import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_RELEASE_HOOKS;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_CHECKS_MILLIS;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_COPY_MILLIS;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_NEUTRALIZED_BY;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_NEUTRALIZE_MILLIS;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_ODOO_CLI_MILLIS;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_PORT;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_START_MILLIS;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.Target;
import org.golive.modules.ModuleDeploymentService;
import org.golive.modules.ModuleDeploymentService.CliRun;
import org.golive.modules.ModuleDeploymentService.Report;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.golive.step.StepFailedException;
import org.golive.hooks.ReleaseHookService;
import org.golive.hooks.ReleaseHookService.HookRun;
import org.golive.manifest.ReleaseHooks;
import org.golive.validation.ReleaseValidationService;
import org.golive.validation.ReleaseValidationService.Check;
import org.springframework.stereotype.Component;

/**
 * One step of a rehearsal, as the task's {@code camunda:property name="step"} says: {@code copy}, {@code neutralize},
 * {@code modules} (the go-live's own module runs, against the copy), {@code start} (the temporary Odoo on a free local
 * port) or {@code checks} (the validation checks against it). Each records its time in a {@code rehearsal…Millis}
 * variable; the Odoo CLI time is what the go/no-go form shows as the expected downtime.
 */
@Component("rehearseStepDelegate")
public class RehearseStepDelegate extends StepDelegate {

    private final RehearsalService rehearsals;
    private final ModuleDeploymentService modules;
    private final ReleaseValidationService validation;
    private final RehearsalProperties properties;
    private final ReleaseHookService hooks;

    public RehearseStepDelegate(EvidenceLog evidence, RehearsalService rehearsals, ModuleDeploymentService modules,
                                ReleaseValidationService validation, RehearsalProperties properties, ReleaseHookService hooks) {
        super(evidence);
        this.hooks = hooks;
        this.rehearsals = rehearsals;
        this.modules = modules;
        this.validation = validation;
        this.properties = properties;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Target environment = target(execution);
        String id = goLiveId(execution);
        String image = required(execution, VAR_IMAGE_REPOSITORY) + ":" + required(execution, VAR_RELEASE_TAG);
        String step = taskProperty(execution, "step");
        long started = System.nanoTime();
        Map<String, Object> facts = new LinkedHashMap<>();
        switch (step) {
            case "copy" -> {
                facts.putAll(rehearsals.copy(environment, id));
                execution.setVariable(VAR_REHEARSAL_COPY_MILLIS, millisSince(started));
            }
            case "neutralize" -> {
                facts.putAll(rehearsals.neutralize(environment, id, image));
                execution.setVariable(VAR_REHEARSAL_NEUTRALIZE_MILLIS, millisSince(started));
                execution.setVariable(VAR_REHEARSAL_NEUTRALIZED_BY, String.valueOf(facts.get("neutralizedBy")));
            }
            case "modules" -> {
                // the port does not matter to a CLI run: only the copy's database, mounts and image do
                Target copy = rehearsals.scratch(environment, id).target(environment, 0);
                // the release's hooks around the module run, as in the go-live, against the copy; a failing hook fails the rehearsal
                ReleaseHooks releaseHooks = ReleaseHooks.fromJson(string(execution, VAR_RELEASE_HOOKS));
                facts.put("preUpdateHooks", runHooks(copy, image, id, ReleaseHooks.PRE_UPDATE, releaseHooks));
                Report report = modules.release(copy, image, modules(execution, VAR_INSTALL_MODULES), modules(execution, VAR_UPDATE_MODULES), id);
                facts.put("postUpdateHooks", runHooks(copy, image, id, ReleaseHooks.POST_UPDATE, releaseHooks));
                long cli = report.runs().stream().mapToLong(CliRun::millis).sum();
                execution.setVariable(VAR_REHEARSAL_ODOO_CLI_MILLIS, cli);
                facts.put("odooCliMillis", cli);
                facts.put("runs", report.runs());
                facts.put("versionsBefore", report.versionsBefore());
                facts.put("versionsAfter", report.versionsAfter());
            }
            case "start" -> {
                int port = port(execution);
                Duration healthy = rehearsals.start(environment, id, image, port);
                execution.setVariable(VAR_REHEARSAL_START_MILLIS, healthy.toMillis());
                facts.put("url", "http://127.0.0.1:" + port);
                facts.put("startMillis", healthy.toMillis());
            }
            case "checks" -> {
                facts.putAll(checks(environment, id, port(execution), allModules(execution)));
                execution.setVariable(VAR_REHEARSAL_CHECKS_MILLIS, millisSince(started));
            }
            default -> throw new IllegalStateException("task " + execution.getCurrentActivityId() + ": camunda:property step must be "
                    + List.of("copy", "neutralize", "modules", "start", "checks") + ", was '" + step + "'");
        }
        return facts;
    }

    private Object runHooks(Target copy, String image, String id, String phase, ReleaseHooks releaseHooks) {
        List<List<String>> commands = releaseHooks.phase(phase);
        if (commands.isEmpty()) {
            return "no hooks";
        }
        List<Map<String, Object>> runs = hooks.run(copy, image, id, phase, commands).stream().map(HookRun::facts).toList();
        return runs;
    }

    private Map<String, Object> checks(Target environment, String id, int port, List<String> releaseModules) {
        Target copy = rehearsals.scratch(environment, id).target(environment, port);
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String name : properties.checks()) {
            Check check = Check.parse(name);
            try {
                facts.put(check.name().toLowerCase(java.util.Locale.ROOT), validation.run(check, copy, releaseModules));
            } catch (RuntimeException e) {
                throw new StepFailedException("check " + name + " of the temporary Odoo failed: " + e.getMessage() + "\n"
                        + rehearsals.logTail(environment, id), facts);
            }
        }
        return facts;
    }

    /** Chosen once per rehearsal: a repeated step finds the container made with it. */
    private static int port(DelegateExecution execution) {
        Object port = execution.getVariable(VAR_REHEARSAL_PORT);
        if (port instanceof Number number) {
            return number.intValue();
        }
        int chosen = RehearsalService.freePort();
        execution.setVariable(VAR_REHEARSAL_PORT, chosen);
        return chosen;
    }

    private static List<String> allModules(DelegateExecution execution) {
        List<String> all = new ArrayList<>(modules(execution, VAR_INSTALL_MODULES));
        all.addAll(modules(execution, VAR_UPDATE_MODULES));
        return List.copyOf(new LinkedHashSet<>(all));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
