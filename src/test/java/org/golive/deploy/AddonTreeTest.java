package org.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.golive.deploy.AddonTree.Addon;
import org.junit.jupiter.api.Test;

/** The addon checksums of a plan, from tar streams as the Docker API sends them. */
class AddonTreeTest {

    private static final String MANIFEST = "{'name': 'Demo', 'version': '18.0.1.0.0', 'depends': ['base']}";

    @Test
    void compiledPythonDoesNotChangeTheChecksum() throws IOException {
        Map<String, String> plain = files("models.py", "x = 1");
        Map<String, String> compiled = files("models.py", "x = 1", "__pycache__/models.cpython-312.pyc", "\u0001\u0002",
                "models.pyc", "\u0003");
        assertThat(checksum(compiled)).isEqualTo(checksum(plain));
    }

    @Test
    void aChangedFileChangesTheChecksum() throws IOException {
        assertThat(checksum(files("models.py", "x = 2"))).isNotEqualTo(checksum(files("models.py", "x = 1")));
    }

    @Test
    void aRenamedFileChangesTheChecksum() throws IOException {
        assertThat(checksum(files("models2.py", "x = 1"))).isNotEqualTo(checksum(files("models.py", "x = 1")));
    }

    @Test
    void theOrderOfTheTarDoesNotMatter() throws IOException {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("__manifest__.py", MANIFEST);
        forward.put("a.py", "a");
        forward.put("b.py", "b");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b.py", "b");
        backward.put("a.py", "a");
        backward.put("__manifest__.py", MANIFEST);
        assertThat(checksum(backward)).isEqualTo(checksum(forward));
    }

    @Test
    void aDirectoryWithoutManifestIsNoAddon() throws IOException {
        Tar tar = new Tar();
        tar.file("extra-addons/demo/__manifest__.py", MANIFEST);
        tar.file("extra-addons/notes/readme.txt", "not an addon");
        AddonTree tree = read(tar, "/mnt/extra-addons");
        assertThat(tree.addons()).containsOnlyKeys("demo");
        assertThat(tree.addons().get("demo").manifest()).isEqualTo(MANIFEST);
        assertThat(tree.addons().get("demo").addonsPath()).isEqualTo("/mnt/extra-addons");
    }

    @Test
    void longPathsInPaxHeadersAreRead() throws IOException {
        String deep = "extra-addons/demo/static/src/" + "very-long-directory-name/".repeat(6) + "file.js";
        Tar tar = new Tar();
        tar.file("extra-addons/demo/__manifest__.py", MANIFEST);
        tar.pax(deep);
        tar.file("ignored-by-pax-name", "js");
        Tar same = new Tar();
        same.file("extra-addons/demo/__manifest__.py", MANIFEST);
        Addon withFile = read(tar, "p").addons().get("demo");
        Addon without = read(same, "p").addons().get("demo");
        assertThat(withFile.checksum()).isNotEqualTo(without.checksum());
    }

    @Test
    void theImagesOdooConfNamesTheAddonsPaths() {
        assertThat(ImageAddons.addonsPathOf("[options]\naddons_path = /mnt/extra-addons, /opt/oca/web/ ,"
                + ImageAddons.BUILT_IN + "\ndata_dir = /var/lib/odoo\n")).containsExactly("/mnt/extra-addons", "/opt/oca/web");
    }

    private static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("__manifest__.py", MANIFEST);
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    private static String checksum(Map<String, String> files) throws IOException {
        Tar tar = new Tar();
        tar.directory("addons/demo/");
        files.forEach((path, content) -> tar.file("addons/demo/" + path, content));
        if (!files.containsKey("__manifest__.py")) {
            throw new IllegalArgumentException("an addon needs its manifest");
        }
        return read(tar, "/usr/lib/python3/dist-packages/odoo/addons").addons().get("demo").checksum();
    }

    private static AddonTree read(Tar tar, String path) throws IOException {
        AddonTree tree = new AddonTree(path);
        TarEntries.read(new ByteArrayInputStream(tar.bytes()), tree::add);
        return tree;
    }

    /** A minimal ustar writer, enough to feed the reader what Docker sends. */
    static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void file(String name, String content) {
            entry(name, '0', content.getBytes(StandardCharsets.UTF_8));
        }

        void directory(String name) {
            entry(name, '5', new byte[0]);
        }

        void pax(String path) {
            String record = " path=" + path + "\n";
            int length = record.length() + 2;
            length = record.length() + String.valueOf(length).length();
            entry("PaxHeaders/x", 'x', (length + record).getBytes(StandardCharsets.UTF_8));
        }

        private void entry(String name, char type, byte[] data) {
            byte[] header = new byte[512];
            put(header, 0, name.length() > 100 ? name.substring(0, 100) : name);
            put(header, 100, "0000644");
            put(header, 124, String.format("%011o", data.length));
            header[156] = (byte) type;
            put(header, 257, "ustar");
            out.writeBytes(header);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        }

        private static void put(byte[] header, int offset, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(bytes, 0, header, offset, bytes.length);
        }

        byte[] bytes() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }
    }
}
