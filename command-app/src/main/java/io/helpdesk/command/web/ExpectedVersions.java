package io.helpdesk.command.web;

import io.helpdesk.domain.shared.InvalidInput;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.web.server.ServerWebExchange;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collision detection: a command may carry the version of the ticket (handoff, channel) its sender was looking at,
 * as {@code If-Match: "<version>"} (the aggregate's last sequence number, which the ticket view answers as
 * {@code version}). Axon then loads the aggregate expecting that version; when it has events the sender has not
 * seen, the command is refused (409, the unseen events named) instead of acting on a stale picture. Without the
 * header the command goes ahead, as before: that is how a client says "go ahead anyway".
 */
public final class ExpectedVersions {

    public static final String HEADER = "If-Match";
    public static final String METADATA = "expectedVersion";

    private static final Pattern VERSION = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private ExpectedVersions() {
    }

    /** The version the request names, or null; anything but one number is bad input. */
    static Long of(ServerWebExchange exchange) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (given == null || given.isBlank()) {
            return null;
        }
        Matcher matcher = VERSION.matcher(given.strip());
        if (!matcher.matches()) {
            throw new InvalidInput(HEADER, "must be the version the client was looking at, a number like \"12\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The aggregate named by the command's annotation, at the version its metadata expects (if any). */
    public static CommandTargetResolver resolver() {
        CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();
        return command -> {
            VersionedAggregateIdentifier target = annotated.resolveTarget(command);
            Object expected = command.getMetaData().get(METADATA);
            return expected instanceof Number version
                    ? new VersionedAggregateIdentifier(target.getIdentifierValue(), version.longValue()) : target;
        };
    }
}
