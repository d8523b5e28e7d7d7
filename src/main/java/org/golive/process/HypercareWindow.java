package org.golive.process;

import static org.golive.step.ProcessConstants.VAR_HYPERCARE_ENDS_AT;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.GoliveProperties;
import org.springframework.stereotype.Component;

/** Hypercare timing for the BPMN: {@code ${hypercareWindow.interval}} and the "window over?" question. */
@Component("hypercareWindow")
public class HypercareWindow {

    private final GoliveProperties.Hypercare settings;

    public HypercareWindow(GoliveProperties properties) {
        this.settings = properties.hypercare();
    }

    /** ISO-8601 duration between two validations, for the timer event. */
    public String getInterval() {
        return settings.interval().toString();
    }

    public void open(DelegateExecution execution) {
        if (execution.getVariable(VAR_HYPERCARE_ENDS_AT) == null) {
            execution.setVariable(VAR_HYPERCARE_ENDS_AT, new Date(System.currentTimeMillis() + settings.window().toMillis()));
        }
    }

    public boolean isOver(DelegateExecution execution) {
        Object endsAt = execution.getVariable(VAR_HYPERCARE_ENDS_AT);
        return endsAt instanceof Date date && !new Date().before(date);
    }
}
