package org.golive.api;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a call to {@code /api} from a user outside the endpoint's {@link RequiresGroup} with 403, naming the
 * groups. The user and their groups are the engine's authentication, set by the REST authentication filter
 * from the HTTP Basic login; a client cannot claim a group.
 */
@Component
public class GroupAccessInterceptor implements HandlerInterceptor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityService identity;
    private final ProcessEngineConfigurationImpl engine;

    public GroupAccessInterceptor(IdentityService identity, ProcessEngineConfigurationImpl engine) {
        this.identity = identity;
        this.engine = engine;
    }

    /** The engine's admins: {@code camunda-admin}, and with LDAP the directory's admin group or user (LdapIdentity). */
    private boolean isAdmin(Authentication caller, List<String> groups) {
        List<String> adminGroups = engine.getAdminGroups() == null ? List.of(Groups.CAMUNDA_ADMIN) : engine.getAdminGroups();
        List<String> adminUsers = engine.getAdminUsers() == null ? List.of() : engine.getAdminUsers();
        return groups.stream().anyMatch(adminGroups::contains) || caller != null && adminUsers.contains(caller.getUserId());
    }

    /** A group id, or a prefix ending in {@code *}. */
    private static boolean matches(String required, List<String> groups) {
        return required.endsWith("*")
                ? groups.stream().anyMatch(g -> g.startsWith(required.substring(0, required.length() - 1)))
                : groups.contains(required);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getPackageName().equals(getClass().getPackageName())) {
            return true;
        }
        RequiresGroup required = method.getMethodAnnotation(RequiresGroup.class);
        Authentication caller = identity.getCurrentAuthentication();
        List<String> groups = caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        if (required != null && (isAdmin(caller, groups) || Arrays.stream(required.value()).anyMatch(g -> matches(g, groups)))) {
            return true;
        }
        String needs = required == null ? Groups.CAMUNDA_ADMIN : String.join(" or ", required.value());
        String who = caller == null ? "an anonymous caller" : caller.getUserId();
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), Map.of("error", request.getMethod() + " " + request.getRequestURI()
                + " needs group " + needs + "; " + who + " is not a member", "requiredGroups", required == null
                ? List.of(Groups.CAMUNDA_ADMIN) : List.of(required.value())));
        return false;
    }
}
