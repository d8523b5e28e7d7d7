package org.golive.validation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.odoo.OdooHttpProbe;
import org.golive.odoo.OdooHttpProbe.Answer;
import org.springframework.stereotype.Component;

/**
 * The web client's own checks. {@code assets}: every bundle, stylesheet and icon the login page makes a browser
 * fetch answers 2xx with a body (a login page whose bundle 500s renders blank). {@code csrf}: a POST to
 * {@code /web/login} without a {@code csrf_token} is refused as Odoo refuses it (odoo/http.py: unsafe methods on
 * {@code csrf=True} routes without a valid token raise BadRequest "Session expired (invalid CSRF token)", 400).
 * Where there is nothing to judge (no login page, no bundles, no login route) the check passes with the fact
 * {@code inconclusive} saying why: the {@code login} check is the one that fails on a missing login page.
 */
@Component
public class WebChecks {

    /** The fact that marks a check that found nothing to judge; its value says why. */
    public static final String FACT_INCONCLUSIVE = "inconclusive";
    static final String ODOO_CSRF_MESSAGE = "invalid CSRF token";

    private final OdooHttpProbe probe;

    public WebChecks(OdooHttpProbe probe) {
        this.probe = probe;
    }

    public Map<String, Object> assets(TargetEnvironment target) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Answer page = probe.get(target.odooUrl(), "/web/login?db=" + encode(target.database().name()));
        facts.put("page", page.url());
        facts.put("pageStatus", page.status());
        if (page.status() != 200) {
            facts.put(FACT_INCONCLUSIVE, page.url() + " answered " + page.status() + ": no login page to read assets from");
            return facts;
        }
        AssetReferences references = AssetReferences.parse(page.body());
        if (!references.external().isEmpty()) {
            facts.put("external", String.join(", ", references.external()));
        }
        if (references.bundles().isEmpty()) {
            facts.put(FACT_INCONCLUSIVE, page.url() + " references no /web/assets/ bundle: not Odoo's own login page");
            facts.put("fetched", 0);
            return facts;
        }
        List<String> failures = new ArrayList<>();
        long bytes = 0;
        for (String path : references.paths()) {
            Answer asset = probe.get(target.odooUrl(), path);
            int length = asset.body() == null ? 0 : asset.body().length();
            facts.put(path, asset.status() + " " + length + " chars " + asset.took().toMillis() + " ms");
            bytes += length;
            if (asset.status() < 200 || asset.status() > 299) {
                failures.add(asset.url() + " answered " + asset.status());
            } else if (length == 0) {
                failures.add(asset.url() + " answered " + asset.status() + " with an empty body");
            }
        }
        facts.put("fetched", references.paths().size());
        facts.put("bundles", references.bundles().size());
        facts.put("chars", bytes);
        if (!failures.isEmpty()) {
            throw new CheckFailedException("login page assets broken: " + String.join("; ", failures), facts);
        }
        return facts;
    }

    public Map<String, Object> csrf(TargetEnvironment target) {
        Map<String, Object> facts = new LinkedHashMap<>();
        // an unknown login and a random password: should the token not be checked, nobody is logged in or locked out
        String form = "login=" + encode("golive-csrf-probe-" + UUID.randomUUID()) + "&password=" + encode(UUID.randomUUID().toString())
                + "&db=" + encode(target.database().name());
        Answer answer = probe.postForm(target.odooUrl(), "/web/login", form);
        facts.put("url", answer.url());
        facts.put("status", answer.status());
        facts.put("answer", OdooHttpProbe.abbreviate(answer.body()));
        int status = answer.status();
        if (status == 400 || status == 403) {
            boolean odoos = answer.body() != null && answer.body().toLowerCase(Locale.ROOT).contains(ODOO_CSRF_MESSAGE.toLowerCase(Locale.ROOT));
            facts.put("refusedAsOdoo", odoos);
            return facts;
        }
        if (status == 404 || status == 405 || status == 501) {
            facts.put(FACT_INCONCLUSIVE, answer.url() + " answered " + status + " to a POST: no login form to test");
            return facts;
        }
        if (status >= 500) {
            throw new CheckFailedException("POST " + answer.url() + " without csrf_token answered " + status
                    + " instead of Odoo's 400 (invalid CSRF token)", facts);
        }
        throw new CheckFailedException("POST " + answer.url() + " without csrf_token was accepted (" + status
                + (answer.location() == null ? "" : " to " + answer.location())
                + "): CSRF protection is off on the login form; Odoo answers 400 Session expired (invalid CSRF token)", facts);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
