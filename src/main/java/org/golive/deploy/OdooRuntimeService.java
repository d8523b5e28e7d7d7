package org.golive.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.golive.config.Target;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.deploy.ContainerService.ContainerInfo;
import org.golive.step.StepFailedException;
import org.golive.odoo.OdooHttpProbe;
import org.springframework.stereotype.Service;

/**
 * The Odoo container of an environment across a release: stop and keep the running one, create the new
 * one from the release tag, start it, and bring the kept one back on rollback. Every method is safe to
 * repeat after a crash: it looks at what the Docker host already holds before changing anything.
 */
@Service
public class OdooRuntimeService {

    public static final String LABEL_RELEASE = "org.golive.release";
    public static final String LABEL_GO_LIVE = "org.golive.go-live";

    /** The container that ran before a go-live, kept for rollback. */
    public record KeptContainer(String name, String image) {
    }

    private final ContainerService containers;
    private final OdooHttpProbe probe;
    private final Duration startupTimeout;

    public OdooRuntimeService(ContainerService containers, OdooHttpProbe probe,
                              GoliveProperties properties) {
        this.containers = containers;
        this.probe = probe;
        this.startupTimeout = properties.validation().startupTimeout();
    }

    public static String keptName(String containerName, String goLiveId) {
        return containerName + "-previous-" + goLiveId;
    }

    public static String failedName(String containerName, String goLiveId) {
        return containerName + "-failed-" + goLiveId;
    }

    /** The name the release container is made under before the window, while the previous one still has the name. */
    public static String stagingName(String containerName, String goLiveId) {
        return containerName + "-release-" + goLiveId;
    }

    /** Whether the target can take the release: Docker answers, the image is present, Odoo answers. */
    public Map<String, Object> checkReachable(Target environment, String image) {
        TargetEnvironment target = environment.settings();
        Map<String, Object> facts = new LinkedHashMap<>();
        containers.ping(target.dockerHost());
        facts.put("dockerHost", target.dockerHost());
        String imageId = containers.imageId(target.dockerHost(), image)
                .orElseThrow(() -> new StepFailedException("image " + image + " is not present on " + target.dockerHost()));
        facts.put("image", image);
        facts.put("imageId", imageId);
        Optional<ContainerInfo> running = containers.find(target.dockerHost(), target.container().name());
        facts.put("runningImage", running.map(ContainerInfo::image).orElse("none"));
        facts.put("odooHealthy", probe.healthy(target.odooUrl()));
        return facts;
    }

    /** The image the environment's Odoo container runs now, or "none". */
    public String runningImage(Target environment) {
        TargetEnvironment target = environment.settings();
        return containers.find(target.dockerHost(), target.container().name()).map(ContainerInfo::image).orElse("none");
    }

    /** Maintenance mode: for now, Odoo is stopped so that no user writes during the deployment. */
    public Optional<KeptContainer> enableMaintenance(Target environment) {
        TargetEnvironment target = environment.settings();
        Optional<ContainerInfo> current = containers.find(target.dockerHost(), target.container().name());
        current.ifPresent(c -> containers.stop(target.dockerHost(), c.name(), target.container().stopTimeout()));
        return current.map(c -> new KeptContainer(c.name(), c.image()));
    }

    /** Renames the stopped container out of the way, so the release can take its name and rollback can find it. */
    public Optional<KeptContainer> keepPrevious(Target environment, String goLiveId) {
        TargetEnvironment target = environment.settings();
        String name = target.container().name();
        String kept = keptName(name, goLiveId);
        Optional<ContainerInfo> alreadyKept = containers.find(target.dockerHost(), kept);
        if (alreadyKept.isPresent()) {
            return Optional.of(new KeptContainer(kept, alreadyKept.get().image()));
        }
        Optional<ContainerInfo> current = containers.find(target.dockerHost(), name);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (goLiveId.equals(current.get().labels().get(LABEL_GO_LIVE))) {
            // this go-live's own container: a repeat after the release container was already created
            return Optional.empty();
        }
        containers.stop(target.dockerHost(), name, target.container().stopTimeout());
        containers.rename(target.dockerHost(), name, kept);
        return Optional.of(new KeptContainer(kept, current.get().image()));
    }

    /**
     * Before the window: creates (not starts) the release container under its staging name, so a missing image or a
     * bad mount shows while the previous Odoo still serves. Staging containers of earlier go-lives of this
     * environment that never went live are removed (one go-live per environment at a time: none of them is in use).
     */
    public ContainerInfo prepareRelease(Target environment, String image, String goLiveId) {
        TargetEnvironment target = environment.settings();
        String name = target.container().name();
        String staging = stagingName(name, goLiveId);
        for (String leftover : containers.names(target.dockerHost(), stagingName(name, ""))) {
            if (!leftover.equals(staging)) {
                containers.remove(target.dockerHost(), leftover);
            }
        }
        Optional<ContainerInfo> swapped = containers.find(target.dockerHost(), name)
                .filter(c -> goLiveId.equals(c.labels().get(LABEL_GO_LIVE)));
        if (swapped.isPresent()) {
            // a repeat after the window already swapped it in
            return swapped.get();
        }
        return containers.create(target.dockerHost(), target.container(), image, staging, List.of(), releaseLabels(image, goLiveId));
    }

