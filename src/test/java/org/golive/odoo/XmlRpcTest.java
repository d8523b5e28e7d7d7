package org.golive.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class XmlRpcTest {

    private static Object answer(String xml) throws IOException {
        return XmlRpc.response(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRequestEncodesEveryTypeOdooTakes() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("limit", 5);
        String xml = XmlRpc.request("execute_kw", List.of("db<1>", 2, true, 1.5, List.of(List.of("name", "=", "a&b")), kwargs));
        assertThat(xml).contains("<methodName>execute_kw</methodName>")
                .contains("<value><string>db&lt;1&gt;</string></value>").contains("<value><int>2</int></value>")
                .contains("<value><boolean>1</boolean></value>").contains("<value><double>1.5</double></value>")
                .contains("<array><data><value><array><data><value><string>name</string></value>")
                .contains("<string>a&amp;b</string>")
                .contains("<struct><member><name>limit</name><value><int>5</int></value></member></struct>");
    }

    @Test
    void anAuthenticateAnswerIsTheUidOrFalse() throws IOException {
        assertThat(answer("<?xml version='1.0'?><methodResponse><params><param><value><int>2</int></value></param></params></methodResponse>"))
                .isEqualTo(2);
        assertThat(answer("<methodResponse><params><param><value><boolean>0</boolean></value></param></params></methodResponse>"))
                .isEqualTo(false);
    }

    @Test
    void structsArraysNilAndUntypedStringsAreDecoded() throws IOException {
        Object value = answer("<methodResponse><params><param><value><struct>"
                + "<member><name>server_version</name><value><string>18.0</string></value></member>"
                + "<member><name>info</name><value><array><data><value><i4>18</i4></value><value>final</value>"
                + "<value><nil/></value></data></array></value></member>"
                + "</struct></value></param></params></methodResponse>");
        assertThat(value).isEqualTo(Map.of("server_version", "18.0", "info", java.util.Arrays.asList(18, "final", null)));
    }

    @Test
    void aFaultThrowsItsCodeAndMessage() {
        assertThatThrownBy(() -> answer("<methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>3</int></value></member>"
                + "<member><name>faultString</name><value><string>Access Denied</string></value></member>"
                + "</struct></value></fault></methodResponse>"))
                .isInstanceOfSatisfying(XmlRpc.Fault.class, f -> assertThat(f.code()).isEqualTo(3))
                .hasMessage("Access Denied");
    }

    @Test
    void anHtmlPageOrADoctypeIsNoAnswer() {
        assertThatThrownBy(() -> answer("<html><body>404</body></html>")).isInstanceOf(IOException.class)
                .hasMessageContaining("not an XML-RPC response");
        assertThatThrownBy(() -> answer("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><methodResponse>&e;</methodResponse>"))
                .isInstanceOf(IOException.class);
    }
}
