package org.golive.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The commands a release runs around its module run ({@code hooks:} of the manifest): each an argv, run as given in
 * a one-off container of the release image, never through a shell. They travel as JSON text in one process variable,
 * readable in Cockpit and sealed with the release.
 */
public record ReleaseHooks(List<List<String>> preUpdate, List<List<String>> postUpdate) {

    public static final String PRE_UPDATE = "pre-update";
    public static final String POST_UPDATE = "post-update";
    public static final ReleaseHooks NONE = new ReleaseHooks(List.of(), List.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    public ReleaseHooks {
        preUpdate = preUpdate.stream().map(List::copyOf).toList();
        postUpdate = postUpdate.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
        return preUpdate.isEmpty() && postUpdate.isEmpty();
    }

    /** The hooks of one phase, {@link #PRE_UPDATE} or {@link #POST_UPDATE}. */
    public List<List<String>> phase(String phase) {
        return switch (phase) {
            case PRE_UPDATE -> preUpdate;
            case POST_UPDATE -> postUpdate;
            default -> throw new IllegalArgumentException("unknown hook phase '" + phase + "'; expected " + PRE_UPDATE + " or " + POST_UPDATE);
        };
    }

    /** Empty text for no hooks, so a release without hooks seals and reads as before hooks existed. */
    public String toJson() {
        if (isEmpty()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(Map.of(PRE_UPDATE, preUpdate, POST_UPDATE, postUpdate));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ReleaseHooks fromJson(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            Map<String, List<List<String>>> map = JSON.readValue(json, new TypeReference<>() { });
            return new ReleaseHooks(new ArrayList<>(map.getOrDefault(PRE_UPDATE, List.of())),
                    new ArrayList<>(map.getOrDefault(POST_UPDATE, List.of())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the release hooks variable is not the JSON golive wrote: " + e.getOriginalMessage());
        }
    }
}