    /**
     * Inside the window, with the previous container renamed out of the way: gives the prepared release container the
     * environment's container name (not started: modules are installed first). Without a prepared container (a go-live
     * started on an earlier definition of the process) it is created here.
     */
    public ContainerInfo deployRelease(Target environment, String image, String goLiveId) {
        TargetEnvironment target = environment.settings();
        String name = target.container().name();
        Map<String, String> labels = releaseLabels(image, goLiveId);
        Optional<ContainerInfo> current = containers.find(target.dockerHost(), name);
        if (current.isPresent() && goLiveId.equals(current.get().labels().get(LABEL_GO_LIVE))) {
            return current.get();
        }
        String staging = stagingName(name, goLiveId);
        Optional<ContainerInfo> prepared = containers.find(target.dockerHost(), staging);
        if (prepared.isEmpty()) {
            return containers.create(target.dockerHost(), target.container(), image, name, List.of(), labels);
        }
        if (!prepared.get().image().equals(image)) {
            throw new IllegalStateException("container " + staging + " was prepared with image " + prepared.get().image()
                    + ", expected " + image);
        }
        if (current.isPresent()) {
            throw new IllegalStateException("container " + name + " (image " + current.get().image() + ") still holds the name;"
                    + " the previous container must be kept aside first");
        }
        containers.rename(target.dockerHost(), staging, name);
        return containers.find(target.dockerHost(), name).orElseThrow();
    }

    private static Map<String, String> releaseLabels(String image, String goLiveId) {
        String tag = image.substring(image.lastIndexOf(':') + 1);
        if ("latest".equals(tag)) {
            throw new StepFailedException("refusing to deploy the moving tag 'latest'");
        }
        return Map.of(LABEL_RELEASE, tag, LABEL_GO_LIVE, goLiveId);
    }

    /** The registry digests of the release image, for the evidence; none for an image that was never pushed. */
    public List<String> repoDigests(Target environment, String image) {
        return containers.repoDigests(environment.settings().dockerHost(), image);
    }

    /** Starts the environment's Odoo container and waits until {@code /web/health} passes. */
    public Duration startOdoo(Target environment) {
        TargetEnvironment target = environment.settings();
        containers.start(target.dockerHost(), target.container().name());
        return awaitHealthy(target);
    }

    /**
     * Sets the release container aside (stopped, renamed) so the previous one can take the name again. Only a
     * container this go-live created, or one running another image than the one to go back to, is set aside:
     * a go-live that failed before its release container existed leaves the previous container where it is.
     */
    public Optional<String> setAsideFailed(Target environment, String goLiveId, String previousImage) {
        TargetEnvironment target = environment.settings();
        String name = target.container().name();
        // prepared but never swapped in: it never ran, there is nothing in it to look at
        containers.remove(target.dockerHost(), stagingName(name, goLiveId));
        Optional<ContainerInfo> current = containers.find(target.dockerHost(), name);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        boolean createdByThisGoLive = goLiveId.equals(current.get().labels().get(LABEL_GO_LIVE));
        boolean runsAnotherImage = previousImage != null && !current.get().image().equals(previousImage);
        if (!createdByThisGoLive && !runsAnotherImage) {
            return Optional.empty();
        }
        containers.stop(target.dockerHost(), name, target.container().stopTimeout());
        String failed = failedName(name, goLiveId);
        containers.remove(target.dockerHost(), failed);
        containers.rename(target.dockerHost(), name, failed);
        return Optional.of(failed);
    }

    /** Brings back the container kept by the go-live, or makes a new one from the previous image. */
    public Duration restorePrevious(Target environment, String goLiveId, String previousImage) {
        TargetEnvironment target = environment.settings();
        String name = target.container().name();
        Optional<ContainerInfo> current = containers.find(target.dockerHost(), name);
        if (current.isEmpty()) {
            String kept = keptName(name, goLiveId);
            if (containers.find(target.dockerHost(), kept).isPresent()) {
                containers.rename(target.dockerHost(), kept, name);
            } else if (previousImage != null) {
                containers.create(target.dockerHost(), target.container(), previousImage, name, List.of(),
                        Map.of(LABEL_RELEASE, previousImage.substring(previousImage.lastIndexOf(':') + 1)));
            } else {
                throw new StepFailedException("no previous container or image to bring back for " + environment);
            }
        }
        containers.start(target.dockerHost(), name);
        return awaitHealthy(target);
    }

    private Duration awaitHealthy(TargetEnvironment target) {
        Instant started = Instant.now();
        Instant deadline = started.plus(startupTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (probe.healthy(target.odooUrl())) {
                return Duration.between(started, Instant.now());
            }
            Optional<ContainerInfo> info = containers.find(target.dockerHost(), target.container().name());
            if (info.isPresent() && !info.get().running()) {
                throw new StepFailedException("Odoo container " + target.container().name() + " exited with code "
                        + info.get().exitCode() + ": " + containers.logs(target.dockerHost(), target.container().name(), 20).strip());
            }
            sleep(250);
        }
        throw new IllegalStateException(target.odooUrl() + "/web/health did not pass within " + startupTimeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
