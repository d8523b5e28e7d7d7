package org.golive.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What a release changes on an environment, before anything runs: each addon added, removed or changed between the
 * running image (or what golive last applied) and the release image, and what that means for the manifest.
 *
 * @param modules          every addon that differs, by name; unchanged ones are only counted
 * @param unlistedChanges  installed modules whose code changed but are in neither {@code update:} nor {@code install:}
 * @param unchangedUpdates modules in {@code update:} whose code did not change (a warning: the update costs time only)
 * @param installProblems  modules in {@code install:} or {@code update:} that Odoo cannot install or load
 * @param warnings         installed modules the release image no longer has, and other facts worth a look
 */
public record ReleasePlan(String environment, String releaseImage, String runningImage, String releaseSeries,
                          String databaseSeries, List<ModuleChange> modules, int unchangedModules, List<String> unlistedChanges,
                          List<String> unchangedUpdates, List<String> installProblems, List<String> warnings) {

    /** One addon that differs; {@code comparedWith} says whether the baseline was the running image or golive's record. */
    public record ModuleChange(String name, Change change, boolean installed, String previousVersion, String releaseVersion,
                               boolean versionBumped, String previousChecksum, String releaseChecksum, String comparedWith) {
    }

    public enum Change { added, removed, changed }

    public ReleasePlan {
        modules = List.copyOf(modules);
        unlistedChanges = List.copyOf(unlistedChanges);
        unchangedUpdates = List.copyOf(unchangedUpdates);
        installProblems = List.copyOf(installProblems);
        warnings = List.copyOf(warnings);
    }

    /** A different series (or one golive cannot read) is a migration: OpenUpgrade, one version per hop, not a -u. */
    public boolean sameSeries() {
        return releaseSeries != null && releaseSeries.equals(databaseSeries);
    }

    public List<String> changedNames(Change change) {
        return modules.stream().filter(m -> m.change() == change).map(ModuleChange::name).toList();
    }

    /** A few lines for a person: the go/no-go form, the CLI and the evidence. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("Odoo series: release " + orUnknown(releaseSeries) + ", database " + orUnknown(databaseSeries)
                + (sameSeries() ? "" : " (a migration, not a release)"));
        lines.add("Changed: " + names(changedNames(Change.changed)) + "; added: " + names(changedNames(Change.added))
                + "; removed: " + names(changedNames(Change.removed)) + "; unchanged: " + unchangedModules);
        lines.add("Changed but not in update: " + names(unlistedChanges));
        lines.add("In update but unchanged: " + names(unchangedUpdates));
        lines.add("Install problems: " + (installProblems.isEmpty() ? "none" : String.join("; ", installProblems)));
        if (!warnings.isEmpty()) {
            lines.add("Warnings: " + String.join("; ", warnings));
        }
        return lines;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String orUnknown(String series) {
        return series == null ? "unknown" : series;
    }
}
