package org.golive.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server on 127.0.0.1: aiosmtpd (Debian's python3-aiosmtpd) in its own process, offering STARTTLS
 * with a certificate for IP 127.0.0.1 that openssl makes, or plain text only. Stopped by closing stdin, then by pid.
 */
final class SmtpServer implements AutoCloseable {

    private static final String SCRIPT = """
            import ssl, sys
            from aiosmtpd.controller import Controller
            class Sink:
                async def handle_DATA(self, server, session, envelope):
                    return '250 OK'
            context = None
            if len(sys.argv) > 2:
                context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                context.load_cert_chain(sys.argv[2], sys.argv[3])
            controller = Controller(Sink(), hostname='127.0.0.1', port=int(sys.argv[1]), tls_context=context,
                                    require_starttls=False)
            controller.start()
            print('ready', flush=True)
            sys.stdin.read()
            controller.stop()
            """;

    private final Process process;
    private final int port;
    private final Path certificate;

    private SmtpServer(Process process, int port, Path certificate) {
        this.process = process;
        this.port = port;
        this.certificate = certificate;
    }

    static SmtpServer start(Path dir, boolean startTls) throws Exception {
        ItStack.deleteTree(dir);
        Files.createDirectories(dir);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        ProcessBuilder builder;
        int port = LocalPorts.free();
        if (startTls) {
            run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
            builder = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, String.valueOf(port), cert.toString(), key.toString());
        } else {
            builder = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, String.valueOf(port));
        }
        Process process = builder.redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            process.destroy();
            throw new IllegalStateException("aiosmtpd did not start (apt-get install python3-aiosmtpd): " + line);
        }
        return new SmtpServer(process, port, startTls ? cert : null);
    }

    int port() {
        return port;
    }

    Path certificate() {
        return certificate;
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
        }
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + output);
        }
    }
}
