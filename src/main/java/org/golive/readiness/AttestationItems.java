package org.golive.readiness;

import java.util.List;

/**
 * The readiness items golive cannot check for itself (checklist 000 T-14..T-1, 001 §2-8), attested by a
 * person. What a gate checks is not asked here (DNS, TLS and the redirect: gate {@code edge}; the reverse proxy:
 * gate {@code proxyConfig}); where such a gate is not configured it is inconclusive, and the lead decides on it in
 * the gate review, by name and with a reason. The keys are stable: the form's fields are {@code attest_<key>} (checkbox) and {@code waiver_<key>}
 * (reason when unchecked), and past instances keep their variables under these names.
 */
public final class AttestationItems {

    /** One item: a stable key, what the person confirms, and where the checklist asks for it. */
    public record Item(String key, String label, String checklist) {

        public String attestField() {
            return "attest_" + key;
        }

        public String waiverField() {
            return "waiver_" + key;
        }
    }

    public static final List<Item> ALL = List.of(
            new Item("uatSignedOff", "User acceptance testing (UAT) signed off", "000 T-14, 001 §5.2"),
            new Item("securityScan", "Security scan done: 0 critical vulnerabilities, no critical/high bugs open", "000 T-14"),
            new Item("ciGatesGreen", "CI gates green on the release tag", "001 §3.2, §8.1"),
            new Item("firewallRules", "Firewall rules set, database reachable from the private network only", "000 T-10, 001 §6.1"),
            new Item("monitoringAlerts", "Dashboards and alerts live: service down, 502/504, crash loop, DB saturation, disk, memory", "000 T-7, 001 §2.4"),
            new Item("offsiteBackups", "Off-site, encrypted backups with a retention policy", "000 T-7, 001 §2.3"),
            new Item("dataMigrationDryRun", "Data migration dry-run on staging done and validated (or no migration)", "000 T-5, 001 §5.2"),
            new Item("credentialsRotated", "Default passwords changed, admin MFA on, API keys rotated", "000 T-3, 001 §6.1"),
            new Item("stakeholderApprovals", "All stakeholder approvals received", "000 T-1"),
            new Item("communicationSent", "Go-live communication sent", "000 T-1"),
            new Item("supportBriefed", "Support team briefed, on-call schedule published", "000 T-1"),
            new Item("warRoomPrepared", "War room prepared", "000 T-1"),
            new Item("rollbackCriteriaAgreed", "Rollback decision criteria agreed", "000 T-1, 001 §8.1"),
            new Item("userDocumentation", "User documentation, admin runbooks and known issues published", "000 T-1"));

    private AttestationItems() {
    }
}
