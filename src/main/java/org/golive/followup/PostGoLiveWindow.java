package org.golive.followup;

import static org.golive.step.ProcessConstants.VAR_POST_GO_LIVE_ENDS_AT;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Follow-up timing for the BPMN: {@code ${postGoLiveWindow.interval}} and the "window over?" question. */
@Component("postGoLiveWindow")
public class PostGoLiveWindow {

    private final PostGoLiveProperties settings;

    public PostGoLiveWindow(PostGoLiveProperties settings) {
        this.settings = settings;
    }

    /** ISO-8601 duration between two daily reviews, for the timer event. */
    public String getInterval() {
        return settings.interval().toString();
    }

    /** Keeps an end a caller already set, so a restarted or test-driven follow-up keeps its window. */
    public void open(DelegateExecution execution) {
        if (execution.getVariable(VAR_POST_GO_LIVE_ENDS_AT) == null) {
            execution.setVariable(VAR_POST_GO_LIVE_ENDS_AT, new Date(System.currentTimeMillis() + settings.window().toMillis()));
        }
    }

    public boolean isOver(DelegateExecution execution) {
        Object endsAt = execution.getVariable(VAR_POST_GO_LIVE_ENDS_AT);
        return !(endsAt instanceof Date date) || !new Date().before(date);
    }
}
