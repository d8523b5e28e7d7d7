package org.golive.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of an addon's {@code __manifest__.py} a plan needs: version, depends, installable. Read with patterns,
 * not a Python parser: manifests are literal dicts, and a key golive cannot read counts as absent (Odoo's defaults).
 */
public record AddonManifest(String version, List<String> depends, boolean installable) {

    private static final Pattern VERSION = Pattern.compile("['\"]version['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern DEPENDS = Pattern.compile("['\"]depends['\"]\\s*:\\s*[\\[(]([^\\])]*)[\\])]");
    private static final Pattern INSTALLABLE = Pattern.compile("['\"]installable['\"]\\s*:\\s*(True|False)");
    private static final Pattern STRING = Pattern.compile("['\"]([^'\"]+)['\"]");

    public AddonManifest {
        depends = List.copyOf(depends);
    }

    public static AddonManifest parse(String text) {
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("#")) {
                code.append(line).append('\n');
            }
        }
        String source = code.toString();
        Matcher version = VERSION.matcher(source);
        Matcher depends = DEPENDS.matcher(source);
        Matcher installable = INSTALLABLE.matcher(source);
        List<String> names = new ArrayList<>();
        if (depends.find()) {
            Matcher name = STRING.matcher(depends.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return new AddonManifest(version.find() ? version.group(1) : null, names, !installable.find() || installable.group(1).equals("True"));
    }

    /** Odoo's adapt_version: the series in front, unless the version carries it already ('1.3' → '18.0.1.3'). */
    public static String adaptVersion(String series, String version) {
        String v = version == null || version.isBlank() ? "1.0" : version;
        if (series == null || v.startsWith(series + ".") && !v.equals(series)) {
            return v;
        }
        return series + "." + v;
    }

    /** '18.0.1.3' → '18.0'; a version of fewer than four parts does not carry its series. */
    public static String seriesOf(String version) {
        if (version == null) {
            return null;
        }
        String[] parts = version.strip().split("\\.");
        return parts.length >= 4 ? parts[0] + "." + parts[1] : null;
    }

    /** '18.0' or '18.0.1' or 'saas~18.1' as in ODOO_VERSION → '18.0' / '18.1'. */
    public static String seriesOfRelease(String odooVersion) {
        if (odooVersion == null) {
            return null;
        }
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(odooVersion);
        return m.find() ? m.group(1) + "." + m.group(2) : null;
    }
}
