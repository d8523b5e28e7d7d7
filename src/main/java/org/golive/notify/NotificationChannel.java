package org.golive.notify;

import java.util.List;

/** A way to reach people: mail, a chat webhook. */
public interface NotificationChannel {

    /** How the evidence and the log name this channel; never a secret. */
    String name();

    /** Delivers or throws; the caller turns a throw into a recorded failure. */
    void deliver(Notification notification) throws Exception;

    /** Strings that must never show in a failure reason (a password, a webhook URL and its token). */
    default List<String> secrets() {
        return List.of();
    }
}
