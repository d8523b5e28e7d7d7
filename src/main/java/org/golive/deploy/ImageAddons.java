package org.golive.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import org.golive.deploy.AddonTree.Addon;
import org.springframework.stereotype.Component;

/**
 * The Odoo addons inside an image, read through the Docker Engine API: a container is created from the image but
 * never started, its addons paths are copied out as tar archives, and it is removed (with its anonymous volumes:
 * the official image declares {@code /mnt/extra-addons} a volume). No shell, no command runs in the image.
 * The addons paths are the image's {@code odoo.conf} {@code addons_path}, then Odoo's built-in path; first one wins.
 */
@Component
public class ImageAddons {

    public static final String BUILT_IN = "/usr/lib/python3/dist-packages/odoo/addons";
    public static final String DEFAULT_EXTRA = "/mnt/extra-addons";
    private static final String DEFAULT_CONF = "/etc/odoo/odoo.conf";

    /** What an image holds: its addons by name, and the Odoo version its environment declares (ODOO_VERSION), if any. */
    public record ImageContents(String image, String imageId, List<String> addonsPaths, Map<String, Addon> addons,
                                Optional<String> odooVersion) {

        public static ImageContents none(String image) {
            return new ImageContents(image, null, List.of(), Map.of(), Optional.empty());
        }
    }

    private final DockerEngines engines;

    public ImageAddons(DockerEngines engines) {
        this.engines = engines;
    }

    public ImageContents read(String dockerHost, String image) {
        DockerClient client = engines.client(dockerHost);
        InspectImageResponse inspected;
        try {
            inspected = client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("image " + image + " is not on Docker host " + dockerHost, e);
        }
        Map<String, String> env = environment(inspected);
        String name = "golive-addons-" + UUID.randomUUID().toString().substring(0, 12);
        client.createContainerCmd(image).withName(name).withLabels(Map.of("org.golive.one-off", "true")).exec();
        try {
            List<String> paths = new ArrayList<>(addonsPaths(client, name, env.getOrDefault("ODOO_RC", DEFAULT_CONF)));
            paths.add(BUILT_IN);
            Map<String, Addon> addons = new LinkedHashMap<>();
            for (String path : paths) {
                for (Addon addon : readPath(client, name, path).values()) {
                    addons.putIfAbsent(addon.name(), addon);
                }
            }
            return new ImageContents(image, inspected.getId(), List.copyOf(paths), addons, Optional.ofNullable(env.get("ODOO_VERSION")));
        } finally {
            try {
                client.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // gone already
            }
        }
    }

    private static Map<String, String> environment(InspectImageResponse image) {
        Map<String, String> env = new LinkedHashMap<>();
        String[] entries = image.getConfig() == null ? null : image.getConfig().getEnv();
        if (entries != null) {
            for (String entry : entries) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    env.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
        }
        return env;
    }

    /** The image's own odoo.conf addons_path (the built-in path excluded, it is added last); /mnt/extra-addons without one. */
    private static List<String> addonsPaths(DockerClient client, String container, String conf) {
        String text = readFile(client, container, conf);
        if (text == null) {
            return List.of(DEFAULT_EXTRA);
        }
        List<String> paths = addonsPathOf(text);
        return paths.isEmpty() ? List.of(DEFAULT_EXTRA) : paths;
    }

    static List<String> addonsPathOf(String odooConf) {
        for (String line : odooConf.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("addons_path") && trimmed.contains("=")) {
                List<String> paths = new ArrayList<>();
                for (String path : trimmed.substring(trimmed.indexOf('=') + 1).split(",")) {
                    String p = path.strip().replaceFirst("/$", "");
                    if (!p.isEmpty() && !p.equals(BUILT_IN)) {
                        paths.add(p);
                    }
                }
                return paths;
            }
        }
        return List.of();
    }

    private static String readFile(DockerClient client, String container, String path) {
        StringBuilder text = new StringBuilder();
        try (InputStream tar = client.copyArchiveFromContainerCmd(container, path).exec()) {
            TarEntries.read(tar, (entry, type, link, content) -> {
                if (type == '0' || type == '7') {
                    text.append(new String(content.readAllBytes(), StandardCharsets.UTF_8));
                }
            });
            return text.toString();
        } catch (NotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from " + container, e);
        }
    }

    private static Map<String, Addon> readPath(DockerClient client, String container, String path) {
        AddonTree tree = new AddonTree(path);
        try (InputStream tar = client.copyArchiveFromContainerCmd(container, path).exec()) {
            TarEntries.read(tar, tree::add);
        } catch (NotFoundException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read addons path " + path + " from " + container, e);
        }
        return tree.addons();
    }
}
