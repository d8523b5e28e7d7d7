package org.golive.readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Owner, group and mode of a directory, and whether a uid/gid may create files in it (ACLs are not read). */
record UnixAccess(int uid, int gid, int mode) {

    static UnixAccess of(Path dir) throws IOException {
        return new UnixAccess((Integer) Files.getAttribute(dir, "unix:uid"), (Integer) Files.getAttribute(dir, "unix:gid"),
                (Integer) Files.getAttribute(dir, "unix:mode") & 07777);
    }

    /** Creating a file in a directory takes write and search permission of the class that applies (root aside). */
    boolean writableBy(int user, int group) {
        if (user == 0) {
            return true;
        }
        int bits = user == uid ? (mode >> 6) & 7 : group == gid ? (mode >> 3) & 7 : mode & 7;
        return (bits & 3) == 3;
    }

    @Override
    public String toString() {
        return "owner " + uid + ":" + gid + ", mode " + String.format("%04o", mode);
    }
}
