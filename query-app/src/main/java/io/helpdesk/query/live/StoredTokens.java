package io.helpdesk.query.live;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads a token row of {@code eventstore.token_entry} back into the tracking token Axon stored there. */
@Component
public class StoredTokens {

    private final Serializer serializer;

    public StoredTokens(Serializer serializer) {
        this.serializer = serializer;
    }

    public Optional<TrackingToken> read(byte[] token, String type) {
        if (token == null || type == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(serializer.deserialize(
                new SimpleSerializedObject<>(token, byte[].class, type, null)));
    }
}
