package org.golive.it;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenLDAP server: Debian's slapd (installed, never started, by deploy/stack/up.sh) run by the test on
 * 127.0.0.1 with its own slapd.conf and mdb database under a work directory. Anonymous clients may only bind: a
 * search needs the manager (or a user), so golive's manager login is really used.
 */
final class Slapd implements AutoCloseable {

    static final String BASE_DN = "dc=golive,dc=test";
    static final String MANAGER_DN = "cn=manager," + BASE_DN;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final int port;
    private final String managerPassword;
    private final List<String> entries = new ArrayList<>();
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private Process process;

    Slapd(Path dir) throws IOException {
        this.dir = dir;
        this.port = LocalPorts.free();
        this.managerPassword = HexFormat.of().formatHex(RANDOM.generateSeed(16));
    }

    /** A person under ou=people with a hashed password. */
    Slapd user(String uid, String givenName, String surname, String password) {
        entries.add("""
                dn: uid=%s,ou=people,%s
                objectClass: inetOrgPerson
                uid: %s
                cn: %s %s
                givenName: %s
                sn: %s
                mail: %s@golive.invalid
                userPassword: %s
                """.formatted(uid, BASE_DN, uid, givenName, surname, givenName, surname, uid, ssha(password)));
        return this;
    }

    /** A groupOfNames under ou=groups with the given members (user ids). */
    Slapd group(String cn, String... members) {
        groups.put(cn, List.of(members));
        return this;
    }

    /** Writes the config, loads the directory with slapadd, starts slapd and waits until it accepts connections. */
    Slapd start() throws Exception {
        String slapd = System.getenv().getOrDefault("GOLIVE_SLAPD", "/usr/sbin/slapd");
        if (!Files.isExecutable(Path.of(slapd))) {
            throw new IllegalStateException(slapd + " is missing: run deploy/stack/up.sh (installs slapd and ldap-utils)");
        }
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("manager-password"), managerPassword);
        Path conf = Files.writeString(dir.resolve("slapd.conf"), """
                include /etc/ldap/schema/core.schema
                include /etc/ldap/schema/cosine.schema
                include /etc/ldap/schema/inetorgperson.schema
                modulepath /usr/lib/ldap
                moduleload back_mdb
                pidfile %1$s/slapd.pid
                argsfile %1$s/slapd.args
                database mdb
                maxsize 16777216
                suffix "%2$s"
                rootdn "%3$s"
                rootpw %4$s
                directory %1$s/db
                access to attrs=userPassword by self =xw by anonymous auth by * none
                access to * by users read by * none
                """.formatted(dir, BASE_DN, MANAGER_DN, ssha(managerPassword)));
        StringBuilder ldif = new StringBuilder("""
                dn: %1$s
                objectClass: dcObject
                objectClass: organization
                o: golive test directory
                dc: golive

                dn: ou=people,%1$s
                objectClass: organizationalUnit
                ou: people

                dn: ou=groups,%1$s
                objectClass: organizationalUnit
                ou: groups
                """.formatted(BASE_DN));
        entries.forEach(entry -> ldif.append('\n').append(entry));
        groups.forEach((cn, members) -> {
            ldif.append("\ndn: cn=").append(cn).append(",ou=groups,").append(BASE_DN)
                    .append("\nobjectClass: groupOfNames\ncn: ").append(cn).append('\n');
            members.forEach(uid -> ldif.append("member: uid=").append(uid).append(",ou=people,").append(BASE_DN).append('\n'));
        });
        Path data = Files.writeString(dir.resolve("directory.ldif"), ldif);
        run(List.of(Path.of(slapd).resolveSibling("slapadd").toString(), "-f", conf.toString(), "-l", data.toString()));

        // -d: in the foreground (this test owns the process); 256 logs each connection and operation, never a password
        process = new ProcessBuilder(slapd, "-f", conf.toString(), "-h", url(), "-d", "256")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.resolve("slapd.log").toString())))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("slapd did not start on " + url() + ": " + Files.readString(dir.resolve("slapd.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    String url() {
        return "ldap://127.0.0.1:" + port + "/";
    }

    Path managerPasswordFile() {
        return dir.resolve("manager-password");
    }

    String managerPassword() {
        return managerPassword;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tool.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** OpenLDAP's salted SHA-1 ({SSHA}), so the directory holds no password in clear. */
    static String ssha(String password) {
        try {
            byte[] salt = RANDOM.generateSeed(8);
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            sha.update(salt);
            byte[] digest = sha.digest();
            byte[] both = new byte[digest.length + salt.length];
            System.arraycopy(digest, 0, both, 0, digest.length);
            System.arraycopy(salt, 0, both, digest.length, salt.length);
            return "{SSHA}" + Base64.getEncoder().encodeToString(both);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
