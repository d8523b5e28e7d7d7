package org.golive.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the LDAP manager's password comes from, and when golive warns about a login sent in clear. */
class LdapPropertiesTest {

    @TempDir
    Path work;

    private static LdapProperties ldap(String managerDn, String passwordFile) {
        return new LdapProperties(true, "ldap://127.0.0.1:389/", managerDn, passwordFile, "LDAP_PW", "dc=golive,dc=test",
                "ou=people", "(objectclass=person)", "uid", "givenName", "sn", "mail", "ou=groups",
                "(objectclass=groupOfNames)", "cn", "cn", "member", true, "camunda-admin", "");
    }

    @Test
    void theFileWinsOverTheVariable() throws Exception {
        Path file = Files.writeString(work.resolve("pw"), "from-the-file\n");
        assertThat(ldap("cn=manager", file.toString()).managerPassword(Map.of("LDAP_PW", "from-the-variable")::get))
                .isEqualTo("from-the-file");
        assertThat(ldap("cn=manager", "").managerPassword(Map.of("LDAP_PW", "from-the-variable")::get))
                .isEqualTo("from-the-variable");
    }

    @Test
    void aManagerWithoutAPasswordIsRefusedAndAnonymousSearchesNeedNone() throws Exception {
        assertThatThrownBy(() -> ldap("cn=manager", "").managerPassword(Map.<String, String>of()::get))
                .hasMessageContaining("golive.ldap.manager-dn is cn=manager but it has no password")
                .hasMessageContaining("LDAP_PW");
        Path empty = Files.writeString(work.resolve("empty"), "\n");
        assertThatThrownBy(() -> ldap("cn=manager", empty.toString()).managerPassword(Map.<String, String>of()::get))
                .hasMessageContaining("has no password");
        assertThatThrownBy(() -> ldap("cn=manager", work.resolve("missing").toString()).managerPassword(Map.<String, String>of()::get))
                .hasMessageContaining("golive.ldap.manager-password-file: cannot read");
        assertThat(ldap("", "").managerPassword(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void plainLdapToAnotherHostSendsPasswordsInClear() {
        assertThat(LdapIdentity.sentInClear("ldap://ldap.example.com/")).isTrue();
        assertThat(LdapIdentity.sentInClear("ldap://10.0.0.5:389/")).isTrue();
        assertThat(LdapIdentity.sentInClear("ldap://127.0.0.1:3890/")).isFalse();
        assertThat(LdapIdentity.sentInClear("ldap://localhost/")).isFalse();
        assertThat(LdapIdentity.sentInClear("ldaps://ldap.example.com/")).isFalse();
        assertThat(LdapIdentity.sentInClear("ldap://[::1]:3890/")).isFalse();
        assertThat(LdapIdentity.sentInClear("ldaps://a.example.com/ ldap://b.example.com/")).as("a failover URL").isTrue();
    }
}
