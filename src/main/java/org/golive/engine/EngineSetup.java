package org.golive.engine;

import static org.golive.step.ProcessConstants.GROUP_LEAD;
import static org.golive.step.ProcessConstants.GROUP_OPS;
import static org.golive.step.ProcessConstants.GROUP_RELEASE;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.golive.config.GoliveProperties;
import org.golive.signoff.SignOffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What an approver needs in Tasklist on first login: filters that show the tasks waiting for them and for
 * their groups, and (embedded default only) demo users for each golive role. Runs at every start and
 * creates only what is missing. With users and groups from LDAP (a read-only identity service) it creates neither
 * groups nor users and only reports golive groups the directory lacks.
 */
@Component
public class EngineSetup {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSetup.class);

    /** A demo login: user id, display name, group. */
    record DemoUser(String id, String firstName, String group) {
    }

    static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("release", "Release Manager", GROUP_RELEASE),
            new DemoUser("lead", "Go-Live Lead", GROUP_LEAD),
            new DemoUser("ops", "Operator", GROUP_OPS),
            new DemoUser("techlead", "Technical Lead", SignOffRole.TECHNICAL_LEAD.group()),
            new DemoUser("devops", "DevOps Lead", SignOffRole.DEVOPS_LEAD.group()),
            new DemoUser("qa", "QA Lead", SignOffRole.QA_LEAD.group()),
            new DemoUser("security", "Security Lead", SignOffRole.SECURITY_LEAD.group()),
            new DemoUser("business", "Business Owner", SignOffRole.BUSINESS_OWNER.group()),
            new DemoUser("product", "Product Owner", SignOffRole.PRODUCT_OWNER.group()),
            new DemoUser("finance", "Finance Lead", SignOffRole.FINANCE_LEAD.group()));

    private final FilterService filters;
    private final TaskService tasks;
    private final IdentityService identity;
    private final GoliveProperties properties;
    private final AuthorizationSetup authorizations;

    public EngineSetup(FilterService filters, TaskService tasks, IdentityService identity, GoliveProperties properties,
                       AuthorizationSetup authorizations) {
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.identity = identity;
        this.properties = properties;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        if (identity.isReadOnly()) {
            // users and groups from a directory (LdapIdentity): golive creates neither, it only says what is missing
            reportMissingGroups();
        } else {
            ensureGroup(GROUP_LEAD, "Go-live leads (go/no-go)");
            ensureGroup(GROUP_RELEASE, "Release managers");
            ensureGroup(GROUP_OPS, "Operations");
            for (SignOffRole role : SignOffRole.values()) {
                ensureGroup(role.group(), role.title() + " (sign-off)");
            }
        }
        authorizations.apply();
        if (identity.isReadOnly()) {
            if (properties.demoUsers().enabled()) {
                LOG.info("demo users not created: users and groups come from LDAP (read-only)");
            }
        } else if (properties.demoUsers().enabled()) {
            for (DemoUser demo : DEMO_USERS) {
                ensureUser(demo);
            }
        } else {
            List<String> left = identity.createUserQuery().userIdIn(DEMO_USERS.stream().map(DemoUser::id).toArray(String[]::new))
                    .list().stream().map(org.camunda.bpm.engine.identity.User::getId).toList();
            if (!left.isEmpty()) {
                // made by an earlier sandbox run on this database; golive never deletes a user by itself
                LOG.warn("production mode, but users with demo ids exist (an earlier sandbox run?): {}; check them in Admin", left);
            }
        }
        ensureFilter("My group tasks", -10, "Tasks offered to a group you belong to",
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
        ensureFilter("My tasks", -5, "Tasks assigned to you",
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        ensureFilter("All go-live tasks", 0, "Every open task of golive",
                tasks.createTaskQuery());
    }

    /** A directory that is down at startup must not keep golive down: nobody logs in until it is back anyway. */
    private void reportMissingGroups() {
        try {
            List<String> found = identity.createGroupQuery().groupIdIn(AuthorizationModel.groups().toArray(String[]::new))
                    .list().stream().map(Group::getId).toList();
            List<String> missing = AuthorizationModel.groups().stream().filter(g -> !found.contains(g)).toList();
            if (missing.isEmpty()) {
                LOG.info("LDAP: all golive groups found");
            } else {
                LOG.warn("LDAP: no group {} in the directory; nobody holds those roles until they exist there", missing);
            }
        } catch (RuntimeException e) {
            LOG.warn("LDAP: cannot look up the golive groups at startup ({}); logins fail until the directory answers", e.getMessage());
        }
    }

    private void ensureGroup(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void ensureUser(DemoUser demo) {
        if (identity.createUserQuery().userId(demo.id()).count() == 0) {
            User user = identity.newUser(demo.id());
            user.setFirstName(demo.firstName());
            user.setLastName("(demo)");
            user.setPassword(properties.demoUsers().password());
            user.setEmail(demo.id() + "@golive.invalid");
            identity.saveUser(user);
            identity.createMembership(demo.id(), demo.group());
            LOG.info("demo user '{}' ({}) created", demo.id(), demo.group());
        }
    }

    private void ensureFilter(String name, int priority, String description, TaskQuery query) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Filter filter = filters.newTaskFilter(name);
        filter.setQuery(query);
        filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true));
        filters.saveFilter(filter);
    }
}
