package io.helpdesk.query.live;

import io.helpdesk.query.ReadModels;
import io.helpdesk.projections.ReadModel;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells listeners in this instance that a live read model has finished a batch of events, after its
 * transaction and after the processor has recorded how far the batch took it. Requests waiting for the read
 * models to reach a position check again right then, instead of on a timer.
 */
public class ReadModelCommits {

    private static final String ANNOUNCED = ReadModelCommits.class.getName();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Registered on every live read model's processor. A processor advances its segment's status when the
     * batch's transaction has committed, in the unit of work's after-commit phase; clean-up comes after that,
     * so a listener sees the new position. Clean-up also follows a rollback: a check that finds nothing new is
     * harmless.
     */
    MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return (unitOfWork, chain) -> {
            UnitOfWork<?> batch = unitOfWork.root();
            if (batch.resources().putIfAbsent(ANNOUNCED, Boolean.TRUE) == null) {
                batch.onCleanup(done -> listeners.forEach(Runnable::run));
            }
            return chain.proceed();
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        ReadModelCommits readModelCommits() {
            return new ReadModelCommits();
        }

        @Bean
        ConfigurerModule liveReadModelsAnnounceTheirCommits(ReadModelCommits commits) {
            return configurer -> ReadModels.names().forEach(
                    readModel -> configurer.eventProcessing().registerHandlerInterceptor(
                            readModel, c -> commits.interceptor()));
        }
    }
}
