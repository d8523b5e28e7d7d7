package org.golive.process;

import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** Bad manifests are refused with the field named, whichever way a go-live is started, and start nothing. */
class StartValidationTest extends ProcessTestSupport {

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
    void anonymousCallersAreTurnedAway() {
        ResponseEntity<Map> response = rest.postForEntity("/api/go-lives", MANIFEST, Map.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    private long historyCount() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    }
}
