package org.golive.api;

import static org.golive.step.ProcessConstants.GROUP_RELEASE;
import static org.golive.step.ProcessConstants.PROCESS_REHEARSE_RELEASE;
import static org.golive.step.ProcessConstants.VAR_MANIFEST;

import java.net.URI;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.golive.api.GoLiveController.Started;
import org.golive.manifest.InvalidManifestException;
import org.golive.support.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts a rehearsal of a release ({@code rehearse-release}) on a neutralized scratch copy of the manifest's
 * environment, as the caller, under Camunda's authorizations; the manifest is read by the start listener, so a
 * refused one answers 400 naming the field and nothing starts.
 */
@RestController
@RequestMapping("/api")
public class RehearsalController {

    private final RuntimeService runtime;

    public RehearsalController(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @RequiresGroup({GROUP_RELEASE})
    @PostMapping(path = "/rehearsals", consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
    public ResponseEntity<Started> startRehearsal(@RequestBody String yaml) {
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_REHEARSE_RELEASE, Map.of(VAR_MANIFEST, yaml));
        return ResponseEntity.created(URI.create("/api/go-lives/" + instance.getBusinessKey() + "/evidence"))
                .body(new Started(instance.getBusinessKey(), instance.getId(),
                        "/camunda/app/cockpit/default/#/process-instance/" + instance.getId()));
    }

    @ExceptionHandler(InvalidManifestException.class)
    ResponseEntity<Map<String, Object>> invalidManifest(InvalidManifestException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(),
                "problems", e.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList()));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalidInput(InvalidInputException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "field", e.field()));
    }
}
