package org.golive.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Odoo {@code __manifest__.py}: one Python dict literal (Odoo itself reads it with {@code ast.literal_eval}).
 * Only literals: dicts with string keys, lists, tuples, strings (quotes, triple quotes, r/u/b prefixes, escapes,
 * adjacent strings joined), numbers, True, False, None; comments and blank lines around them. Anything else (a name,
 * a call, an operator) is refused with the line it is on, as {@code literal_eval} refuses it: golive never runs code.
 */
public final class PythonLiteral {

    /** Text that is not a Python literal; the message names the line. */
    public static final class NotALiteralException extends Exception {
        NotALiteralException(String message) {
            super(message);
        }
    }

    private final String s;
    private int i;

    private PythonLiteral(String text) {
        this.s = text;
    }

    /** The manifest's dict: string keys to String, Long, Double, Boolean, List or Map values (None is null). */
    public static Map<String, Object> parseDict(String text) throws NotALiteralException {
        PythonLiteral parser = new PythonLiteral(text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text);
        parser.skip();
        if (parser.i >= parser.s.length() || parser.s.charAt(parser.i) != '{') {
            throw parser.error("expected a dict literal '{'");
        }
        Object value = parser.value();
        parser.skip();
        if (parser.i < parser.s.length()) {
            throw parser.error("unexpected text after the dict");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = (Map<String, Object>) value;
        return dict;
    }

    private Object value() throws NotALiteralException {
        skip();
        if (i >= s.length()) {
            throw error("unexpected end of text");
        }
        char c = s.charAt(i);
        if (c == '{') {
            return dict();
        }
        if (c == '[' || c == '(') {
            return sequence(c);
        }
        if (c == '"' || c == '\'' || (isPrefix(c) && stringFollows())) {
            StringBuilder joined = new StringBuilder(string());
            skip();
            while (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'' || (isPrefix(s.charAt(i)) && stringFollows()))) {
                joined.append(string());
                skip();
            }
            return joined.toString();
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        String word = s.substring(start, i);
        return switch (word) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> {
                i = start;
                throw error(word.isEmpty() ? "unexpected '" + c + "'" : "'" + word + "' is not a literal");
            }
        };
    }

    private Map<String, Object> dict() throws NotALiteralException {
        Map<String, Object> dict = new LinkedHashMap<>();
        i++;
        while (true) {
            skip();
            if (peek('}')) {
                i++;
                return dict;
            }
            Object key = value();
            if (!(key instanceof String name)) {
                throw error("a manifest key must be a string, was " + key);
            }
            skip();
            expect(':');
            dict.put(name, value());
            skip();
            if (peek(',')) {
                i++;
            } else if (!peek('}')) {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object sequence(char open) throws NotALiteralException {
        char close = open == '[' ? ']' : ')';
        List<Object> items = new ArrayList<>();
        boolean comma = false;
        i++;
        while (true) {
            skip();
            if (peek(close)) {
                i++;
                // (x) is x, (x,) and [x] are sequences
                return open == '(' && items.size() == 1 && !comma ? items.get(0) : items;
            }
            items.add(value());
            skip();
            if (peek(',')) {
                i++;
                comma = true;
            } else if (!peek(close)) {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private boolean isPrefix(char c) {
        return "rRuUbB".indexOf(c) >= 0;
    }

    private boolean stringFollows() {
        int j = i;
        while (j < s.length() && j < i + 2 && isPrefix(s.charAt(j))) {
            j++;
        }
        return j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'');
    }

    private String string() throws NotALiteralException {
        boolean raw = false;
        while (isPrefix(s.charAt(i))) {
            raw |= s.charAt(i) == 'r' || s.charAt(i) == 'R';
            i++;
        }
        char quote = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(quote).repeat(3), i);
        i += triple ? 3 : 1;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i);
            if (triple ? s.startsWith(String.valueOf(quote).repeat(3), i) : c == quote) {
                i += triple ? 3 : 1;
                return out.toString();
            }
            if (c == '\n' && !triple) {
                throw error("unterminated string");
            }
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                i += 2;
                if (raw) {
                    out.append('\\').append(e);
                    continue;
                }
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '0' -> out.append('\0');
                    case '\n' -> { }
                    case 'x' -> out.append((char) hex(2));
                    case 'u' -> out.append((char) hex(4));
                    case '\\', '\'', '"' -> out.append(e);
                    default -> out.append('\\').append(e);
                }
                continue;
            }
            out.append(c);
            i++;
        }
    }

    private int hex(int digits) throws NotALiteralException {
        if (i + digits > s.length()) {
            throw error("truncated escape");
        }
        try {
            int value = Integer.parseInt(s.substring(i, i + digits), 16);
            i += digits;
            return value;
        } catch (NumberFormatException e) {
            throw error("bad escape");
        }
    }

    private Object number() throws NotALiteralException {
        int start = i;
        if (peek('-') || peek('+')) {
            i++;
        }
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
            i++;
        }
        String text = s.substring(start, i).replace("_", "");
        try {
            return text.contains(".") || text.contains("e") || text.contains("E") ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
        } catch (NumberFormatException e) {
            i = start;
            throw error("'" + text + "' is not a number");
        }
    }

    private void skip() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c) || (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n')) {
                i++;
            } else {
                return;
            }
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) throws NotALiteralException {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    private NotALiteralException error(String what) {
        int line = 1;
        for (int j = 0; j < Math.min(i, s.length()); j++) {
            if (s.charAt(j) == '\n') {
                line++;
            }
        }
        return new NotALiteralException(what + " (line " + line + ")");
    }
}
