package org.golive.engine;

import java.net.URI;

import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code golive.ldap.enabled}, users, groups and passwords come from a directory and the engine's identity
 * service is read-only: nobody creates users or groups in golive (not EngineSetup, not the starter's admin user,
 * not Camunda Admin). Authorizations stay in the engine database, keyed by the directory's group ids, so golive's
 * role model applies to directory groups named like golive's (golive-release, golive-lead, ...). The admins are a
 * directory group (and/or one directory user) given every permission at startup, since no local admin exists.
 */
@Configuration
@ConditionalOnProperty(prefix = "golive.ldap", name = "enabled", havingValue = "true")
public class LdapIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(LdapIdentity.class);

    @Bean
    LdapIdentityProviderPlugin ldapIdentityProvider(LdapProperties ldap) {
        LdapIdentityProviderPlugin plugin = new LdapIdentityProviderPlugin();
        plugin.setServerUrl(ldap.serverUrl());
        plugin.setUseSsl(ldap.serverUrl().startsWith("ldaps://"));
        plugin.setManagerDn(ldap.managerDn());
        plugin.setManagerPassword(ldap.managerPassword(System::getenv));
        plugin.setBaseDn(ldap.baseDn());
        plugin.setUserSearchBase(ldap.userSearchBase());
        plugin.setUserSearchFilter(ldap.userSearchFilter());
        plugin.setUserIdAttribute(ldap.userIdAttribute());
        plugin.setUserFirstnameAttribute(ldap.userFirstnameAttribute());
        plugin.setUserLastnameAttribute(ldap.userLastnameAttribute());
        plugin.setUserEmailAttribute(ldap.userEmailAttribute());
        plugin.setGroupSearchBase(ldap.groupSearchBase());
        plugin.setGroupSearchFilter(ldap.groupSearchFilter());
        plugin.setGroupIdAttribute(ldap.groupIdAttribute());
        plugin.setGroupNameAttribute(ldap.groupNameAttribute());
        plugin.setGroupMemberAttribute(ldap.groupMemberAttribute());
        plugin.setAuthorizationCheckEnabled(ldap.authorizationCheck());
        // an empty password is an unauthenticated bind, which many directories accept as a success
        plugin.setAllowAnonymousLogin(false);
        LOG.info("identity: users and groups from LDAP {} (base {}, users {} {}, groups {} {}), admins: group '{}'{}",
                ldap.serverUrl(), ldap.baseDn(), ldap.userSearchBase(), ldap.userSearchFilter(), ldap.groupSearchBase(),
                ldap.groupSearchFilter(), ldap.adminGroup(), ldap.adminUser().isBlank() ? "" : ", user '" + ldap.adminUser() + "'");
        if (sentInClear(ldap.serverUrl())) {
            LOG.warn("golive.ldap.server-url {} is plain LDAP to another host: every login's password crosses the network"
                    + " in clear; use ldaps://", ldap.serverUrl());
        }
        return plugin;
    }

    @Bean
    AdministratorAuthorizationPlugin ldapAdministrators(LdapProperties ldap) {
        if (ldap.adminGroup().isBlank() && ldap.adminUser().isBlank()) {
            throw new IllegalStateException("golive.ldap needs admin-group or admin-user: with users from LDAP golive has no"
                    + " local admin, and without one nobody could manage authorizations");
        }
        AdministratorAuthorizationPlugin administrators = new AdministratorAuthorizationPlugin();
        administrators.setAdministratorGroupName(ldap.adminGroup().isBlank() ? null : ldap.adminGroup());
        administrators.setAdministratorUserName(ldap.adminUser().isBlank() ? null : ldap.adminUser());
        return administrators;
    }

    /** Whether any of the URLs (JNDI takes several, space-separated, for failover) is plain LDAP to another host. */
    static boolean sentInClear(String serverUrl) {
        for (String url : serverUrl.trim().split("\\s+")) {
            if (url.startsWith("ldap://")) {
                String host;
                try {
                    host = URI.create(url).getHost();
                } catch (IllegalArgumentException e) {
                    return true;
                }
                if (host == null || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
