package org.golive.notify;

/**
 * One message to every configured channel. {@code escalation} also reaches the escalation contacts.
 *
 * @param goLiveId the go-live whose evidence records the delivery
 * @param event    what happened, e.g. {@code rollback-initiated}
 */
public record Notification(String goLiveId, String event, String subject, String body, boolean escalation) {

    public Notification {
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("a notification needs an event");
        }
        subject = subject == null || subject.isBlank() ? "[golive] " + event : subject;
        body = body == null ? "" : body;
    }
}
