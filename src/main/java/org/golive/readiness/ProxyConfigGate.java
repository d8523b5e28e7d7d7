package org.golive.readiness;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.golive.config.GoliveProperties.Maintenance;
import org.golive.config.GoliveProperties.Ssh;
import org.golive.readiness.EdgeProperties.Edge;
import org.golive.readiness.EdgeProperties.Proxy;
import org.golive.readiness.NginxConfig.Directive;
import org.golive.remote.SshCommands;
import org.springframework.stereotype.Component;

/**
 * The reverse proxy's side of the 502 causes (checklist 001 §7.2, Networking of 000): reads the configuration nginx
 * actually loaded ({@code nginx -T} over SSH) and checks that {@code /websocket} goes to Odoo's gevent port with the
 * upgrade headers, that {@code proxy_read_timeout} outlasts Odoo's {@code limit_time_real}, that uploads may be as
 * large as configured, and that requests are rate-limited. Reads only; changes nothing on the proxy.
 */
@Component
public class ProxyConfigGate {

    private static final Pattern WEBSOCKET = Pattern.compile("\\^?/websocket\\b.*");

    private final EdgeProperties properties;
    private final SshCommands commands;

    public ProxyConfigGate(EdgeProperties properties, SshCommands commands) {
        this.properties = properties;
        this.commands = commands;
    }

    public GateResult check(GateRequest request) {
        String environment = request.environment().name();
        Edge edge = properties.environments().get(environment);
        Proxy proxy = edge == null ? null : edge.proxy();
        if (proxy == null) {
            return GateResult.inconclusive("not configured: no golive.edge.environments." + environment
                    + ".proxy, so websocket routing, read timeout, upload limit and rate limit are unchecked", Map.of("checked", false));
        }
        Maintenance maintenance = request.environment().settings().maintenance();
        Ssh ssh = proxy.ssh() != null ? proxy.ssh() : maintenance == null ? null : maintenance.ssh();
        if (ssh == null) {
            return GateResult.inconclusive("no SSH login to the proxy of " + environment
                    + ": set its edge proxy.ssh or maintenance.ssh", Map.of());
        }
        SshCommands.Result result = commands.run(ssh, proxy.command());
        Findings findings = new Findings();
        findings.facts.put("proxyHost", ssh.host());
        findings.facts.put("command", String.join(" ", proxy.command()));
        findings.facts.put("exitCode", result.exitCode());
        if (result.exitCode() == 127) {
            return GateResult.inconclusive(proxy.command().get(0) + " not found on " + ssh.host(), findings.facts);
        }
        if (result.exitCode() != 0) {
            return GateResult.fail("the proxy's configuration does not load (" + String.join(" ", proxy.command()) + " exited "
                    + result.exitCode() + "): " + lastLine(result.stderr()), findings.facts);
        }
        NginxConfig config = NginxConfig.parse(result.stdout());
        List<Directive> odooLocations = config.all("location").stream().filter(l -> l.inherited("proxy_pass").isPresent()
                && l.children().stream().anyMatch(c -> c.name().equals("proxy_pass"))).toList();
        if (odooLocations.isEmpty()) {
            return GateResult.fail("no location with proxy_pass: the proxy does not forward to Odoo", findings.facts);
        }
        websocket(config, odooLocations, proxy, findings);
        List<Directive> http = odooLocations.stream().filter(l -> !isWebsocket(l)).toList();
        timeouts(http, proxy, findings);
        uploads(http, proxy, findings);
        rateLimit(config, odooLocations, proxy, findings);
        return findings.result("proxy of " + environment + " as required: /websocket to port " + proxy.geventPort()
                + ", read timeout, upload limit" + (proxy.requireLimitReq() ? ", rate limit" : ""));
    }

    private static boolean isWebsocket(Directive location) {
        return location.args().stream().anyMatch(a -> WEBSOCKET.matcher(a).matches());
    }

