package org.golive.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import org.golive.config.GoliveProperties.Container;
import org.springframework.stereotype.Service;

/** Containers through the Docker Engine API. Every operation is safe to repeat. */
@Service
public class ContainerService {

    /** What golive needs to know of a container. */
    public record ContainerInfo(String id, String name, String image, String imageId, boolean running,
                                Long exitCode, int restartCount, Map<String, String> labels) {
    }

    /** A finished one-off container. */
    public record RunResult(String name, List<String> argv, int exitCode, String logs, Duration duration) {
    }

    private final DockerEngines engines;

    public ContainerService(DockerEngines engines) {
        this.engines = engines;
    }

    public void ping(String dockerHost) {
        engines.client(dockerHost).pingCmd().exec();
    }

    public Optional<String> imageId(String dockerHost, String image) {
        try {
            return Optional.of(engines.client(dockerHost).inspectImageCmd(image).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The registry digests of an image ({@code repo@sha256:…}); empty for an image built locally and never pushed. */
    public List<String> repoDigests(String dockerHost, String image) {
        try {
            List<String> digests = engines.client(dockerHost).inspectImageCmd(image).exec().getRepoDigests();
            return digests == null ? List.of() : List.copyOf(digests);
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    public Optional<ContainerInfo> find(String dockerHost, String name) {
        try {
            InspectContainerResponse r = engines.client(dockerHost).inspectContainerCmd(name).exec();
            InspectContainerResponse.ContainerState state = r.getState();
            Map<String, String> labels = r.getConfig().getLabels() == null ? Map.of() : r.getConfig().getLabels();
            return Optional.of(new ContainerInfo(r.getId(), r.getName().replaceFirst("^/", ""), r.getConfig().getImage(),
                    r.getImageId(), Boolean.TRUE.equals(state.getRunning()), state.getExitCodeLong(),
                    r.getRestartCount() == null ? 0 : r.getRestartCount(), labels));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the container if it runs, giving it {@code timeout} to shut down after SIGTERM before Docker kills it;
     * absent or stopped is fine.
     */
    public void stop(String dockerHost, String name, Duration timeout) {
        try {
            engines.client(dockerHost).stopContainerCmd(name).withTimeout(stopSeconds(timeout)).exec();
        } catch (NotFoundException | NotModifiedException e) {
            // already gone or already stopped: the state we want
        }
    }

    public void start(String dockerHost, String name) {
        try {
            engines.client(dockerHost).startContainerCmd(name).exec();
        } catch (NotModifiedException e) {
            // already running
        }
    }

    /**
     * Docker takes whole seconds: a part second is rounded up, so a timeout under one second still lets Odoo
     * finish its requests instead of being killed at once (0 means SIGKILL right after SIGTERM).
     */
    static int stopSeconds(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            return 0;
        }
        long seconds = timeout.toSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    /** Names of the containers (running or not) whose name starts with {@code prefix}. */
    public List<String> names(String dockerHost, String prefix) {
        List<String> names = new ArrayList<>();
        for (var container : engines.client(dockerHost).listContainersCmd().withShowAll(true).withNameFilter(List.of(prefix)).exec()) {
            String name = container.getNames()[0].replaceFirst("^/", "");
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        }
        return names;
    }

    public void rename(String dockerHost, String from, String to) {
        engines.client(dockerHost).renameContainerCmd(from).withName(to).exec();
    }

    public void remove(String dockerHost, String name) {
        try {
            engines.client(dockerHost).removeContainerCmd(name).withForce(true).withRemoveVolumes(false).exec();
        } catch (NotFoundException e) {
            // already removed
        }
    }

    /** Creates (not starts) a container from the spec, or returns the one already made from the same image. */
    public ContainerInfo create(String dockerHost, Container spec, String image, String name, List<String> cmd,
                                Map<String, String> labels) {
        return create(dockerHost, spec, image, name, null, cmd, labels);
    }

    private ContainerInfo create(String dockerHost, Container spec, String image, String name, String entrypoint, List<String> cmd,
                                 Map<String, String> labels) {
        Optional<ContainerInfo> existing = find(dockerHost, name);
        if (existing.isPresent()) {
            if (existing.get().image().equals(image)) {
                return existing.get();
            }
            throw new IllegalStateException("container " + name + " exists with image " + existing.get().image()
                    + ", expected " + image);
        }
        Map<String, String> allLabels = new LinkedHashMap<>(spec.labels());
        allLabels.putAll(labels);
        CreateContainerCmd create = engines.client(dockerHost).createContainerCmd(image)
                .withName(name)
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(allLabels)
                // whoever stops it (golive, an operator's docker stop, the daemon shutting down) gives Odoo this long
                .withStopTimeout(stopSeconds(spec.stopTimeout()))
                .withHostConfig(hostConfig(spec));
        if (entrypoint != null) {
            create.withEntrypoint(entrypoint);
        }
        if (cmd != null && !cmd.isEmpty()) {
            create.withCmd(cmd);
        }
        if (!spec.ports().isEmpty() && !"host".equals(spec.networkMode())) {
            create.withExposedPorts(spec.ports().stream().map(p -> PortBinding.parse(p).getExposedPort()).toList());
        }
        create.exec();
        return find(dockerHost, name).orElseThrow();
    }

    /**
     * Runs a one-off container to completion and removes it. A leftover of the same name (from a crash) is
     * removed first, so a repeat runs the command again on a clean slate.
     */
    public RunResult run(String dockerHost, Container spec, String image, String name, List<String> argv,
                         Duration timeout) {
        return run(dockerHost, spec, image, name, false, argv, timeout);
    }

    /**
     * The same, with the image's entrypoint replaced by {@code argv[0]}: the argv runs as given (a release hook),
     * not as arguments of the image's entrypoint script.
     */
    public RunResult runAsGiven(String dockerHost, Container spec, String image, String name, List<String> argv, Duration timeout) {
        return run(dockerHost, spec, image, name, true, argv, timeout);
    }

    private RunResult run(String dockerHost, Container spec, String image, String name, boolean asGiven, List<String> argv,
                          Duration timeout) {
        remove(dockerHost, name);
        long started = System.nanoTime();
        create(dockerHost, spec, image, name, asGiven ? argv.get(0) : null, asGiven ? argv.subList(1, argv.size()) : argv,
                Map.of("org.golive.one-off", "true"));
        DockerClient client = engines.client(dockerHost);
        try {
            client.startContainerCmd(name).exec();
            Integer exit = client.waitContainerCmd(name).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new RunResult(name, argv, exit, logs(dockerHost, name, 400), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            remove(dockerHost, name);
        }
    }

    /**
     * Lets containers left by an earlier attempt (a crashed golive) finish, then removes them, so that a repeat
     * judges the state their work left behind. Returns their names.
     */
    public List<String> settleLeftovers(String dockerHost, String namePrefix, Duration timeout) {
        DockerClient client = engines.client(dockerHost);
        List<String> settled = new ArrayList<>();
        for (var container : client.listContainersCmd().withShowAll(true).withNameFilter(List.of(namePrefix)).exec()) {
            String name = container.getNames()[0].replaceFirst("^/", "");
            if (!name.startsWith(namePrefix)) {
                continue;
            }
            if ("running".equals(container.getState())) {
                client.waitContainerCmd(name).exec(new WaitContainerResultCallback())
                        .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            remove(dockerHost, name);
            settled.add(name);
        }
        return settled;
    }

    public String logs(String dockerHost, String name, int tail) {
        StringBuilder out = new StringBuilder();
        try {
            engines.client(dockerHost).logContainerCmd(name).withStdOut(true).withStdErr(true).withTail(tail)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    /** What the readiness gate logRotation asks of an Odoo container: json-file rotated at a size, a few files kept. */
    static final Map<String, String> LOG_ROTATION = Map.of("max-size", "50m", "max-file", "3");

    static HostConfig hostConfig(Container spec) {
        List<Bind> binds = new ArrayList<>();
        for (String mount : spec.mounts()) {
            binds.add(Bind.parse(absoluteHostPart(mount)));
        }
        HostConfig hostConfig = HostConfig.newHostConfig().withNetworkMode(spec.networkMode()).withBinds(binds)
                // a container golive makes must not fill the host's disk with its log (and so passes the logRotation gate)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, LOG_ROTATION));
        if (spec.memoryLimit() != null && spec.memoryLimit().toBytes() > 0) {
            hostConfig.withMemory(spec.memoryLimit().toBytes());
        }
        if (!spec.ports().isEmpty() && !"host".equals(spec.networkMode())) {
            hostConfig.withPortBindings(spec.ports().stream().map(PortBinding::parse).toList());
        }
        return hostConfig;
    }

    /** Docker wants absolute bind sources; configuration may name them relative to the working directory. */
    static String absoluteHostPart(String mount) {
        int colon = mount.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("mount '" + mount + "' is not host:container[:options]");
        }
        String host = mount.substring(0, colon);
        if (host.startsWith(".")) {
            host = Path.of(host).toAbsolutePath().normalize().toString();
        }
        return host + mount.substring(colon);
    }
}
