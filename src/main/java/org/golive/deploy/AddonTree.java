package org.golive.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The addons of one addons path, read from a tar of it: one checksum per addon directory over its files' paths and
 * contents, as click-odoo-update's addon hash does. Compiled Python ({@code *.pyc}, {@code __pycache__}) is left out:
 * it differs between two builds of the same code. Only a directory holding {@code __manifest__.py} is an addon.
 */
public final class AddonTree {

    /** One addon: where it was found, its checksum and its manifest's text. */
    public record Addon(String name, String addonsPath, String checksum, String manifest) {
    }

    private static final String MANIFEST = "__manifest__.py";

    private final String addonsPath;
    private final Map<String, Map<String, String>> files = new TreeMap<>();
    private final Map<String, String> manifests = new TreeMap<>();

    public AddonTree(String addonsPath) {
        this.addonsPath = addonsPath;
    }

    /**
     * One tar entry; {@code path} as Docker writes it, starting with the archived directory's own name
     * ({@code addons/base/__manifest__.py}).
     */
    public void add(String path, char type, String linkName, InputStream content) throws IOException {
        String[] parts = path.replaceFirst("^\\./", "").split("/", 3);
        if (parts.length < 3 || parts[2].isEmpty() || ignored(parts[2])) {
            return;
        }
        String module = parts[1];
        String relative = parts[2];
        String digest;
        if (type == '0' || type == '7') {
            byte[] data = content.readAllBytes();
            if (relative.equals(MANIFEST)) {
                manifests.put(module, new String(data, StandardCharsets.UTF_8));
            }
            digest = sha256(data);
        } else if (type == '1' || type == '2') {
            digest = "link:" + linkName;
        } else {
            return;
        }
        files.computeIfAbsent(module, m -> new TreeMap<>()).put(relative, digest);
    }

    public Map<String, Addon> addons() {
        Map<String, Addon> addons = new LinkedHashMap<>();
        for (Map.Entry<String, String> manifest : manifests.entrySet()) {
            String module = manifest.getKey();
            addons.put(module, new Addon(module, addonsPath, checksum(files.get(module)), manifest.getValue()));
        }
        return addons;
    }

    /** The bytes that never make two builds of the same code differ. */
    public static boolean ignored(String relativePath) {
        for (String part : relativePath.split("/")) {
            if (part.equals("__pycache__")) {
                return true;
            }
        }
        return relativePath.endsWith(".pyc");
    }

    /** SHA-256 over "path NUL file-digest LF" in path order: the same files give the same checksum in any tar order. */
    public static String checksum(Map<String, String> fileDigests) {
        MessageDigest digest = sha256();
        new TreeMap<>(fileDigests).forEach((path, fileDigest) -> {
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(fileDigest.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
