package org.golive.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.golive.deploy.AddonTree.Addon;
import org.golive.odoo.ModuleStates.ModuleState;
import org.golive.plan.ReleasePlan.Change;
import org.golive.plan.ReleasePlan.ModuleChange;
import org.junit.jupiter.api.Test;

/** The plan's rules, on addons and module states made up here. */
class ReleasePlannerTest {

    private static final Addon BASE = addon("base", "b1", "1.3", "[]", true);

    private final Map<String, Addon> running = new LinkedHashMap<>(Map.of("base", BASE));
    private final Map<String, Addon> release = new LinkedHashMap<>(Map.of("base", BASE));
    private final Map<String, AppliedModule> applied = new LinkedHashMap<>();
    private final Map<String, ModuleState> states = new LinkedHashMap<>(Map.of("base", installed("base", "18.0.1.3")));
    private String odooVersion = "18.0";

    @Test
    void anInstalledModuleWhoseCodeChangedButIsNotUpdatedIsUnlisted() {
        running.put("demo", addon("demo", "c1", "18.0.1.0.0", "['base']", true));
        release.put("demo", addon("demo", "c2", "18.0.1.0.0", "['base']", true));
        states.put("demo", installed("demo", "18.0.1.0.0"));
        ReleasePlan plan = plan(List.of(), List.of());
        assertThat(plan.unlistedChanges()).containsExactly("demo");
        assertThat(plan.modules()).singleElement().satisfies(m -> {
            assertThat(m.change()).isEqualTo(Change.changed);
            assertThat(m.versionBumped()).isFalse();
            assertThat(m.comparedWith()).isEqualTo("running image");
        });
    }

    @Test
    void aChangedModuleInUpdateIsListedAndItsVersionBumpSeen() {
        running.put("demo", addon("demo", "c1", "18.0.1.0.0", "['base']", true));
        release.put("demo", addon("demo", "c2", "18.0.1.1.0", "['base']", true));
        states.put("demo", installed("demo", "18.0.1.0.0"));
        ReleasePlan plan = plan(List.of(), List.of("demo"));
        assertThat(plan.unlistedChanges()).isEmpty();
        assertThat(plan.modules()).extracting(ModuleChange::versionBumped).containsExactly(true);
    }

    @Test
    void aChangedModuleThatIsNotInstalledNeedsNoUpdate() {
        running.put("demo", addon("demo", "c1", "1.0", "['base']", true));
        release.put("demo", addon("demo", "c2", "1.0", "['base']", true));
        states.put("demo", new ModuleState("demo", "uninstalled", null));
        assertThat(plan(List.of(), List.of()).unlistedChanges()).isEmpty();
    }

    @Test
    void anUpdateOfUnchangedCodeIsAWarning() {
        running.put("demo", addon("demo", "c1", "1.0", "['base']", true));
        release.put("demo", addon("demo", "c1", "1.0", "['base']", true));
        states.put("demo", installed("demo", "18.0.1.0"));
        ReleasePlan plan = plan(List.of(), List.of("demo"));
        assertThat(plan.unchangedUpdates()).containsExactly("demo");
        assertThat(plan.unchangedModules()).isEqualTo(2);
    }

    @Test
    void addedAndRemovedAddonsAreNamed() {
        running.put("old", addon("old", "o1", "1.0", "['base']", true));
        release.put("fresh", addon("fresh", "f1", "1.0", "['base']", true));
        states.put("old", installed("old", "18.0.1.0"));
        ReleasePlan plan = plan(List.of(), List.of());
        assertThat(plan.changedNames(Change.added)).containsExactly("fresh");
        assertThat(plan.changedNames(Change.removed)).containsExactly("old");
        assertThat(plan.warnings()).containsExactly("old is installed but not in the release image");
    }

    @Test
    void anInstallWithAnUninstallableOrMissingDependencyIsAProblem() {
        release.put("extra", addon("extra", "e1", "1.0", "['base', 'locked', 'gone']", true));
        release.put("locked", addon("locked", "l1", "1.0", "['base']", false));
        ReleasePlan plan = plan(List.of("extra", "nowhere"), List.of());
        assertThat(plan.installProblems()).containsExactly(
                "extra depends on locked, which is not installable",
                "extra depends on gone, which is not in the release image",
                "nowhere is not in the release image");
    }

    @Test
    void whatGoliveLastAppliedIsTheBaselineWhileTheDatabaseCarriesItsVersion() {
        running.put("demo", addon("demo", "c1", "18.0.1.0.0", "['base']", true));
        release.put("demo", addon("demo", "c2", "18.0.1.1.0", "['base']", true));
        applied.put("demo", new AppliedModule("it", "demo", "it-1", "c2", "18.0.1.1.0", "golive/odoo:18.0-2"));
        states.put("demo", installed("demo", "18.0.1.1.0"));
        ReleasePlan plan = plan(List.of(), List.of());
        assertThat(plan.modules()).isEmpty();
        assertThat(plan.unlistedChanges()).isEmpty();
    }

    @Test
    void aStaleRecordAfterARestoreFallsBackToTheRunningImage() {
        running.put("demo", addon("demo", "c1", "18.0.1.0.0", "['base']", true));
        release.put("demo", addon("demo", "c2", "18.0.1.1.0", "['base']", true));
        applied.put("demo", new AppliedModule("it", "demo", "it-1", "c2", "18.0.1.1.0", "golive/odoo:18.0-2"));
        states.put("demo", installed("demo", "18.0.1.0.0"));
        assertThat(plan(List.of(), List.of()).unlistedChanges()).containsExactly("demo");
    }

    @Test
    void theReleaseSeriesComesFromBasesManifestWhenItCarriesOne() {
        release.put("base", addon("base", "b2", "17.0.1.3", "[]", true));
        ReleasePlan plan = plan(List.of(), List.of());
        assertThat(plan.releaseSeries()).isEqualTo("17.0");
        assertThat(plan.databaseSeries()).isEqualTo("18.0");
        assertThat(plan.sameSeries()).isFalse();
    }

    @Test
    void theReleaseSeriesFallsBackToTheImagesOdooVersion() {
        odooVersion = "18.0";
        assertThat(plan(List.of(), List.of()).sameSeries()).isTrue();
        odooVersion = null;
        assertThat(plan(List.of(), List.of()).releaseSeries()).isNull();
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(ReleasePlanner.compareVersions("18.0.1.10.0", "18.0.1.9.0")).isPositive();
        assertThat(ReleasePlanner.compareVersions("18.0.1.0", "18.0.1.0")).isZero();
        assertThat(AddonManifest.adaptVersion("18.0", "1.3")).isEqualTo("18.0.1.3");
        assertThat(AddonManifest.adaptVersion("18.0", "18.0.1.3")).isEqualTo("18.0.1.3");
    }

    private ReleasePlan plan(List<String> install, List<String> update) {
        return ReleasePlanner.plan(new ReleasePlanner.Input("it", "golive/odoo:new", release, odooVersion, "golive/odoo:old", running,
                applied, states, install, update));
    }

    private static ModuleState installed(String name, String version) {
        return new ModuleState(name, "installed", version);
    }

    private static Addon addon(String name, String checksum, String version, String depends, boolean installable) {
        return new Addon(name, "/mnt/extra-addons", checksum, "# manifest\n{\n    'name': '" + name + "',\n    'version': '" + version
                + "',\n    'depends': " + depends + ",\n    'installable': " + (installable ? "True" : "False") + ",\n}\n");
    }
}
