package org.golive.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.VolumesFrom;
import org.golive.config.GoliveProperties;
import org.golive.config.Target;
import org.springframework.stereotype.Component;

/**
 * Files of the environment's Odoo container, reached through its Docker host rather than a local path, so golive
 * need not run on the Odoo host nor see a Docker volume's directory. Reading copies an archive out of the container
 * (running or stopped: no command runs); replacing a directory runs one short-lived container with the Odoo
 * container's mounts ({@code --volumes-from}) and image, then extracts the archive through the Docker API.
 */
@Component
public class ContainerFiles {

    static final String ONE_OFF_LABEL = "org.golive.one-off";

    /** The environment's Odoo container does not exist on its Docker host: there are no mounts to reach. */
    public static class NoContainerException extends IllegalStateException {
        public NoContainerException(String message) {
            super(message);
        }
    }

    private final DockerEngines engines;
    private final Duration timeout;

    public ContainerFiles(DockerEngines engines, GoliveProperties properties) {
        this.engines = engines;
        this.timeout = properties.steps().toolTimeout();
    }

    /** The text of a regular file in the container; empty when there is no such file. */
    public Optional<String> readText(Target target, String path) {
        DockerClient client = client(target);
        String container = existing(client, target).getName().replaceFirst("^/", "");
        StringBuilder text = new StringBuilder();
        boolean[] found = {false};
        try (InputStream tar = client.copyArchiveFromContainerCmd(container, path).exec()) {
            TarEntries.read(tar, (name, type, link, content) -> {
                if (!found[0] && (type == '0' || type == '7')) {
                    found[0] = true;
                    text.append(new String(content.readAllBytes(), StandardCharsets.UTF_8));
                }
            });
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from container " + container + ": " + e.getMessage(), e);
        }
        return found[0] ? Optional.of(text.toString()) : Optional.empty();
    }

    /**
     * Writes the tar of a directory in the container to {@code out}, its entries named {@code <basename>/…} as
     * {@code tar --directory=<parent> <basename>} names them; false, and nothing written, when there is no such path.
     */
    public boolean copyOut(Target target, String directory, OutputStream out) {
        DockerClient client = client(target);
        String container = existing(client, target).getName().replaceFirst("^/", "");
        try (InputStream tar = client.copyArchiveFromContainerCmd(container, directory).exec()) {
            tar.transferTo(out);
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + directory + " of container " + container + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code directory} hold exactly the archive's content: a one-off container removes it and creates it empty
     * (as the Odoo container's user, so new parents get Odoo's owner), then the tar, whose entries are named
     * {@code <basename>/…}, is extracted into its parent with the owners and modes it records. Safe to repeat.
     */
    public void replace(Target target, String directory, InputStream tar) {
        String dir = strip(directory);
        int slash = dir.lastIndexOf('/');
        if (slash <= 0 || dir.contains("/../") || dir.endsWith("/..")) {
            throw new IllegalArgumentException("refusing to replace " + directory + ": not an absolute path below /");
        }
        DockerClient client = client(target);
        InspectContainerResponse odoo = withMounts(client, target);
        String container = odoo.getName().replaceFirst("^/", "");
        run(client, odoo, List.of("sh", "-c", "rm -rf -- \"$1\" && mkdir -p -- \"$1\"", "sh", dir));
        try {
            client.copyArchiveToContainerCmd(container).withRemotePath(dir.substring(0, slash)).withTarInputStream(tar).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("container " + container + " lost " + dir.substring(0, slash) + " during the restore", e);
        }
    }

    /**
     * Runs a command in a one-off container of the Odoo container's image, user and mounts, without network, and
     * removes it; returns what it wrote to standard output. A non-zero exit is an error with the command's output.
     * Inside a rollback the environment's name may be free for a moment (the failed container set aside, the previous
     * one not yet back): a container golive made for the environment under another name lends its mounts then.
     */
    public String run(Target target, List<String> argv) {
        DockerClient client = client(target);
        return run(client, withMounts(client, target), argv);
    }

    private String run(DockerClient client, InspectContainerResponse odoo, List<String> argv) {
        String source = odoo.getName().replaceFirst("^/", "");
        String name = "golive-files-" + UUID.randomUUID().toString().substring(0, 12);
        String user = odoo.getConfig() == null ? null : odoo.getConfig().getUser();
        var create = client.createContainerCmd(odoo.getImageId()).withName(name)
                .withLabels(Map.of(ONE_OFF_LABEL, "true"))
                .withEntrypoint(argv.get(0)).withCmd(argv.subList(1, argv.size()))
                .withHostConfig(HostConfig.newHostConfig().withVolumesFrom(new VolumesFrom(source)).withNetworkMode("none"));
        if (user != null && !user.isBlank()) {
            create.withUser(user);
        }
        create.exec();
        try {
            client.startContainerCmd(name).exec();
            Integer exit = client.waitContainerCmd(name).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
            if (exit == null || exit != 0) {
                throw new IllegalStateException("one-off container with the mounts of " + source + " ran " + argv + " and exited "
                        + exit + ": " + logs(client, name));
            }
            return output(client, name);
        } finally {
            try {
                // not withRemoveVolumes: the volumes are the Odoo container's, never the helper's to delete
                client.removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException e) {
                // gone already
            }
        }
    }

    private static String logs(DockerClient client, String name) {
        List<String> lines = new ArrayList<>();
        try {
            client.logContainerCmd(name).withStdOut(true).withStdErr(true).withTail(5)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Frame frame) {
                            lines.add(new String(frame.getPayload(), StandardCharsets.UTF_8).strip());
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
        return String.join(" | ", lines);
    }

    private static String output(DockerClient client, String name) {
        StringBuilder out = new StringBuilder();
        try {
            client.logContainerCmd(name).withStdOut(true).withStdErr(false)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the output of " + name, e);
        }
        return out.toString();
    }

    /** The environment's container, else one golive made for it under another name (same spec, same mounts). */
    private InspectContainerResponse withMounts(DockerClient client, Target target) {
        String name = containerName(target);
        try {
            return client.inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            for (var other : client.listContainersCmd().withShowAll(true).withNameFilter(List.of(name + "-")).exec()) {
                for (String otherName : other.getNames() == null ? new String[0] : other.getNames()) {
                    if (otherName.matches("/" + java.util.regex.Pattern.quote(name) + "-(previous|failed|release)-.+")) {
                        return client.inspectContainerCmd(other.getId()).exec();
                    }
                }
            }
            return existing(client, target);
        }
    }

    private InspectContainerResponse existing(DockerClient client, Target target) {
        String name = containerName(target);
        try {
            return client.inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            throw new NoContainerException("no container " + name + " on the Docker host of environment " + target.name()
                    + ": its mounts (the filestore, odoo.conf) cannot be reached through Docker");
        }
    }

    /** The configured name of the environment's Odoo container. */
    public static String containerName(Target target) {
        GoliveProperties.Container container = target.settings().container();
        if (container == null || container.name() == null || container.name().isBlank()) {
            throw new IllegalStateException("environment " + target.name() + " has no container.name: golive cannot reach its"
                    + " files through Docker");
        }
        return container.name();
    }

    private DockerClient client(Target target) {
        return engines.client(target.settings().dockerHost());
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
