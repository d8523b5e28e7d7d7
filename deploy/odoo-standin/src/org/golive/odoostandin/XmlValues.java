package org.golive.odoostandin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;

/** XML-RPC values as Python's xmlrpc.client marshals them (Odoo answers with allow_none, so nil too). */
final class XmlValues {
    private XmlValues() {
    }

    static Object decode(Element value) {
        if (value == null) return null;
        List<Element> typed = Rpc.children(value, null);
        if (typed.isEmpty()) return value.getTextContent();
        Element t = typed.get(0);
        String text = t.getTextContent().strip();
        switch (t.getTagName()) {
            case "string":
                return t.getTextContent();
            case "int":
            case "i4":
            case "i8":
                return Integer.valueOf(text);
            case "boolean":
                return "1".equals(text);
            case "double":
                return Double.valueOf(text);
            case "nil":
                return null;
            case "array": {
                List<Object> l = new ArrayList<>();
                Element data = Rpc.child(t, "data");
                if (data != null) for (Element v : Rpc.children(data, "value")) l.add(decode(v));
                return l;
            }
            case "struct": {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Element member : Rpc.children(t, "member")) {
                    m.put(Rpc.text(Rpc.child(member, "name")), decode(Rpc.child(member, "value")));
                }
                return m;
            }
            default:
                return text;
        }
    }

    static String encode(Object o) {
        StringBuilder b = new StringBuilder("<value>");
        if (o == null) {
            b.append("<nil/>");
        } else if (o instanceof Boolean bool) {
            b.append("<boolean>").append(bool ? 1 : 0).append("</boolean>");
        } else if (o instanceof Integer || o instanceof Long) {
            b.append("<int>").append(o).append("</int>");
        } else if (o instanceof Double) {
            b.append("<double>").append(o).append("</double>");
        } else if (o instanceof List<?> l) {
            b.append("<array><data>\n");
            for (Object e : l) b.append(encode(e)).append('\n');
            b.append("</data></array>");
        } else if (o instanceof Map<?, ?> m) {
            b.append("<struct>\n");
            m.forEach((k, v) -> b.append("<member>\n<name>").append(esc(String.valueOf(k))).append("</name>\n")
                    .append(encode(v)).append("\n</member>\n"));
            b.append("</struct>");
        } else {
            b.append("<string>").append(esc(String.valueOf(o))).append("</string>");
        }
        return b.append("</value>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

}
