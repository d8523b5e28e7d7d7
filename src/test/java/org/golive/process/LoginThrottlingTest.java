package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.golive.step.ProcessConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Wrong passwords slow a login down and never lock it for good. The test profile keeps application.yaml's
 * loginMaxAttempts and loginDelayFactor (2) and shrinks the delay to 1 s growing to at most 2 s.
 */
class LoginThrottlingTest extends ProcessTestSupport {

    private static final String USER = "throttleprobe";
    private static final String PASSWORD = "the-right-one";
    /** One more than Camunda's default loginMaxAttempts, at which it locks a user for good. */
    private static final int WRONG_PASSWORDS = 11;

    private IdentityService identity;

    @BeforeEach
    void createUser() {
        identity = engine.getIdentityService();
        User user = identity.newUser(USER);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        // GET /api/environments is for the golive groups
        identity.createMembership(USER, ProcessConstants.GROUP_OPS);
    }

    @AfterEach
    void deleteUser() {
        identity.deleteUser(USER);
    }

    @Test
    void wrongPasswordsDelayTheNextLoginButNeverLockForGood() throws InterruptedException {
        for (int attempt = 1; attempt <= WRONG_PASSWORDS; attempt++) {
            awaitUnlocked();
            Instant asked = Instant.now();

            assertThat(status("wrong-" + attempt)).isEqualTo(401);
            Instant answered = Instant.now();

            UserEntity user = user();
            assertThat(user.getAttempts()).as("wrong passwords counted").isEqualTo(attempt);
            // 1 s, then 2 s (factor 2), then capped at 2 s, counted from the moment the server checked the password
            Duration expected = Duration.ofSeconds(attempt == 1 ? 1 : 2);
            assertThat(user.getLockExpirationTime().toInstant()).as("delay after wrong password %d", attempt)
                    .isBetween(asked.plus(expected).minusMillis(50), answered.plus(expected).plusMillis(50));
        }

        // while the delay runs even the right password is refused, and the refusal is not counted
        assertThat(status(PASSWORD)).isEqualTo(401);
        assertThat(user().getAttempts()).isEqualTo(WRONG_PASSWORDS);

        awaitUnlocked();
        assertThat(status(PASSWORD)).isEqualTo(200);
        assertThat(user().getAttempts()).isZero();
        assertThat(user().getLockExpirationTime()).isNull();
    }

    private int status(String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(USER, password);
        return rest.exchange("/api/environments", HttpMethod.GET, new HttpEntity<>(headers), String.class).getStatusCode().value();
    }

    private UserEntity user() {
        return (UserEntity) identity.createUserQuery().userId(USER).singleResult();
    }

    private void awaitUnlocked() throws InterruptedException {
        Date until = user().getLockExpirationTime();
        if (until != null) {
            Thread.sleep(Math.max(0, until.getTime() - System.currentTimeMillis()) + 50);
        }
    }
}
