package org.golive.notify;

import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.golive.notify.NotificationTemplates.GoLive;
import org.golive.notify.NotificationTemplates.WaitingTask;

/** Reads what the templates need from process variables and tasks: the one place notify meets the engine's model. */
final class ProcessFacts {

    private ProcessFacts() {
    }

    static GoLive goLive(VariableScope scope) {
        String image = string(scope, VAR_IMAGE_REPOSITORY);
        String tag = string(scope, VAR_RELEASE_TAG);
        String release = tag == null ? null : image == null ? tag : image + ":" + tag;
        return new GoLive(string(scope, VAR_GO_LIVE_ID), string(scope, VAR_ENVIRONMENT), release);
    }

    static WaitingTask waitingTask(String id, String name, Collection<? extends IdentityLink> links, String assignee, Date created) {
        List<String> groups = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (IdentityLink link : links) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getGroupId() != null) {
                groups.add(link.getGroupId());
            } else if (link.getUserId() != null) {
                users.add(link.getUserId());
            }
        }
        return new WaitingTask(id, name, groups, users, assignee, created == null ? null : created.toInstant());
    }

    static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** A point in time from a variable: a Date, an Instant, or ISO-8601 text; null when absent or unreadable. */
    static Instant instant(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value != null) {
            try {
                return OffsetDateTime.parse(value.toString()).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(value.toString());
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }
}
