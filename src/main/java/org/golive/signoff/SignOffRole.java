package org.golive.signoff;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The roles of the checklist's sign-off page. Each role is a Camunda group; whoever belongs to it may sign
 * for it in Tasklist.
 */
public enum SignOffRole {

    TECHNICAL_LEAD("golive-technical-lead", "Technical Lead", "technicalLead", Kind.TECHNICAL, "techlead"),
    DEVOPS_LEAD("golive-devops-lead", "DevOps Lead", "devopsLead", Kind.TECHNICAL, "devops"),
    QA_LEAD("golive-qa-lead", "QA Lead", "qaLead", Kind.TECHNICAL, "qa"),
    SECURITY_LEAD(org.golive.step.ProcessConstants.GROUP_SECURITY_LEAD, "Security Lead", "securityLead", Kind.TECHNICAL, "security"),
    BUSINESS_OWNER("golive-business-owner", "Business Owner", "businessOwner", Kind.BUSINESS, "business"),
    PRODUCT_OWNER("golive-product-owner", "Product Owner", "productOwner", Kind.BUSINESS, "product"),
    FINANCE_LEAD("golive-finance-lead", "Finance Lead", "financeLead", Kind.BUSINESS, "finance");

    /** Technical sign-off and business sign-off run side by side. */
    public enum Kind { TECHNICAL, BUSINESS }

    private final String group;
    private final String title;
    private final String key;
    private final Kind kind;
    private final String demoUser;

    SignOffRole(String group, String title, String key, Kind kind, String demoUser) {
        this.group = group;
        this.title = title;
        this.key = key;
        this.kind = kind;
        this.demoUser = demoUser;
    }

    public String group() {
        return group;
    }

    public String title() {
        return title;
    }

    /** camelCase, for variable names such as {@code signOff_technicalLead}. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public String demoUser() {
        return demoUser;
    }

    public static List<SignOffRole> of(Kind kind) {
        return Arrays.stream(values()).filter(role -> role.kind == kind).toList();
    }

    public static Optional<SignOffRole> byGroup(String group) {
        return Arrays.stream(values()).filter(role -> role.group.equals(group)).findFirst();
    }
}
