package io.helpdesk.projections;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the read-model projections: Axon hands every event to their {@code @EventHandler} methods through
 * this, as it would through its own annotation adapter, but what never changes is answered once. For every
 * event and every segment Axon asks each handler whether it supports a reset and whether it has a method for
 * the event, and its adapter answers both by searching all handler methods: a third of a replay's CPU. Here
 * the reset answer is kept, and the method answer is kept per payload type and message class (a projection's
 * handler methods are chosen by payload type: none of them requires a metadata value). The adapter uses
 * Axon's classpath parameter resolvers (payload, {@code @Timestamp}, {@code @MetaDataValue}, tracking token),
 * which is all a projection's handler methods take; Spring beans are not injected into handler methods.
 */
public abstract class Projection implements EventMessageHandler {

    private final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(this);
    private final boolean supportsReset = handlers.supportsReset();
    /** Per payload type (a class-keyed lookup, no key object per event), then per message class. */
    private final ClassValue<Map<Class<?>, Boolean>> handles = new ClassValue<>() {
        @Override
        protected Map<Class<?>, Boolean> computeValue(Class<?> payloadType) {
            return new ConcurrentHashMap<>();
        }
    };
    private final Map<Class<?>, Boolean> handlesType = new ConcurrentHashMap<>();

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        return handlers.handle(event);
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return handles.get(event.getPayloadType())
                      .computeIfAbsent(event.getClass(), messageClass -> handlers.canHandle(event));
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return handlesType.computeIfAbsent(payloadType, handlers::canHandleType);
    }

    @Override
    public Class<?> getTargetType() {
        return handlers.getTargetType();
    }

    @Override
    public boolean supportsReset() {
        return supportsReset;
    }

    @Override
    public void prepareReset() {
        handlers.prepareReset();
    }

    @Override
    public <R> void prepareReset(R resetContext) {
        handlers.prepareReset(resetContext);
    }
}
