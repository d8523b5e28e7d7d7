package org.golive.signoff;

import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_SIGN_OFF_APPROVER_PREFIX;
import static org.golive.step.ProcessConstants.VAR_SIGN_OFF_RECORD_PREFIX;
import static org.golive.step.ProcessConstants.VAR_SIGN_OFF_COMMENT;
import static org.golive.step.ProcessConstants.VAR_SIGN_OFF_DECISION;
import static org.golive.step.ProcessConstants.VAR_SIGN_OFF_REJECTION;
import static org.golive.step.ProcessConstants.VAR_SIGN_OFF_ROLE;
import static org.golive.step.ProcessConstants.SIGN_OFF_APPROVE;
import static org.golive.step.ProcessConstants.SIGN_OFF_REJECT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.golive.config.GoliveProperties;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.Deciders;
import org.golive.step.TaskForm;
import org.springframework.stereotype.Component;

/**
 * One sign-off of one role. On create it names the task after its role. (The decision fields live in each
 * sign-off's own scope, declared by the BPMN's input mapping: the sign-offs run in parallel, and decisions
 * written to the process instance would overwrite each other.) On complete it refuses a missing decision, a rejection without a
 * comment and (unless {@code golive.sign-off.distinct-signers} is off) an approval by someone who already approved for
 * another role, and records who signed, for which role, when and why.
 */
@Component("signOffListener")
public class SignOffListener implements TaskListener {

    private static final List<String> DECISIONS = List.of(SIGN_OFF_APPROVE, SIGN_OFF_REJECT);

    private final EvidenceLog evidence;
    private final boolean distinctSigners;

    public SignOffListener(EvidenceLog evidence, GoliveProperties properties) {
        this.evidence = evidence;
        this.distinctSigners = properties.signOff().distinctSigners();
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> created(task);
            case EVENTNAME_COMPLETE -> completed(task);
            default -> {
            }
        }
    }

    private void created(DelegateTask task) {
        SignOffRole role = role(task);
        String kind = role.kind() == SignOffRole.Kind.TECHNICAL ? "Technical" : "Business";
        task.setName(kind + " sign-off: " + role.title());
    }

    private void completed(DelegateTask task) {
        SignOffRole role = role(task);
        String decision = TaskForm.choice(task, "a sign-off", "decision", VAR_SIGN_OFF_DECISION, DECISIONS);
        boolean rejected = SIGN_OFF_REJECT.equals(decision);
        String text = rejected ? TaskForm.text(task, "a rejection", "comment", VAR_SIGN_OFF_COMMENT)
                : TaskForm.optionalText(task, VAR_SIGN_OFF_COMMENT);
        String signedBy = Deciders.of(task);
        DelegateExecution signOff = task.getExecution().getProcessInstance();
        if (!rejected && distinctSigners && !Deciders.UNKNOWN.equals(signedBy)) {
            Optional<SignOffRole> other = SeparationOfDuties.otherRoleApprovedBy(role, signedBy,
                    r -> signOff.getVariable(VAR_SIGN_OFF_APPROVER_PREFIX + r.key()));
            if (other.isPresent()) {
                // a rejection stays possible: stopping a release needs no second opinion
                throw new FormFieldValidationException(VAR_SIGN_OFF_DECISION, "separation of duties: " + signedBy
                        + " already approved this release as " + other.get().title() + "; the " + role.title()
                        + " sign-off needs another member of " + role.group());
            }
        }
        String record = decision + " by " + signedBy + (text.isEmpty() ? "" : ": " + text);
        // one variable per role: readable in Cockpit and history, and no two sign-offs write the same one
        signOff.setVariable(VAR_SIGN_OFF_RECORD_PREFIX + role.key(), record);
        if (rejected) {
            signOff.setVariable(VAR_SIGN_OFF_REJECTION,
                    role.title() + " sign-off rejected by " + signedBy + ": " + text);
        } else {
            signOff.setVariable(VAR_SIGN_OFF_APPROVER_PREFIX + role.key(), signedBy);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("role", role.title());
        facts.put("decision", decision);
        facts.put("signedBy", signedBy);
        facts.put("comment", text);
        evidence.record(String.valueOf(task.getVariable(VAR_GO_LIVE_ID)), task.getTaskDefinitionKey(), EvidenceKind.DECISION, facts);
    }

    private static SignOffRole role(DelegateTask task) {
        Object group = task.getVariable(VAR_SIGN_OFF_ROLE);
        return SignOffRole.byGroup(String.valueOf(group))
                .orElseThrow(() -> new IllegalStateException("unknown sign-off role '" + group + "'"));
    }

}
