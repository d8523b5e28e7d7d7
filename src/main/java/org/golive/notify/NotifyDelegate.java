package org.golive.notify;

import static org.golive.step.ProcessConstants.VAR_ESCALATED_TASK;
import static org.golive.step.ProcessConstants.VAR_FAILURE_REASON;
import static org.golive.step.ProcessConstants.VAR_NOTIFY_EVENT;
import static org.golive.step.ProcessConstants.VAR_NOTIFY_MESSAGE;
import static org.golive.step.ProcessConstants.VAR_NOTIFY_SUBJECT;
import static org.golive.step.ProcessConstants.VAR_WENT_LIVE_AT;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.notify.NotificationTemplates.GoLive;
import org.golive.notify.NotificationTemplates.WaitingTask;
import org.golive.step.StepDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ${notifyDelegate}}: sends a notification to every configured channel. A channel that fails is
 * recorded in the evidence; it never fails the step, so it never fails (or rolls back) a go-live.
 *
 * <p>Input parameters of the service task:
 * <ul>
 * <li>{@code event} (required): {@code deployment-starting}, {@code go-live-announced}, {@code rollback-complete}
 * or any other simple event: {@code message} is the body;
 * {@code rollback-initiated}: the checklist's rollback communication, filled from the variables
 * {@code failureReason} (the issue), {@code environment}, {@code imageRepository}/{@code releaseTag} and
 * {@code wentLiveAt} (else the start of the root process instance); {@code message} is not used;
 * {@code escalation}: an open user task of this process instance has waited too long; the mail also goes
 * to {@code golive.notifications.escalation-to}.</li>
 * <li>{@code message} (optional): the body of a simple event, the extra text of an escalation.</li>
 * <li>{@code subject} (optional): replaces the default subject of a simple event.</li>
 * <li>{@code escalatedTask} (optional, escalation only): the task definition key of the escalated user
 * task. Without it, the task the boundary timer leading to this service task is attached to; without such
 * a timer, the oldest open task of the process instance.</li>
 * </ul>
 * The escalation pattern: a non-interrupting boundary timer on the user task, then a service task
 * {@code ${notifyDelegate}} with {@code event=escalation} and a {@code message}, then an end event.
 */
@Component("notifyDelegate")
public class NotifyDelegate extends StepDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyDelegate.class);
    private static final int MAX_HOPS_TO_BOUNDARY = 5;

    private final NotificationService notifications;
    private final NotificationTemplates templates;

    public NotifyDelegate(EvidenceLog evidence, NotificationService notifications, NotificationTemplates templates) {
        super(evidence);
        this.notifications = notifications;
        this.templates = templates;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.NOTIFICATION;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String event = required(execution, VAR_NOTIFY_EVENT);
        String message = string(execution, VAR_NOTIFY_MESSAGE);
        GoLive goLive = ProcessFacts.goLive(execution);
        Notification notification = switch (event) {
            case NotificationTemplates.ROLLBACK_INITIATED -> templates.rollbackInitiated(goLive,
                    issue(execution), wentLiveAt(execution));
            case NotificationTemplates.ESCALATION -> templates.escalation(goLive, escalatedTask(execution), message);
            default -> templates.simple(goLive, event, string(execution, VAR_NOTIFY_SUBJECT), message);
        };
        List<ChannelResult> results = notifications.send(notification);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("event", event);
        facts.put("delivered", names(results, true));
        facts.put("failed", names(results, false));
        return facts;
    }

    private static String names(List<ChannelResult> results, boolean delivered) {
        return results.stream().filter(r -> r.delivered() == delivered).map(ChannelResult::channel).collect(Collectors.joining(", "));
    }

    private static String issue(DelegateExecution execution) {
        String reason = string(execution, VAR_FAILURE_REASON);
        return reason != null ? reason : "rollback requested by a release manager";
    }

    private static Instant wentLiveAt(DelegateExecution execution) {
        Instant at = ProcessFacts.instant(execution, VAR_WENT_LIVE_AT);
        if (at != null) {
            return at;
        }
        try {
            String root = ((ExecutionEntity) execution).getRootProcessInstanceId();
            HistoricProcessInstance instance = execution.getProcessEngineServices().getHistoryService()
                    .createHistoricProcessInstanceQuery().processInstanceId(root).singleResult();
            return instance == null || instance.getStartTime() == null ? null : instance.getStartTime().toInstant();
        } catch (RuntimeException e) {
            // the message then says "since the go-live": less precise, still true
            LOG.debug("no start time of the go-live: {}", e.getMessage());
            return null;
        }
    }

    /** The open user task this escalation is about, or null when it is gone (completed meanwhile). */
    private static WaitingTask escalatedTask(DelegateExecution execution) {
        try {
            String key = string(execution, VAR_ESCALATED_TASK);
            if (key == null) {
                key = attachedTask(execution);
            }
            TaskService tasks = execution.getProcessEngineServices().getTaskService();
            TaskQuery query = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId());
            if (key != null) {
                query.taskDefinitionKey(key);
            }
            List<Task> open = query.orderByTaskCreateTime().asc().listPage(0, 1);
            if (open.isEmpty()) {
                return null;
            }
            Task task = open.get(0);
            return ProcessFacts.waitingTask(task.getId(), task.getName(), tasks.getIdentityLinksForTask(task.getId()),
                    task.getAssignee(), task.getCreateTime());
        } catch (RuntimeException e) {
            LOG.warn("[{}] escalation without task details: {}", goLiveId(execution), e.getMessage());
            return null;
        }
    }

    /** Walks back from this service task to the boundary event that led here, and returns what it is attached to. */
    private static String attachedTask(DelegateExecution execution) {
        FlowElement here = execution.getBpmnModelElementInstance();
        if (!(here instanceof FlowNode start)) {
            return null;
        }
        Deque<FlowNode> todo = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        for (int hop = 0; hop <= MAX_HOPS_TO_BOUNDARY && !todo.isEmpty(); hop++) {
            Deque<FlowNode> next = new ArrayDeque<>();
            for (FlowNode node : todo) {
                if (!seen.add(node.getId())) {
                    continue;
                }
                if (node instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null) {
                    return boundary.getAttachedTo().getId();
                }
                for (SequenceFlow incoming : node.getIncoming()) {
                    next.add(incoming.getSource());
                }
            }
            todo = next;
        }
        return null;
    }
}
