package io.helpdesk.projections;

import io.helpdesk.eventstore.deadletters.IsolatedFailure;
import io.helpdesk.eventstore.deadletters.SuspectEvents;
import io.helpdesk.eventstore.deadletters.TransientFailures;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Savepoint;

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
 * <p>
 * An event of a batch that failed ({@link SuspectEvents}) is applied on its own: its writes are sent at once,
 * inside a savepoint, so that if the database refuses them only they are rolled back and the event can be
 * dead-lettered ({@link IsolatedFailure}) while the rest of the batch commits.
 * <p>
 * An event delivered again (Axon delivers at least once) is passed over: see {@link AppliedEvents}.
 */
public abstract class Projection implements EventMessageHandler {

    private final BatchingJdbcTemplate jdbc;

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

    private final AppliedEvents applied;

    protected Projection(BatchingJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.applied = new AppliedEvents(jdbc, readModel(getClass()), name(getClass()));
    }

    /** The read model a projection class writes: its processing group, the rebuild twin's without its suffix. */
    static String readModel(Class<?> type) {
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
        if (group == null) {
            throw new IllegalStateException(type + " has no @ProcessingGroup");
        }
        return group.value().replace(ReadModel.SHADOW_SUFFIX, "");
    }

    /** A projection's name, its rebuild twin's too (a twin is a subclass named ...Shadow). */
    static String name(Class<?> type) {
        Class<?> named = type;
        while (named.getSimpleName().endsWith("Shadow") && named.getSuperclass() != null) {
            named = named.getSuperclass();
        }
        return named.getSimpleName();
    }

    /**
     * The event's own global position, as the storage engine reads it into the metadata
     * ({@code HelpdeskJdbcEventStorageEngine.EVENT_POSITION}, a number of whatever size JSON gave it); its token's
     * position is another event's when the event filled a gap. Only where the event source does not tell (Axon
     * Server), the token's.
     */
    /**
     * What this projection worked out for rows in the current batch (one transaction), by key, so that a row's
     * later events in the batch need not read back what earlier ones wrote; forgotten when an event of the
     * batch is rolled back on its own. Outside a batch, a map nobody keeps.
     */
    protected <T> Map<String, T> batchCache() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new java.util.HashMap<>();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(batchCacheKey,
                                                                   key -> new java.util.HashMap<String, T>());
    }

    private final String batchCacheKey = getClass().getName() + ".batch." + System.identityHashCode(this);

    protected static long eventPosition(Object metaDataPosition, TrackingToken token) {
        if (metaDataPosition instanceof Number number) {
            return number.longValue();
        }
        return token == null ? 0 : token.position().orElse(0);
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        if (!jdbc.acceptsEvents() || applied.applied(event)) {
            return null;
        }
        Object result = SuspectEvents.isSuspect(event) && CurrentUnitOfWork.isStarted()
                ? isolated(event) : handlers.handle(event);
        applied.record(event);
        return result;
    }

    private Object isolated(EventMessage<?> event) throws Exception {
        jdbc.sendQueued();
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.setSavepoint();
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> SuspectEvents.cleared(event));
            try {
                Object result = handlers.handle(event);
                jdbc.sendQueued();
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (Exception e) {
                jdbc.dropQueued();
                connection.rollback(savepoint);
                CurrentUnitOfWork.get().root().resources().remove(batchCacheKey);
                if (TransientFailures.isTransient(e)) {
                    throw e;
                }
                throw new IsolatedFailure(e);
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
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
        applied.forget();
        handlers.prepareReset();
    }

    @Override
    public <R> void prepareReset(R resetContext) {
        applied.forget();
        handlers.prepareReset(resetContext);
    }
}
