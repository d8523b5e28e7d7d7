package org.golive.odoostandin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small HTTP/1.1 server answering the routes a deployment pipeline probes. One request per connection. */
final class Http {
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Config cfg;
    private final Rpc rpc;
    private final WebPages pages;
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "odoo.service.http.request");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;
    private volatile List<String> dbCache;
    private volatile long dbCacheAt;

    Http(Config cfg) {
        this.cfg = cfg;
        this.rpc = new Rpc(cfg);
        this.pages = new WebPages(cfg);
    }

    void start() throws IOException {
        String iface = cfg.get("http_interface", "");
        InetAddress addr = iface.isEmpty() ? null : InetAddress.getByName(iface);
        List<Integer> ports = new ArrayList<>(List.of(cfg.httpPort()));
        if (cfg.integer("workers", 0) > 0) ports.add(cfg.integer("gevent_port", 8072));
        for (int port : ports) {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(addr, port), 128);
            sockets.add(ss);
            Log.info(null, "odoo.service.server", "HTTP service (werkzeug) running on "
                    + (iface.isEmpty() ? "0.0.0.0" : iface) + ":" + port);
            Thread t = new Thread(() -> accept(ss), "odoo.service.http");
            t.setDaemon(true);
            t.start();
        }
    }

    void stop() {
        running = false;
        for (ServerSocket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        pool.shutdown();
    }

    private void accept(ServerSocket ss) {
        while (running) {
            try {
                Socket s = ss.accept();
                pool.execute(() -> handle(s));
            } catch (IOException e) {
                if (!running) return;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
            if (b.size() > 16384) throw new IOException("line too long");
        }
        if (c < 0 && b.size() == 0) return null;
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private void handle(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String request = readLine(in);
            if (request == null || request.isBlank()) return;
            String[] parts = request.split(" ");
            if (parts.length < 2) {
                respond(out, 400, "text/plain", "Bad Request", null, false);
                return;
            }
            String method = parts[0];
            String target = parts[1];
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                            (a, b) -> a + ", " + b);
                }
            }
            byte[] body = new byte[0];
            int len = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            if (len > 0) body = in.readNBytes(Math.min(len, 1 << 20));
            String path = target;
            Map<String, String> query = new LinkedHashMap<>();
            int q = target.indexOf('?');
            if (q >= 0) {
                path = target.substring(0, q);
                for (String kv : target.substring(q + 1).split("&")) {
                    if (kv.isEmpty()) continue;
                    int eq = kv.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                    query.put(k, v);
                }
            }
            route(s, out, method, path, query, headers, body);
        } catch (IOException | RuntimeException e) {
            // client went away or sent garbage
        }
    }

    private void route(Socket s, OutputStream out, String method, String path, Map<String, String> query,
                       Map<String, String> headers, byte[] body) throws IOException {
        boolean head = method.equals("HEAD");
        switch (path) {
            case "/web/health":
                if ("1".equals(query.get("db_server_status")) || "true".equalsIgnoreCase(query.get("db_server_status"))) {
                    boolean ok = dbServerUp();
                    respond(out, ok ? 200 : 500, "application/json", ok ? "{\"status\": \"pass\", \"db_server_status\": true}"
                            : "{\"status\": \"fail\", \"db_server_status\": false}", null, head);
                } else {
                    respond(out, 200, "application/json", "{\"status\": \"pass\"}", null, head);
                }
                return;
            case "/websocket/health":
                respond(out, 200, "application/json", "{\"status\": \"pass\"}", null, head);
                return;
            case "/":
                respond(out, 303, "text/html", redirectBody("/odoo"), Map.of("Location", "/odoo"), head);
                return;
            case "/odoo":
            case "/web":
                respond(out, 303, "text/html", redirectBody("/web/login?redirect=%2Fodoo"),
                        Map.of("Location", "/web/login?redirect=%2Fodoo"), head);
                return;
            case "/web/login": {
                String db = determineDb(query.get("db"), host(headers));
                String sid = WebPages.sid(headers.get("cookie"));
                if (method.equals("POST")) {
                    respond(out, pages.postLogin(db, sid, body), false);
                } else if (db == null) {
                    respond(out, 303, "text/html", redirectBody("/web/database/selector"),
                            Map.of("Location", "/web/database/selector"), head);
                } else {
                    respond(out, pages.loginPage(db, sid == null ? WebPages.newSid() : sid, null), head);
                }
                return;
            }
            case "/web/database/selector":
            case "/web/database/manager":
            case "/web/database/list":
                respond(out, 200, "text/html; charset=utf-8", databasePage(path, host(headers)), null, head);
                return;
            case "/web/webclient/version_info": {
                String id = "null";
                Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|-?\\d+|null)").matcher(new String(body, StandardCharsets.UTF_8));
                if (m.find()) id = m.group(1);
                respond(out, 200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"result\": {"
                        + "\"server_version\": \"18.0\", \"server_version_info\": [18, 0, 0, \"final\", 0, \"\"],"
                        + " \"server_serie\": \"18.0\", \"protocol_version\": 1}}", null, head);
                return;
            }
            case "/websocket":
                websocket(s, out, method, headers);
                return;
            case "/xmlrpc/2/common":
            case "/xmlrpc/2/object":
                if (!method.equals("POST")) {
                    respond(out, 405, "text/html; charset=utf-8", "<title>405 Method Not Allowed</title>", null, head);
                } else {
                    respond(out, 200, "text/xml; charset=utf-8", rpc.xmlrpc(path.substring("/xmlrpc/2/".length()), body), null, head);
                }
                return;
            case "/web/session/authenticate": {
                Rpc.Reply reply = rpc.sessionAuthenticate(body);
                respond(out, 200, "application/json", reply.body(), reply.cookie() == null ? null : Map.of("Set-Cookie", reply.cookie()), head);
                return;
            }
            default:
                WebPages.Page asset = pages.asset(path);
                if (asset != null) {
                    respond(out, asset, head);
                    return;
                }
                respond(out, 404, "text/html; charset=utf-8", "<!DOCTYPE html><title>404 Not Found</title>"
                        + "<h1>Not Found</h1><p>The requested URL was not found on the server.</p>", null, head);
        }
    }

    private String host(Map<String, String> headers) {
        if (cfg.bool("proxy_mode", false) && headers.containsKey("x-forwarded-host")) return headers.get("x-forwarded-host");
        return headers.getOrDefault("host", "");
    }

    private boolean dbServerUp() {
        try (java.sql.Connection c = Registry.connect(cfg, "postgres"); java.sql.Statement st = c.createStatement()) {
            st.execute("SELECT 1");
            return true;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private List<String> databases(String host) {
        List<String> all = dbCache;
        if (all == null || System.currentTimeMillis() - dbCacheAt > 1000) {
            try {
                all = Registry.listOdooDatabases(cfg);
            } catch (java.sql.SQLException e) {
                all = List.of();
            }
            dbCache = all;
            dbCacheAt = System.currentTimeMillis();
        }
        return Registry.filter(all, cfg.get("dbfilter", ""), host);
    }

    /** ?db= when visible and within dbfilter, else the only visible database, else none. */
    private String determineDb(String requested, String host) {
        List<String> dbs = databases(host);
        if (requested != null && dbs.contains(requested)) return requested;
        return dbs.size() == 1 ? dbs.get(0) : null;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String redirectBody(String loc) {
        return "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
                + "<p>You should be redirected automatically to the target URL: <a href=\"" + esc(loc) + "\">"
                + esc(loc) + "</a>. If not, click the link.\n";
    }

    private String databasePage(String path, String host) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/><title>Odoo</title></head><body>\n");
        if (!cfg.bool("list_db", true)) {
            b.append("<div class=\"alert alert-danger\">The database manager has been disabled by the administrator</div>\n");
        } else {
            b.append("<h3>").append(path.endsWith("manager") ? "Manage databases" : "Select a database").append("</h3>\n<ul class=\"list-group\">\n");
            for (String d : databases(host)) {
                b.append("<li><a href=\"/odoo?db=").append(esc(d)).append("\">").append(esc(d)).append("</a></li>\n");
            }
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private void websocket(Socket s, OutputStream out, String method, Map<String, String> headers) throws IOException {
        String key = headers.getOrDefault("sec-websocket-key", "");
        boolean valid = method.equals("GET")
                && headers.getOrDefault("upgrade", "").toLowerCase(Locale.ROOT).contains("websocket")
                && headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade")
                && "13".equals(headers.getOrDefault("sec-websocket-version", "").strip());
        if (valid) {
            try {
                valid = Base64.getDecoder().decode(key.strip()).length == 16;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        }
        if (!valid) {
            respond(out, 400, "text/html; charset=utf-8", "<!doctype html><title>400 Bad Request</title><h1>Bad Request</h1>"
                    + "<p>Empty or missing header(s): upgrade, connection, sec-websocket-key, sec-websocket-version</p>", null, false);
            return;
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key.strip() + WS_GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        // keep the channel a moment (read and drop client frames), then close it with 1001 "going away"
        long until = System.currentTimeMillis() + 2000;
        s.setSoTimeout(200);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < until) {
            try {
                int n = in.read(buf);
                if (n < 0) return;
                if (n > 0 && (buf[0] & 0x0f) == 0x8) break; // client close frame
            } catch (java.net.SocketTimeoutException e) {
                // nothing sent: keep waiting
            }
        }
        out.write(new byte[] {(byte) 0x88, 0x02, 0x03, (byte) 0xE9});
        out.flush();
    }

    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 303, "SEE OTHER", 400, "BAD REQUEST",
            404, "NOT FOUND", 405, "METHOD NOT ALLOWED", 500, "INTERNAL SERVER ERROR");

    private static void respond(OutputStream out, WebPages.Page page, boolean head) throws IOException {
        respond(out, page.status(), page.type(), page.body(), page.headers(), head);
    }

    private static void respond(OutputStream out, int status, String type, String body, Map<String, String> extra,
                                boolean head) throws IOException {
        respond(out, status, type, body.getBytes(StandardCharsets.UTF_8), extra, head);
    }

    private static void respond(OutputStream out, int status, String type, byte[] b, Map<String, String> extra,
                                boolean head) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(REASONS.getOrDefault(status, "OK"))
                .append("\r\nServer: Werkzeug/3.0.1 Python/3.12.3\r\nContent-Type: ").append(type)
                .append("\r\nContent-Length: ").append(b.length).append("\r\nConnection: close\r\n");
        if (extra != null) extra.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) out.write(b);
        out.flush();
    }
}
