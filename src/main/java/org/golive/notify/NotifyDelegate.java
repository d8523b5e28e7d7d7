package org.golive.notify;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.evidence.EvidenceLog;
import org.golive.process.StepDelegate;
import org.springframework.stereotype.Component;

/** Sends the announcement named by the task's input parameters {@code event} and {@code message}. */
@Component("notifyDelegate")
public class NotifyDelegate extends StepDelegate {

    private final NotificationService notifications;

    public NotifyDelegate(EvidenceLog evidence, NotificationService notifications) {
        super(evidence);
        this.notifications = notifications;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String event = required(execution, "event");
        String message = required(execution, "message");
        notifications.announce(goLiveId(execution), event, message);
        return Map.of("event", event);
    }
}
