package org.golive.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's nginx, run by the test in the foreground with its own configuration and files; stopped by its pid. */
public final class Nginx implements AutoCloseable {

    private final Process process;

    private Nginx(Process process) {
        this.process = process;
    }

    /** Starts nginx with {@code conf} (prefix: the file's directory) and waits until every port in {@code ports} answers. */
    public static Nginx start(Path conf, List<Integer> ports) throws IOException, InterruptedException {
        Path prefix = conf.getParent();
        Process nginx = new ProcessBuilder("/usr/sbin/nginx", "-c", conf.toString(), "-p", prefix.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(20);
        for (int port : ports) {
            while (true) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    break;
                } catch (IOException notYet) {
                    if (!nginx.isAlive() || Instant.now().isAfter(deadline)) {
                        nginx.destroy();
                        throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("nginx.out")));
                    }
                    Thread.sleep(50);
                }
            }
        }
        return new Nginx(nginx);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
