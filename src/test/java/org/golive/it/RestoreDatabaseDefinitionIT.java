package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.backup.DatabaseDefinition;
import org.golive.config.TargetDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A restore gives back the same database, not only the same rows: a database made as Odoo makes them (collation C,
 * a UTF-8 ctype) with a setting of its own comes back with both, and non-ASCII text behaves as before.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
class RestoreDatabaseDefinitionIT {

    private static final String DATABASE = "golive_it";

    @Autowired
    ItStack stack;
    @Autowired
    BackupService backups;
    @Autowired
    TargetDatabases databases;

    @BeforeEach
    void anOdooLikeDatabase() throws Exception {
        stack.removeContainers();
        ItStack.deleteTree(stack.target().backupDir());
        ItStack.dropDatabase(databases, stack.env(), DATABASE);
        try (Connection admin = databases.connect(stack.env(), "postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + DATABASE + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'");
            sql.execute("ALTER DATABASE " + DATABASE + " SET work_mem TO '8MB'");
        }
        try (Connection connection = databases.connect(stack.env()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE res_partner_it (name text)");
            sql.execute("INSERT INTO res_partner_it VALUES ('Élodie Dupré')");
        }
    }

    @Test
    void theBackupRecordsTheDatabaseDefinition() {
        BackupRecord backup = backups.backUp(stack.env(), "definition-1", null);

        assertThat(backup.definition()).isEqualTo(new DatabaseDefinition("UTF8", "C", "C.UTF-8", backup.definition().owner(),
                java.util.List.of("work_mem=8MB")));
    }

    @Test
    void theRestoredDatabaseHasTheSameCtypeCollationAndSettings() throws Exception {
        DatabaseDefinition before = definition();
        backups.backUp(stack.env(), "definition-2", null);

        backups.restoreDatabase(stack.env(), "definition-2");

        assertThat(definition()).isEqualTo(before);
    }

    @Test
    void nonAsciiTextBehavesAsBeforeTheRestore() throws Exception {
        String before = lowerAndIlike();
        backups.backUp(stack.env(), "definition-3", null);

        backups.restoreDatabase(stack.env(), "definition-3");

        assertThat(before).isEqualTo("élodie dupré|1");
        assertThat(lowerAndIlike()).isEqualTo(before);
    }

    private DatabaseDefinition definition() throws SQLException {
        try (Connection admin = databases.connect(stack.env(), "postgres")) {
            return DatabaseDefinition.read(admin, DATABASE);
        }
    }

    /** lower() of an accented name, and whether ILIKE finds it by its lower-case spelling: both depend on the ctype. */
    private String lowerAndIlike() throws SQLException {
        try (Connection connection = databases.connect(stack.env()); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT lower(name), (SELECT count(*) FROM res_partner_it WHERE name ILIKE 'élodie%')"
                     + " FROM res_partner_it")) {
            row.next();
            return row.getString(1) + "|" + row.getLong(2);
        }
    }
}
