package io.helpdesk.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderFirewallTest {

    private static final String BEARER = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJl";
    private static final List<String> SAMPLES = Arrays.asList(
            "", "Authorization", BEARER, "a b ~ !",
            "a\tb", "\t", "a\u0000b", "\u0007", "line\nbreak", "\r", "\u007f", "\u0085", "caf\u00e9",
            "\u00a0no-break", "\u4e2d\u6587", "\ud83d\ude00", "\u0378", "\ud83d", "\ue000", "\u2028");

    @Test
    void header_names_values_and_parameter_names_are_judged_as_spring_security_judges_them() {
        List<String> values = new ArrayList<>(SAMPLES);
        values.add(null);
        agree(HeaderFirewall.printableOr(true, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES),
              StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES, values);
        agree(HeaderFirewall.printableOr(false, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES),
              StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES, SAMPLES);
        agree(HeaderFirewall.printableOr(false, StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES),
              StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES, SAMPLES);
    }

    @Test
    void the_apps_firewall_rejects_a_control_character_in_a_header_and_passes_a_bearer_token() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                                                         SecurityAutoConfiguration.class))
                .withUserConfiguration(SecuritySetupTest.AppRules.class)
                .withPropertyValues("helpdesk.security.jwt.hmac-secret=a-development-key-of-at-least-32-bytes")
                .run(context -> {
                    ServerWebExchangeFirewall firewall = context.getBean(ServerWebExchangeFirewall.class);
                    assertThat(headerSeen(firewall, "Authorization", BEARER)).isEqualTo(BEARER);
                    assertThatThrownBy(() -> headerSeen(firewall, "X-Note", "ring\u0007bell"))
                            .isInstanceOf(ServerExchangeRejectedException.class);
                    assertThatThrownBy(() -> headerSeen(firewall, "X-N\u0000te", "value"))
                            .isInstanceOf(ServerExchangeRejectedException.class);
                });
    }

    private static void agree(Predicate<String> fast, Predicate<String> spring, List<String> samples) {
        for (String sample : samples) {
            assertThat(fast.test(sample)).as("%s", sample == null ? null : sample.codePoints().boxed().toList())
                                         .isEqualTo(spring.test(sample));
        }
    }

    private static String headerSeen(ServerWebExchangeFirewall firewall, String name, String value) {
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/inbox")
                                                                                     .header(name, value));
        return firewall.getFirewalledExchange(exchange).block().getRequest().getHeaders().getFirst(name);
    }
}
