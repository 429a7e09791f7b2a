package io.helpdesk.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokensTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJl";
    private static final List<String> HEADERS = Arrays.asList(
            null, "", "Bearer", "Bearer ", "Bearer  " + JWT, "Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT,
            "BeArEr " + JWT, "Bearer " + JWT + "=", "Bearer " + JWT + "==", "Bearer abc=def", "Bearer =",
            "Bearer a-b.c_d~e+f/g", "Bearer " + JWT + " ", " Bearer " + JWT, "Bearer\t" + JWT, "Bearer:" + JWT,
            "Bearer " + JWT + "!", "Bearer caf\u00e9", "Basic dXNlcjpwYXNz", "Bearertoken", "Token " + JWT,
            "Bearer " + JWT + ",Bearer " + JWT);

    @Test
    void every_authorization_header_is_answered_as_spring_security_answers_it() {
        for (boolean query : new boolean[] {false, true}) {
            ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();
            spring.setAllowUriQueryParameter(query);
            BearerTokens ours = new BearerTokens(query);
            for (String header : HEADERS) {
                MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/inbox");
                if (header != null) {
                    request.header(HttpHeaders.AUTHORIZATION, header);
                }
                assertThat(answer(ours, request)).as("%s (query allowed: %s)", header, query)
                                                 .isEqualTo(answer(spring, request));
            }
        }
    }

    @Test
    void a_well_formed_header_is_read_without_spring_securitys_expression_and_others_are_left_to_it() {
        assertThat(BearerTokens.token("Bearer " + JWT)).isEqualTo(JWT);
        assertThat(BearerTokens.token("bearer " + JWT + "==")).isEqualTo(JWT + "==");
        assertThat(BearerTokens.token("Bearer " + JWT + " ")).isNull();
        assertThat(BearerTokens.token("Bearer =")).isNull();
        assertThat(BearerTokens.token("Basic dXNlcjpwYXNz")).isNull();
        assertThat(BearerTokens.token(null)).isNull();
    }

    @Test
    void a_token_in_the_query_as_well_as_in_the_header_is_still_refused_where_the_query_may_carry_one() {
        MockServerHttpRequest.BaseBuilder<?> both = MockServerHttpRequest.get("/api/live?access_token=" + JWT)
                                                                         .header(HttpHeaders.AUTHORIZATION,
                                                                                 "Bearer " + JWT);
        ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();
        spring.setAllowUriQueryParameter(true);
        assertThat(answer(new BearerTokens(true), both)).isEqualTo(answer(spring, both))
                                                        .startsWith("refused");
        MockServerHttpRequest.BaseBuilder<?> query = MockServerHttpRequest.get("/api/live?access_token=" + JWT);
        assertThat(answer(new BearerTokens(true), query)).isEqualTo("token " + JWT);
    }

    /** What a converter makes of a request: its token, none, or the error it refuses the request with. */
    private static String answer(ServerAuthenticationConverter converter, MockServerHttpRequest.BaseBuilder<?> request) {
        try {
            Authentication authentication = converter.convert(MockServerWebExchange.from(request)).block();
            return authentication == null ? "none"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (RuntimeException refused) {
            return "refused " + refused.getClass().getSimpleName() + ": " + refused.getMessage();
        }
    }
}
