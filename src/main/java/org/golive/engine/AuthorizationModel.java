package org.golive.engine;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.golive.step.ProcessConstants.DECISION_ROLLBACK;
import static org.golive.step.ProcessConstants.GROUP_LEAD;
import static org.golive.step.ProcessConstants.GROUP_OPS;
import static org.golive.step.ProcessConstants.GROUP_RELEASE;
import static org.golive.step.ProcessConstants.PROCESS_CHECK_READINESS;
import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE;
import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE_FLEET;
import static org.golive.step.ProcessConstants.PROCESS_POST_GO_LIVE;
import static org.golive.step.ProcessConstants.PROCESS_REHEARSE_RELEASE;
import static org.golive.step.ProcessConstants.PROCESS_ROLLBACK;
import static org.golive.step.ProcessConstants.PROCESS_SIGN_OFF;
import static org.golive.step.ProcessConstants.PROCESS_VALIDATE_RELEASE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.golive.signoff.SignOffRole;

/**
 * Who may do what in the engine, group by group (docs/security.md). Everything not granted here is refused:
 * only {@code camunda-admin} manages users, groups, authorizations, filters and deployments, modifies, deletes or
 * changes the variables of an instance. Tasks need no grant: a task's candidate group gets READ and TASK_WORK on
 * that one task when it is created (the engine's default authorizations).
 */
public final class AuthorizationModel {

    /** One grant: a group's permissions on one resource id (or {@code *}). */
    public record Grant(String groupId, Resource resource, String resourceId, Set<Permission> permissions) {
    }

    /** Every golive process; ops and leads follow all of them in Cockpit. */
    static final List<String> PROCESSES = List.of(PROCESS_GO_LIVE, PROCESS_ROLLBACK, PROCESS_CHECK_READINESS,
            PROCESS_SIGN_OFF, PROCESS_VALIDATE_RELEASE, PROCESS_POST_GO_LIVE, PROCESS_GO_LIVE_FLEET,
            PROCESS_REHEARSE_RELEASE);

    private static final Set<Permission> FOLLOW = Set.of(ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
    private static final Set<Permission> START_AND_FOLLOW = Set.of(ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.READ_HISTORY);

    private AuthorizationModel() {
    }

    /** Every group golive uses. */
    public static List<String> groups() {
        return Stream.concat(Stream.of(GROUP_RELEASE, GROUP_LEAD, GROUP_OPS),
                Stream.of(SignOffRole.values()).map(SignOffRole::group)).toList();
    }

    public static List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        for (String group : groups()) {
            // Tasklist for everyone with a task to do, and the golive filters ("My group tasks", ...)
            grants.add(new Grant(group, Resources.APPLICATION, "tasklist", Set.of(Permissions.ACCESS)));
            grants.add(new Grant(group, Resources.FILTER, ANY, Set.of(Permissions.READ)));
            // members see their own group, as Camunda grants when it creates a group; a group from LDAP was never
            // created by the engine, so without this its members could not see it in Tasklist or engine REST
            grants.add(new Grant(group, Resources.GROUP, group, Set.of(Permissions.READ)));
        }
        // release managers start go-lives and rollbacks and follow what they started
        grants.add(new Grant(GROUP_RELEASE, Resources.APPLICATION, "cockpit", Set.of(Permissions.ACCESS)));
        grants.add(new Grant(GROUP_RELEASE, Resources.PROCESS_INSTANCE, ANY, Set.of(ProcessInstancePermissions.CREATE)));
        for (String process : PROCESSES) {
            boolean startable = process.equals(PROCESS_GO_LIVE) || process.equals(PROCESS_ROLLBACK) || process.equals(PROCESS_GO_LIVE_FLEET)
                    || process.equals(PROCESS_REHEARSE_RELEASE);
            grants.add(new Grant(GROUP_RELEASE, Resources.PROCESS_DEFINITION, process, startable ? START_AND_FOLLOW : FOLLOW));
        }
        // the go-live lead may ask for a rollback (it then waits for another lead's decision) and follows everything
        grants.add(new Grant(GROUP_LEAD, Resources.APPLICATION, "cockpit", Set.of(Permissions.ACCESS)));
        grants.add(new Grant(GROUP_LEAD, Resources.PROCESS_INSTANCE, ANY, Set.of(ProcessInstancePermissions.CREATE)));
        for (String process : PROCESSES) {
            grants.add(new Grant(GROUP_LEAD, Resources.PROCESS_DEFINITION, process,
                    process.equals(PROCESS_ROLLBACK) ? START_AND_FOLLOW : FOLLOW));
        }
        // ops read everything and retry failed jobs; they never change variables, modify or delete instances
        grants.add(new Grant(GROUP_OPS, Resources.APPLICATION, "cockpit", Set.of(Permissions.ACCESS)));
        grants.add(new Grant(GROUP_OPS, Resources.PROCESS_DEFINITION, ANY, Set.of(ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.RETRY_JOB)));
        grants.add(new Grant(GROUP_OPS, Resources.PROCESS_INSTANCE, ANY, Set.of(ProcessInstancePermissions.READ,
                ProcessInstancePermissions.RETRY_JOB)));
        grants.add(new Grant(GROUP_OPS, Resources.DECISION_DEFINITION, DECISION_ROLLBACK, Set.of(Permissions.READ,
                Permissions.READ_HISTORY)));
        grants.add(new Grant(GROUP_OPS, Resources.DEPLOYMENT, ANY, Set.of(Permissions.READ)));
        // approvers see the model of what they approve (Tasklist shows the diagram)
        for (SignOffRole role : SignOffRole.values()) {
            grants.add(new Grant(role.group(), Resources.PROCESS_DEFINITION, PROCESS_SIGN_OFF, Set.of(ProcessDefinitionPermissions.READ)));
            grants.add(new Grant(role.group(), Resources.PROCESS_DEFINITION, PROCESS_GO_LIVE, Set.of(ProcessDefinitionPermissions.READ)));
            grants.add(new Grant(role.group(), Resources.PROCESS_DEFINITION, PROCESS_GO_LIVE_FLEET, Set.of(ProcessDefinitionPermissions.READ)));
        }
        return List.copyOf(grants);
    }
}