    private void websocket(NginxConfig config, List<Directive> locations, Proxy proxy, Findings findings) {
        Optional<Directive> websocket = locations.stream().filter(ProxyConfigGate::isWebsocket).findFirst();
        if (websocket.isEmpty()) {
            findings.fail("no location for /websocket: websocket requests reach the HTTP workers instead of port " + proxy.geventPort());
            return;
        }
        String target = websocket.get().inherited("proxy_pass").orElseThrow();
        List<Integer> ports = ports(config, target);
        findings.facts.put("websocketProxyPass", target);
        findings.facts.put("websocketPorts", ports.toString());
        findings.require(!ports.isEmpty() && ports.stream().allMatch(p -> p == proxy.geventPort()), "websocket",
                "/websocket goes to " + target + " (ports " + ports + "), not to the gevent port " + proxy.geventPort());
        boolean upgrade = websocket.get().children().stream().anyMatch(d -> d.name().equals("proxy_set_header")
                && !d.args().isEmpty() && d.args().get(0).equalsIgnoreCase("Upgrade"));
        findings.require(upgrade, "websocketUpgrade", "/websocket does not pass the Upgrade header (proxy_set_header Upgrade $http_upgrade)");
    }

    /** The ports a proxy_pass reaches: its own, or those of the upstream it names. */
    private static List<Integer> ports(NginxConfig config, String proxyPass) {
        URI uri = URI.create(proxyPass.replace("$", "%24"));
        if (uri.getPort() > 0) {
            return List.of(uri.getPort());
        }
        List<Integer> ports = new ArrayList<>();
        config.all("upstream").stream().filter(u -> u.args().contains(uri.getHost())).forEach(u -> u.children().stream()
                .filter(s -> s.name().equals("server") && !s.args().isEmpty()).forEach(s -> {
                    String address = s.args().get(0);
                    int colon = address.lastIndexOf(':');
                    ports.add(colon < 0 ? 80 : Integer.parseInt(address.substring(colon + 1)));
                }));
        return ports;
    }

    private void timeouts(List<Directive> locations, Proxy proxy, Findings findings) {
        List<String> short_ = new ArrayList<>();
        for (Directive location : locations) {
            // nginx's default when nothing sets it
            long seconds = NginxConfig.seconds(location.inherited("proxy_read_timeout").orElse("60s"));
            if (seconds < proxy.limitTimeReal().toSeconds()) {
                short_.add(location.describe() + " " + seconds + " s");
            }
        }
        findings.facts.put("limitTimeRealSeconds", proxy.limitTimeReal().toSeconds());
        findings.require(short_.isEmpty(), "readTimeout", "proxy_read_timeout below Odoo's limit_time_real ("
                + proxy.limitTimeReal().toSeconds() + " s), long requests end in 504: " + String.join(", ", short_));
    }

    private void uploads(List<Directive> locations, Proxy proxy, Findings findings) {
        List<String> small = new ArrayList<>();
        for (Directive location : locations) {
            long limit = NginxConfig.bytes(location.inherited("client_max_body_size").orElse("1m"));
            // 0 turns nginx's limit off
            if (limit != 0 && limit < proxy.minClientMaxBodySize().toBytes()) {
                small.add(location.describe() + " " + megabytes(limit));
            }
        }
        findings.require(small.isEmpty(), "uploadLimit", "client_max_body_size below " + megabytes(proxy.minClientMaxBodySize().toBytes())
                + ", larger attachments are refused with 413: " + String.join(", ", small));
    }

    private void rateLimit(NginxConfig config, List<Directive> locations, Proxy proxy, Findings findings) {
        if (!proxy.requireLimitReq()) {
            return;
        }
        boolean zone = !config.all("limit_req_zone").isEmpty();
        boolean applied = locations.stream().anyMatch(l -> l.inherited("limit_req").isPresent());
        findings.require(zone && applied, "rateLimit", zone ? "a limit_req_zone is defined but no limit_req applies to Odoo's locations"
                : "no rate limiting: no limit_req_zone in the proxy's configuration");
    }

    private static String megabytes(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
