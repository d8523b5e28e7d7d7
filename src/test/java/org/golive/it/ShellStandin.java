package org.golive.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The stand-in Odoo image plus a static BusyBox (from Debian's busybox-static, installed by up.sh) and the applets golive
 * runs in a one-off container with the Odoo container's mounts: what the real odoo image has from coreutils and
 * findutils. The stand-in itself is FROM scratch. Built once per stand-in image and tool list (a label says which).
 */
final class ShellStandin {

    static final String IMAGE = "golive-it/odoo-sh:18.0-1";
    static final List<String> TOOLS = List.of("sh", "rm", "mkdir", "rmdir", "cp", "mv", "find", "wc", "stat");
    private static final String LABEL = "org.golive.it.tools";

    private ShellStandin() {
    }

    static String build(DockerClient docker) throws IOException {
        String base = docker.inspectImageCmd("golive/odoo:18.0-1").exec().getId();
        String wanted = base + " " + String.join(",", TOOLS);
        try {
            Map<String, String> labels = docker.inspectImageCmd(IMAGE).exec().getConfig().getLabels();
            if (labels != null && wanted.equals(labels.get(LABEL))) {
                return IMAGE;
            }
        } catch (NotFoundException e) {
            // first build
        }
        String builder = "golive-it-files-build";
        try {
            docker.removeContainerCmd(builder).withForce(true).exec();
        } catch (NotFoundException e) {
            // none left over
        }
        docker.createContainerCmd("golive/odoo:18.0-1").withName(builder).exec();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] busybox = Files.readAllBytes(Path.of("/bin/busybox"));
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                TarArchiveEntry bin = new TarArchiveEntry("bin/");
                bin.setMode(040755);
                tar.putArchiveEntry(bin);
                tar.closeArchiveEntry();
                TarArchiveEntry file = new TarArchiveEntry("bin/busybox");
                file.setMode(0100755);
                file.setSize(busybox.length);
                tar.putArchiveEntry(file);
                tar.write(busybox);
                tar.closeArchiveEntry();
                for (String tool : TOOLS) {
                    TarArchiveEntry link = new TarArchiveEntry("bin/" + tool, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName("busybox");
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                }
            }
            docker.copyArchiveToContainerCmd(builder).withRemotePath("/").withTarInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                    .exec();
            docker.commitCmd(builder).withRepository("golive-it/odoo-sh").withTag("18.0-1").withLabels(Map.of(LABEL, wanted)).exec();
        } finally {
            docker.removeContainerCmd(builder).withForce(true).withRemoveVolumes(true).exec();
        }
        return IMAGE;
    }
}
