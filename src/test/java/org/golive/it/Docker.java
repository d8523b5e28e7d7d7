package org.golive.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The docker CLI and a chown, for test fixtures only (the product talks to Docker through docker-java). */
final class Docker {

    private Docker() {
    }

    static List<String> names(String dockerHost, String prefix) {
        String out = run("docker", "-H", dockerHost, "ps", "-a", "--format", "{{.Names}}");
        return Arrays.stream(out.split("\n")).map(String::strip).filter(n -> n.startsWith(prefix)).toList();
    }

    static void chown(Path root, int uid) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                Files.setAttribute(path, "unix:uid", uid);
                Files.setAttribute(path, "unix:gid", uid);
            }
        }
    }

    static String run(String... argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
