package io.helpdesk.query.web;

import io.helpdesk.security.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static io.helpdesk.security.Role.ADMIN;
import static io.helpdesk.security.Role.AGENT;
import static io.helpdesk.security.Role.MANAGER;
import static io.helpdesk.security.Role.VIEWER;

/**
 * Who may read what. VIEWER: the dashboards (SLA views, analytics figures, the live stream). AGENT: the
 * inbox, tickets with their customer's context, contacts and organizations, notifications, channels (private ones only as a member),
 * SLA views and analytics figures. MANAGER: as AGENT, plus the ticket-level analytics drill-down and CSV, the
 * audit trail export and time travel. ADMIN: everything, plus rebuilds, processor status and SLA what-ifs.
 */
@Configuration(proxyBeanMethods = false)
public class AccessRules {

    @Bean
    SecurityWebFilterChain querySecurity(ServerHttpSecurity http, ApiSecurity security) {
        String[] everyone = ApiSecurity.roles(VIEWER, AGENT, MANAGER, ADMIN);
        String[] staff = ApiSecurity.roles(AGENT, MANAGER, ADMIN);
        String[] leads = ApiSecurity.roles(MANAGER, ADMIN);
        return security.chain(http, rules -> rules
                // The dashboard's files and what it needs before sign-in: no secrets, open to all.
                .pathMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/favicon.ico", "/api/ui/config")
                .permitAll()
                .pathMatchers("/api/admin/**").hasRole(ADMIN.name())
                .pathMatchers("/api/audit/**", "/api/history/**").hasAnyRole(leads)
                .pathMatchers("/api/analytics/tickets", "/api/analytics/tickets.csv").hasAnyRole(leads)
                .pathMatchers(HttpMethod.GET, "/api/analytics/**", "/api/sla/**", "/api/stream")
                .hasAnyRole(everyone)
                .pathMatchers("/api/inbox", "/api/tickets/**", "/api/customers/**", "/api/notifications/**",
                              "/api/notifications", "/api/channels/**", "/api/channels", "/api/contacts",
                              "/api/contacts/**", "/api/organizations", "/api/organizations/**")
                .hasAnyRole(staff));
    }
}
