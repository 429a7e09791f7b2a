package io.helpdesk.command.web;

import io.helpdesk.domain.shared.InvalidInput;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Text the read side cannot store never becomes an event: every command (from any endpoint, webhook or
 * process) is checked before it is handled, each of its text fields and its metadata, and one that holds a NUL
 * character (PostgreSQL's {@code text} refuses it) or a lone UTF-16 surrogate (not a character at all) is
 * refused with the field's name. Sizes are checked at the edge, where each field's documented limit is.
 */
public class StorableCommands implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** A field of a command that holds text the system cannot store. */
    public static class Refused extends InvalidInput {

        public Refused(String field, String reason) {
            super(field, reason);
        }
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            check(null, command.getPayload());
            command.getMetaData().forEach((key, value) -> check("metadata " + key, value));
            return command;
        };
    }

    static void check(String field, Object value) {
        if (value instanceof CharSequence text) {
            String problem = io.helpdesk.security.StorableText.problem(text);
            if (problem != null) {
                throw new Refused(field == null ? "text" : field, problem);
            }
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                check(field + "[" + i++ + "]", item);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                check(field + " key", key);
                check(field + "." + key, item);
            });
        } else if (value != null && value.getClass().isRecord()) {
            RecordComponent[] components = value.getClass().getRecordComponents();
            for (RecordComponent component : components) {
                // A typed id (TicketId(value)) is named for the field that holds it.
                boolean wrapper = components.length == 1 && component.getName().equals("value") && field != null;
                String name = wrapper ? field : field == null ? component.getName() : field + "." + component.getName();
                try {
                    check(name, component.getAccessor().invoke(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + name, e);
                }
            }
        }
    }
}
