package org.golive.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.golive.config.Target;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.deploy.ContainerFiles;
import org.springframework.stereotype.Component;

/**
 * The filestore half of a restore point, wherever the filestore is: by its host path ({@link FilestoreLinks}) where
 * golive sees it, else inside the Odoo container's mounts, by a one-off container ({@link ContainerFiles#run}) running
 * the same steps as a POSIX shell script: {@code cp -al} builds the tree of hard links under a partial name,
 * {@code mv} makes it whole and swaps it back, {@code rm -rf} drops it. The layout is the same either way
 * ({@code <filestore's parent>/.golive/<name>/<database>}), so the recorded names are too. The Odoo image must bring
 * {@code sh}, {@code cp} with {@code -a -l}, {@code mv}, {@code rm}, {@code mkdir}, {@code rmdir}, {@code find} and
 * {@code wc} (Debian's coreutils and findutils in the official odoo image, or BusyBox).
 */
@Component
public class SnapshotFilestores {

    /** Links the filestore into {@code .golive/<name>} unless it is there; prints {@code linked <files>} or {@code existed}. */
    static final String LINK = """
            set -e
            f=$1; root=$2; name=$3
            if [ -d "$root/$name" ]; then echo existed; exit 0; fi
            rm -rf -- "$root/$name.partial"
            mkdir -p -- "$root/$name.partial"
            if [ -d "$f" ]; then cp -al -- "$f" "$root/$name.partial/"; else mkdir -- "$root/$name.partial/${f##*/}"; fi
            n=$(find "$root/$name.partial" -type f | wc -l)
            mv -- "$root/$name.partial" "$root/$name"
            echo linked $n
            """;

    /** {@link FilestoreLinks#swapBack}'s two renames; prints the state. */
    static final String SWAP = """
            set -e
            f=$1; root=$2; snap=$3; failed=$4; base=${f##*/}
            saved=$root/$snap/$base; aside=$root/$failed/$base
            if [ ! -d "$saved" ]; then
              if [ -e "$aside" ]; then echo already swapped; else echo none; fi
              exit 0
            fi
            state=finished
            if [ -e "$f" ] || [ -L "$f" ]; then
              if [ -e "$aside" ]; then echo "cannot set $f aside: $aside exists already" >&2; exit 3; fi
              mkdir -p -- "$root/$failed"
              mv -- "$f" "$aside"
              state=swapped
            fi
            mv -- "$saved" "$f"
            rmdir -- "$root/$snap" 2>/dev/null || true
            echo $state
            """;

    /** Removes {@code .golive/<name>} and a partial one; prints {@code removed} or {@code absent}. */
    static final String REMOVE = """
            set -e
            root=$1; name=$2
            rm -rf -- "$root/$name.partial"
            if [ -e "$root/$name" ]; then rm -rf -- "$root/$name"; echo removed; else echo absent; fi
            """;

    private final ContainerFiles files;

    public SnapshotFilestores(ContainerFiles files) {
        this.files = files;
    }

    /** Through the Docker host when the backup reaches the filestore that way ({@code filestore-access}). */
    static boolean throughDocker(TargetEnvironment target) {
        return FilestoreBackup.DOCKER.equals(FilestoreBackup.archiveAccess(target));
    }

    /** The environment's filestore: its host path, or its path inside the Odoo container; null when there is none. */
    Path filestore(Target environment) {
        TargetEnvironment target = environment.settings();
        if (throughDocker(target)) {
            return Path.of(FilestoreBackup.containerDirectory(target, target.database().name()));
        }
        return target.filestore();
    }

    /** Files linked, or -1 when an earlier attempt had made the snapshot. */
    long link(Target environment, Path filestore, String name) throws IOException {
        if (!throughDocker(environment.settings())) {
            return FilestoreLinks.snapshot(filestore, name);
        }
        String out = script(environment, LINK, filestore.toString(), root(filestore), name);
        if (out.equals("existed")) {
            return -1;
        }
        if (!out.startsWith("linked ")) {
            throw new IOException("linking " + filestore + " in the container printed '" + out + "'");
        }
        return Long.parseLong(out.substring("linked ".length()).strip());
    }

    /** {@code swapped}, {@code finished}, {@code already swapped} or {@code none}, as {@link FilestoreLinks#swapBack}. */
    String swapBack(Target environment, Path filestore, String snapshot, String failed) throws IOException {
        if (!throughDocker(environment.settings())) {
            return FilestoreLinks.swapBack(filestore, snapshot, failed);
        }
        String out = script(environment, SWAP, filestore.toString(), root(filestore), snapshot, failed);
        if (!List.of("swapped", "finished", "already swapped", "none").contains(out)) {
            throw new IOException("swapping " + filestore + " back in the container printed '" + out + "'");
        }
        return out;
    }

    /** Removes the snapshot or set-aside filestore of that name; false when there was none. */
    boolean remove(Target environment, Path filestore, String name) throws IOException {
        if (!throughDocker(environment.settings())) {
            return FilestoreLinks.remove(filestore, name);
        }
        return script(environment, REMOVE, root(filestore), name).equals("removed");
    }

    private String script(Target environment, String script, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", script, "sh"));
        argv.addAll(List.of(args));
        return files.run(environment, argv).strip();
    }

    private static String root(Path filestore) {
        return FilestoreLinks.place(filestore, "x").getParent().getParent().toString();
    }
}
