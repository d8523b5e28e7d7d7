package org.golive.readiness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.plan.AppliedModule;
import org.golive.plan.ManifestCheck;
import org.golive.plan.PlanProperties;
import org.golive.plan.ReleasePlan;
import org.golive.plan.ReleasePlan.Change;
import org.golive.plan.ReleasePlanService;
import org.springframework.stereotype.Component;

/**
 * The two gates of the release plan. {@code series}: a release image of another Odoo series than the database's is
 * a migration (OpenUpgrade, one version per hop) and fails, which no review can accept. {@code modulePlan}: modules
 * that cannot be installed fail; installed modules whose code changed but that the manifest does not update are
 * inconclusive (the lead may waive them in the gate review) or fail, as {@code golive.plan.unlisted-changes} says.
 * With {@code golive.plan.manifest-check-prefixes.<environment>} it also checks the manifests of the environment's own
 * addons in the release image ({@link ManifestCheck}): a bad one fails, naming the addon and the field; prefixes that
 * match no addon of the image are inconclusive (the check had nothing to read).
 */
@Component
public class ReleasePlanGates {

    static final String MIGRATION = "this is a migration, not a release";

    private final ReleasePlanService plans;
    private final PlanProperties properties;

    public ReleasePlanGates(ReleasePlanService plans, PlanProperties properties) {
        this.plans = plans;
        this.properties = properties;
    }

    public GateResult series(GateRequest request) {
        ReleasePlan plan = plans.plan(request.environment(), request.image(), request.install(), request.update());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("releaseImage", request.image());
        facts.put("releaseSeries", String.valueOf(plan.releaseSeries()));
        facts.put("databaseSeries", String.valueOf(plan.databaseSeries()));
        if (plan.releaseSeries() == null || plan.databaseSeries() == null) {
            return GateResult.inconclusive("Odoo series unknown (release " + plan.releaseSeries() + ", database " + plan.databaseSeries()
                    + "): golive cannot tell a release from a migration", facts);
        }
        if (!plan.sameSeries()) {
            facts.put("waivable", false);
            return GateResult.fail(MIGRATION + ": " + request.image() + " is Odoo " + plan.releaseSeries() + ", the database of "
                    + request.environment() + " is " + plan.databaseSeries() + " (a major upgrade needs OpenUpgrade, one version per hop;"
                    + " no review can accept this gate)", facts);
        }
        return GateResult.pass("release and database are Odoo " + plan.releaseSeries(), facts);
    }

    public GateResult modulePlan(GateRequest request) {
        ReleasePlanService.Planned planned = plans.planGoLive(request.goLiveId(), request.environment(), request.image(),
                request.install(), request.update());
        ReleasePlan plan = planned.plan();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("releaseImage", plan.releaseImage());
        facts.put("comparedWith", String.valueOf(plan.runningImage()));
        facts.put("changed", plan.changedNames(Change.changed));
        facts.put("added", plan.changedNames(Change.added));
        facts.put("removed", plan.changedNames(Change.removed));
        facts.put("unlistedChanges", plan.unlistedChanges());
        facts.put("unchangedUpdates", plan.unchangedUpdates());
        facts.put("installProblems", plan.installProblems());
        facts.put("warnings", plan.warnings());
        Map<String, String> checksums = new LinkedHashMap<>();
        for (AppliedModule m : planned.recorded()) {
            checksums.put(m.module(), m.checksum());
        }
        facts.put("shippedChecksums", checksums);
        facts.put("plan", String.join("\n", plan.summary()));
        List<String> prefixes = properties.manifestCheckPrefixes(request.environment().name());
        ManifestCheck.Outcome manifests = ManifestCheck.check(planned.release(), prefixes, plan.releaseSeries());
        if (!prefixes.isEmpty()) {
            facts.put("manifestsChecked", manifests.checked());
            facts.put("manifestProblems", manifests.problems());
        }
        if (!plan.installProblems().isEmpty()) {
            return GateResult.fail("cannot install: " + String.join("; ", plan.installProblems()), facts);
        }
        if (!manifests.problems().isEmpty()) {
            return GateResult.fail("bad manifests: " + String.join("; ", manifests.problems()), facts);
        }
        if (!plan.unlistedChanges().isEmpty()) {
            String text = "changed but not in update: " + String.join(", ", plan.unlistedChanges());
            if (properties.unlistedChanges() == PlanProperties.UnlistedChanges.fail) {
                return GateResult.fail(text + " (add them to update:)", facts);
            }
            return GateResult.inconclusive(text + " (add them to update:, or the lead waives them in the gate review)", facts);
        }
        if (!prefixes.isEmpty() && manifests.checked().isEmpty()) {
            return GateResult.inconclusive("no addon of " + plan.releaseImage() + " starts with " + String.join(", ", prefixes)
                    + ": no manifest checked (golive.plan.manifest-check-prefixes." + request.environment().name() + ")", facts);
        }
        return GateResult.pass(describe(plan) + (prefixes.isEmpty() ? "" : "; manifests of " + manifests.checked().size()
                + " addons (" + String.join(", ", prefixes) + ") valid"), facts);
    }

    private static String describe(ReleasePlan plan) {
        List<String> changed = plan.changedNames(Change.changed);
        String text = "every changed installed module is updated (changed: " + (changed.isEmpty() ? "none" : String.join(", ", changed)) + ")";
        if (!plan.unchangedUpdates().isEmpty()) {
            text += "; warning, in update but unchanged: " + String.join(", ", plan.unchangedUpdates());
        }
        return text;
    }
}
