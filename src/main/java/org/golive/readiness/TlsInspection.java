package org.golive.readiness;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS handshake as a browser makes it (chain to a trusted root, host name, validity dates), keeping the
 * certificate the server showed even when it is refused, so that the evidence says what was wrong with it.
 */
final class TlsInspection {

    /** The server's certificate as shown, and whether the handshake trusted it. */
    record Outcome(boolean trusted, String problem, X509Certificate leaf, String protocol) {
    }

    private TlsInspection() {
    }

    /** The JDK's trusted roots plus the PEM certificates of {@code caFile}, when there is one. */
    static SSLContext context(Path caFile) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(caFile)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    static Outcome inspect(URI url, Path caFile, Duration timeout) throws IOException {
        Recording recording = new Recording(trustManager(caFile));
        int port = url.getPort() > 0 ? url.getPort() : 443;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recording}, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
                plain.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, url.getHost(), port, false)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    return new Outcome(true, null, recording.leaf(), socket.getSession().getProtocol());
                }
            }
        } catch (javax.net.ssl.SSLException e) {
            if (recording.leaf() == null) {
                // no certificate seen: the server does not speak TLS, or no protocol is common
                return new Outcome(false, "TLS handshake failed: " + e.getMessage(), null, null);
            }
            return new Outcome(false, describe(recording.refusal != null ? recording.refusal : e), recording.leaf(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static String describe(Throwable refusal) {
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "certificate expired";
            }
            if (cause instanceof CertificateNotYetValidException) {
                return "certificate not valid yet";
            }
            if (cause.getClass().getName().endsWith("SunCertPathBuilderException")) {
                return "certificate not trusted: no chain to a trusted root (self-signed, or an intermediate missing)";
            }
            String message = String.valueOf(cause.getMessage());
            if (message.startsWith("No subject alternative")) {
                return "certificate does not name the host: " + message;
            }
        }
        return "certificate refused: " + refusal.getMessage();
    }

    private static X509ExtendedTrustManager trustManager(Path caFile) {
        try {
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            int n = 0;
            for (TrustManager manager : jdk.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate root : x509.getAcceptedIssuers()) {
                        roots.setCertificateEntry("jdk-" + n++, root);
                    }
                }
            }
            for (X509Certificate extra : pem(caFile)) {
                roots.setCertificateEntry("ca-file-" + n++, extra);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(roots);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("no X.509 trust manager in this JDK");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read trusted certificates" + (caFile == null ? "" : " from " + caFile)
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> pem(Path caFile) throws IOException, CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        if (caFile != null) {
            try (InputStream in = Files.newInputStream(caFile)) {
                CertificateFactory.getInstance("X.509").generateCertificates(in)
                        .forEach(c -> certificates.add((X509Certificate) c));
            }
        }
        return certificates;
    }

    /** Delegates every decision; only notes the chain it was shown and why it was refused. */
    private static final class Recording extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager delegate;
        private X509Certificate[] chain;
        private CertificateException refusal;

        Recording(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        X509Certificate leaf() {
            return chain == null || chain.length == 0 ? null : chain[0];
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            this.chain = chain;
            try {
                delegate.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                refusal = e;
                throw e;
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            this.chain = chain;
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            this.chain = chain;
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("golive accepts no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("golive accepts no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("golive accepts no client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    static long daysLeft(X509Certificate leaf, Instant now) {
        return Duration.between(now, leaf.getNotAfter().toInstant()).toDays();
    }
}
