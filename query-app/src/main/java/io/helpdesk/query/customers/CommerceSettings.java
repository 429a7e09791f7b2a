package io.helpdesk.query.customers;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * helpdesk.commerce.*: the shop or ERP API that knows customers and their orders (none by default). It is
 * asked {@code GET {base-url}/customers?email=} (a customer object with {@code id} and {@code name}, 404 when
 * unknown) and {@code GET {base-url}/customers/{id}/orders?limit=} (a list of orders).
 */
@ConfigurationProperties("helpdesk.commerce")
public record CommerceSettings(String baseUrl, Duration timeout, Duration cacheTtl, Integer recentOrders,
                               Duration breakerOpen) {

    public CommerceSettings {
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        cacheTtl = cacheTtl == null ? Duration.ofMinutes(5) : cacheTtl;
        recentOrders = recentOrders == null ? 5 : recentOrders;
        breakerOpen = breakerOpen == null ? Duration.ofSeconds(30) : breakerOpen;
    }

    boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }
}
