package org.golive.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for what a test starts itself (a golive, an sshd, a Prometheus). */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** A port free right now: bound once on the loopback address, then released. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
