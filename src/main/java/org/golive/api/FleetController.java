package org.golive.api;

import static org.golive.step.ProcessConstants.GROUP_LEAD;
import static org.golive.step.ProcessConstants.GROUP_RELEASE;
import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE_FLEET;
import static org.golive.step.ProcessConstants.VAR_FLEET_MANIFEST;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.golive.manifest.FleetManifest;
import org.golive.manifest.FleetManifestReader;
import org.golive.manifest.InvalidManifestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fleet go-lives: one release to many environments in waves. The manifest is read once, by the fleet's start
 * listener, as for engine REST and Tasklist; here the caller starts it as themselves, under Camunda's authorizations.
 */
@RestController
@RequestMapping("/api")
public class FleetController {

    /** A started fleet, and where to follow it and its called go-lives. */
    public record StartedFleet(String id, String processInstanceId, String cockpit, String summary) {
    }

    /** A valid fleet manifest, as golive would run it. */
    public record ValidFleet(String image, String tag, List<String> install, List<String> update, String canary, List<List<String>> waves) {
    }

    private final FleetManifestReader fleets;
    private final RuntimeService runtime;

    public FleetController(FleetManifestReader fleets, RuntimeService runtime) {
        this.fleets = fleets;
        this.runtime = runtime;
    }

    @RequiresGroup({GROUP_RELEASE, GROUP_LEAD})
    @PostMapping(path = "/fleets/validate", consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
    public ValidFleet validate(@RequestBody String yaml) {
        FleetManifest fleet = fleets.read(yaml);
        return new ValidFleet(fleet.release().image(), fleet.release().tag(), fleet.release().install(), fleet.release().update(),
                fleet.canary(), fleet.waves());
    }

    @RequiresGroup({GROUP_RELEASE})
    @PostMapping(path = "/fleets", consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
    public ResponseEntity<StartedFleet> start(@RequestBody String yaml) {
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_GO_LIVE_FLEET, Map.of(VAR_FLEET_MANIFEST, yaml));
        String id = instance.getBusinessKey();
        return ResponseEntity.created(URI.create("/api/go-lives/" + id + "/evidence")).body(new StartedFleet(id, instance.getId(),
                "/camunda/app/cockpit/default/#/process-instance/" + instance.getId(), "/api/go-lives/" + id + "/documents/FLEET_SUMMARY.md"));
    }

    @ExceptionHandler(InvalidManifestException.class)
    ResponseEntity<Map<String, Object>> invalidManifest(InvalidManifestException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(),
                "problems", e.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList()));
    }
}
