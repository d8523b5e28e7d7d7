package org.golive.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Users and groups from a directory (Camunda's LDAP identity provider), under {@code golive.ldap.}. Search bases are
 * relative to {@code baseDn}. The manager password is not a setting: it is read from {@code managerPasswordFile} or
 * the environment variable named by {@code managerPasswordEnv}, so this record holds no secret and may be printed.
 */
@ConfigurationProperties("golive.ldap")
public record LdapProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("ldap://localhost:389/") String serverUrl,
        @DefaultValue("") String managerDn,
        @DefaultValue("") String managerPasswordFile,
        @DefaultValue("GOLIVE_LDAP_MANAGER_PASSWORD") String managerPasswordEnv,
        @DefaultValue("") String baseDn,
        @DefaultValue("ou=people") String userSearchBase,
        @DefaultValue("(objectclass=person)") String userSearchFilter,
        @DefaultValue("uid") String userIdAttribute,
        @DefaultValue("givenName") String userFirstnameAttribute,
        @DefaultValue("sn") String userLastnameAttribute,
        @DefaultValue("mail") String userEmailAttribute,
        @DefaultValue("ou=groups") String groupSearchBase,
        @DefaultValue("(objectclass=groupOfNames)") String groupSearchFilter,
        @DefaultValue("cn") String groupIdAttribute,
        @DefaultValue("cn") String groupNameAttribute,
        @DefaultValue("member") String groupMemberAttribute,
        @DefaultValue("true") boolean authorizationCheck,
        @DefaultValue("camunda-admin") String adminGroup,
        @DefaultValue("") String adminUser) {

    /**
     * The manager's password: the file wins over the variable. Empty when no manager DN is set (an anonymous
     * search bind); refused when a manager DN has no password, since the directory would then see an
     * unauthenticated bind and golive would find no one.
     */
    String managerPassword(UnaryOperator<String> environment) {
        String password = "";
        if (managerPasswordFile != null && !managerPasswordFile.isBlank()) {
            try {
                password = Files.readString(Path.of(managerPasswordFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("golive.ldap.manager-password-file: cannot read " + managerPasswordFile
                        + ": " + e.getMessage(), e);
            }
        } else if (managerPasswordEnv != null && !managerPasswordEnv.isBlank()) {
            String value = environment.apply(managerPasswordEnv);
            password = value == null ? "" : value.strip();
        }
        if (!managerDn.isBlank() && password.isEmpty()) {
            throw new IllegalStateException("golive.ldap.manager-dn is " + managerDn + " but it has no password: put it in a file"
                    + " named by golive.ldap.manager-password-file (GOLIVE_LDAP_MANAGER_PASSWORD_FILE) or in the variable "
                    + managerPasswordEnv);
        }
        return password;
    }
}
