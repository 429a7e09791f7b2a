package io.helpdesk.command.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.util.function.Function;
import java.util.function.Supplier;

/** How a call to an HTTP provider's API is tried and how its failures are told apart, the same for each provider. */
final class ProviderCalls {

    private ProviderCalls() {
    }

    /**
     * The call, retried with backoff behind the provider's circuit breaker; a refusal ends it at once. Whatever
     * else keeps failing becomes {@link DeliveryFailures.Unavailable}, named after the provider.
     */
    static <T> T attempt(String provider, Retry retry, CircuitBreaker breaker, Supplier<T> call) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
        } catch (CallNotPermittedException open) {
            throw new DeliveryFailures.Unavailable(provider + ": the API failed repeatedly; not tried again while "
                                                           + "its circuit breaker is open");
        } catch (DeliveryFailures.Refused refused) {
            throw refused;
        } catch (RuntimeException failure) {
            throw new DeliveryFailures.Unavailable(provider + ": " + DeliveryFailures.root(failure));
        }
    }

    /**
     * A 4xx answer is the provider refusing this reply for good ({@code reason} reads the provider's error body),
     * except 401 and 403 (credentials to fix, then retry) and 429 (too many requests), which are tried again.
     */
    static RuntimeException refusedOrRetried(WebClientResponseException answer, String provider,
                                             Function<WebClientResponseException, String> reason) {
        int status = answer.getStatusCode().value();
        if (status >= 400 && status < 500 && status != 429 && status != 401 && status != 403) {
            return new DeliveryFailures.Refused(provider + " refused the reply: " + reason.apply(answer));
        }
        return answer;
    }
}
