package io.helpdesk.eventstore.deadletters;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/** ADMIN: dead letters of the processing groups, and retrying or evicting an aggregate's sequence of them. */
@RestController
public class DeadLetterEndpoint {

    public record Evicted(String group, String sequence, long evicted) {
    }

    private final DeadLetters deadLetters;

    public DeadLetterEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/admin/dead-letters")
    public Mono<List<DeadLetters.Letter>> list(@RequestParam(required = false) String group,
                                               @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        return blocking(() -> deadLetters.list(group, limit));
    }

    @PostMapping("/api/admin/dead-letters/{group}/{sequence}/retry")
    public Mono<DeadLetters.Retried> retry(@PathVariable String group, @PathVariable String sequence) {
        return blocking(() -> deadLetters.retry(group, sequence));
    }

    @DeleteMapping("/api/admin/dead-letters/{group}/{sequence}")
    public Mono<Evicted> evict(@PathVariable String group, @PathVariable String sequence) {
        return blocking(() -> new Evicted(group, sequence, deadLetters.evict(group, sequence)));
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work)
                   .subscribeOn(Schedulers.boundedElastic())
                   .onErrorMap(NoSuchElementException.class,
                               e -> new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage()));
    }
}
