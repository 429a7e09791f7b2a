package io.helpdesk.command;

import io.helpdesk.security.RequestLogContext;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * What a side-effect processor logs while it handles an event (a reply that could not be delivered, a rule that
 * failed) names the correlation id and user of the request that caused the event, as that request's own lines do.
 */
final class EventLogContext implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String[] KEYS = {RequestLogContext.CORRELATION_ID, RequestLogContext.USER};

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        var metaData = unitOfWork.getMessage().getMetaData();
        for (String key : KEYS) {
            Object value = metaData.get(key);
            if (value != null) {
                MDC.put(key, value.toString());
            }
        }
        try {
            return chain.proceed();
        } finally {
            for (String key : KEYS) {
                MDC.remove(key);
            }
        }
    }
}
