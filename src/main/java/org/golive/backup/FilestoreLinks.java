package org.golive.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A filestore snapshot as a tree of hard links: every file of the snapshot is the live file's inode, so nothing is
 * copied and the snapshot takes the time of a directory walk. Safe for Odoo's filestore because Odoo never writes
 * an attachment file in place: a changed attachment is a new file under its new checksum, a deleted one is
 * unlinked, and neither touches the other link. Snapshots live beside the filestore, in
 * {@code <filestore's parent>/.golive/<name>/<filestore's name>}, so they are on the same file system (a hard link
 * cannot cross one) and a swap is a rename.
 */
final class FilestoreLinks {

    static final String DIR = ".golive";
    private static final String PARTIAL = ".partial";

    private FilestoreLinks() {
    }

    /** Where the snapshot (or set-aside filestore) of that name keeps its copy of the filestore. */
    static Path place(Path filestore, String name) {
        return filestore.getParent().resolve(DIR).resolve(name).resolve(filestore.getFileName());
    }

    /**
     * Links every file of the filestore into {@link #place}; directories are made anew with the filestore's owner
     * and permissions. Built under a partial name and renamed when complete, so a repeat finds a whole snapshot
     * or starts over. Returns the number of files linked (-1: the snapshot existed already).
     */
    static long snapshot(Path filestore, String name) throws IOException {
        Path target = place(filestore, name);
        if (Files.isDirectory(target.getParent())) {
            return -1;
        }
        Path partialRoot = target.getParent().resolveSibling(name + PARTIAL);
        deleteTree(partialRoot);
        Path partial = partialRoot.resolve(filestore.getFileName());
        long[] files = {0};
        if (Files.isDirectory(filestore)) {
            Files.walkFileTree(filestore, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path copy = partial.resolve(filestore.relativize(dir).toString());
                    Files.createDirectories(copy);
                    sameOwnerAndMode(dir, copy);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        Files.createLink(partial.resolve(filestore.relativize(file).toString()), file);
                        files[0]++;
                    } else if (attrs.isSymbolicLink()) {
                        Files.createSymbolicLink(partial.resolve(filestore.relativize(file).toString()), Files.readSymbolicLink(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } else {
            // no filestore yet: an empty one is what a rollback must put back
            Files.createDirectories(partial);
        }
        Files.move(partialRoot, target.getParent(), StandardCopyOption.ATOMIC_MOVE);
        return files[0];
    }

    /**
     * Puts the snapshot back as the filestore and sets the live one aside, by two renames. A repeat after a crash
     * between them finishes the swap; a repeat after it changes nothing.
     *
     * @return what it did: {@code swapped}, {@code finished} (the first rename had happened), {@code already swapped},
     * or {@code none} (no snapshot and nothing set aside: there is nothing to swap back)
     */
    static String swapBack(Path filestore, String snapshot, String failed) throws IOException {
        Path saved = place(filestore, snapshot);
        Path aside = place(filestore, failed);
        if (!Files.isDirectory(saved)) {
            return Files.exists(aside) ? "already swapped" : "none";
        }
        String state = "finished";
        if (Files.exists(filestore, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(aside)) {
                throw new IllegalStateException("cannot set " + filestore + " aside: " + aside + " exists already");
            }
            Files.createDirectories(aside.getParent());
            Files.move(filestore, aside, StandardCopyOption.ATOMIC_MOVE);
            state = "swapped";
        }
        Files.move(saved, filestore, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(saved.getParent());
        return state;
    }

    /** Removes the snapshot or set-aside filestore of that name (and a partial one). */
    static boolean remove(Path filestore, String name) throws IOException {
        Path root = place(filestore, name).getParent();
        deleteTree(root.resolveSibling(name + PARTIAL));
        if (!Files.exists(root)) {
            return false;
        }
        deleteTree(root);
        return true;
    }

    private static void sameOwnerAndMode(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes source = Files.readAttributes(from, PosixFileAttributes.class);
        view.setPermissions(source.permissions());
        PosixFileAttributes made = view.readAttributes();
        // a directory Odoo cannot write to would break every upload after a rollback: refuse the snapshot instead
        if (!made.owner().equals(source.owner())) {
            view.setOwner(source.owner());
        }
        if (!made.group().equals(source.group())) {
            view.setGroup(source.group());
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
