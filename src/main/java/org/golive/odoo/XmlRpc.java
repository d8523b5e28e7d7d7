package org.golive.odoo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The XML-RPC encoding (xmlrpc.com spec) for the values Odoo's external API exchanges: int, boolean, string,
 * double, nil (Odoo marshals with allow_none), array, struct, and dateTime/base64 read as text/bytes. Small on
 * purpose: Apache XML-RPC, the usual library, has been unmaintained since 2013.
 */
public final class XmlRpc {

    /** An XML-RPC fault answer: Odoo raised an exception (3 = AccessDenied, 2 = UserError, 1 = any other). */
    public static final class Fault extends RuntimeException {
        private final int code;

        public Fault(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private XmlRpc() {
    }

    public static String request(String method, List<?> params) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<methodCall><methodName>").append(escape(method))
                .append("</methodName><params>");
        for (Object param : params) {
            xml.append("<param>");
            value(xml, param);
            xml.append("</param>");
        }
        return xml.append("</params></methodCall>").toString();
    }

    /** The response's one value; a fault answer throws {@link Fault}; a body that is no XML-RPC answer, IOException. */
    public static Object response(byte[] body) throws IOException {
        Element root = parse(body);
        if (!"methodResponse".equals(root.getTagName())) {
            throw new IOException("not an XML-RPC response: <" + root.getTagName() + ">");
        }
        Element fault = child(root, "fault");
        if (fault != null) {
            Object detail = decode(child(fault, "value"));
            if (detail instanceof Map<?, ?> map) {
                Object code = map.get("faultCode");
                throw new Fault(code instanceof Number n ? n.intValue() : 1, String.valueOf(map.get("faultString")));
            }
            throw new Fault(1, String.valueOf(detail));
        }
        Element params = child(root, "params");
        Element param = params == null ? null : child(params, "param");
        if (param == null) {
            throw new IOException("XML-RPC response without a value");
        }
        return decode(child(param, "value"));
    }

    private static void value(StringBuilder xml, Object value) {
        xml.append("<value>");
        if (value == null) {
            xml.append("<nil/>");
        } else if (value instanceof Boolean b) {
            xml.append("<boolean>").append(b ? 1 : 0).append("</boolean>");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            xml.append("<int>").append(value).append("</int>");
        } else if (value instanceof Number n) {
            xml.append("<double>").append(n.doubleValue()).append("</double>");
        } else if (value instanceof List<?> list) {
            xml.append("<array><data>");
            list.forEach(item -> value(xml, item));
            xml.append("</data></array>");
        } else if (value instanceof Map<?, ?> map) {
            xml.append("<struct>");
            map.forEach((k, v) -> {
                xml.append("<member><name>").append(escape(String.valueOf(k))).append("</name>");
                value(xml, v);
                xml.append("</member>");
            });
            xml.append("</struct>");
        } else if (value instanceof byte[] bytes) {
            xml.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
        } else {
            xml.append("<string>").append(escape(value.toString())).append("</string>");
        }
        xml.append("</value>");
    }

    static Object decode(Element value) throws IOException {
        if (value == null) {
            throw new IOException("XML-RPC <value> missing");
        }
        Element typed = firstElement(value);
        if (typed == null) {
            return value.getTextContent();
        }
        String text = typed.getTextContent().strip();
        try {
            return switch (typed.getTagName()) {
                case "string" -> typed.getTextContent();
                case "int", "i4" -> Integer.valueOf(text);
                case "i8" -> Long.valueOf(text);
                case "boolean" -> "1".equals(text);
                case "double" -> Double.valueOf(text);
                case "nil" -> null;
                case "dateTime.iso8601" -> text;
                case "base64" -> Base64.getMimeDecoder().decode(text);
                case "array" -> array(typed);
                case "struct" -> struct(typed);
                default -> throw new IOException("unknown XML-RPC type <" + typed.getTagName() + ">");
            };
        } catch (IllegalArgumentException e) {
            throw new IOException("bad XML-RPC <" + typed.getTagName() + ">: " + text, e);
        }
    }

    private static List<Object> array(Element array) throws IOException {
        List<Object> items = new ArrayList<>();
        Element data = child(array, "data");
        for (Node n = data == null ? null : data.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "value".equals(e.getTagName())) {
                items.add(decode(e));
            }
        }
        return items;
    }

    private static Map<String, Object> struct(Element struct) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        for (Node n = struct.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element member && "member".equals(member.getTagName())) {
                Element name = child(member, "name");
                members.put(name == null ? "" : name.getTextContent(), decode(child(member, "value")));
            }
        }
        return members;
    }

    private static Element parse(byte[] body) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // an answer is data, never a reason to fetch or expand anything
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not an XML-RPC answer: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
