package org.golive.step;

import static org.golive.step.ProcessConstants.ERROR_STEP_FAILED;
import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE;
import static org.golive.step.ProcessConstants.PROCESS_REHEARSE_RELEASE;
import static org.golive.step.ProcessConstants.PROCESS_VALIDATE_RELEASE;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_RELEASE_HOOKS;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.golive.config.Environments;
import org.golive.config.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The glue every service task shares: run the step, record what it did as evidence, and decide what a
 * failure means. In a go-live a failure is a business outcome (the instance goes to rollback): at once for
 * a {@link StepFailedException}, after the job's retries for a technical fault. In a rollback nothing is
 * turned into a business outcome: a fault retries, then raises an incident for a person to look at.
 */
public abstract class StepDelegate implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(StepDelegate.class);
    private static final Set<String> PROCESSES_WITH_ROLLBACK = Set.of(PROCESS_GO_LIVE, PROCESS_VALIDATE_RELEASE,
            // a rehearsal's failure is its result: it ends failed after dropping its scratch copy
            PROCESS_REHEARSE_RELEASE);

    protected final EvidenceLog evidence;
    private MeterRegistry meters = Metrics.globalRegistry;

    protected StepDelegate(EvidenceLog evidence) {
        this.evidence = evidence;
    }

    private ReleaseSeals seals;
    private Environments environments;

    @Autowired(required = false)
    void setMeterRegistry(MeterRegistry meters) {
        this.meters = meters;
    }

    @Autowired
    void setReleaseSeals(ReleaseSeals seals) {
        this.seals = seals;
    }

    @Autowired
    void setEnvironments(Environments environments) {
        this.environments = environments;
    }

    /**
     * Whether this step acts on the release (deploys, installs, changes the target for it): in a go-live it then
     * refuses to act unless the release variables are still the sealed release ({@link ReleaseSeals}).
     */
    protected boolean actsOnRelease() {
        return false;
    }

    /**
     * Whether a failure of this step, in a go-live, is a business outcome that sends the go-live to
     * rollback. Steps with nothing to roll back (after hypercare, or bookkeeping) answer no: their failure
     * retries, then raises an incident for a person, instead of ending the go-live unnoticed.
     */
    protected boolean failureRollsBack() {
        return true;
    }

    /** What this step's evidence entries are, so the documents read them without guessing from the step's name. */
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.STEP;
    }

    /** Does the work; returns the facts to record (never secrets). */
    protected abstract Map<String, Object> perform(DelegateExecution execution);

    @Override
    public final void execute(DelegateExecution execution) {
        String step = execution.getCurrentActivityId();
        long started = System.nanoTime();
        try {
            requireSealedRelease(execution);
            Map<String, Object> facts = new LinkedHashMap<>(perform(execution));
            facts.put("result", "done");
            facts.put("millis", millisSince(started));
            evidence.record(goLiveId(execution), step, evidenceKind(), facts);
            time(execution, step, "done", started);
        } catch (StepFailedException e) {
            time(execution, step, "failed", started);
            throw failed(execution, step, e, true, started);
        } catch (RuntimeException e) {
            time(execution, step, "error", started);
            throw failed(execution, step, e, lastAttempt(execution), started);
        }
    }

    private void requireSealedRelease(DelegateExecution execution) {
        if (actsOnRelease() && PROCESS_GO_LIVE.equals(processKey(execution))) {
            String mismatch = seals.mismatch(goLiveId(execution), release(execution));
            if (mismatch != null) {
                throw new StepFailedException("refused: " + mismatch);
            }
        }
    }

    /** The release a go-live's variables describe now. */
    public static ReleaseSeals.Release release(org.camunda.bpm.engine.delegate.VariableScope variables) {
        return new ReleaseSeals.Release(text(variables, VAR_ENVIRONMENT), text(variables, VAR_IMAGE_REPOSITORY),
                text(variables, VAR_RELEASE_TAG), text(variables, VAR_INSTALL_MODULES), text(variables, VAR_UPDATE_MODULES),
                text(variables, VAR_RELEASE_HOOKS));
    }

    private static String text(org.camunda.bpm.engine.delegate.VariableScope variables, String name) {
        Object value = variables.getVariable(name);
        return value == null ? null : value.toString();
    }

    /** golive_step_seconds{process,step,result}: what ops graph in Grafana. */
    private void time(DelegateExecution execution, String step, String result, long started) {
        Timer.builder("golive.step").description("Time spent inside a golive step's delegate")
                .tags("process", processKey(execution), "step", step, "result", result)
                .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private RuntimeException failed(DelegateExecution execution, String step, RuntimeException e, boolean final_, long started) {
        boolean businessOutcome = final_ && failureRollsBack() && PROCESSES_WITH_ROLLBACK.contains(processKey(execution));
        LOG.warn("[{}] {} failed{}: {}", goLiveId(execution), step, businessOutcome ? "" : " (will retry or raise an incident)",
                e.getMessage());
        Map<String, Object> facts = new LinkedHashMap<>();
        if (e instanceof StepFailedException stepFailed) {
            facts.putAll(stepFailed.facts());
        }
        facts.put("result", businessOutcome ? "failed" : "attempt failed");
        facts.put("error", String.valueOf(e.getMessage()));
        // a failed attempt's time is spent too (a request that timed out, a dump that broke off): ops and the benchmark
        // tell it from the retry cycle's wait that follows
        facts.put("millis", millisSince(started));
        evidence.record(goLiveId(execution), step, evidenceKind(), facts);
        if (businessOutcome) {
            return new BpmnError(ERROR_STEP_FAILED, step + ": " + e.getMessage());
        }
        return e;
    }

    /** To the microsecond: the benchmark adds up dozens of steps of a few milliseconds each. */
    private static double millisSince(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000.0) / 1_000.0;
    }

    /**
     * True when this run is the job's last retry: failing now would raise an incident instead. A task with
     * input/output parameters is a scope, so it runs in a child of the execution its job belongs to.
     */
    protected static boolean lastAttempt(DelegateExecution execution) {
        for (ExecutionEntity owner = (ExecutionEntity) execution; owner != null; owner = owner.getParent()) {
            Job job = execution.getProcessEngineServices().getManagementService().createJobQuery()
                    .executionId(owner.getId()).activityId(execution.getCurrentActivityId()).singleResult();
            if (job != null) {
                return job.getRetries() <= 1;
            }
        }
        return false;
    }

    private static String processKey(DelegateExecution execution) {
        return ((ExecutionEntity) execution).getProcessDefinition().getKey();
    }

    protected static String goLiveId(DelegateExecution execution) {
        return string(execution, VAR_GO_LIVE_ID);
    }

    protected static String string(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }

    /**
     * A setting of this task in the model ({@code camunda:property}), e.g. which check a generic check task
     * runs. Unlike an input mapping it does not make the task a scope: no child execution and no local
     * variable to write and delete at every run.
     */
    protected static String taskProperty(DelegateExecution execution, String name) {
        FlowElement task = execution.getBpmnModelElementInstance();
        ExtensionElements extensions = task == null ? null : task.getExtensionElements();
        if (extensions != null) {
            for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
                for (CamundaProperty property : properties.getCamundaProperties()) {
                    if (name.equals(property.getCamundaName()) && property.getCamundaValue() != null
                            && !property.getCamundaValue().isBlank()) {
                        return property.getCamundaValue();
                    }
                }
            }
        }
        throw new IllegalStateException("task " + execution.getCurrentActivityId() + " has no camunda:property '" + name + "'");
    }

    /** The instance's environment, resolved once here and passed down to the services. */
    protected Target target(DelegateExecution execution) {
        return environments.target(required(execution, VAR_ENVIRONMENT));
    }

    protected static String required(DelegateExecution execution, String name) {
        String value = string(execution, name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("process variable '" + name + "' is missing");
        }
        return value;
    }

    /** Module lists travel as comma-separated text: readable in Cockpit, no Java serialization. */
    protected static List<String> modules(DelegateExecution execution, String name) {
        String value = string(execution, name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
