package org.golive.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.golive.deploy.AddonTree.Addon;
import org.golive.odoo.ModuleStates.ModuleState;
import org.golive.plan.ReleasePlan.Change;
import org.golive.plan.ReleasePlan.ModuleChange;

/** The plan's judgement, from what was read: no Docker, no database, so every rule is tested on its own. */
public final class ReleasePlanner {

    /** Everything a plan is made of. {@code applied}: golive's record of what went live, by module. */
    public record Input(String environment, String releaseImage, Map<String, Addon> release, String releaseOdooVersion,
                        String runningImage, Map<String, Addon> running, Map<String, AppliedModule> applied,
                        Map<String, ModuleState> states, List<String> install, List<String> update) {
    }

    private ReleasePlanner() {
    }

    public static ReleasePlan plan(Input in) {
        ModuleState base = in.states().get("base");
        String databaseSeries = base == null ? null : AddonManifest.seriesOf(base.latestVersion());
        String releaseSeries = releaseSeries(in);
        List<ModuleChange> changes = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int unchanged = 0;
        Set<String> names = new TreeSet<>(in.release().keySet());
        names.addAll(in.running().keySet());
        Set<String> changedNames = new HashSet<>();
        for (String name : names) {
            Addon release = in.release().get(name);
            Addon running = in.running().get(name);
            boolean installed = installed(in.states().get(name));
            if (release == null) {
                changes.add(new ModuleChange(name, Change.removed, installed, version(running), null, false, running.checksum(), null,
                        "running image"));
                if (installed) {
                    warnings.add(name + " is installed but not in the release image");
                }
                continue;
            }
            Baseline baseline = baseline(in, name, running, releaseSeries);
            String releaseVersion = version(release);
            if (baseline == null) {
                changes.add(new ModuleChange(name, Change.added, installed, null, releaseVersion, false, null, release.checksum(), "none"));
                changedNames.add(name);
            } else if (!baseline.checksum().equals(release.checksum())) {
                boolean bumped = compareVersions(releaseVersion, baseline.version()) > 0;
                changes.add(new ModuleChange(name, Change.changed, installed, baseline.version(), releaseVersion, bumped,
                        baseline.checksum(), release.checksum(), baseline.source()));
                changedNames.add(name);
                if (installed && !in.update().contains(name) && !in.install().contains(name)) {
                    unlisted.add(name);
                }
            } else {
                unchanged++;
            }
        }
        List<String> unchangedUpdates = in.update().stream()
                .filter(m -> in.release().containsKey(m) && !changedNames.contains(m)).toList();
        return new ReleasePlan(in.environment(), in.releaseImage(), in.runningImage(), releaseSeries, databaseSeries, changes, unchanged,
                unlisted, unchangedUpdates, installProblems(in), warnings);
    }

    private record Baseline(String checksum, String version, String source) {
    }

    /**
     * What the release is compared with: golive's record of the module's last go-live, while the database still
     * carries the version that went live then (a restore of an older backup makes the record stale); otherwise
     * the running image.
     */
    private static Baseline baseline(Input in, String name, Addon running, String series) {
        AppliedModule applied = in.applied().get(name);
        ModuleState state = in.states().get(name);
        if (applied != null && state != null && state.latestVersion() != null
                && state.latestVersion().equals(AddonManifest.adaptVersion(series, applied.version()))) {
            return new Baseline(applied.checksum(), applied.version(), "go-live " + applied.goLiveId());
        }
        return running == null ? null : new Baseline(running.checksum(), version(running), "running image");
    }

    /** The series of base's manifest version when it carries one, else the image's ODOO_VERSION. */
    static String releaseSeries(Input in) {
        Addon base = in.release().get("base");
        String fromManifest = base == null ? null : AddonManifest.seriesOf(AddonManifest.parse(base.manifest()).version());
        return fromManifest != null ? fromManifest : AddonManifest.seriesOfRelease(in.releaseOdooVersion());
    }

    private static List<String> installProblems(Input in) {
        List<String> problems = new ArrayList<>();
        for (String module : in.install()) {
            problems.addAll(installable(in.release(), module));
        }
        for (String module : in.update()) {
            if (!in.release().containsKey(module)) {
                problems.add(module + " (update) is not in the release image");
            }
        }
        return problems;
    }

    /** The module and every module it depends on, directly or not, are in the image and installable. */
    static List<String> installable(Map<String, Addon> release, String module) {
        Set<String> problems = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(module));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            Addon addon = release.get(name);
            String what = name.equals(module) ? module : module + " depends on " + name + ", which";
            if (addon == null) {
                problems.add(what + " is not in the release image");
                continue;
            }
            AddonManifest manifest = AddonManifest.parse(addon.manifest());
            if (!manifest.installable()) {
                problems.add(what + " is not installable");
            }
            todo.addAll(manifest.depends());
        }
        return List.copyOf(problems);
    }

    private static boolean installed(ModuleState state) {
        return state != null && ("installed".equals(state.state()) || "to upgrade".equals(state.state()));
    }

    private static String version(Addon addon) {
        return addon == null ? null : AddonManifest.parse(addon.manifest()).version();
    }

    /** Dotted numbers compared part by part; anything unreadable compares as different (1) when not equal. */
    static int compareVersions(String a, String b) {
        if (Objects.equals(a, b)) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            try {
                int p = i < x.length ? Integer.parseInt(x[i]) : 0;
                int q = i < y.length ? Integer.parseInt(y[i]) : 0;
                if (p != q) {
                    return Integer.compare(p, q);
                }
            } catch (NumberFormatException e) {
                return x[i].compareTo(i < y.length ? y[i] : "");
            }
        }
        return 0;
    }
}
