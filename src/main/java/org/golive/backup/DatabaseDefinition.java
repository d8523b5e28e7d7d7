package org.golive.backup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes a database the same database besides its rows: encoding, collation, ctype, owner and its own
 * settings ({@code ALTER DATABASE … SET}). Odoo creates databases with {@code LC_COLLATE 'C'} and the cluster's
 * ctype; the ctype decides how {@code ILIKE}, {@code lower()} and {@code upper()} treat non-ASCII text, so a
 * restore must give back exactly these.
 *
 * @param settings {@code name=value}, as {@code pg_db_role_setting} holds them for the database and all roles
 */
public record DatabaseDefinition(String encoding, String collate, String ctype, String owner, List<String> settings) {

    public DatabaseDefinition {
        settings = settings == null ? List.of() : List.copyOf(settings);
    }

    /** The definition of a database, read over a connection to another database of the same server. */
    public static DatabaseDefinition read(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT pg_encoding_to_char(d.encoding), d.datcollate, d.datctype, pg_get_userbyid(d.datdba),
                       (SELECT s.setconfig FROM pg_db_role_setting s WHERE s.setdatabase = d.oid AND s.setrole = 0)
                FROM pg_database d WHERE d.datname = ?""")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("database " + database + " does not exist");
                }
                List<String> settings = new ArrayList<>();
                Array config = row.getArray(5);
                if (config != null) {
                    for (Object setting : (Object[]) config.getArray()) {
                        settings.add(String.valueOf(setting));
                    }
                }
                return new DatabaseDefinition(row.getString(1), row.getString(2), row.getString(3), row.getString(4), settings);
            }
        }
    }

    /** Creates the database empty, as defined, with its settings. The name must not exist. */
    public void create(Connection connection, String database) throws SQLException {
        String name = identifier(database);
        try (Statement sql = connection.createStatement()) {
            StringBuilder create = new StringBuilder("CREATE DATABASE ").append(name).append(" TEMPLATE template0 ENCODING ")
                    .append(literal(encoding)).append(" LC_COLLATE ").append(literal(collate)).append(" LC_CTYPE ").append(literal(ctype));
            if (owner != null && !owner.equals(currentUser(sql))) {
                create.append(" OWNER ").append(identifier(owner));
            }
            sql.execute(create.toString());
            for (String setting : settings) {
                int eq = setting.indexOf('=');
                if (eq > 0) {
                    sql.execute("ALTER DATABASE " + name + " SET " + identifier(setting.substring(0, eq)) + " TO "
                            + literal(setting.substring(eq + 1)));
                }
            }
        }
    }

    private static String currentUser(Statement sql) throws SQLException {
        try (ResultSet row = sql.executeQuery("SELECT current_user")) {
            row.next();
            return row.getString(1);
        }
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
