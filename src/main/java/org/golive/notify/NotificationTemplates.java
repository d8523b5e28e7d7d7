package org.golive.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of every notification. Knows nothing of the engine: the glue hands it plain facts.
 * The rollback message is the "Rollback Communication Template" of the go-live checklist, filled in.
 */
public class NotificationTemplates {

    public static final String DEPLOYMENT_STARTING = "deployment-starting";
    public static final String GO_NO_GO_REQUESTED = "go-no-go-requested";
    public static final String TASK_WAITING = "task-waiting";
    public static final String GO_LIVE_ANNOUNCED = "go-live-announced";
    public static final String ROLLBACK_INITIATED = "rollback-initiated";
    public static final String ROLLBACK_COMPLETE = "rollback-complete";
    public static final String ESCALATION = "escalation";

    static final String ROLLBACK_SUBJECT = "[URGENT] Odoo CE Deployment Rollback Initiated";

    private final String publicUrl;
    private final NotificationProperties.Rollback rollback;
    private final DateTimeFormatter time;
    private final Clock clock;

    public NotificationTemplates(String publicUrl, NotificationProperties.Rollback rollback, ZoneId zone, Clock clock) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.rollback = rollback;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(zone);
        this.clock = clock;
    }

    /** What a notification is about: a go-live (or a rollback on its own), where, and which release. */
    public record GoLive(String id, String environment, String release) {

        String describe() {
            String where = environment == null ? "an unknown environment" : environment;
            return release == null ? where : release + " on " + where;
        }
    }

    /** A user task people are expected to pick up. */
    public record WaitingTask(String id, String name, List<String> candidateGroups, List<String> candidateUsers,
            String assignee, Instant created) {

        public WaitingTask {
            candidateGroups = candidateGroups == null ? List.of() : List.copyOf(candidateGroups);
            candidateUsers = candidateUsers == null ? List.of() : List.copyOf(candidateUsers);
        }

        String waitsFor() {
            List<String> who = new ArrayList<>();
            if (assignee != null) {
                who.add(assignee);
            }
            candidateUsers.stream().filter(u -> !who.contains(u)).forEach(who::add);
            candidateGroups.forEach(g -> who.add("group " + g));
            return who.isEmpty() ? "nobody in particular" : String.join(", ", who);
        }
    }

    /** The task, opened directly in Camunda Tasklist. */
    public String taskLink(String taskId) {
        return publicUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    /** An event without a template of its own: the message is the body. */
    public Notification simple(GoLive goLive, String event, String subject, String message) {
        String title = subject != null && !subject.isBlank() ? subject : switch (event) {
            case DEPLOYMENT_STARTING -> "[golive] Deployment starting: " + goLive.describe();
            case GO_LIVE_ANNOUNCED -> "[golive] Live: " + goLive.describe();
            case ROLLBACK_COMPLETE -> "[golive] Rollback complete: " + goLive.describe();
            default -> "[golive] " + event + ": " + goLive.describe();
        };
        String body = message == null || message.isBlank() ? title : message;
        return new Notification(goLive.id(), event, withId(title, goLive), body + signature(goLive), false);
    }

    public Notification goNoGoRequested(GoLive goLive, WaitingTask task, String plan) {
        StringBuilder body = new StringBuilder();
        body.append("Go-live ").append(goLive.id()).append(" (").append(goLive.describe()).append(") waits for a go/no-go decision.\n\n");
        body.append("Decide here: ").append(taskLink(task.id())).append('\n');
        body.append("Waiting for: ").append(task.waitsFor()).append('\n');
        if (plan != null && !plan.isBlank()) {
            body.append("\nPlan:\n").append(plan).append('\n');
        }
        return new Notification(goLive.id(), GO_NO_GO_REQUESTED,
                withId("[golive] Go/no-go decision needed: " + goLive.describe(), goLive), body + signature(goLive), false);
    }

    public Notification taskWaiting(GoLive goLive, WaitingTask task) {
        String body = "\"" + task.name() + "\" of go-live " + goLive.id() + " (" + goLive.describe() + ") waits for "
                + task.waitsFor() + ".\n\nOpen the task: " + taskLink(task.id()) + "\n";
        return new Notification(goLive.id(), TASK_WAITING, withId("[golive] Waiting for you: " + task.name(), goLive),
                body + signature(goLive), false);
    }

    /**
     * An open task has waited longer than its response SLA. {@code task} is null when the escalated task
     * could not be found (it was completed meanwhile): the message still goes out.
     */
    public Notification escalation(GoLive goLive, WaitingTask task, String message) {
        StringBuilder body = new StringBuilder();
        String subject;
        if (task != null) {
            subject = "[golive] ESCALATION: \"" + task.name() + "\" still open";
            body.append("Escalation: \"").append(task.name()).append("\" of go-live ").append(goLive.id())
                    .append(" (").append(goLive.describe()).append(") is still open");
            if (task.created() != null) {
                body.append(" since ").append(time.format(task.created())).append(" (")
                        .append(minutes(Duration.between(task.created(), clock.instant()))).append(" minutes)");
            }
            body.append(".\nWaiting for: ").append(task.waitsFor()).append('\n');
            body.append("Open the task: ").append(taskLink(task.id())).append('\n');
        } else {
            subject = "[golive] ESCALATION: " + goLive.describe();
            body.append("Escalation in go-live ").append(goLive.id()).append(" (").append(goLive.describe()).append(").\n");
        }
        if (message != null && !message.isBlank()) {
            body.append('\n').append(message.strip()).append('\n');
        }
        return new Notification(goLive.id(), ESCALATION, withId(subject, goLive), body + signature(goLive), true);
    }

    /**
     * The checklist's rollback communication, filled in.
     *
     * @param issue      why the rollback happens (the failed step and its error)
     * @param wentLiveAt since when data may have been entered that the restore drops
     */
    public Notification rollbackInitiated(GoLive goLive, String issue, Instant wentLiveAt) {
        Instant now = clock.instant();
        long minutes = minutes(rollback.expectedResolution());
        String body = """
                Dear Stakeholders,

                We are initiating a rollback of the Odoo CE deployment due to:
                - Issue: %s
                - Impact: Odoo on %s (release %s) is restored to its state before the deployment; it cannot be used until the rollback is complete
                - Expected Resolution: %s

                Actions:
                1. System will be unavailable for approximately %d minutes
                2. Data entered since %s may need to be re-entered
                3. Support team will assist with data recovery

                Next Update: %s

                Thank you for your patience.
                """.formatted(
                issue == null || issue.isBlank() ? "not given" : issue.strip(),
                goLive.environment() == null ? "an unknown environment" : goLive.environment(),
                goLive.release() == null ? "unknown" : goLive.release(),
                time.format(now.plus(rollback.expectedResolution())),
                minutes,
                wentLiveAt == null ? "the go-live" : time.format(wentLiveAt),
                time.format(now.plus(rollback.nextUpdate())));
        return new Notification(goLive.id(), ROLLBACK_INITIATED, ROLLBACK_SUBJECT, body + signature(goLive), false);
    }

    private static long minutes(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return Math.max(1, (seconds + 59) / 60);
    }

    private static String withId(String subject, GoLive goLive) {
        return goLive.id() == null ? subject : subject + " (" + goLive.id() + ")";
    }

    private static String signature(GoLive goLive) {
        return goLive.id() == null ? "" : "\n-- \ngolive, go-live " + goLive.id() + "\n";
    }
}
