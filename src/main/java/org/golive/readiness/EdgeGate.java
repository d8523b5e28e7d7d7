package org.golive.readiness;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.golive.readiness.EdgeProperties.Edge;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What users meet before Odoo (checklists 000 Production Environment, Networking and Security, 001 §2): the public
 * host resolves to the agreed addresses, its certificate is trusted and far from expiry, plain HTTP redirects to
 * HTTPS, the login page carries HSTS, framing and sniffing protection, the session cookie is Secure, HttpOnly and
 * SameSite, and no foreign origin may read responses (CORS). Reads only public pages and sends no credentials.
 */
@Component
public class EdgeGate {

    /** An origin no real site has: a CORS policy that lets it read responses lets everyone. */
    static final String FOREIGN_ORIGIN = "https://golive-cors-probe.invalid";
    private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*\"?(\\d+)", Pattern.CASE_INSENSITIVE);

    private final EdgeProperties properties;
    private final Clock clock;

    @Autowired
    public EdgeGate(EdgeProperties properties) {
        this(properties, Clock.systemUTC());
    }

    EdgeGate(EdgeProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public GateResult check(GateRequest request) {
        Edge edge = properties.environments().get(request.environment().name());
        if (edge == null) {
            // nothing checked is not a pass: the lead decides on it in the gate review, by name and with a reason
            return GateResult.inconclusive("not configured: no golive.edge.environments." + request.environment().name()
                    + ".public-url, so DNS, certificate, redirect, headers, cookie and CORS are unchecked", Map.of("checked", false));
        }
        Findings findings = new Findings();
        findings.facts.put("publicUrl", edge.publicUrl().toString());
        resolve(edge, findings);
        TlsInspection.Outcome tls;
        try {
            tls = TlsInspection.inspect(edge.publicUrl(), edge.caFile(), edge.timeout());
        } catch (IOException e) {
            return GateResult.inconclusive("cannot reach " + edge.publicUrl() + ": " + e.getMessage(), findings.facts);
        }
        certificate(edge, tls, findings);
        HttpClient client = HttpClient.newBuilder().sslContext(TlsInspection.context(edge.caFile()))
                .connectTimeout(edge.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        if (tls.trusted()) {
            loginPage(edge, client, findings);
        } else {
            findings.unknown("headers, cookie and CORS not read: the certificate is refused");
        }
        redirect(edge, client, findings);
        return findings.result("edge of " + edge.publicUrl().getHost() + " as required: DNS, certificate ("
                + findings.facts.get("certificateDaysLeft") + " days left), redirect, headers, cookie, CORS");
    }

    private void resolve(Edge edge, Findings findings) {
        String host = edge.publicUrl().getHost();
        try {
            Set<String> addresses = new TreeSet<>();
            for (InetAddress address : InetAddress.getAllByName(host)) {
                addresses.add(address.getHostAddress());
            }
            findings.facts.put("dnsAddresses", String.join(", ", addresses));
            if (edge.expectedAddresses().isEmpty()) {
                findings.pass("dns");
                return;
            }
            Set<String> expected = new TreeSet<>();
            for (String address : edge.expectedAddresses()) {
                expected.add(InetAddress.getByName(address.strip()).getHostAddress());
            }
            findings.facts.put("dnsExpected", String.join(", ", expected));
            Set<String> stray = new TreeSet<>(addresses);
            stray.removeAll(expected);
            findings.require(stray.isEmpty(), "dns", host + " resolves to " + stray + ", not among the expected " + expected);
        } catch (UnknownHostException e) {
            findings.fail(host + " does not resolve: " + e.getMessage());
        }
    }

    private void certificate(Edge edge, TlsInspection.Outcome tls, Findings findings) {
        X509Certificate leaf = tls.leaf();
        if (leaf != null) {
            findings.facts.put("certificateSubject", leaf.getSubjectX500Principal().getName());
            findings.facts.put("certificateIssuer", leaf.getIssuerX500Principal().getName());
            findings.facts.put("certificateNotAfter", leaf.getNotAfter().toInstant().toString());
            findings.facts.put("certificateDaysLeft", TlsInspection.daysLeft(leaf, clock.instant()));
        }
        if (!tls.trusted()) {
            findings.fail(tls.problem());
            return;
        }
        findings.facts.put("tlsProtocol", tls.protocol());
        long daysLeft = TlsInspection.daysLeft(leaf, clock.instant());
        findings.require(daysLeft >= edge.minCertificateDays(), "certificate", "certificate expires in " + daysLeft
                + " days (at least " + edge.minCertificateDays() + " wanted)");
    }

    private void loginPage(Edge edge, HttpClient client, Findings findings) {
        HttpResponse<Void> page;
        URI login = edge.publicUrl().resolve("/web/login");
        try {
            page = client.send(HttpRequest.newBuilder(login).timeout(edge.timeout()).header("Origin", FOREIGN_ORIGIN).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            findings.unknown("cannot read " + login + ": " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + login, e);
        }
        findings.facts.put("loginStatus", page.statusCode());
        hsts(edge, header(page, "strict-transport-security"), findings);
        String frameOptions = header(page, "x-frame-options").orElse("");
        String csp = header(page, "content-security-policy").orElse("");
        findings.facts.put("xFrameOptions", frameOptions);
        findings.require(frameOptions.matches("(?i)\\s*(deny|sameorigin)\\s*") || csp.toLowerCase(Locale.ROOT).contains("frame-ancestors"),
                "framing", "no X-Frame-Options (DENY or SAMEORIGIN) and no CSP frame-ancestors: the login can be framed (clickjacking)");
        String sniff = header(page, "x-content-type-options").orElse("");
        findings.require(sniff.equalsIgnoreCase("nosniff"), "nosniff", "no X-Content-Type-Options: nosniff");
        cookie(page, findings);
        String allowOrigin = header(page, "access-control-allow-origin").orElse("");
        findings.facts.put("corsAllowOrigin", allowOrigin);
        findings.require(!allowOrigin.equals("*") && !allowOrigin.equalsIgnoreCase(FOREIGN_ORIGIN), "cors",
                "CORS lets any origin read responses (Access-Control-Allow-Origin: " + allowOrigin + ")");
    }

    private void hsts(Edge edge, Optional<String> value, Findings findings) {
        findings.facts.put("strictTransportSecurity", value.orElse(""));
        Matcher maxAge = MAX_AGE.matcher(value.orElse(""));
        long seconds = maxAge.find() ? Long.parseLong(maxAge.group(1)) : -1;
        findings.require(seconds >= edge.minHstsMaxAge().toSeconds(), "hsts", value.isEmpty()
                ? "no Strict-Transport-Security header"
                : "Strict-Transport-Security max-age " + seconds + " s is below " + edge.minHstsMaxAge().toSeconds() + " s");
    }

    /** Odoo's session cookie is {@code session_id}; without the three flags it travels in clear or to scripts. */
    private void cookie(HttpResponse<?> page, Findings findings) {
        Optional<String> session = page.headers().allValues("set-cookie").stream()
                .filter(c -> c.strip().startsWith("session_id=")).findFirst();
        if (session.isEmpty()) {
            findings.unknown("the login page set no session_id cookie to judge");
            return;
        }
        List<String> attributes = Arrays.stream(session.get().split(";")).skip(1).map(a -> a.strip().toLowerCase(Locale.ROOT)).toList();
        findings.facts.put("sessionCookieFlags", String.join("; ", attributes));
        boolean secure = attributes.contains("secure");
        boolean httpOnly = attributes.contains("httponly");
        boolean sameSite = attributes.stream().anyMatch(a -> a.equals("samesite=lax") || a.equals("samesite=strict"));
        findings.require(secure && httpOnly && sameSite, "cookie", "session cookie lacks"
                + (secure ? "" : " Secure") + (httpOnly ? "" : " HttpOnly") + (sameSite ? "" : " SameSite=Lax/Strict"));
    }

    private void redirect(Edge edge, HttpClient client, Findings findings) {
        URI plain = edge.plainHttpUrl().resolve("/web/login");
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(plain).timeout(edge.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String location = header(response, "location").orElse("");
            findings.facts.put("httpStatus", response.statusCode());
            findings.facts.put("httpLocation", location);
            boolean redirects = Set.of(301, 302, 303, 307, 308).contains(response.statusCode())
                    && location.toLowerCase(Locale.ROOT).startsWith("https://");
            findings.require(redirects, "redirect", plain + " answers " + response.statusCode()
                    + (location.isEmpty() ? "" : " to " + location) + " instead of redirecting to https://");
        } catch (ConnectException | HttpConnectTimeoutException e) {
            findings.fail("nothing answers on " + plain + " to redirect users who type the address to HTTPS");
        } catch (IOException e) {
            findings.unknown("cannot read " + plain + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + plain, e);
        }
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }
}
