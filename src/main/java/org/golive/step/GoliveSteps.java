package org.golive.step;

import org.golive.config.GoliveProperties;
import org.springframework.stereotype.Component;

/** Step settings the BPMN reads, as {@code ${goliveSteps.retryCycle}} on every service task. */
@Component("goliveSteps")
public class GoliveSteps {

    private final GoliveProperties.Steps steps;

    public GoliveSteps(GoliveProperties properties) {
        this.steps = properties.steps();
    }

    /** The failedJobRetryTimeCycle of every service task, e.g. {@code R3/PT10S}. */
    public String getRetryCycle() {
        return steps.retryCycle();
    }
}
