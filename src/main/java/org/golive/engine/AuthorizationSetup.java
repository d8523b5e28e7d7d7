package org.golive.engine;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.golive.engine.AuthorizationModel.Grant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes {@link AuthorizationModel} into the engine at every start, adding what is missing. Permissions an
 * admin granted on top are kept: the model is the floor a golive needs, not a reset.
 */
@Component
public class AuthorizationSetup {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationSetup.class);

    private final AuthorizationService authorizations;

    public AuthorizationSetup(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    public void apply() {
        int changed = 0;
        for (Grant grant : AuthorizationModel.grants()) {
            Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(grant.groupId())
                    .resourceType(grant.resource()).resourceId(grant.resourceId()).singleResult();
            Authorization authorization = existing != null ? existing : newGrant(grant);
            boolean missing = existing == null;
            for (Permission permission : grant.permissions()) {
                if (!authorization.isPermissionGranted(permission)) {
                    authorization.addPermission(permission);
                    missing = true;
                }
            }
            if (missing) {
                authorizations.saveAuthorization(authorization);
                changed++;
            }
        }
        if (changed > 0) {
            LOG.info("authorizations: {} grants of golive's role model written", changed);
        }
    }

    private Authorization newGrant(Grant grant) {
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(grant.groupId());
        authorization.setResource(grant.resource());
        authorization.setResourceId(grant.resourceId());
        return authorization;
    }
}
