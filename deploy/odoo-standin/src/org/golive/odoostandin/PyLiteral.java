package org.golive.odoostandin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, tolerant parser for the Python literals found in {@code __manifest__.py}:
 * dicts, lists, tuples, (implicitly concatenated) strings, numbers, True/False/None and comments.
 * Unknown bare words parse as their text, so odd manifests still load.
 */
final class PyLiteral {
    private final String s;
    private int i;

    private PyLiteral(String s) {
        this.s = s;
    }

    /** Parses the first dict literal in {@code text}. */
    static Map<String, Object> parseDict(String text) {
        int start = text.indexOf('{');
        if (start < 0) {
            throw new IllegalArgumentException("no dict literal");
        }
        // skip a '{' that lives in a comment before the dict
        PyLiteral p = new PyLiteral(text);
        p.i = 0;
        p.ws();
        Object v = p.value();
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("manifest is not a dict");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (Character.isWhitespace(c) || c == '\\') {
                i++;
            } else {
                break;
            }
        }
    }

    private Object value() {
        ws();
        if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
        char c = s.charAt(i);
        if (c == '{') return dict();
        if (c == '[') return list(']');
        if (c == '(') return list(')');
        if (c == '\'' || c == '"' || ((c == 'u' || c == 'r' || c == 'b' || c == 'f') && i + 1 < s.length()
                && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"'))) {
            StringBuilder sb = new StringBuilder();
            while (true) {
                ws();
                if (i >= s.length()) break;
                char d = s.charAt(i);
                if ((d == 'u' || d == 'r' || d == 'b' || d == 'f') && i + 1 < s.length()
                        && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"')) {
                    i++;
                    d = s.charAt(i);
                }
                if (d != '\'' && d != '"') break;
                sb.append(string());
            }
            return sb.toString();
        }
        int st = i;
        while (i < s.length() && ",:]})#".indexOf(s.charAt(i)) < 0 && !Character.isWhitespace(s.charAt(i))) i++;
        String w = s.substring(st, i);
        switch (w) {
            case "True": return Boolean.TRUE;
            case "False": return Boolean.FALSE;
            case "None": return null;
            default:
                try {
                    return w.contains(".") ? (Object) Double.parseDouble(w) : (Object) Long.parseLong(w);
                } catch (NumberFormatException e) {
                    return w;
                }
        }
    }

    private String string() {
        char q = s.charAt(i);
        boolean triple = s.startsWith("" + q + q + q, i);
        i += triple ? 3 : 1;
        StringBuilder sb = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (triple ? s.startsWith("" + q + q + q, i) : c == q) {
                i += triple ? 3 : 1;
                return sb.toString();
            }
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                i += 2;
                switch (n) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case '\n': break;
                    default: sb.append(n);
                }
                continue;
            }
            sb.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated string");
    }

    private Map<String, Object> dict() {
        i++; // {
        Map<String, Object> m = new LinkedHashMap<>();
        while (true) {
            ws();
            if (i >= s.length()) throw new IllegalArgumentException("unterminated dict");
            if (s.charAt(i) == '}') { i++; return m; }
            Object k = value();
            ws();
            if (i >= s.length() || s.charAt(i) != ':') throw new IllegalArgumentException("expected ':' at " + i);
            i++;
            Object v = value();
            m.put(String.valueOf(k), v);
            ws();
            if (i < s.length() && s.charAt(i) == ',') i++;
        }
    }

    private List<Object> list(char close) {
        i++;
        List<Object> l = new ArrayList<>();
        while (true) {
            ws();
            if (i >= s.length()) throw new IllegalArgumentException("unterminated list");
            if (s.charAt(i) == close) { i++; return l; }
            l.add(value());
            ws();
            if (i < s.length() && s.charAt(i) == ',') i++;
        }
    }
}
