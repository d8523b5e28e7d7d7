package org.golive.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The filestore archive's tar, whichever way it was made: GNU {@code tar --directory=<parent> <db>} on the host or
 * the Docker API's archive of {@code <data-dir>/filestore/<db>}. Both name every entry {@code <db>/…}, so one
 * restores the other's; before extracting, the names are checked so an archive cannot write beside the filestore.
 */
public final class FilestoreArchive {

    private static final byte[] EMPTY_TAR = new byte[1024];

    private FilestoreArchive() {
    }

    /** A tar with no entries (two zero blocks): the archive of an environment without a filestore yet. */
    public static void writeEmpty(OutputStream out) throws IOException {
        out.write(EMPTY_TAR);
    }

    /**
     * The names of the archive's entries, in order, after checking each is {@code root} or below it, relative,
     * without {@code ..}; an archive of another directory is refused with the name it holds.
     */
    public static List<String> checkedNames(InputStream tar, String root) throws IOException {
        List<String> names = new ArrayList<>();
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
            String name = entry.getName();
            String bare = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            if (bare.startsWith("/") || bare.equals("..") || bare.startsWith("../") || bare.contains("/../") || bare.endsWith("/..")) {
                throw new IOException("archive entry '" + name + "' leaves the filestore directory " + root);
            }
            if (!bare.equals(root) && !bare.startsWith(root + "/")) {
                throw new IOException("archive entry '" + name + "' is not in the filestore directory " + root
                        + ": the archive is of another directory");
            }
            names.add(name);
        }
        return names;
    }
}
