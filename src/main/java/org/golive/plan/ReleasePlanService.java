package org.golive.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.golive.config.Environments;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.deploy.AddonTree.Addon;
import org.golive.deploy.ContainerService;
import org.golive.deploy.ContainerService.ContainerInfo;
import org.golive.deploy.ImageAddons;
import org.golive.deploy.ImageAddons.ImageContents;
import org.golive.manifest.ReleaseManifest;
import org.golive.odoo.ModuleStates;
import org.golive.odoo.ModuleStates.ModuleState;
import org.springframework.stereotype.Service;

/**
 * Plans a release: reads the addons of the release image and of the image the environment's Odoo container runs
 * (Docker API, {@link ImageAddons}), the modules of its database ({@code ir_module_module}) and golive's record of
 * what went live ({@link AppliedModules}), and lets {@link ReleasePlanner} judge. Reading changes nothing.
 */
@Service
public class ReleasePlanService {

    private final Environments environments;
    private final ContainerService containers;
    private final ImageAddons images;
    private final ModuleStates modules;
    private final AppliedModules applied;

    public ReleasePlanService(Environments environments, ContainerService containers, ImageAddons images, ModuleStates modules,
                              AppliedModules applied) {
        this.environments = environments;
        this.containers = containers;
        this.images = images;
        this.modules = modules;
        this.applied = applied;
    }

    public ReleasePlan plan(ReleaseManifest manifest) {
        return plan(environments.target(manifest.environment()), manifest.imageReference(), manifest.install(), manifest.update());
    }

    public ReleasePlan plan(Target environment, String releaseImage, List<String> install, List<String> update) {
        return read(environment, releaseImage, install, update).plan();
    }

    /**
     * The plan of a go-live's readiness check, which also records the checksums of what the go-live will install and
     * update, to be marked applied when it completes ({@link AppliedModules}).
     */
    public Planned planGoLive(String goLiveId, Target environment, String releaseImage, List<String> install, List<String> update) {
        Read read = read(environment, releaseImage, install, update);
        List<AppliedModule> rows = new ArrayList<>();
        Set<String> shipped = new LinkedHashSet<>(install);
        shipped.addAll(update);
        for (String module : shipped) {
            Addon addon = read.release().get(module);
            if (addon != null) {
                rows.add(new AppliedModule(environment.name(), module, goLiveId, addon.checksum(), AddonManifest.parse(addon.manifest()).version(),
                        releaseImage));
            }
        }
        applied.planned(goLiveId, rows);
        return new Planned(read.plan(), rows, read.release());
    }

    /** A go-live's plan, the checksums recorded for it, and the release image's addons as read. */
    public record Planned(ReleasePlan plan, List<AppliedModule> recorded, Map<String, Addon> release) {
    }

    private record Read(ReleasePlan plan, Map<String, Addon> release) {
    }

    private Read read(Target environment, String releaseImage, List<String> install, List<String> update) {
        TargetEnvironment target = environment.settings();
        ImageContents release = images.read(target.dockerHost(), releaseImage);
        String runningImage = containers.find(target.dockerHost(), target.container().name()).map(ContainerInfo::image).orElse(null);
        ImageContents running = runningImage == null ? ImageContents.none("none") : images.read(target.dockerHost(), runningImage);
        Set<String> names = new LinkedHashSet<>(release.addons().keySet());
        names.addAll(running.addons().keySet());
        names.add("base");
        Map<String, ModuleState> states = modules.read(environment, names);
        ReleasePlan plan = ReleasePlanner.plan(new ReleasePlanner.Input(environment.name(), releaseImage, release.addons(),
                release.odooVersion().orElse(null), running.image(), running.addons(), applied.latest(environment.name()), states, install, update));
        return new Read(plan, release.addons());
    }
}
