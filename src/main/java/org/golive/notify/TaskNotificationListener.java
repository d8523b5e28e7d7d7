package org.golive.notify;

import static org.golive.step.ProcessConstants.TASK_GO_NO_GO;
import static org.golive.step.ProcessConstants.VAR_PLAN;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.golive.notify.NotificationTemplates.GoLive;
import org.golive.notify.NotificationTemplates.WaitingTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ${taskNotificationListener}} on the {@code create} event of a user task: tells the people the task
 * waits for, with a direct link to it in Tasklist. The go/no-go task sends {@code go-no-go-requested} (with
 * the plan), every other task {@code task-waiting}. Never throws: a task is created whether or not anyone
 * could be told.
 */
@Component("taskNotificationListener")
public class TaskNotificationListener implements TaskListener {

    private static final Logger LOG = LoggerFactory.getLogger(TaskNotificationListener.class);

    private final NotificationService notifications;
    private final NotificationTemplates templates;

    public TaskNotificationListener(NotificationService notifications, NotificationTemplates templates) {
        this.notifications = notifications;
        this.templates = templates;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            GoLive goLive = ProcessFacts.goLive(task);
            WaitingTask waiting = ProcessFacts.waitingTask(task.getId(), task.getName(), task.getCandidates(), task.getAssignee(),
                    task.getCreateTime());
            Notification notification = TASK_GO_NO_GO.equals(task.getTaskDefinitionKey())
                    ? templates.goNoGoRequested(goLive, waiting, ProcessFacts.string(task, VAR_PLAN))
                    : templates.taskWaiting(goLive, waiting);
            afterCommit(notification);
        } catch (RuntimeException e) {
            LOG.warn("task {} ({}): nobody told: {}", task.getId(), task.getTaskDefinitionKey(), e.getMessage());
        }
    }

    /** Once the task is committed: a link must not point at a task that a rolled-back transaction never made. */
    private void afterCommit(Notification notification) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            send(notification);
            return;
        }
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> send(notification));
    }

    private void send(Notification notification) {
        try {
            notifications.send(notification);
        } catch (RuntimeException e) {
            LOG.warn("[{}] {}: {}", notification.goLiveId(), notification.event(), e.getMessage());
        }
    }
}
