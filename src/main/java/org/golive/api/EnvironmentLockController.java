package org.golive.api;

import static org.golive.step.ProcessConstants.GROUP_ANY_GOLIVE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.golive.config.Environments;
import org.golive.lock.EnvironmentLock;
import org.golive.lock.EnvironmentLockListener;
import org.golive.lock.EnvironmentLockService;
import org.golive.lock.EnvironmentLockedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Who holds an environment, and the admin's way out of a stale lock (a go-live whose instance is gone but
 * whose lock stayed, or one that must make way): the release is written to the holder's evidence.
 */
@RestController
@RequestMapping("/api/environments/{environment}/lock")
public class EnvironmentLockController {

    /** Only Camunda's administrators release a lock: it lets a second change start on the environment. */
    static final String ADMIN_GROUP = "camunda-admin";

    /** Why a lock is released; recorded in the holder's evidence. */
    public record Release(String reason) {
    }

    private final Environments environments;
    private final EnvironmentLockService locks;
    private final EnvironmentLockListener lockRecords;
    private final IdentityService identity;

    public EnvironmentLockController(Environments environments, EnvironmentLockService locks, EnvironmentLockListener lockRecords,
                                     IdentityService identity) {
        this.environments = environments;
        this.locks = locks;
        this.lockRecords = lockRecords;
        this.identity = identity;
    }

    @RequiresGroup(GROUP_ANY_GOLIVE)
    @GetMapping
    public Map<String, Object> holder(@PathVariable String environment) {
        environments.get(environment);
        return view(environment, locks.find(environment));
    }

    @RequiresGroup(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN)
    @DeleteMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> release(@PathVariable String environment, @RequestBody(required = false) Release request) {
        Authentication caller = identity.getCurrentAuthentication();
        List<String> groups = caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        if (!groups.contains(ADMIN_GROUP)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error",
                    "releasing the lock of an environment needs membership of " + ADMIN_GROUP));
        }
        environments.get(environment);
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw new IllegalArgumentException("reason: say why the lock of " + environment + " is released (it goes into the holder's evidence)");
        }
        Optional<EnvironmentLock> released = locks.forceRelease(environment);
        if (released.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "environment " + environment + " is not held"));
        }
        lockRecords.record(released.get(), request.reason().strip(), caller.getUserId());
        Map<String, Object> body = view(environment, released);
        body.put("held", false);
        body.put("releasedBy", caller.getUserId());
        body.put("reason", request.reason().strip());
        return ResponseEntity.ok(body);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static Map<String, Object> view(String environment, Optional<EnvironmentLock> lock) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("environment", environment);
        view.put("held", lock.isPresent());
        lock.ifPresent(held -> {
            view.put("holder", held.holder());
            view.put("holderProcess", held.holderProcess());
            view.put("processInstanceId", held.processInstanceId());
            view.put("acquiredAt", held.acquiredAt().toString());
        });
        return view;
    }

    /** A start refused because the environment is held, from any /api endpoint: 409 naming the holder. */
    @RestControllerAdvice
    static class Conflicts {

        @ExceptionHandler(EnvironmentLockedException.class)
        ResponseEntity<Map<String, Object>> held(EnvironmentLockedException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            if (e.held() != null) {
                body.put("holder", e.held().holder());
                body.put("acquiredAt", e.held().acquiredAt().toString());
            }
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
    }
}
