package org.golive.readiness;

import org.springframework.stereotype.Component;

/** The change-control and platform gates, one bean so that the gate facade takes them as one. */
@Component
public record PlatformGates(ChangeFreezeGate changeFreeze, PostgresSettingsGate postgresSettings, LogRotationGate logRotation,
                            ContainerSecretsGate containerSecrets, FilestoreGate filestore, RollbackRehearsedGate rollbackRehearsed,
                            DatabaseAccessGate databaseAccess) {
}
