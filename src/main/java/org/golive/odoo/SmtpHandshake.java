package org.golive.odoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Greets an outgoing mail server as Odoo's ir.mail.server connect() does: EHLO, STARTTLS when the server row says
 * {@code starttls} (or TLS from the start for {@code ssl}), EHLO again, QUIT; no mail is sent and no login tried.
 * The certificate must chain to the JVM's trust anchors, or to the PEM file given, and name the host.
 */
public final class SmtpHandshake {

    /** What the server showed. {@code tlsProtocol} is null when the session stayed plain text. */
    public record Result(String greeting, boolean offersStartTls, String tlsProtocol, String peer, long millis) {
    }

    private SmtpHandshake() {
    }

    public static Result run(String host, int port, String encryption, Path trustedCertificates, Duration timeout)
            throws IOException {
        long started = System.nanoTime();
        boolean implicitTls = "ssl".equals(encryption);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            Socket session = implicitTls ? tls(socket, host, port, trustedCertificates) : socket;
            List<String> greeting = reply(session, 220);
            List<String> ehlo = command(session, "EHLO golive", 250);
            boolean offersStartTls = ehlo.stream().anyMatch(l -> l.substring(Math.min(4, l.length())).strip()
                    .toUpperCase(Locale.ROOT).startsWith("STARTTLS"));
            String protocol = implicitTls ? ((SSLSocket) session).getSession().getProtocol() : null;
            if ("starttls".equals(encryption)) {
                if (!offersStartTls) {
                    throw new IOException(host + ":" + port + " does not offer STARTTLS");
                }
                command(session, "STARTTLS", 220);
                session = tls(socket, host, port, trustedCertificates);
                protocol = ((SSLSocket) session).getSession().getProtocol();
                command(session, "EHLO golive", 250);
            }
            command(session, "QUIT", 221);
            return new Result(greeting.get(0), offersStartTls, protocol, host + ":" + port,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } finally {
            socket.close();
        }
    }

    private static SSLSocket tls(Socket plain, String host, int port, Path trusted) throws IOException {
        SSLSocket tls = (SSLSocket) context(trusted).getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        // the certificate must name the host golive connected to, as for HTTPS
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static SSLContext context(Path trusted) throws IOException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (trusted == null) {
                trust.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                try (InputStream in = Files.newInputStream(trusted)) {
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("trusted-" + i++, certificate);
                    }
                }
                trust.init(store);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS trust from " + (trusted == null ? "the JVM's anchors" : trusted) + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<String> command(Socket session, String line, int expected) throws IOException {
        OutputStream out = session.getOutputStream();
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(session, expected);
    }

    /** One reply, multi-line ("250-...", "250 ...") included; another code than expected is an IOException. */
    private static List<String> reply(Socket session, int expected) throws IOException {
        // byte by byte: after STARTTLS nothing may have been read ahead from the plain stream
        InputStream in = session.getInputStream();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new IOException("connection closed while waiting for " + expected);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                break;
            }
        }
        String last = lines.get(lines.size() - 1);
        if (!last.startsWith(String.valueOf(expected))) {
            throw new IOException("expected " + expected + ", got: " + last);
        }
        return lines;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > 4096) {
                throw new IOException("SMTP line too long");
            }
        }
        return c < 0 && line.length() == 0 ? null : line.toString();
    }
}
