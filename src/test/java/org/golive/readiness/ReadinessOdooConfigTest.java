package org.golive.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** odoo.conf parsing and judgement, and the attestation form matching the items the listener checks. */
class ReadinessOdooConfigTest {

    private static final String HARDENED = """
            ; production
            [options]
            list_db = False
            admin_passwd = $pbkdf2-sha512$600000$abc
            proxy_mode = True
            dbfilter = ^%d$
            workers = 4
            limit_memory_hard = 2684354560
            limit_memory_soft = 2147483648
            limit_time_cpu = 600
            limit_time_real = 1200
            [other]
            list_db = True
            """;

    @Test
    void aHardenedConfigHasNoProblemsAndTheMasterPasswordIsNotRecorded() {
        Map<String, Object> facts = new LinkedHashMap<>();
        assertThat(OdooConfigGate.problems(OdooConfigGate.parseOptions(HARDENED), facts)).isEmpty();
        assertThat(facts).containsEntry("admin_passwd", "set").containsEntry("workers", "4");
        assertThat(facts.values()).noneMatch(v -> String.valueOf(v).contains("pbkdf2"));
    }

    @Test
    void theSandboxConfigIsHardened() throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        assertThat(OdooConfigGate.problems(OdooConfigGate.parseOptions(Files.readString(Path.of("deploy/sandbox/odoo.conf"))), facts))
                .isEmpty();
    }

    @Test
    void eachMissingHardeningItemIsNamed() {
        String weak = HARDENED.replace("list_db = False", "list_db = True").replace("admin_passwd = $pbkdf2-sha512$600000$abc", "admin_passwd = admin")
                .replace("workers = 4", "workers = 0").replace("dbfilter = ^%d$\n", "").replace("limit_time_cpu = 600\n", "")
                .replace("proxy_mode = True", "proxy_mode: False");
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> problems = OdooConfigGate.problems(OdooConfigGate.parseOptions(weak), facts);
        assertThat(String.join("\n", problems)).contains("list_db").contains("admin_passwd must be set to a non-default master password (is default)")
                .contains("workers").contains("dbfilter").contains("limit_time_cpu").contains("proxy_mode");
        assertThat(problems).hasSize(6);
        assertThat(OdooConfigGate.problems(OdooConfigGate.parseOptions("[options]\nadmin_passwd =\n"), new LinkedHashMap<>()))
                .anyMatch(p -> p.contains("admin_passwd") && p.contains("empty"));
    }

    @Test
    void theAttestationFormHasACheckboxAndAConditionalWaiverForEveryItem() throws Exception {
        JsonNode form = new ObjectMapper().readTree(Files.readString(Path.of("forms/attest-readiness.form")));
        assertThat(form.get("id").asText()).isEqualTo("form-attest-readiness");
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        form.get("components").forEach(c -> {
            if (c.has("key")) {
                byKey.put(c.get("key").asText(), c);
            }
        });
        for (AttestationItems.Item item : AttestationItems.ALL) {
            assertThat(byKey.get(item.attestField())).as(item.attestField()).isNotNull();
            assertThat(byKey.get(item.attestField()).get("type").asText()).isEqualTo("checkbox");
            JsonNode waiver = byKey.get(item.waiverField());
            assertThat(waiver).as(item.waiverField()).isNotNull();
            assertThat(waiver.at("/conditional/hide").asText()).isEqualTo("=" + item.attestField());
            assertThat(waiver.at("/validate/required").asBoolean()).isTrue();
        }
        assertThat(AttestationItems.ALL).hasSizeBetween(12, 18);
    }
}
