package org.golive.odoostandin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Users, groups and API keys as base creates them (res_users, res_groups, res_groups_users_rel, ir_model_data
 * base.group_system / base.group_user / base.user_admin, res_users_apikeys), and Odoo's password check: a passlib
 * {@code $pbkdf2-sha512$rounds$salt$hash} in res_users.password, or a plaintext one as Odoo's CryptContext still
 * accepts (deprecated scheme) and rehashes. A fresh database's admin has the password {@code admin}, as in Odoo.
 */
final class Users {
    /** Odoo 18 hashes with 600000 rounds; fewer keep the stand-in fast, and verify() reads the rounds from the hash. */
    private static final int ROUNDS = 25_000;

    private Users() {
    }

    static void initSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS res_groups (id serial PRIMARY KEY, name jsonb NOT NULL, share boolean DEFAULT false)");
            st.execute("CREATE TABLE IF NOT EXISTS res_users (id serial PRIMARY KEY, login varchar NOT NULL UNIQUE, password varchar,"
                    + " active boolean DEFAULT true, share boolean DEFAULT false, partner_id integer, company_id integer DEFAULT 1,"
                    + " create_date timestamp DEFAULT (now() at time zone 'UTC'), write_date timestamp DEFAULT (now() at time zone 'UTC'))");
            st.execute("CREATE TABLE IF NOT EXISTS res_groups_users_rel (gid integer NOT NULL REFERENCES res_groups(id) ON DELETE CASCADE,"
                    + " uid integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE, PRIMARY KEY (gid, uid))");
            // base creates this table itself (res.users.apikeys has _auto = False)
            st.execute("CREATE TABLE IF NOT EXISTS res_users_apikeys (id serial PRIMARY KEY, name varchar NOT NULL,"
                    + " user_id integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE, scope varchar,"
                    + " expiration_date timestamp, index varchar(8) NOT NULL CHECK (char_length(index) = 8), key varchar NOT NULL,"
                    + " create_date timestamp DEFAULT (now() at time zone 'UTC'))");
            // base's ir_attachment keeps the bytes in db_datas when ir_attachment.location is db
            st.execute("ALTER TABLE ir_attachment ADD COLUMN IF NOT EXISTS db_datas bytea,"
                    + " ADD COLUMN IF NOT EXISTS type varchar DEFAULT 'binary'");
            st.execute("INSERT INTO res_groups (id, name) VALUES (1, '{\"en_US\": \"Internal User\"}'),"
                    + " (2, '{\"en_US\": \"Settings\"}'), (3, '{\"en_US\": \"Access Rights\"}')");
            st.execute("SELECT setval('res_groups_id_seq', 3)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO res_users (id, login, password, active, share, partner_id)"
                + " VALUES (1, '__system__', NULL, false, false, 3), (2, 'admin', ?, true, false, 2), (3, 'public', NULL, false, true, 4)")) {
            ps.setString(1, hash("admin"));
            ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.execute("SELECT setval('res_users_id_seq', 3)");
            st.execute("INSERT INTO res_groups_users_rel (gid, uid) VALUES (1, 1), (2, 1), (3, 1), (1, 2), (2, 2), (3, 2)");
            st.execute("INSERT INTO ir_model_data (module, name, model, res_id, noupdate) VALUES"
                    + " ('base', 'group_user', 'res.groups', 1, false), ('base', 'group_system', 'res.groups', 2, false),"
                    + " ('base', 'group_erp_manager', 'res.groups', 3, false), ('base', 'user_root', 'res.users', 1, true),"
                    + " ('base', 'user_admin', 'res.users', 2, true), ('base', 'public_user', 'res.users', 3, true)");
        }
    }

    /** The uid of an active user whose password matches, or -1 (Odoo: AccessDenied). */
    static int authenticate(Connection c, String login, String password) throws SQLException {
        if (login == null || password == null || password.isEmpty()) {
            return -1;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, password FROM res_users WHERE login = ? AND active")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(2) == null) {
                    return -1;
                }
                int uid = rs.getInt(1);
                String stored = rs.getString(2);
                if (!verify(password, stored)) {
                    return -1;
                }
                if (!stored.startsWith("$pbkdf2-sha512$")) {
                    try (PreparedStatement up = c.prepareStatement("UPDATE res_users SET password = ? WHERE id = ?")) {
                        up.setString(1, hash(password));
                        up.setInt(2, uid);
                        up.executeUpdate();
                    }
                }
                return uid;
            }
        }
    }

    /** Whether uid is active and the password is its own (execute_kw checks it on every call). */
    static boolean check(Connection c, int uid, String password) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT login FROM res_users WHERE id = ? AND active")) {
            ps.setInt(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && authenticate(c, rs.getString(1), password) == uid;
            }
        }
    }

    static String hash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return "$pbkdf2-sha512$" + ROUNDS + "$" + ab64(salt) + "$" + ab64(pbkdf2(password, salt, ROUNDS));
    }

    static boolean verify(String password, String stored) {
        if (!stored.startsWith("$pbkdf2-sha512$")) {
            return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 5) {
            return false;
        }
        try {
            byte[] salt = unab64(parts[3]);
            byte[] expected = unab64(parts[4]);
            return MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(parts[2])));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int rounds) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, rounds, 512)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** passlib's "adapted base64": '.' for '+', no padding. */
    private static String ab64(byte[] data) {
        return Base64.getEncoder().withoutPadding().encodeToString(data).replace('+', '.');
    }

    private static byte[] unab64(String text) {
        return Base64.getDecoder().decode(text.replace('.', '+'));
    }
}
