package org.golive.step;

import org.golive.config.GoliveProperties;
import org.springframework.stereotype.Component;

/**
 * Escalation durations for the BPMN's non-interrupting timers, as ISO-8601 durations:
 * {@code ${goliveEscalations.signOff}}, {@code ${goliveEscalations.goNoGo}}, ...
 */
@Component("goliveEscalations")
public class Escalations {

    private final GoliveProperties.Escalation settings;

    public Escalations(GoliveProperties properties) {
        this.settings = properties.escalation();
    }

    public String getSignOff() {
        return settings.signOff().toString();
    }

    public String getAttestation() {
        return settings.attestation().toString();
    }

    public String getGoNoGo() {
        return settings.goNoGo().toString();
    }

    public String getConsiderRollback() {
        return settings.considerRollback().toString();
    }

    public String getInconclusiveGate() {
        return settings.inconclusiveGate().toString();
    }

    public String getHandover() {
        return settings.handover().toString();
    }
}
