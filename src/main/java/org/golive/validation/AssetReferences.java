package org.golive.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a login page makes the browser fetch, read from its HTML as Odoo 17/18 renders it (web.layout,
 * web.frontend_layout): {@code <link rel="stylesheet" href="/web/assets/…">}, {@code <script src|data-src="/web/assets/…">}
 * (the lazy bundle is in {@code data-src}) and icons ({@code rel="shortcut icon"}, {@code /web/static/…}). Only
 * paths on the same server count: an absolute or protocol-relative URL is listed apart, never fetched.
 */
public record AssetReferences(List<String> paths, List<String> external) {

    private static final Pattern TAG = Pattern.compile("<(link|script)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z][\\w:-]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))");

    public AssetReferences {
        paths = List.copyOf(paths);
        external = List.copyOf(external);
    }

    public static AssetReferences parse(String html) {
        Set<String> paths = new LinkedHashSet<>();
        Set<String> external = new LinkedHashSet<>();
        Matcher tag = TAG.matcher(html == null ? "" : html);
        while (tag.find()) {
            Map<String, String> attributes = attributes(tag.group(2));
            boolean link = tag.group(1).equalsIgnoreCase("link");
            String rel = attributes.getOrDefault("rel", "").toLowerCase(Locale.ROOT);
            List<String> urls = new ArrayList<>();
            if (link) {
                urls.add(attributes.get("href"));
            } else {
                urls.add(attributes.get("src"));
                urls.add(attributes.get("data-src"));
            }
            for (String url : urls) {
                if (url == null || url.isBlank()) {
                    continue;
                }
                String u = unescape(url.strip());
                boolean icon = link && rel.contains("icon");
                boolean bundle = (link ? rel.contains("stylesheet") : true) && u.contains("/web/assets/");
                if (!icon && !bundle && !u.contains("/web/static/")) {
                    continue;
                }
                if (u.startsWith("/") && !u.startsWith("//")) {
                    paths.add(u);
                } else if (!u.startsWith("data:")) {
                    external.add(u);
                }
            }
        }
        return new AssetReferences(new ArrayList<>(paths), new ArrayList<>(external));
    }

    /** The bundles among the paths: what proves the page is Odoo's own login page with its assets. */
    public List<String> bundles() {
        return paths.stream().filter(p -> p.startsWith("/web/assets/")).toList();
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new TreeMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            attributes.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value);
        }
        return attributes;
    }

    private static String unescape(String url) {
        return url.replace("&amp;", "&").replace("&#38;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    }
}
