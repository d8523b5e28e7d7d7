package org.golive.hooks;

import static org.golive.step.ProcessConstants.TASK_PROPERTY_HOOK_PHASE;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_RELEASE_HOOKS;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.hooks.ReleaseHookService.HookRun;
import org.golive.manifest.ReleaseHooks;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs the release's hooks of the phase the task's {@code camunda:property name="phase"} names (pre-update before the
 * module run, post-update after it). A release without hooks of that phase records "no hooks" and passes.
 */
@Component("runReleaseHooksDelegate")
public class RunReleaseHooksDelegate extends StepDelegate {

    private final ReleaseHookService hooks;

    public RunReleaseHooksDelegate(EvidenceLog evidence, ReleaseHookService hooks) {
        super(evidence);
        this.hooks = hooks;
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.RELEASE_HOOK;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String phase = taskProperty(execution, TASK_PROPERTY_HOOK_PHASE);
        List<List<String>> commands = ReleaseHooks.fromJson(string(execution, VAR_RELEASE_HOOKS)).phase(phase);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("phase", phase);
        if (commands.isEmpty()) {
            facts.put("hooks", "no hooks");
            return facts;
        }
        String image = required(execution, VAR_IMAGE_REPOSITORY) + ":" + required(execution, VAR_RELEASE_TAG);
        List<HookRun> runs = hooks.run(target(execution), image, goLiveId(execution), phase, commands);
        facts.put("hooks", runs.stream().map(HookRun::facts).toList());
        return facts;
    }
}
