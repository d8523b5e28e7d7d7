package org.golive.odoostandin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Modules found on the addons path: folders holding a {@code __manifest__.py}. First path wins. */
final class Addons {
    static final String SERIE = "18.0";

    static final class Module {
        String name;
        String shortdesc;
        String version;
        List<String> depends = new ArrayList<>();
        String license = "LGPL-3";
        String author = "";
        boolean autoInstall;
        boolean installable = true;
        boolean application;
        Path dir;

        boolean failsInstall() {
            return Files.exists(dir.resolve("STANDIN_FAIL_INSTALL"));
        }
    }

    /** Odoo's adapt_version: prefix the series unless the version already carries it. */
    static String adaptVersion(String v) {
        if (v == null || v.isBlank()) v = "1.0";
        if (v.equals(SERIE) || !v.startsWith(SERIE + ".")) v = SERIE + "." + v;
        return v;
    }

    static Map<String, Module> scan(List<String> paths, String db) {
        Map<String, Module> mods = new TreeMap<>();
        for (String p : paths) {
            Path dir = Path.of(p);
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path m : ds) {
                    Path manifest = m.resolve("__manifest__.py");
                    String name = m.getFileName().toString();
                    if (mods.containsKey(name) || !Files.isRegularFile(manifest)) continue;
                    try {
                        mods.put(name, load(name, m, Files.readString(manifest, StandardCharsets.UTF_8)));
                    } catch (RuntimeException | IOException e) {
                        Log.warn(db, "odoo.modules.module", "could not load manifest of " + name + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                Log.warn(db, "odoo.modules.module", "addons path " + p + " unreadable: " + e.getMessage());
            }
        }
        return mods;
    }

    static Module load(String name, Path dir, String text) {
        Map<String, Object> d = PyLiteral.parseDict(text);
        Module m = new Module();
        m.name = name;
        m.dir = dir;
        m.shortdesc = str(d.get("name"), name);
        m.version = adaptVersion(str(d.get("version"), "1.0"));
        Object deps = d.get("depends");
        if (deps instanceof List) {
            for (Object o : (List<?>) deps) m.depends.add(String.valueOf(o));
        }
        if (!name.equals("base") && m.depends.isEmpty()) m.depends.add("base");
        m.license = str(d.get("license"), "LGPL-3");
        m.author = str(d.get("author"), "");
        Object ai = d.get("auto_install");
        m.autoInstall = ai instanceof Boolean ? (Boolean) ai : (ai instanceof List && !((List<?>) ai).isEmpty());
        Object inst = d.get("installable");
        m.installable = !(inst instanceof Boolean) || (Boolean) inst;
        m.application = Boolean.TRUE.equals(d.get("application"));
        return m;
    }

    private static String str(Object o, String def) {
        return o == null ? def : String.valueOf(o);
    }
}
