package org.golive.step;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;

/**
 * Who completed a task, from the engine's authentication (Tasklist, REST), never from a variable. A person
 * outside the task's candidate groups is refused, whatever client they use: the engine's authorizations
 * already keep such a person from the task, this keeps them out even where an admin granted more.
 */
public final class Deciders {

    /** Who completed a task nobody was authenticated for or assigned to. */
    public static final String UNKNOWN = "unknown";

    private Deciders() {
    }

    /** The person completing the task; refuses (400 over REST) one outside its candidate groups. */
    public static String of(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            requireCandidate(task, authentication);
            return authentication.getUserId();
        }
        // golive's own code completing a task in-process (no login exists for it)
        return task.getAssignee() != null ? task.getAssignee() : UNKNOWN;
    }

    private static void requireCandidate(DelegateTask task, Authentication authentication) {
        Set<String> candidates = new TreeSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (link.getGroupId() != null) {
                candidates.add(link.getGroupId());
            }
        }
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        if (!candidates.isEmpty() && candidates.stream().noneMatch(groups::contains)) {
            throw new FormFieldValidationException("candidateGroup", authentication.getUserId() + " may not complete '"
                    + task.getName() + "': it is for group " + String.join(" or ", candidates));
        }
    }

    /**
     * Who started the process instance the task belongs to (the root one, for a task of a called process), as
     * the engine recorded it at the start: a variable named startedBy can be overwritten, this cannot.
     */
    public static String startedBy(DelegateTask task) {
        String rootId = ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) task.getExecution())
                .getRootProcessInstanceId();
        HistoricProcessInstance root = Context.getCommandContext().runWithoutAuthorization(() ->
                task.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery()
                        .processInstanceId(rootId).singleResult());
        return root == null ? null : root.getStartUserId();
    }
}
