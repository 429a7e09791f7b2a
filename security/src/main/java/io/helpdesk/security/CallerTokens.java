package io.helpdesk.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the user, roles and teams out of a verified token, under the claim names configured. */
public final class CallerTokens implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final JwtSettings settings;
    /**
     * Callers read from tokens, by token instance (weak keys compare by identity): a remembered verified token
     * comes back as the same instance with every request, and its claims were read twice per request.
     */
    private final Cache<Jwt, Caller> read = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

    public CallerTokens(JwtSettings settings) {
        this.settings = settings;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        Caller caller = caller(jwt);
        return Mono.just(new JwtAuthenticationToken(
                jwt, caller.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList(),
                caller.user()));
    }

    public Caller caller(Jwt jwt) {
        return read.get(jwt, this::read);
    }

    private Caller read(Jwt jwt) {
        List<String> users = values(jwt, settings.userClaim());
        String user = users.isEmpty() ? jwt.getSubject() : users.get(0);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        values(jwt, settings.rolesClaim()).forEach(value -> Role.parse(value).ifPresent(roles::add));
        return new Caller(user == null ? "" : user, roles, values(jwt, settings.teamsClaim()));
    }

    /** A claim's values; the name may be a dotted path into nested objects. */
    private static List<String> values(Jwt jwt, String claim) {
        Object value = jwt.getClaims();
        for (String part : claim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> values.add(String.valueOf(item)));
        } else if (value != null) {
            values.addAll(List.of(String.valueOf(value).split("[\\s,]+")));
        }
        return values.stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
