package org.golive.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/** Runs a program from an argument vector (never a shell string) and captures what it printed. */
@Component
public class Commands {

    /** What a finished command did. {@code output} holds stdout and stderr, cut to the last 64 KiB. */
    public record Result(List<String> argv, int exitCode, String output, Duration duration) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        public String tail(int lines) {
            String[] all = output.strip().split("\n");
            return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        }
    }

    /**
     * @param secretEnv environment entries for the child only (such as PGPASSWORD); never logged or returned
     */
    public Result run(List<String> argv, Map<String, String> secretEnv, Duration timeout) {
        long started = System.nanoTime();
        Path log = null;
        try {
            log = Files.createTempFile("golive-cmd", ".log");
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(secretEnv);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(argv.get(0) + " did not finish within " + timeout);
            }
            byte[] bytes = Files.readAllBytes(log);
            int from = Math.max(0, bytes.length - 65536);
            String output = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
            return new Result(List.copyOf(argv), process.exitValue(), output, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv.get(0), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
