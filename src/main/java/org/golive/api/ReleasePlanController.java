package org.golive.api;

import static org.golive.step.ProcessConstants.GROUP_LEAD;
import static org.golive.step.ProcessConstants.GROUP_RELEASE;

import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.manifest.InvalidManifestException;
import org.golive.manifest.ManifestReader;
import org.golive.manifest.ReleaseManifest;
import org.golive.plan.ReleasePlan;
import org.golive.plan.ReleasePlanService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A dry run of a go-live: the manifest of {@code POST /api/go-lives}, answered with what the release changes on its
 * environment. Nothing starts, nothing is locked or written.
 */
@RestController
@RequestMapping("/api")
public class ReleasePlanController {

    /** The plan and its summary lines, as the readiness gate and the go/no-go form show them. */
    public record PlanAnswer(ReleasePlan plan, java.util.List<String> summary) {
    }

    private final ManifestReader manifests;
    private final ReleasePlanService plans;

    public ReleasePlanController(ManifestReader manifests, ReleasePlanService plans) {
        this.manifests = manifests;
        this.plans = plans;
    }

    @RequiresGroup({GROUP_RELEASE, GROUP_LEAD})
    @PostMapping(path = "/go-lives/plan", consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
    public PlanAnswer plan(@RequestBody String yaml) {
        ReleaseManifest manifest = manifests.read(yaml);
        ReleasePlan plan = plans.plan(manifest);
        return new PlanAnswer(plan, plan.summary());
    }

    @ExceptionHandler(InvalidManifestException.class)
    ResponseEntity<Map<String, Object>> invalidManifest(InvalidManifestException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("problems", e.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return ResponseEntity.badRequest().body(body);
    }
}
