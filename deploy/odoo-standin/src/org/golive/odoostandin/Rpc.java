package org.golive.odoostandin;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Odoo's external API where a pipeline uses it: XML-RPC {@code /xmlrpc/2/common} (version, login, authenticate:
 * the uid or False, never a fault, for a wrong password) and {@code /xmlrpc/2/object} execute_kw search /
 * search_count (every call checks uid and password again; AccessDenied is fault 3, a UserError fault 2, other
 * errors fault 1), and JSON-RPC {@code /web/session/authenticate} (AccessDenied as an "Odoo Server Error").
 */
final class Rpc {
    record Reply(String body, String cookie) {
    }

    /** An Odoo exception turned into an XML-RPC fault. */
    static final class Fault extends Exception {
        final int code;

        Fault(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private static final Set<String> OPERATORS = Set.of("=", "!=", "<", ">", "<=", ">=", "like", "ilike", "in", "not in");

    private final Config cfg;

    Rpc(Config cfg) {
        this.cfg = cfg;
    }

    String xmlrpc(String service, byte[] body) {
        try {
            Element call = parse(body);
            String method = text(child(call, "methodName"));
            List<Object> params = new ArrayList<>();
            Element ps = child(call, "params");
            if (ps != null) {
                for (Element p : children(ps, "param")) params.add(XmlValues.decode(child(p, "value")));
            }
            Object result = "common".equals(service) ? common(method, params) : object(method, params);
            return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n" + XmlValues.encode(result)
                    + "\n</param>\n</params>\n</methodResponse>\n";
        } catch (Fault f) {
            return "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n" + XmlValues.encode(Map.of("faultCode", f.code,
                    "faultString", f.getMessage())) + "\n</fault>\n</methodResponse>\n";
        } catch (Exception e) {
            return "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n" + XmlValues.encode(Map.of("faultCode", 1,
                    "faultString", String.valueOf(e.getMessage()))) + "\n</fault>\n</methodResponse>\n";
        }
    }

    private Object common(String method, List<Object> params) throws Fault, SQLException {
        switch (method) {
            case "version":
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("server_version", "18.0");
                v.put("server_version_info", List.of(18, 0, 0, "final", 0, ""));
                v.put("server_serie", "18.0");
                v.put("protocol_version", 1);
                return v;
            case "login":
            case "authenticate":
                if (params.size() < 3) throw new Fault(1, method + "() missing required positional arguments");
                int uid = authenticate(str(params.get(0)), str(params.get(1)), str(params.get(2)));
                return uid < 0 ? Boolean.FALSE : (Object) uid;
            default:
                throw new Fault(1, "'" + method + "' is not a method of the common service");
        }
    }

    private Object object(String method, List<Object> params) throws Fault, SQLException {
        if (!"execute_kw".equals(method) && !"execute".equals(method)) throw new Fault(1, "unknown method " + method);
        if (params.size() < 5) throw new Fault(1, method + "() missing required positional arguments");
        String db = str(params.get(0));
        requireDatabase(db);
        if (!(params.get(1) instanceof Integer uid)) throw new Fault(3, "Access Denied");
        try (Connection c = Registry.connect(cfg, db)) {
            if (!Users.check(c, uid, str(params.get(2)))) throw new Fault(3, "Access Denied");
            String model = str(params.get(3));
            String call = str(params.get(4));
            List<?> args = params.size() > 5 && params.get(5) instanceof List<?> l ? l : List.of();
            Object domain = args.isEmpty() ? List.of() : args.get(0);
            if (params.size() > 6 && params.get(6) instanceof Map<?, ?> kw && kw.containsKey("domain")) domain = kw.get("domain");
            String table = model.replace('.', '_');
            if (!model.matches("[a-z0-9_.]+") || !tableExists(c, table)) throw new Fault(2, "Object " + model + " doesn't exist");
            return switch (call) {
                case "search_count" -> search(c, model, table, domain, true).get(0);
                case "search" -> search(c, model, table, domain, false);
                default -> throw new Fault(1, "The method '" + call + "' does not exist on the model '" + model + "'");
            };
        }
    }

    private List<Integer> search(Connection c, String model, String table, Object domain, boolean count)
            throws Fault, SQLException {
        if (!(domain instanceof List<?> terms)) throw new Fault(1, "Invalid domain " + domain);
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> values = new ArrayList<>();
        boolean mentionsActive = false;
        for (Object term : terms) {
            if (!(term instanceof List<?> t) || t.size() != 3 || !OPERATORS.contains(str(t.get(1)))) {
                throw new Fault(1, "Invalid leaf " + term + " (the stand-in takes [field, operator, value] terms joined by AND)");
            }
            String field = str(t.get(0));
            if (!field.matches("[a-z0-9_]+") || !columnExists(c, table, field)) {
                throw new Fault(1, "Invalid field '" + field + "' on model '" + model + "'");
            }
            mentionsActive |= "active".equals(field);
            String op = str(t.get(1));
            if (op.endsWith("in")) {
                // compared as text, so one bound array fits integer and varchar columns alike
                List<?> list = t.get(2) instanceof List<?> l ? l : List.of(t.get(2));
                where.append(" AND ").append(field).append(op.equals("in") ? "::text = ANY (?)" : "::text <> ALL (?)");
                values.add(c.createArrayOf("varchar", list.stream().map(String::valueOf).toArray()));
            } else if (Boolean.FALSE.equals(t.get(2)) && (op.equals("=") || op.equals("!="))) {
                // Odoo: False stands for "not set" on any field, so = False is NULL (or false), != False is set
                where.append(op.equals("=") ? " AND (" + field + " IS NULL OR " + field + "::text = 'false')"
                        : " AND (" + field + " IS NOT NULL AND " + field + "::text <> 'false')");
            } else if (t.get(2) instanceof Number || t.get(2) instanceof Boolean) {
                where.append(" AND ").append(field).append(' ').append(op.replace("!=", "<>")).append(" ?");
                values.add(t.get(2));
            } else {
                where.append(" AND ").append(field).append("::text ").append(op.replace("ilike", "ILIKE").replace("!=", "<>"))
                        .append(" ?");
                values.add(op.endsWith("like") ? "%" + t.get(2) + "%" : String.valueOf(t.get(2)));
            }
        }
        if (!mentionsActive && columnExists(c, table, "active")) where.append(" AND active");
        String sql = count ? "SELECT count(*) FROM " + table + " WHERE " + where
                : "SELECT id FROM " + table + " WHERE " + where + " ORDER BY id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) ps.setObject(i + 1, values.get(i));
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getInt(1));
            }
            return ids;
        }
    }

    /** JSON-RPC /web/session/authenticate: params db, login, password. */
    Reply sessionAuthenticate(byte[] body) {
        String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        Matcher idm = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|-?\\d+|null)").matcher(json);
        String id = idm.find() ? idm.group(1) : "null";
        String db = jsonString(json, "db");
        String login = jsonString(json, "login");
        int uid;
        try {
            uid = authenticate(db, login, jsonString(json, "password"));
        } catch (Fault | SQLException e) {
            uid = -1;
        }
        if (uid < 0) {
            return new Reply("{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"error\": {\"code\": 200, \"message\": \"Odoo Server Error\","
                    + " \"data\": {\"name\": \"odoo.exceptions.AccessDenied\", \"debug\": \"\", \"message\": \"Access Denied\","
                    + " \"arguments\": [\"Access Denied\"], \"context\": {}}}}", null);
        }
        return new Reply("{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"result\": {\"uid\": " + uid + ", \"db\": \""
                + db.replace("\"", "") + "\", \"username\": \"" + login.replace("\"", "") + "\", \"server_version\": \"18.0\"}}",
                "session_id=standin" + Long.toHexString(System.nanoTime()) + "; HttpOnly; Path=/; SameSite=Lax");
    }

    private int authenticate(String db, String login, String password) throws Fault, SQLException {
        requireDatabase(db);
        try (Connection c = Registry.connect(cfg, db)) {
            int uid = Users.authenticate(c, login, password);
            Log.info(db, "odoo.addons.base.models.res_users", (uid < 0 ? "Login failed" : "Login successful")
                    + " for db:" + db + " login:" + login);
            return uid;
        }
    }

    private void requireDatabase(String db) throws Fault, SQLException {
        if (db == null || !Registry.isOdooDatabase(cfg, db)) {
            throw new Fault(1, "database \"" + db + "\" does not exist");
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "public." + table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean columnExists(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = ? AND column_name = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A top-level or nested "key": "value" of a small JSON body, with the common escapes. */
    static String jsonString(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) return null;
        String raw = m.group(1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch != '\\' || i + 1 >= raw.length()) {
                out.append(ch);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static Element parse(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        return d.getDocumentElement();
    }

    static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) return c;
        }
        return null;
    }

    static List<Element> children(Element e, String name) {
        List<Element> l = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && (name == null || c.getTagName().equals(name))) l.add(c);
        }
        return l;
    }

    static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }
}
