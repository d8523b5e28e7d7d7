package org.golive.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.github.dockerjava.api.DockerClient;

/** Files put into a container's filesystem through the Docker API, as Odoo's image owns them: for fixtures only. */
final class OdooFiles {

    private static final int ODOO_UID = 101;

    private OdooFiles() {
    }

    /** Extracts files (owned by Odoo's uid 101, parents included) under {@code at} in the container. */
    static void put(DockerClient docker, String container, String at, Map<String, byte[]> content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            Set<String> dirs = new TreeSet<>();
            for (String name : content.keySet()) {
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    dirs.add(name.substring(0, slash + 1));
                }
            }
            for (String dir : dirs) {
                TarArchiveEntry entry = new TarArchiveEntry(dir);
                entry.setIds(ODOO_UID, ODOO_UID);
                entry.setMode(040755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> file : content.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setIds(ODOO_UID, ODOO_UID);
                entry.setMode(0100644);
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        docker.copyArchiveToContainerCmd(container).withRemotePath(at).withTarInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                .exec();
    }
}
