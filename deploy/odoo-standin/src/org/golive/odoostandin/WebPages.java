package org.golive.odoostandin;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The login page as Odoo 17/18 renders it (web.login_layout: favicon, web.assets_frontend CSS, the minimal and lazy
 * JS bundles under /web/assets/, the CSRF token in odoo.csrf_token and the form), the bundles and the favicon it
 * references, and POST /web/login with Odoo's CSRF rule: a POST (an unsafe method) whose csrf_token is missing or
 * not the session's answers 400 "Session expired (invalid CSRF token)" before the controller runs (odoo/http.py,
 * HttpDispatcher.dispatch). Tokens are built as Request.csrf_token does: hmac-sha1(secret, sid + max_ts) 'o' max_ts.
 * <p>Test hooks (files under data_dir/standin-hooks, read on every request, as STANDIN_FAIL_INSTALL marks a module):
 * {@code broken-asset} holds a bundle name (e.g. web.assets_frontend_lazy) that then answers 500, as a corrupt bundle
 * attachment does; {@code login-csrf-off} makes /web/login accept a POST without a token, as an addon that overrides
 * the route with csrf=False would.
 */
final class WebPages {

    /** One answer for Http to write. */
    record Page(int status, String type, byte[] body, Map<String, String> headers) {
        static Page html(int status, String body, Map<String, String> headers) {
            return new Page(status, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    static final String[] BUNDLES = {"web.assets_frontend.min.css", "web.assets_frontend_minimal.min.js", "web.assets_frontend_lazy.min.js"};
    private static final long CSRF_LIFETIME = 60L * 60 * 24 * 365;

    private final Config cfg;
    private final byte[] secret = new byte[32];
    private final String unique;

    WebPages(Config cfg) {
        this.cfg = cfg;
        new SecureRandom().nextBytes(secret);
        try {
            // the bundles' version hash: fixed for one set of addons, as Odoo's checksum of the bundle's files is
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(String.valueOf(cfg.get("addons_path", "")).getBytes(StandardCharsets.UTF_8));
            unique = HexFormat.of().formatHex(digest).substring(0, 7);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Page loginPage(String db, String sid, String error) {
        String token = csrfToken(sid);
        String body = "<!DOCTYPE html>\n<html lang=\"en-US\"><head>\n<meta charset=\"utf-8\"/>\n"
                + "<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\"/>\n<title>Odoo</title>\n"
                + "<link type=\"image/x-icon\" rel=\"shortcut icon\" href=\"/web/static/img/favicon.ico\"/>\n"
                + "<script id=\"web.layout.odooscript\" type=\"text/javascript\">\n    var odoo = {\n        csrf_token: \"" + token
                + "\",\n        debug: \"\",\n    };\n</script>\n"
                + "<link type=\"text/css\" rel=\"stylesheet\" href=\"/web/assets/1/" + unique + "/" + BUNDLES[0] + "\"/>\n"
                + "<script type=\"text/javascript\" src=\"/web/assets/1/" + unique + "/" + BUNDLES[1] + "\" onerror=\"__odooAssetError=1\"></script>\n"
                + "<script type=\"text/javascript\" data-src=\"/web/assets/1/" + unique + "/" + BUNDLES[2] + "\" onerror=\"__odooAssetError=1\"></script>\n"
                + "</head>\n<body class=\"bg-100\">\n"
                + "<div class=\"container\"><form class=\"oe_login_form\" role=\"form\" method=\"post\" action=\"/web/login\">\n"
                + "<input type=\"hidden\" name=\"csrf_token\" value=\"" + token + "\"/>\n"
                + "<div class=\"mb-3 field-db\"><label for=\"db\">Database</label><input type=\"text\" name=\"db\" value=\""
                + esc(db) + "\" readonly=\"readonly\"/></div>\n"
                + "<div class=\"mb-3 field-login\"><label for=\"login\">Email</label><input type=\"text\" name=\"login\" id=\"login\"/></div>\n"
                + "<div class=\"mb-3\"><label for=\"password\">Password</label><input type=\"password\" name=\"password\" id=\"password\"/></div>\n"
                + (error == null ? "" : "<p class=\"alert alert-danger\" role=\"alert\">" + esc(error) + "</p>\n")
                + "<button type=\"submit\" class=\"btn btn-primary\">Log in</button>\n</form></div>\n"
                + "<a href=\"https://www.odoo.com?utm_source=db&amp;utm_medium=auth\">Powered by Odoo</a>\n</body></html>\n";
        return Page.html(200, body, Map.of("Set-Cookie", "session_id=" + sid + "; HttpOnly; Path=/; SameSite=Lax"));
    }

    /** POST /web/login: the CSRF rule first (Odoo's dispatcher), then the credentials. */
    Page postLogin(String db, String sid, byte[] body) {
        Map<String, String> form = form(body);
        if (!hook("login-csrf-off") && !validCsrf(sid, form.get("csrf_token"))) {
            Log.warn(db, "odoo.http", "CSRF validation failed on path '/web/login'");
            return Page.html(400, "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n"
                    + "<p>Session expired (invalid CSRF token)</p>\n", null);
        }
        String database = form.getOrDefault("db", db);
        int uid = -1;
        if (database != null) {
            try (Connection c = Registry.connect(cfg, database)) {
                uid = Users.authenticate(c, form.get("login"), form.get("password"));
            } catch (SQLException e) {
                uid = -1;
            }
        }
        if (uid < 0) {
            return loginPage(database == null ? "" : database, sid == null ? newSid() : sid, "Wrong login/password");
        }
        String fresh = newSid();
        return Page.html(303, "<!doctype html>\n<title>Redirecting...</title>\n<a href=\"/odoo\">/odoo</a>\n",
                Map.of("Location", "/odoo", "Set-Cookie", "session_id=" + fresh + "; HttpOnly; Path=/; SameSite=Lax"));
    }

    /** A /web/assets/... bundle or /web/static/img/favicon.ico; null when the path is neither. */
    Page asset(String path) {
        if (path.equals("/web/static/img/favicon.ico")) {
            byte[] ico = {0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 4, 0, 0, 22, 0, 0, 0};
            return new Page(200, "image/vnd.microsoft.icon", ico, Map.of("Cache-Control", "public, max-age=604800"));
        }
        if (!path.startsWith("/web/assets/")) {
            return null;
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        for (String bundle : BUNDLES) {
            if (file.equals(bundle)) {
                String broken = hookText("broken-asset");
                if (broken != null && !broken.isBlank() && file.startsWith(broken.strip() + ".")) {
                    return Page.html(500, "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
                            + "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete "
                            + "your request.</p>\n", null);
                }
                boolean css = file.endsWith(".css");
                String content = css ? "/* " + file + " */\n.o_web_client{height:100%}\n"
                        : "/* " + file + " */\nodoo.define=odoo.define||function(){};\n";
                return new Page(200, css ? "text/css; charset=utf-8" : "application/javascript; charset=utf-8",
                        content.getBytes(StandardCharsets.UTF_8), Map.of("Cache-Control", "public, immutable, max-age=31536000"));
            }
        }
        return Page.html(404, "<!DOCTYPE html><title>404 Not Found</title><h1>Not Found</h1>", null);
    }

    static String newSid() {
        byte[] b = new byte[21];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The session id of the request's cookie, or null. */
    static String sid(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.strip();
            if (p.startsWith("session_id=") && p.length() > "session_id=".length()) {
                return p.substring("session_id=".length());
            }
        }
        return null;
    }

    private String csrfToken(String sid) {
        long maxTs = System.currentTimeMillis() / 1000 + CSRF_LIFETIME;
        return hmac(sid + maxTs) + "o" + maxTs;
    }

    private boolean validCsrf(String sid, String token) {
        if (sid == null || token == null || token.isEmpty()) {
            return false;
        }
        int o = token.lastIndexOf('o');
        if (o < 0) {
            return false;
        }
        String maxTs = token.substring(o + 1);
        try {
            if (Long.parseLong(maxTs) < System.currentTimeMillis() / 1000) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(sid + maxTs).getBytes(StandardCharsets.US_ASCII),
                token.substring(0, o).getBytes(StandardCharsets.US_ASCII));
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean hook(String name) {
        return Files.exists(Path.of(cfg.dataDir(), "standin-hooks", name));
    }

    private String hookText(String name) {
        try {
            Path file = Path.of(cfg.dataDir(), "standin-hooks", name);
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String kv : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            form.put(URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
