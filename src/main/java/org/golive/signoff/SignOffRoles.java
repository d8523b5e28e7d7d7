package org.golive.signoff;

import java.util.List;

import org.golive.signoff.SignOffRole.Kind;
import org.springframework.stereotype.Component;

/** The multi-instance collections of the sign-off process: {@code ${signOffRoles.technical}}. */
@Component("signOffRoles")
public class SignOffRoles {

    public List<String> getTechnical() {
        return groups(Kind.TECHNICAL);
    }

    public List<String> getBusiness() {
        return groups(Kind.BUSINESS);
    }

    private static List<String> groups(Kind kind) {
        return SignOffRole.of(kind).stream().map(SignOffRole::group).toList();
    }
}
