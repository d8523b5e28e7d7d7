package org.golive.step;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who completed a task: the authenticated caller (Tasklist, REST), else the assignee. */
public final class Deciders {

    /** Who completed a task nobody was authenticated for or assigned to. */
    public static final String UNKNOWN = "unknown";

    private Deciders() {
    }

    public static String of(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : UNKNOWN;
    }
}
