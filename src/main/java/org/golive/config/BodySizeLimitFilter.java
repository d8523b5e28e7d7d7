package org.golive.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * Refuses a request body over the limit with 413 before anything parses it: by its Content-Length before a byte is
 * read, and a chunked body (no length) as soon as more than the limit has arrived. A huge body otherwise holds a
 * request thread while a YAML or JSON parser works through it.
 *
 * <p>A chunked body is read here, up to the limit, and handed on from memory: the 413 must be answered before
 * a framework has started its own error answer for a stream that broke under it. The filter runs after
 * authentication, so only a known user can make golive hold up to a limit in memory.
 */
public final class BodySizeLimitFilter extends HttpFilter {

    /** Engine REST's deployment upload, also under a named engine ({@code /engine-rest/engine/default/...}). */
    private static final Pattern DEPLOYMENT = Pattern.compile("/engine-rest(/engine/[^/]+)?/deployment/create/?");

    private final long maxBody;
    private final long maxDeployment;

    public BodySizeLimitFilter(HttpProperties limits) {
        this.maxBody = limits.maxBodySize().toBytes();
        this.maxDeployment = limits.maxDeploymentSize().toBytes();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean deployment = DEPLOYMENT.matcher(path(request)).matches();
        long limit = deployment ? maxDeployment : maxBody;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, deployment, limit);
            return;
        }
        if (declared >= 0) {
            // the server never hands on more than Content-Length bytes
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit + 1);
        if (body.length > limit) {
            refuse(response, deployment, limit);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (read.size() < max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - read.size()))) != -1) {
            read.write(buffer, 0, n);
        }
        return read.toByteArray();
    }

    private static void refuse(HttpServletResponse response, boolean deployment, long limit) throws IOException {
        String setting = deployment ? "golive.http.max-deployment-size" : "golive.http.max-body-size";
        RestRefusal.send(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, Map.of(
                "error", "request body over " + readable(limit) + " (" + setting + ")" + (deployment ? "" : "; a release manifest is a few KB"),
                "maxBytes", limit));
    }

    static String readable(long bytes) {
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return bytes / DataSize.ofMegabytes(1).toBytes() + "MB";
        }
        if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return bytes / DataSize.ofKilobytes(1).toBytes() + "KB";
        }
        return bytes + "B";
    }

    /** The request with its body already read into memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has been read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }
    }
}
