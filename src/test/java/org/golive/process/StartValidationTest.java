package org.golive.process;

import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.RuntimeService;
import org.golive.step.InstanceIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Bad manifests, business keys and rollback requests are refused with the field named, whichever way an
 * instance is started (golive's API, engine REST, Tasklist's start form), and start nothing.
 */
class StartValidationTest extends ProcessTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RuntimeService runtimeService;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed YAML      | 'image: golive/odoo\ntag: [18.0'                                                   | manifest   | not valid YAML",
            "latest tag          | 'image: golive/odoo\ntag: latest\nenvironment: sandbox'                             | tag        | moving tag",
            "empty tag           | 'image: golive/odoo\ntag: \"\"\nenvironment: sandbox'                               | tag        | empty",
            "module name format  | 'image: golive/odoo\ntag: \"18.0-2\"\nenvironment: sandbox\ninstall: [Sale-Extra]'   | install[0] | not an Odoo module name",
            "enterprise module   | 'image: golive/odoo\ntag: \"18.0-2\"\nenvironment: sandbox\ninstall: [web_studio]'   | install[0] | Enterprise",
            "unknown environment | 'image: golive/odoo\ntag: \"18.0-2\"\nenvironment: moon'                              | environment | unknown environment 'moon'",
            "unknown key         | 'image: golive/odoo\ntag: \"18.0-2\"\nenvironment: sandbox\nmodules: [a]'           | modules    | unknown key",
            "duplicate module    | 'image: golive/odoo\ntag: \"18.0-2\"\nenvironment: sandbox\nupdate: [web, web]'      | update[1]  | duplicate",
            "numeric tag         | 'image: golive/odoo\ntag: 18.10\nenvironment: sandbox'                              | tag        | 18.10 is a number in YAML (read as 18.1); quote it",
            "foreign image       | 'image: alpine\ntag: \"3.20\"\nenvironment: sandbox'                               | image      | not an image repository of environment 'sandbox'; it takes golive/odoo",
    })
    void restApiRefusesAndStartsNothing(String what, String manifest, String field, String message) {
        long before = runtimeService.createProcessInstanceQuery().count() + historyCount();

        ResponseEntity<Map> response = post("release", "/api/go-lives", "application/yaml", manifest.replace("\\n", "\n"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        List<Map<String, String>> problems = (List<Map<String, String>>) response.getBody().get("problems");
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.get("field")).isEqualTo(field);
            assertThat(p.get("message")).contains(message);
        });
        assertThat(runtimeService.createProcessInstanceQuery().count() + historyCount()).isEqualTo(before);
    }

    @Test
    void engineStartWithABadManifestIsRolledBack() {
        long before = historyCount();
        // what Tasklist's start form does: start the process with the form's variables
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ProcessConstants.PROCESS_GO_LIVE,
                Map.of(ProcessConstants.VAR_MANIFEST, "image: golive/odoo\ntag: latest\nenvironment: sandbox")))
                .hasMessageContaining("tag: 'latest' is a moving tag");
        assertThat(historyCount()).isEqualTo(before);
    }

    @Test
    void engineRestStartWithABadManifestAnswers400NamingTheProblemAndStartsNothing() throws Exception {
        long before = runtimeService.createProcessInstanceQuery().count() + historyCount();

        ResponseEntity<Map> response = post("release", "/engine-rest/process-definition/key/go-live/start", "application/json",
                startBody(null, "image: alpine\ntag: 18.10\nenvironment: sandbox\n"));

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
        assertThat(String.valueOf(response.getBody().get("message")))
                .contains("tag: 18.10 is a number in YAML (read as 18.1); quote it: tag: \"18.10\"")
                .contains("image: 'alpine' is not an image repository of environment 'sandbox'; it takes golive/odoo");
        List<Map<String, String>> problems = (List<Map<String, String>>) response.getBody().get("problems");
        assertThat(problems).extracting(p -> p.get("field")).containsExactlyInAnyOrder("image", "tag");
        assertThat(runtimeService.createProcessInstanceQuery().count() + historyCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not a go-live id | ../../etc/passwd                         | not a go-live id",
            "a go-live id     | sandbox-18.0-2-20261201-101010-abcd       | golive assigns the go-live id",
    })
    void engineRestStartWithAClientBusinessKeyAnswers400AndStartsNothing(String what, String businessKey, String message) throws Exception {
        long before = runtimeService.createProcessInstanceQuery().count() + historyCount();

        ResponseEntity<Map> response = post("release", "/engine-rest/process-definition/key/go-live/start", "application/json",
                startBody(businessKey, MANIFEST));

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
        assertThat(String.valueOf(response.getBody().get("message"))).startsWith("businessKey: ").contains(message);
        assertThat(runtimeService.createProcessInstanceQuery().count() + historyCount()).isEqualTo(before);
    }

    @Test
    void engineRestStartWithoutABusinessKeyGetsTheGoLiveIdGoliveAssigns() throws Exception {
        ResponseEntity<Map> response = post("release", "/engine-rest/process-definition/key/go-live/start", "application/json",
                startBody(null, MANIFEST));

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        String id = (String) response.getBody().get("id");
        assertThat(businessKey(id)).matches(InstanceIds.PATTERN).startsWith("sandbox-18.0-2-");
        runtimeService.deleteProcessInstance(id, "test cleanup");
    }

    @Test
    void engineRestRollbackToAnUnknownEnvironmentOrBackupAnswers400AndStartsNothing() throws Exception {
        when(backups.find(sandbox(), "no-such-backup")).thenReturn(Optional.empty());
        long before = runtimeService.createProcessInstanceQuery().count() + historyCount();

        ResponseEntity<Map> moon = post("release", "/engine-rest/process-definition/key/rollback/start", "application/json",
                JSON.writeValueAsString(Map.of("variables", Map.of("environment", typed("moon"), "backupId", typed("x")))));
        ResponseEntity<Map> noBackup = post("release", "/engine-rest/process-definition/key/rollback/start", "application/json",
                JSON.writeValueAsString(Map.of("variables", Map.of("environment", typed("sandbox"), "backupId", typed("no-such-backup")))));

        assertThat(moon.getStatusCode().value()).as("%s", moon.getBody()).isEqualTo(400);
        assertThat(String.valueOf(moon.getBody().get("message"))).startsWith("environment: ").contains("'moon'");
        assertThat(noBackup.getStatusCode().value()).as("%s", noBackup.getBody()).isEqualTo(400);
        assertThat(String.valueOf(noBackup.getBody().get("message"))).startsWith("backupId: ").contains("no-such-backup");
        assertThat(runtimeService.createProcessInstanceQuery().count() + historyCount()).isEqualTo(before);
    }

    private static String startBody(String businessKey, String manifest) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("variables", Map.of(ProcessConstants.VAR_MANIFEST, typed(manifest)));
        if (businessKey != null) {
            body.put("businessKey", businessKey);
        }
        return JSON.writeValueAsString(body);
    }

    private static Map<String, String> typed(String value) {
        return Map.of("value", value, "type", "String");
    }

    @Test
    void anonymousCallersAreTurnedAway() {
        ResponseEntity<Map> response = rest.postForEntity("/api/go-lives", MANIFEST, Map.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    private long historyCount() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    }
}
